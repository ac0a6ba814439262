"""A real HTTP server on 127.0.0.1 for URL-input tests: routes changed between polls, requests recorded."""

from __future__ import annotations

import gzip
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Route:
    body: bytes = b""
    content_type: str = "application/rss+xml; charset=utf-8"
    status: int = 200
    etag: str | None = None
    last_modified: str | None = None
    gzip: bool = False
    delay: float = 0.0  # seconds before answering (a slow host)
    location: str | None = None  # a redirect's target
    retry_after: str | None = None
    fail_first: int = 0  # answer ``status`` this many times, then 200 with the body
    served: int = 0


@dataclass
class FeedServer:
    routes: dict[str, Route] = field(default_factory=dict)
    requests: list[tuple[str, dict]] = field(default_factory=list)
    port: int = 0

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def set(self, path: str, body: bytes | str = b"", **options) -> str:
        if isinstance(body, str):
            body = body.encode("utf-8")
        self.routes[path] = Route(body, **options)
        return self.url(path)

    def hits(self, path: str) -> list[dict]:
        return [headers for p, headers in self.requests if p == path]


def _handler(server: FeedServer):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args) -> None:  # quiet
            pass

        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            server.requests.append((self.path, {k.lower(): v for k, v in self.headers.items()}))
            route = server.routes.get(self.path)
            if route is None:
                return self._send(404, b"<html><body>Not Found</body></html>", "text/html")
            route.served += 1
            if route.delay:
                time.sleep(route.delay)
            if route.location:
                self.send_response(route.status)
                self.send_header("Location", route.location)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            if route.fail_first:
                route.fail_first -= 1
                status = route.status
                if not route.fail_first:
                    route.status = 200  # recovered
                extra = {"Retry-After": route.retry_after} if route.retry_after else {}
                return self._send(status, b"busy", "text/plain", extra)
            if route.status != 200:
                return self._send(route.status, route.body, route.content_type)
            validators = {}
            if route.etag:
                validators["ETag"] = route.etag
            if route.last_modified:
                validators["Last-Modified"] = route.last_modified
            etag_ok = route.etag and self.headers.get("If-None-Match") == route.etag
            date_ok = route.last_modified and self.headers.get("If-Modified-Since") == route.last_modified
            if etag_ok or (date_ok and not self.headers.get("If-None-Match")):
                return self._send(304, b"", None, validators)
            body, extra = route.body, dict(validators)
            if route.gzip and "gzip" in self.headers.get("Accept-Encoding", ""):
                body, extra["Content-Encoding"] = gzip.compress(body), "gzip"
            return self._send(200, body, route.content_type, extra)

        def _send(self, status: int, body: bytes, content_type: str | None, headers: dict | None = None) -> None:
            self.send_response(status)
            if content_type:
                self.send_header("Content-Type", content_type)
            for k, v in (headers or {}).items():
                self.send_header(k, v)
            if status != 304:
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if status != 304:
                self.wfile.write(body)

    return Handler


def start() -> tuple[FeedServer, ThreadingHTTPServer, threading.Thread]:
    server = FeedServer()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(server))
    httpd.daemon_threads = True
    server.port = httpd.server_address[1]
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    return server, httpd, thread


def rss(title: str, items: list[dict]) -> str:
    """An RSS 2.0 feed of ``items`` (keys guid, title, link, text, date)."""
    from xml.sax.saxutils import escape

    parts = [f'<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>{escape(title)}</title>'
             f"<link>http://example.org/</link><description>{escape(title)}</description>"]
    for it in items:
        parts.append("<item>")
        if "guid" in it:
            parts.append(f"<guid isPermaLink=\"false\">{escape(it['guid'])}</guid>")
        parts.append(f"<title>{escape(it.get('title', ''))}</title>")
        if "link" in it:
            parts.append(f"<link>{escape(it['link'])}</link>")
        if "date" in it:
            parts.append(f"<pubDate>{escape(it['date'])}</pubDate>")
        parts.append(f"<description>{escape(it['text'])}</description></item>")
    parts.append("</channel></rss>\n")
    return "".join(parts)
