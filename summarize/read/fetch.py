"""Fetching URL inputs over HTTP(S) with httpx: many at once, politely, within limits.

Every URL of a run is fetched before reading starts, on a pool of threads with at
most ``per_host`` requests to one host at a time, so one slow outlet does not hold
the others up. Each request has connect and read timeouts, follows redirects,
accepts gzip/deflate (and brotli/zstd when httpx has their decoders), stops at
``max_bytes`` of decoded content, and names the tool (``summarize/<version>``).
429 and 5xx answers are retried with exponential backoff, honouring Retry-After.
A URL with a remembered ETag or Last-Modified is asked for conditionally: 304 Not
Modified comes back as a :class:`Fetched` without content. A URL that fails is a
:class:`Fetched` with a one-phrase ``error``; nothing here raises for one URL.
"""

from __future__ import annotations

import email.utils
import importlib
import sys
import threading
import time
import types
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from urllib.parse import urlsplit

from summarize import __version__


@dataclass(frozen=True)
class FetchSettings:
    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    max_bytes: int = 50 << 20  # decoded content per URL
    retries: int = 3  # further attempts after a 429/5xx or a dropped connection
    backoff: float = 1.0  # seconds before the first retry, doubled each time
    max_wait: float = 60.0  # a longer Retry-After gives up instead of waiting
    per_host: int = 4
    workers: int = 16
    max_redirects: int = 10


@dataclass
class Fetched:
    """What one URL gave: content (None for a 304 or an error), validators for next time."""

    url: str
    final_url: str | None = None
    status: int | None = None
    content: bytes | None = None
    content_type: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    error: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def is_url(text: str) -> bool:
    return text[:8].lower().startswith(("http://", "https://"))


def user_agent() -> str:
    return f"summarize/{__version__} (+feed deduplication)"


ACCEPT = ("application/rss+xml, application/atom+xml, application/feed+json, application/rdf+xml, "
          "application/xml;q=0.9, text/xml;q=0.9, text/html;q=0.8, */*;q=0.5")


def fetch_all(urls: Iterable[str], validators: Mapping[str, tuple[str | None, str | None]] | None = None,
              settings: FetchSettings = FetchSettings(), sleep: Callable[[float], None] = time.sleep) -> dict[str, Fetched]:
    """``url -> Fetched`` for every distinct URL; ``validators`` maps a URL to its stored (ETag, Last-Modified)."""
    wanted = list(dict.fromkeys(urls))
    if not wanted:
        return {}
    httpx = import_httpx()

    validators = validators or {}
    hosts: dict[str, threading.Semaphore] = {}
    for url in wanted:
        hosts.setdefault(_host(url), threading.Semaphore(settings.per_host))
    timeout = httpx.Timeout(settings.read_timeout, connect=settings.connect_timeout)
    limits = httpx.Limits(max_connections=settings.workers, max_keepalive_connections=settings.workers)
    headers = {"User-Agent": user_agent(), "Accept": ACCEPT}
    with httpx.Client(timeout=timeout, headers=headers, follow_redirects=True, max_redirects=settings.max_redirects,
                      transport=_SchemeTransport(limits)) as client:
        def one(url: str) -> Fetched:
            with hosts[_host(url)]:
                return _fetch(client, url, validators.get(url), settings, sleep)

        with ThreadPoolExecutor(max_workers=min(settings.workers, len(wanted))) as pool:
            return dict(zip(wanted, pool.map(one, wanted)))


class _SchemeTransport:
    """httpx's transport, one per scheme, made when first used: plain http needs no TLS context,
    whose certificate bundle takes a good part of an all-304 poll to load."""

    def __init__(self, limits) -> None:
        self._limits = limits
        self._made: dict[str, object] = {}
        self._lock = threading.Lock()

    def _for(self, scheme: str):
        import httpx

        with self._lock:
            if scheme not in self._made:
                tls = {} if scheme == "https" else {"verify": False}  # no TLS on plain http: nothing to verify
                self._made[scheme] = httpx.HTTPTransport(limits=self._limits, **tls)
            return self._made[scheme]

    def handle_request(self, request):
        return self._for(request.url.scheme).handle_request(request)

    def close(self) -> None:
        for transport in self._made.values():
            transport.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def import_httpx():
    """httpx, without loading its command-line client up front. httpx imports that client (with rich's
    console and pygments) whenever click and rich are installed, as they are beside typer: 70 ms, a
    seventh of an all-304 poll. ``httpx.main`` still works: it loads the real client when called."""
    if "httpx" not in sys.modules and "httpx._main" not in sys.modules:
        stub = types.ModuleType("httpx._main")

        def main(*args, **kwargs):
            del sys.modules["httpx._main"]
            return importlib.import_module("httpx._main").main(*args, **kwargs)

        stub.main = main
        sys.modules["httpx._main"] = stub
    import httpx

    return httpx


def _host(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def _fetch(client, url: str, known: tuple[str | None, str | None] | None, settings: FetchSettings,
           sleep: Callable[[float], None]) -> Fetched:
    import httpx

    headers = {}
    if known:
        etag, modified = known
        if etag:
            headers["If-None-Match"] = etag
        if modified:
            headers["If-Modified-Since"] = modified
    delay = settings.backoff
    for attempt in range(settings.retries + 1):
        last = attempt == settings.retries
        try:
            with client.stream("GET", url, headers=headers) as response:
                status = response.status_code
                if status == 429 or status >= 500:
                    wait = _retry_after(response.headers.get("Retry-After"), delay)
                    reason = f"HTTP {status} {response.reason_phrase}".rstrip()
                    if last or wait > settings.max_wait:
                        hint = f" (retry after {wait:.0f} s)" if wait > settings.max_wait else f" after {attempt + 1} attempts"
                        return Fetched(url, str(response.url), status, error=reason + hint)
                    sleep(wait)
                    delay *= 2
                    continue
                fetched = Fetched(url, str(response.url), status, content_type=response.headers.get("Content-Type"),
                                  etag=response.headers.get("ETag"), last_modified=response.headers.get("Last-Modified"))
                if status == 304:
                    if known:  # the server kept no new validators: the stored ones stay true
                        fetched.etag = fetched.etag or known[0]
                        fetched.last_modified = fetched.last_modified or known[1]
                    return fetched
                if status >= 400:
                    fetched.error = f"HTTP {status} {response.reason_phrase}".rstrip()
                    return fetched
                declared = response.headers.get("Content-Length")
                if declared and declared.isdigit() and int(declared) > settings.max_bytes and "Content-Encoding" not in response.headers:
                    fetched.error = f"larger than {_mb(settings.max_bytes)} ({_mb(int(declared))})"
                    return fetched
                chunks, size = [], 0
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    if size > settings.max_bytes:
                        fetched.error = f"larger than {_mb(settings.max_bytes)}"
                        return fetched
                    chunks.append(chunk)
                fetched.content = b"".join(chunks)
                return fetched
        except httpx.TooManyRedirects:
            return Fetched(url, error=f"more than {settings.max_redirects} redirects")
        except httpx.ConnectTimeout:
            return Fetched(url, error=f"no connection within {settings.connect_timeout:g} s")
        except httpx.TimeoutException:
            return Fetched(url, error=f"timed out (no data for {settings.read_timeout:g} s)")
        except httpx.DecodingError as exc:
            return Fetched(url, error=f"undecodable response ({exc})")
        except (httpx.RemoteProtocolError, httpx.ReadError) as exc:  # a dropped connection: worth another try
            if last:
                return Fetched(url, error=f"connection broken ({_short(exc)})")
            sleep(delay)
            delay *= 2
        except httpx.ConnectError as exc:
            return Fetched(url, error=f"cannot connect ({_short(exc)})")
        except httpx.UnsupportedProtocol as exc:
            return Fetched(url, error=_short(exc))
        except httpx.HTTPError as exc:
            return Fetched(url, error=f"{type(exc).__name__}: {_short(exc)}")
    return Fetched(url, error="gave up")  # not reached: the last attempt returns


def _retry_after(value: str | None, default: float) -> float:
    """Seconds to wait from a Retry-After header (seconds or an HTTP date), else ``default``."""
    if not value:
        return default
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return default
    return max(0.0, when.timestamp() - time.time())


def _mb(n: int) -> str:
    return f"{n / (1 << 20):.1f} MB" if n % (1 << 20) else f"{n >> 20} MB"


def _short(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__
