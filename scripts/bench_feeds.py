"""Benchmark: polling many feeds by URL, as a cron job does.

Serves ``--feeds`` RSS feeds of ``--items`` items each (with ETags) from local HTTP
servers on loopback addresses 127.0.0.1..127.0.0.N (one "host" per address, so the
per-host limit applies as it would across outlets); one feed sits on its own host that
answers ``--slow`` seconds late. Then runs the real command, whole process, as cron would:

    summarize dedup --inputs-from feeds.txt --index DB --emit new -o new.xml

again and again: the first poll (everything new), polls where every feed answers 304 Not
Modified (once with the slow host still slow, then ``--repeat`` times with it answering at
once), and a poll of the same feeds without the index (every feed fetched and parsed).
Prints wall-clock seconds of each, and the time the first poll would need if the fetches
were made one after another (the sum of the servers' answer times, at least the slow one).

    python scripts/bench_feeds.py [--feeds 50] [--items 50] [--slow 2] [--repeat 3]
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from xml.sax.saxutils import escape

WORDS = ("minister council harbour vote budget river storm school doctor market festival bridge railway farmer museum "
         "police court energy station hospital village island mountain coast election league season player coach "
         "airport factory worker teacher student forest garden library theatre concert bank price wage union strike "
         "treaty border army navy climate flood drought harvest export import report inquiry mayor judge").split()


def feed_xml(n: int, items: int) -> bytes:
    rng = random.Random(n)
    parts = [f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Outlet {n}</title>'
             f"<link>http://outlet{n}.example/</link><description>Outlet {n}</description>"]
    for i in range(items):
        text = " ".join(rng.choice(WORDS) for _ in range(120))
        parts.append(f"<item><guid>outlet{n}-{i}</guid><title>Story {n}.{i}</title><link>http://outlet{n}.example/{i}</link>"
                     f"<pubDate>Wed, 02 Dec 2026 10:{i % 60:02d}:00 GMT</pubDate><description>{escape(text)}</description></item>")
    parts.append("</channel></rss>")
    return "".join(parts).encode()


def serve(address: str, feeds: dict[str, bytes], delay: list[float]) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args) -> None:
            pass

        def do_GET(self) -> None:  # noqa: N802
            body = feeds.get(self.path)
            if delay[0]:
                time.sleep(delay[0])
            if body is None:
                self.send_response(404)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            etag = f'"{hash(body) & 0xFFFFFFFF:x}"'
            if self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("ETag", etag)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    httpd = ThreadingHTTPServer((address, 0), Handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd


def timed(args: list[str]) -> tuple[float, subprocess.CompletedProcess]:
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "summarize", *args], capture_output=True, text=True)
    return time.perf_counter() - start, proc


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--feeds", type=int, default=50)
    parser.add_argument("--items", type=int, default=50)
    parser.add_argument("--hosts", type=int, default=10, help="loopback addresses the feeds are spread over")
    parser.add_argument("--slow", type=float, default=2.0, help="seconds the slow host takes to answer")
    parser.add_argument("--repeat", type=int, default=3, help="304 polls timed (the median is printed)")
    args = parser.parse_args()

    servers, urls = [], []
    per_host: list[dict[str, bytes]] = [{} for _ in range(args.hosts)]
    for n in range(args.feeds - 1):
        per_host[n % args.hosts][f"/feed{n}.xml"] = feed_xml(n, args.items)
    for h, feeds in enumerate(per_host):
        httpd = serve(f"127.0.0.{h + 1}", feeds, [0.0])
        servers.append(httpd)
        urls += [f"http://127.0.0.{h + 1}:{httpd.server_address[1]}{path}" for path in feeds]
    slow_delay = [args.slow]
    slow = serve(f"127.0.0.{args.hosts + 1}", {"/slow.xml": feed_xml(args.feeds, args.items)}, slow_delay)
    servers.append(slow)
    urls.append(f"http://127.0.0.{args.hosts + 1}:{slow.server_address[1]}/slow.xml")

    with tempfile.TemporaryDirectory() as tmp:
        listing = Path(tmp, "feeds.txt")
        listing.write_text("\n".join(urls) + "\n")
        db, out = str(Path(tmp, "news.db")), str(Path(tmp, "new.xml"))
        poll = ["dedup", "--inputs-from", str(listing), "--index", db, "--emit", "new", "-o", out]
        first, proc = timed(poll)
        if proc.returncode not in (0, 1):
            sys.exit(f"first poll failed ({proc.returncode}): {proc.stderr}")
        emitted = Path(out).read_text().count("<item>")
        slow_304, _ = timed(poll)
        slow_delay[0] = 0.0  # the 304 polls measure this tool, not the slow host
        times = []
        for _ in range(args.repeat):
            t, proc = timed(poll)
            times.append(t)
            if proc.returncode != 0 or Path(out).read_text().count("<item>"):
                sys.exit(f"304 poll emitted items or failed ({proc.returncode}): {proc.stderr}")
        unindexed, _ = timed(["dedup", "--inputs-from", str(listing), "--emit", "unique", "-o", out])
        help_time, _ = timed(["--version"])
    for s in servers:
        s.shutdown()
    times.sort()
    print(f"{args.feeds} feeds x {args.items} items over {args.hosts + 1} loopback hosts, one answering after {args.slow:g} s")
    print(f"first poll (index empty):        {first:6.2f} s  ({emitted} items emitted)")
    print(f"all-304 poll, slow host still slow: {slow_304:6.2f} s")
    print(f"all-304 poll (median of {args.repeat}):     {times[len(times) // 2]:6.2f} s  (min {times[0]:.2f}, max {times[-1]:.2f})")
    print(f"poll without --index (no 304s):  {unindexed:6.2f} s")
    print(f"interpreter + CLI start-up:      {help_time:6.2f} s  (summarize --version)")


if __name__ == "__main__":
    main()
