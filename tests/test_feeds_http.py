"""Feeds as a reader uses them: URL inputs from a real HTTP server on 127.0.0.1, conditional GET,
identity (seen / updated / new), --emit new, --since and merged feeds."""

from __future__ import annotations

import json
import random
import uuid
import xml.etree.ElementTree as ET

import pytest

from feedserver import rss, start
from summarize.read import read_inputs
from summarize.read.fetch import FetchSettings, fetch_all
from summarize.read.remote import Validators

WORDS = ("minister council harbour vote budget river storm school doctor market festival bridge railway farmer "
         "museum police court energy station hospital village island mountain coast election league season "
         "player coach airport factory worker teacher student village forest garden library theatre concert "
         "bank price wage union strike treaty border army navy climate flood drought harvest export import "
         "report inquiry mayor senator governor judge verdict appeal witness tunnel highway museum gallery").split()


def story(n: int, words: int = 70) -> str:
    rng = random.Random(n)
    return " ".join(rng.choice(WORDS) for _ in range(words)) + "."


def edited(text: str) -> str:
    """The same story with its ending rewritten (about a fifth of the words)."""
    words = text.split()
    cut = len(words) * 4 // 5
    return " ".join(words[:cut] + ["rewritten"] * (len(words) - cut))


@pytest.fixture
def server():
    srv, httpd, thread = start()
    yield srv
    httpd.shutdown()
    httpd.server_close()


def items(prefix: str, numbers, **extra) -> list[dict]:
    return [{"guid": f"{prefix}-{n}", "title": f"{prefix} story {n}", "link": f"http://{prefix}.example/{n}",
             "text": story(n), **extra} for n in numbers]


# -- URL inputs in every command -------------------------------------------------------------

def test_every_command_reads_feed_and_page_urls(cli, server):
    feed = server.set("/feed.xml", rss("Outlet", items("a", [1, 2])), etag='"v1"')
    page = server.set("/article", "<html><head><title>Page title</title></head><body><article><p>"
                      + story(7) + "</p><p>" + story(8) + "</p></article></body></html>", content_type="text/html")
    split = cli("split", feed, page)
    assert split.returncode == 0, split.stderr_text
    assert story(1) in split.stdout_text and story(8) in split.stdout_text
    clean = cli("clean", feed, "-f", "jsonl")
    assert clean.returncode == 0 and len(clean.stdout_text.splitlines()) == 2
    digest = cli("digest", "-m", "lead", "-n", "1", "-f", "jsonl", feed, page)
    assert digest.returncode == 0, digest.stderr_text
    assert [json.loads(l)["id"] for l in digest.stdout_text.splitlines()] == ["a-1", "a-2", page]
    dedup = cli("dedup", page, feed, "-f", "jsonl")
    assert [json.loads(l)["id"] for l in dedup.stdout_text.splitlines()] == [page, "a-1", "a-2"]
    ua = server.hits("/feed.xml")[0]["user-agent"]
    assert ua.startswith("summarize/")


def test_failed_url_is_one_line_naming_it_and_the_rest_goes_on(cli, server):
    good = server.set("/feed.xml", rss("Outlet", items("a", [1, 2])))
    forbidden = server.set("/blocked.xml", "<html><body><h1>403 Forbidden</h1></body></html>",
                           content_type="text/html", status=403)
    missing = server.url("/nothing-here")
    refused = "http://127.0.0.1:9/feed.xml"  # discard port: nothing listens
    proc = cli("dedup", good, forbidden, missing, refused, "-f", "jsonl")
    assert proc.returncode == 3, proc.stderr_text
    assert len(proc.stdout_text.splitlines()) == 2
    lines = proc.stderr_text.splitlines()
    assert any(forbidden in l and "HTTP 403" in l for l in lines)
    assert any(missing in l and "HTTP 404" in l for l in lines)
    assert any(refused in l and "cannot connect" in l for l in lines)
    assert "Traceback" not in proc.stderr_text


def test_redirect_gzip_atom_and_json_feed(server):
    atom = ('<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Atom outlet</title>'
            '<id>urn:x</id><updated>2026-12-01T00:00:00Z</updated><entry><id>urn:e1</id><title>E1</title>'
            f'<updated>2026-12-01T00:00:00Z</updated><content type="text">{story(3)}</content></entry></feed>')
    server.set("/atom", atom, content_type="application/atom+xml", gzip=True)
    moved = server.set("/old-atom", status=301, location="/atom")
    jf = server.set("/feed.json", json.dumps({"version": "https://jsonfeed.org/version/1.1", "title": "JF",
                                              "items": [{"id": "j1", "content_text": story(4)}]}),
                    content_type="application/feed+json")
    articles = list(read_inputs([moved, jf]))
    assert [a.id for a in articles] == ["urn:e1", "j1"]
    assert articles[0].text == story(3) and articles[0].source == moved
    assert server.routes["/atom"].served == 1 and "gzip" in server.hits("/atom")[0]["accept-encoding"]


def test_slow_host_times_out_without_holding_up_the_others(server):
    server.set("/slow.xml", rss("Slow", items("s", [1])), delay=3)
    fast = [server.set(f"/f{i}.xml", rss(f"F{i}", items(f"f{i}", [i]))) for i in range(4)]
    got = fetch_all([server.url("/slow.xml"), *fast], settings=FetchSettings(read_timeout=0.5, retries=0))
    assert "timed out" in got[server.url("/slow.xml")].error
    assert all(got[u].status == 200 and got[u].content for u in fast)


def test_429_is_retried_after_the_time_the_server_asks(server):
    url = server.set("/busy.xml", rss("Busy", items("b", [1])), status=429, retry_after="2", fail_first=1)
    waits = []
    got = fetch_all([url], sleep=waits.append)[url]
    assert got.status == 200 and got.content and waits == [2.0]
    assert len(server.hits("/busy.xml")) == 2
    server.set("/down.xml", status=503, fail_first=10)
    waits.clear()
    down = fetch_all([server.url("/down.xml")], settings=FetchSettings(retries=2, backoff=0.5), sleep=waits.append)
    assert "HTTP 503" in down[server.url("/down.xml")].error and waits == [0.5, 1.0]


def test_size_cap(server):
    url = server.set("/big.xml", rss("Big", items("g", range(50))))
    assert "larger than" in fetch_all([url], settings=FetchSettings(max_bytes=1000))[url].error


# -- conditional GET ---------------------------------------------------------------------------

@pytest.mark.parametrize("validator", [{"etag": '"abc"'}, {"last_modified": "Wed, 02 Dec 2026 10:00:00 GMT"}])
def test_not_modified_feed_yields_nothing_and_costs_no_parsing(cli, server, tmp_path, validator):
    url = server.set("/feed.xml", rss("Outlet", items("a", [1, 2, 3])), **validator)
    db = tmp_path / "seen.db"
    first = cli("dedup", url, "--index", str(db), "--emit", "new", "-f", "jsonl")
    assert first.returncode == 0 and len(first.stdout_text.splitlines()) == 3
    second = cli("dedup", url, "--index", str(db), "--emit", "new", "-f", "jsonl")
    assert second.returncode == 0, second.stderr_text
    assert second.stdout_text == ""
    assert "1 feeds not modified" in second.stderr_text
    asked = server.hits("/feed.xml")[1]
    assert asked.get("if-none-match") == validator.get("etag")
    assert asked.get("if-modified-since") == validator.get("last_modified")


def test_without_index_nothing_is_remembered(server):
    url = server.set("/feed.xml", rss("Outlet", items("a", [1])), etag='"x"')
    for _ in range(2):
        assert len(list(read_inputs([url], validators=Validators()))) == 1
    assert all("if-none-match" not in h for h in server.hits("/feed.xml"))


# -- the cron use: three polls -----------------------------------------------------------------

def _three_polls(cli, server, tmp_path, index: str, etags: bool):
    a_items = items("a", [1, 2, 3])
    b_items = items("b", [11, 12])
    b_items.append({"guid": "b-copy", "title": "wire copy", "link": "http://b.example/copy?utm_source=rss",
                    "text": story(2)})  # the same wire story as a-2
    options = {"etag": '"1"'} if etags else {}
    feed_a = server.set("/a.xml", rss("Outlet A", a_items), **options)
    feed_b = server.set("/b.rss", rss("Outlet B", b_items), **options)
    out = tmp_path / "new.xml"
    poll = ["dedup", feed_a, feed_b, "--index", index, "--emit", "new", "-o", str(out)]

    first = cli(*poll)
    assert first.returncode == 1, first.stderr_text  # the wire copy
    root = ET.parse(out).getroot()
    assert [g.text for g in root.iter("guid")] == ["a-1", "a-2", "a-3", "b-11", "b-12"]
    assert root.find("channel/title").text == "summarize: 2 feeds" and root.find("channel/link") is None
    sources = [(s.get("url"), s.text) for s in root.iter("source")]
    assert sources[0] == (feed_a, "Outlet A") and sources[-1] == (feed_b, "Outlet B")

    second = cli(*poll)
    assert second.returncode == 0, second.stderr_text
    assert list(ET.parse(out).getroot().iter("item")) == []

    a_items.append({"guid": "a-4", "title": "a story 4", "link": "http://a.example/4", "text": story(4)})
    b_items[0] = {**b_items[0], "text": edited(b_items[0]["text"])}  # b-11 rewritten under the same guid
    options = {"etag": '"2"'} if etags else {}
    server.set("/a.xml", rss("Outlet A", a_items), **options)
    server.set("/b.rss", rss("Outlet B", b_items), **options)
    third = cli(*poll, "--updates", "-f", "jsonl", "-o", "-")
    assert third.returncode == 0, third.stderr_text
    records = [json.loads(l) for l in third.stdout_text.splitlines()]
    assert [(r["id"], r["status"]) for r in records] == [("a-4", "new"), ("b-11", "updated")]
    assert records[0]["outlet"] == "Outlet A" and records[0]["url"] == "http://a.example/4"
    fourth = cli(*poll)  # the update was remembered: nothing more
    assert list(ET.parse(out).getroot().iter("item")) == [] and fourth.returncode == 0
    return third


@pytest.mark.parametrize("etags", [True, False], ids=["304", "full-responses"])
def test_cron_three_polls_sqlite(cli, server, tmp_path, etags):
    _three_polls(cli, server, tmp_path, str(tmp_path / "news.db"), etags)


@pytest.mark.redis
def test_cron_three_polls_redis(cli, server, tmp_path, redis_url):
    import redis

    prefix = f"feeds-{uuid.uuid4().hex}"  # tmp_path's name repeats from run to run on one server
    _three_polls(cli, server, tmp_path, f"{redis_url}?prefix={prefix}", etags=True)
    stored = redis.Redis.from_url(redis_url).hgetall(f"{prefix}:http")
    assert {k.decode() for k in stored} == {server.url("/a.xml"), server.url("/b.rss")}


def test_new_items_are_emitted_once_without_updates(cli, server, tmp_path):
    feed = server.set("/a.xml", rss("A", items("a", [1, 2])))
    db = str(tmp_path / "i.db")
    cli("dedup", feed, "--index", db, "--emit", "new", "-f", "jsonl")
    changed = items("a", [1, 2])
    changed[1]["text"] = edited(changed[1]["text"])
    server.set("/a.xml", rss("A", changed))
    proc = cli("dedup", feed, "--index", db, "--emit", "new", "-f", "jsonl")
    assert proc.stdout_text == "" and "1 updated" in proc.stderr_text


# -- --since -----------------------------------------------------------------------------------

def test_since_keeps_recent_and_undated_items(cli, server):
    feed = server.set("/a.xml", rss("A", [
        {"guid": "old", "title": "old", "text": story(1), "date": "Mon, 01 Jan 2024 10:00:00 GMT"},
        {"guid": "recent", "title": "recent", "text": story(2), "date": "Tue, 01 Dec 2026 10:00:00 GMT"},
        {"guid": "undated", "title": "undated", "text": story(3)},
    ]))
    proc = cli("dedup", feed, "--since", "2026-11-30", "--emit", "new", "-f", "jsonl")
    assert [json.loads(l)["id"] for l in proc.stdout_text.splitlines()] == ["recent", "undated"]
    assert "1 undated kept" in proc.stderr_text
    bad = cli("dedup", feed, "--since", "yesterday-ish")
    assert bad.returncode == 2 and "--since" in bad.stderr_text


# -- lists of inputs ---------------------------------------------------------------------------

def test_opml_and_inputs_from(cli, server, tmp_path):
    a = server.set("/a.xml", rss("A", items("a", [1])))
    b = server.set("/b.xml", rss("B", items("b", [2])))
    opml = tmp_path / "subs.opml"
    opml.write_text(f'<?xml version="1.0"?><opml version="2.0"><head><title>subs</title></head><body>'
                    f'<outline text="news"><outline type="rss" text="A" xmlUrl="{a}"/></outline>'
                    f'<outline type="rss" text="B" xmlUrl="{b}"/></body></opml>')
    proc = cli("dedup", str(opml), "-f", "jsonl")
    assert [json.loads(l)["id"] for l in proc.stdout_text.splitlines()] == ["a-1", "b-2"]
    remote = server.set("/subs.opml", opml.read_text(), content_type="text/x-opml")
    listed = cli("split", "--inputs-from", "-", input=f"# my feeds\n{remote}\n\n")
    assert listed.returncode == 0 and story(2) in listed.stdout_text
    none = cli("dedup")
    assert none.returncode == 2 and "Missing argument 'INPUT...' (or --inputs-from FILE)" in none.stderr_text
    empty = cli("dedup", "--inputs-from", "-", input="# nothing yet\n")
    assert empty.returncode == 2 and "no inputs" in empty.stderr_text


# -- feed or not -------------------------------------------------------------------------------

def test_html_error_page_given_as_a_feed_is_an_error_never_an_article(cli, server, tmp_path):
    page = "<!DOCTYPE html><html><head><title>403 Forbidden</title></head><body><h1>Forbidden</h1></body></html>"
    saved = tmp_path / "p.xml"
    saved.write_text(page)
    served = server.set("/rss", page, content_type="text/html")  # a feed's path, an error page's body
    typed = server.set("/x", page, content_type="application/rss+xml")
    good = server.set("/good.xml", rss("G", items("g", [1, 2])))
    out = tmp_path / "p-out.xml"
    proc = cli("dedup", str(saved), served, typed, good, "--emit", "unique", "-o", str(out))
    assert proc.returncode == 3, proc.stderr_text
    for name in (str(saved), served, typed):
        assert any(name in line and "HTML page" in line for line in proc.stderr_text.splitlines()), name
    assert [g.text for g in ET.parse(out).getroot().iter("guid")] == ["g-1", "g-2"]  # RSS, as -o asked


def test_merged_atom_and_json_feed_keep_each_items_outlet(cli, server, tmp_path):
    a = server.set("/a.xml", rss("Outlet A", items("a", [1])))
    b = server.set("/b.xml", rss("Outlet B", items("b", [2])))
    atom = tmp_path / "m.atom"
    assert cli("dedup", a, b, "--emit", "unique", "-o", str(atom), "--title", "Morning", "--link",
               "https://me.example/").returncode == 0
    ns = {"a": "http://www.w3.org/2005/Atom"}
    root = ET.parse(atom).getroot()
    assert root.find("a:title", ns).text == "Morning"
    assert [e.find("a:source/a:title", ns).text for e in root.findall("a:entry", ns)] == ["Outlet A", "Outlet B"]
    jf = tmp_path / "m.json"
    cli("dedup", a, b, "--emit", "unique", "-o", str(jf))
    doc = json.loads(jf.read_text())
    assert doc["title"] == "summarize: 2 feeds" and "home_page_url" not in doc
    assert [(i["id"], i["authors"][0]["name"], i["_summarize"]["feed"]) for i in doc["items"]] == [
        ("a-1", "Outlet A", a), ("b-2", "Outlet B", b)]


def test_help_states_urls_emit_new_since_identity_and_exit_status(cli):
    for command in ("dedup", "digest"):
        text = " ".join(cli(command, "--help").stdout_text.split())
        for phrase in ("URL", "--inputs-from", "Exit status", "3 done, but some inputs were skipped"):
            assert phrase in text, (command, phrase)
    text = " ".join(cli("dedup", "--help").stdout_text.split())
    for phrase in ("--emit", "new", "--since", "--updates", "identity", "guid"):
        assert phrase in text, phrase


def test_httpx_is_loaded_without_its_command_line_client_which_still_works():
    import subprocess
    import sys

    code = ("import sys; from summarize.read.fetch import import_httpx; httpx = import_httpx(); "
            "print('rich.console' in sys.modules, callable(httpx.main))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["False", "True"]
    proc = subprocess.run([sys.executable, "-c", "from summarize.read.fetch import import_httpx; import_httpx().main(['--help'])"],
                          capture_output=True, text=True)
    assert "Usage" in proc.stdout  # the real httpx client, loaded on demand
