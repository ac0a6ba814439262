"""Smoke run: every command over every input kind, as a user would after the README's install.

Builds one small article in each input kind (text, Markdown, HTML, JSON Lines, RSS, Atom,
JSON Feed; each also through stdin and as a URL of a loopback HTTP server) in a temporary
folder, runs every command on it with
this interpreter's ``summarize`` and fails (exit 1) on any traceback or unexpected exit
status. CI runs it in a venv with exactly the README's ``.[ml]`` install (no test extras),
so an import the runtime needs but does not declare shows up here.

    python scripts/smoke.py            # all commands
    python scripts/smoke.py --no-model # skip the embed digest (no model load)
"""

from __future__ import annotations

import argparse
import functools
import json
import subprocess
import sys
import tempfile
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

TITLE = "Harbour council approves new ferry timetable"
PARAGRAPHS = [
    "The harbour council voted on Tuesday to add three evening ferry crossings from March, "
    "after commuters complained that the last boat left before most offices closed.",
    "Council members said the extra crossings would cost about 40,000 pounds a year, "
    "paid for by a small rise in the parking charge at the terminal.",
    "The ferry operator said it had enough crews for the new timetable. Passengers will be "
    "able to buy tickets on board until a new machine is installed at the pier in the summer.",
]
URL = "https://example.org/news/ferry-timetable"


def inputs() -> dict[str, tuple[str, str]]:
    """File name and content of the article in each input kind."""
    body = "\n\n".join(PARAGRAPHS)
    html_paragraphs = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    item_html = html_paragraphs.replace("<", "&lt;").replace(">", "&gt;")
    return {
        "text": ("story.txt", f"{TITLE}\n\n{body}\n"),
        "markdown": ("story.md", f"# {TITLE}\n\n{body}\n"),
        "html": ("story.html", f"<!doctype html><html><head><title>{TITLE}</title></head><body><article>"
                               f"<h1>{TITLE}</h1>{html_paragraphs}</article></body></html>"),
        "jsonl": ("story.jsonl", json.dumps({"id": "ferry", "title": TITLE, "text": body, "url": URL}) + "\n"),
        "rss": ("story.rss", f'<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour News</title>'
                             f"<link>https://example.org/</link><description>News</description><item><title>{TITLE}"
                             f"</title><link>{URL}</link><description>{item_html}</description></item></channel></rss>"),
        "atom": ("story.atom", f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
                               f"<title>Harbour News</title><id>urn:harbour</id><updated>2024-03-01T10:00:00Z</updated>"
                               f'<entry><title>{TITLE}</title><id>urn:ferry</id><link href="{URL}"/>'
                               f'<updated>2024-03-01T10:00:00Z</updated><content type="html">{item_html}</content>'
                               f"</entry></feed>"),
        "jsonfeed": ("story.json", json.dumps({"version": "https://jsonfeed.org/version/1.1", "title": "Harbour News",
                                               "items": [{"id": "ferry", "url": URL, "title": TITLE,
                                                          "content_html": html_paragraphs}]})),
    }


COMMANDS = {
    "split": ["split"],
    "clean": ["clean"],
    "dedup": ["dedup"],
    "digest lead": ["digest", "-m", "lead"],
    "digest embed": ["digest"],
    "digest group": ["digest", "--group", "-m", "lead"],
}


def run(args: list[str], cwd: Path, stdin: bytes = b"") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "summarize", *args], input=stdin, capture_output=True, cwd=cwd,
                          env={"HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "PATH": "/usr/bin:/bin",
                               "HOME": str(cwd)}, timeout=900)


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # the server's request log is not the smoke run's output
        pass


def serve(folder: Path) -> ThreadingHTTPServer:
    """A loopback HTTP server for ``folder``'s files, answering in a thread of its own."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-model", action="store_true", help="Skip digest's embed method (no model is loaded).")
    args = parser.parse_args()
    commands = {k: v for k, v in COMMANDS.items() if not (args.no_model and k == "digest embed")}
    failures = 0
    runs = 0
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="summarize-smoke-") as tmp:
        folder = Path(tmp)
        cases: list[tuple[str, list[str], bytes]] = []
        server = serve(folder)
        base = f"http://127.0.0.1:{server.server_address[1]}"
        for kind, (name, content) in inputs().items():
            (folder / name).write_text(content, encoding="utf-8")
            for label, command in commands.items():
                cases.append((f"{label} {kind} file", [*command, name], b""))
                cases.append((f"{label} {kind} stdin", [*command, "-"], content.encode()))
                cases.append((f"{label} {kind} url", [*command, f"{base}/{name}"], b""))
        subprocess.run(["git", "init", "-q"], cwd=folder, check=True)
        subprocess.run(["git", "add", "."], cwd=folder, check=True)
        cases.append(("check tracked files", ["check"], b""))
        cases.append(("check named files", ["check", "story.md", "story.txt", "story.html"], b""))
        cases.append(("help", ["--help"], b""))
        for label, command in commands.items():
            cases.append((f"{label} --help", [*command, "--help"], b""))
        for label, command, stdin in cases:
            proc = run(command, folder, stdin)
            runs += 1
            err = proc.stderr.decode("utf-8", "replace")
            out = proc.stdout.decode("utf-8", "replace")
            bad = "Traceback" in err or "Traceback" in out or proc.returncode not in (0, 1) or not out.strip()
            if bad:
                failures += 1
                print(f"FAIL {label}: summarize {' '.join(command)} -> exit {proc.returncode}\n{err}", file=sys.stderr)
        server.shutdown()
    seconds = time.monotonic() - started
    print(f"smoke: {runs} runs, {failures} failed, {seconds:.0f}s")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
