"""``summarize dedup`` end to end: the real command on real files (BBC slice, RSS, Atom, JSONL)."""

from __future__ import annotations

import json
from pathlib import Path

import feedparser

DEDUP = Path(__file__).resolve().parent / "fixtures" / "dedup"
BBC = str(DEDUP / "bbc_slice.jsonl")
SYNDICATED = str(DEDUP / "syndicated.jsonl")
RSS = str(DEDUP / "wire.rss")
ATOM = str(DEDUP / "news.atom")


def _lines(proc) -> list[dict]:
    return [json.loads(line) for line in proc.stdout_text.splitlines()]


def test_jsonl_one_line_per_article_in_input_order_exit_1(cli):
    proc = cli("dedup", BBC, "--format", "jsonl")
    assert proc.returncode == 1, proc.stderr_text
    rows = _lines(proc)
    ids = [json.loads(line)["id"] for line in Path(BBC).read_text().splitlines()]
    assert [r["id"] for r in rows] == ids
    assert all(set(r) == {"id", "cluster", "duplicate_of", "similarity"} for r in rows)
    by_id = {r["id"]: r for r in rows}
    assert by_id["sport/471"] == {"id": "sport/471", "cluster": "sport/467", "duplicate_of": "sport/467", "similarity": 1.0}
    assert by_id["sport/467"] == {"id": "sport/467", "cluster": "sport/467", "duplicate_of": None, "similarity": None}
    assert by_id["business/229"]["cluster"] == "business/209"


def test_exit_zero_and_no_duplicates(cli):
    assert cli("dedup", BBC, "-f", "jsonl", "--exit-zero").returncode == 0
    lines = Path(BBC).read_text().splitlines()
    distinct = "\n".join(lines[:2]) + "\n"  # two different stories
    proc = cli("dedup", "-", "--input-format", "jsonl", "-f", "jsonl", input=distinct)
    assert proc.returncode == 0, proc.stderr_text
    assert all(r["duplicate_of"] is None for r in _lines(proc))


def test_text_and_markdown_reports(cli):
    text = cli("dedup", BBC)
    assert text.returncode == 1
    assert text.stdout_text.startswith("18 articles, 4 duplicates in 4 clusters")
    assert "sport/471  duplicate of sport/467, similarity 1.00" in text.stdout_text
    md = cli("dedup", BBC, "-f", "md")
    assert md.stdout_text.startswith("# Duplicate articles")
    assert "| `sport/471` | `sport/467` | 1.00 |" in md.stdout_text
    assert "## Capriati to miss Melbourne" in md.stdout_text
    assert "duplicates" in text.stderr_text  # the summary is talk: stderr


def test_feeds_ids_and_cross_feed_matches(cli):
    proc = cli("dedup", RSS, ATOM, "-f", "jsonl")
    assert proc.returncode == 1
    rows = _lines(proc)
    assert len(rows) == 10
    dups = {r["id"]: r["duplicate_of"] for r in rows if r["duplicate_of"]}
    # an entry without guid is named by its link; the wire copy has a new headline, dateline and footer
    assert dups == {"https://example.net/copy-of-a": "urn:wire:1", "tag:example.com,2005:9": "tag:example.org,2005:1"}
    ids = [r["id"] for r in rows]
    assert f"{RSS}:7" in ids  # no guid, no link: path:entry
    # the three briefs carry the same long agency footer and stay apart
    assert all(r["duplicate_of"] is None for r in rows if r["id"].startswith("urn:brief:"))


def test_emit_unique_rss_stays_rss(cli, tmp_path):
    out = tmp_path / "unique.rss"
    proc = cli("dedup", RSS, "--emit", "unique", "-o", str(out))
    assert proc.returncode == 1, proc.stderr_text
    assert proc.stdout_text == ""
    parsed = feedparser.parse(out.read_text())
    assert parsed.version.startswith("rss")
    titles = [e.title for e in parsed.entries]
    assert len(titles) == 6 and not any(t.startswith("Markets:") for t in titles)
    # the written feed reads back and holds no duplicates any more
    again = cli("dedup", str(out), "-f", "jsonl")
    assert again.returncode == 0, again.stdout_text


def test_emit_unique_atom_keep_longest(cli, tmp_path):
    out = tmp_path / "unique.atom"
    proc = cli("dedup", ATOM, "--emit", "unique", "--keep", "longest", "-o", str(out))
    assert proc.returncode == 1
    parsed = feedparser.parse(out.read_text())
    assert parsed.version.startswith("atom")
    assert [e.id for e in parsed.entries] == ["tag:example.org,2005:1", "tag:example.org,2005:2"]
    short = cli("dedup", ATOM, "--emit", "unique", "--keep", "first", "-f", "jsonl")
    assert [r["id"] for r in _lines(short)] == ["tag:example.org,2005:1", "tag:example.org,2005:2"]


def test_emit_unique_jsonl_keeps_one_per_story(cli, tmp_path):
    out = tmp_path / "unique.jsonl"
    proc = cli("dedup", SYNDICATED, "--emit", "unique", "--keep", "longest", "-o", str(out))
    assert proc.returncode == 1
    records = [json.loads(line) for line in out.read_text().splitlines()]
    stories = {json.loads(line)["story"] for line in Path(SYNDICATED).read_text().splitlines()}
    assert sorted(r["story"] for r in records) == sorted(stories)
    assert cli("dedup", str(out)).returncode == 0


def test_broken_jsonl_line_names_file_and_line(cli, tmp_path):
    bad = tmp_path / "bad.jsonl"
    lines = Path(BBC).read_text().splitlines()
    bad.write_text(lines[0] + "\n" + '{"id": "x", "text": "unterminated\n')
    target = tmp_path / "out.jsonl"
    proc = cli("dedup", str(bad), "-f", "jsonl", "-o", str(target))
    assert proc.returncode == 2
    assert proc.stderr_text.startswith(f"summarize: {bad}:2:")
    assert "Traceback" not in proc.stderr_text
    assert not target.exists()  # -o is atomic: nothing half-written


def test_bad_options_are_errors(cli):
    for args in (["--emit", "all"], ["--keep", "shortest"], ["--format", "rss"], ["--threshold", "0"]):
        proc = cli("dedup", BBC, *args)
        assert proc.returncode == 2, args
        assert proc.stderr_text.startswith("summarize: ") or "Usage" in proc.stderr_text
        assert "Traceback" not in proc.stderr_text
    missing = cli("dedup", "does-not-exist.jsonl")
    assert missing.returncode == 2 and "no such file" in missing.stderr_text


def test_threshold_option_changes_the_verdict(cli):
    strict = cli("dedup", BBC, "-f", "jsonl", "--threshold", "0.95")
    dups = {r["id"] for r in _lines(strict) if r["duplicate_of"]}
    assert "business/229" not in dups and "sport/471" in dups


def test_help_lists_options(cli):
    proc = cli("dedup", "--help")
    assert proc.returncode == 0
    for option in ("--emit", "--keep", "--index", "--threshold", "--exit-zero", "--format"):
        assert option in proc.stdout_text


def test_emit_unique_json_feed_stays_json_feed(cli, tmp_path):
    records = [json.loads(line) for line in Path(BBC).read_text().splitlines()[:8]]
    feed = {"version": "https://jsonfeed.org/version/1.1", "title": "BBC slice",
            "items": [{"id": r["id"], "title": r["title"], "content_text": r["text"]} for r in records]}
    src = tmp_path / "feed.json"
    src.write_text(json.dumps(feed))
    proc = cli("dedup", str(src), "--emit", "unique")
    assert proc.returncode == 1, proc.stderr_text
    out = json.loads(proc.stdout_text)
    assert out["version"].startswith("https://jsonfeed.org/version/")
    assert [i["id"] for i in out["items"]] == [r["id"] for r in records if r["id"] not in ("sport/471", "business/229")]


STORY = ("The court ruled on Monday that the merger of the two rail operators can go ahead after a long review "
         "by the competition authority, which had asked for more evidence on ticket prices last spring.")
OTHER = "Something else entirely: the football results of the weekend and what they mean for the league table."


def test_emit_unique_gives_a_json_lines_record_back_exactly_as_it_was(cli, tmp_path):
    src = tmp_path / "in.jsonl"
    lines = ['{"id":1,"title":2024,"text":"%s\\r\\nMore.","n":1.50,"e":1E3,"extra":{"k":[1,2]}}' % STORY,
             '{"id":2,"text":"%s"}' % STORY,
             '{"id":1,"text":"%s"}' % OTHER]
    src.write_text("\n".join(lines) + "\n")
    proc = cli("dedup", str(src), "--emit", "unique", "--exit-zero")
    assert proc.returncode == 0, proc.stderr_text
    out = proc.stdout_text.splitlines()
    assert out[0] == lines[0]  # numbers, escapes, key order: the line itself
    assert json.loads(out[1]) == {"id": "1#2", "text": OTHER}  # a shared id is made unique in a copy
    assert len(out) == 2


RICH_RSS = """<?xml version="1.0" encoding="iso-8859-1"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/">
  <channel>
    <title>Rich feed</title>
    <link>https://news.example/</link>
    <description>Everything a feed carries</description>
    <language>en-gb</language>
    <item>
      <title>Merger cleared</title>
      <link>https://news.example/a</link>
      <guid>https://news.example/a</guid>
      <dc:creator>Jane Doe</dc:creator>
      <category>Business</category>
      <content:encoded><![CDATA[<p>The court ruled on <strong>Monday</strong> that the merger of the two rail operators can go ahead after a long review by the competition authority, which had asked for more evidence on ticket prices last spring.</p><img src="a.jpg">]]></content:encoded>
    </item>
    <item>
      <title>Merger cleared (wire copy)</title>
      <link>https://wire.example/a</link>
      <guid>https://wire.example/a</guid>
      <description>The court ruled on Monday that the merger of the two rail operators can go ahead after a long review by the competition authority, which had asked for more evidence on ticket prices last spring.</description>
    </item>
    <item>
      <title>Weekend football</title>
      <link>https://news.example/b</link>
      <guid>https://news.example/b</guid>
      <description>Something else entirely: the football results of the weekend and what they mean for the league table.</description>
    </item>
  </channel>
</rss>
"""


def test_emit_unique_gives_a_single_feed_back_with_only_the_duplicates_cut(cli, tmp_path):
    src = tmp_path / "rich.rss"
    src.write_bytes(RICH_RSS.encode("iso-8859-1"))
    proc = cli("dedup", str(src), "--emit", "unique", "--exit-zero")
    assert proc.returncode == 0, proc.stderr_text
    start = RICH_RSS.index("    <item>\n      <title>Merger cleared (wire copy)")
    end = RICH_RSS.index("    <item>\n      <title>Weekend football")
    expected = (RICH_RSS[:start] + RICH_RSS[end:]).replace('encoding="iso-8859-1"', 'encoding="utf-8"')
    assert proc.stdout_text == expected


def test_emit_unique_keeps_every_field_of_a_json_feed(cli, tmp_path):
    src = tmp_path / "feed.json"
    items = [{"id": 7, "url": "https://e.x/1", "image": "https://e.x/a.jpg", "tags": ["rail"], "_ext": {"k": 1},
              "content_html": f"<p>{STORY}</p>"},
             {"id": 8, "url": "https://e.x/2", "content_text": STORY},
             {"id": 9, "url": "https://e.x/3", "content_text": OTHER}]
    doc = {"version": "https://jsonfeed.org/version/1.1", "title": "JF", "home_page_url": "https://e.x/", "items": items}
    src.write_text(json.dumps(doc))
    proc = cli("dedup", str(src), "--emit", "unique", "--exit-zero")
    assert proc.returncode == 0, proc.stderr_text
    assert json.loads(proc.stdout_text) == {**doc, "items": [items[0], items[2]]}


def test_an_index_of_the_previous_fingerprint_scheme_is_refused_in_one_line(cli, tmp_path):
    import sqlite3

    db = tmp_path / "seen.db"
    assert cli("dedup", SYNDICATED, "--index", str(db), "-q").returncode in (0, 1)
    with sqlite3.connect(db) as con:  # as an index written before word hashing and MinHash changed
        con.execute("UPDATE meta SET value = 'xxh64-fmix64/xor-mul32-v2' WHERE key = 'hash'")
    proc = cli("dedup", SYNDICATED, "--index", str(db), "-q")
    assert proc.returncode == 2
    assert proc.stderr_text.count("\n") == 1 and "hash=xxh64-fmix64/xor-mul32-v2" in proc.stderr_text
    assert "Traceback" not in proc.stderr_text


def test_the_same_item_in_two_snapshots_of_a_feed_is_counted_as_seen_before(cli, tmp_path):
    """Two saved polls of one feed hold the same items (same guids): not duplicates (exit 0), but the
    summary accounts for every item, and --emit unique keeps each item once."""
    for day in ("monday", "tuesday"):
        (tmp_path / day).mkdir()
        (tmp_path / day / "wire.rss").write_bytes(Path(RSS).read_bytes())
    report = cli("dedup", str(tmp_path / "monday" / "wire.rss"), "-f", "jsonl")
    once = len(report.stdout_text.splitlines())
    both = cli("dedup", str(tmp_path / "monday"), str(tmp_path / "tuesday"), "-f", "jsonl")
    assert both.returncode == report.returncode, both.stderr_text
    assert f"{2 * once} articles" in both.stderr_text and f"{once} seen before (the same item again)" in both.stderr_text
    unique = cli("dedup", str(tmp_path / "monday"), str(tmp_path / "tuesday"), "--emit", "unique", "-o",
                 str(tmp_path / "u.rss"))
    assert f"{once} seen before (the same item again)" in unique.stderr_text
    assert len(feedparser.parse((tmp_path / "u.rss").read_text()).entries) <= once


def test_a_run_that_read_nothing_prints_no_report(cli, tmp_path):
    proc = cli("dedup", str(tmp_path / "nope.xml"))
    assert proc.returncode == 2
    assert proc.stdout_text == ""  # not "0 articles, 0 duplicates in 0 clusters"
    assert "no such file" in proc.stderr_text
