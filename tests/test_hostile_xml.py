"""Hostile XML stays harmless: an external entity (XXE) pointing at a local file or at a URL is
never resolved -- nothing of the file reaches the output, no request is made -- and a
billion-laughs feed is not expanded; every command finishes with its usual exit status."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from conftest import run_cli

SECRET = "SECRET-MARKER-4711-do-not-leak"
BODY = ("The harbour council voted on Tuesday to add three evening ferry crossings from March, after "
        "commuters complained that the last boat left before most offices closed.")
COMMANDS = [["split"], ["clean"], ["dedup", "--emit", "unique", "-f", "jsonl"], ["digest", "-m", "lead"]]


def _rss(doctype: str, title: str, text: str) -> str:
    return (f'<?xml version="1.0" encoding="utf-8"?>\n{doctype}\n<rss version="2.0"><channel><title>News</title>'
            f"<link>https://example.org/</link><description>News</description>"
            f"<item><title>{title}</title><link>https://example.org/a</link><guid>a</guid>"
            f"<description>{text}</description></item></channel></rss>\n")


def _atom(doctype: str, title: str, text: str) -> str:
    return (f'<?xml version="1.0" encoding="utf-8"?>\n{doctype}\n<feed xmlns="http://www.w3.org/2005/Atom">'
            f"<title>News</title><id>urn:x</id><updated>2024-01-01T00:00:00Z</updated>"
            f"<entry><title>{title}</title><id>urn:a</id><updated>2024-01-01T00:00:00Z</updated>"
            f'<content type="text">{text}</content></entry></feed>\n')


def _xhtml(doctype: str, title: str, text: str) -> str:
    return (f'<?xml version="1.0" encoding="utf-8"?>\n{doctype}\n<html xmlns="http://www.w3.org/1999/xhtml">'
            f"<head><title>{title}</title></head><body><article><h1>{title}</h1><p>{text}</p>"
            f"<p>{BODY}</p></article></body></html>\n")


KINDS = {"rss": ("feed.rss", _rss), "atom": ("feed.atom", _atom), "xml": ("feed.xml", _rss),
         "xhtml": ("page.html", _xhtml)}


@pytest.fixture
def secret(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text(SECRET + "\n")
    return path


@pytest.fixture
def server():
    """A loopback HTTP server that records every request (an entity fetched over HTTP would show here)."""
    requests: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            requests.append(self.path)
            body = SECRET.encode()
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", requests
    httpd.shutdown()


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_an_external_entity_leaks_nothing(tmp_path, secret, server, kind, command):
    base, requests = server
    root = kind if kind != "xhtml" else "html"
    doctype = (f'<!DOCTYPE {root} [\n<!ENTITY xxe SYSTEM "file://{secret}">\n'
               f'<!ENTITY web SYSTEM "{base}/entity">\n<!ENTITY % param SYSTEM "{base}/param.dtd">\n%param;\n]>')
    name, make = KINDS[kind]
    path = tmp_path / name
    path.write_text(make(doctype, "Ferry news &xxe; &web;", f"{BODY} &xxe; &web;"))
    proc = run_cli(*command, str(path))
    assert "Traceback" not in proc.stderr_text
    assert proc.returncode in (0, 1, 2), proc.stderr_text
    assert SECRET not in proc.stdout_text and SECRET not in proc.stderr_text
    assert requests == []


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_a_billion_laughs_is_not_expanded(tmp_path, kind, command):
    root = kind if kind != "xhtml" else "html"
    levels = ['<!ENTITY lol0 "lol">'] + [f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)]
    doctype = f"<!DOCTYPE {root} [\n" + "\n".join(levels) + "\n]>"
    name, make = KINDS[kind]
    path = tmp_path / name
    path.write_text(make(doctype, "Ferry news &lol9;", f"{BODY} &lol9;"))
    proc = run_cli(*command, str(path))
    assert "Traceback" not in proc.stderr_text
    assert proc.returncode in (0, 1, 2), proc.stderr_text
    assert proc.stdout_text.count("lol") < 1000  # 10**9 "lol"s when expanded
