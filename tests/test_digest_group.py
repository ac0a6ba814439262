"""``summarize digest --group``: one entry per story cluster of a feed, with its sources."""

from __future__ import annotations

import json

import pytest

from summarize.digest import Digest
from summarize.digest.group import Source, StoryDigest, _carried, digest_stories, representative
from summarize.document import Article
from summarize.read import read_inputs


def test_wire_feed_groups_copies_into_one_story_with_both_sources(fixtures):
    articles = list(read_inputs([str(fixtures / "dedup" / "wire.rss")]))
    stories = digest_stories(articles, "lead")
    assert sum(len(s.sources) for s in stories) == len(articles)
    assert len(stories) < len(articles)
    multi = [s for s in stories if len(s.sources) > 1]
    assert multi, "the feed carries one story twice"
    urls = {src.url for src in multi[0].sources}
    assert urls == {"https://example.org/a1", "https://example.net/copy-of-a"}
    assert multi[0].headline == "Court rejects $280bn tobacco case"
    assert len(multi[0].digest.sentences) == 3


def test_representative_skips_a_trimmed_first_copy():
    full = Article("b", "x" * 1000, [])
    trimmed = Article("a", "x" * 600, [])
    assert representative([trimmed, full]) is full
    assert representative([full, Article("c", "x" * 950, [])]) is full


def test_cli_group_markdown_html_and_jsonl(cli, fixtures):
    feed = str(fixtures / "dedup" / "wire.rss")
    md = cli("digest", "--group", "--method", "lead", feed)
    assert md.returncode == 0, md.stderr_text
    assert md.stdout_text.startswith("# Digest")
    assert "Carried by 1 outlet, 2 articles:" in md.stdout_text  # one feed is one outlet, whatever site an item links to
    assert "[Wire test feed](https://example.net/copy-of-a)" in md.stdout_text

    page = cli("digest", "--group", "--method", "lead", "--format", "html", feed)
    assert page.returncode == 0, page.stderr_text
    assert page.stdout_text.startswith("<!DOCTYPE html>")
    assert page.stdout_text.count("<article ") == md.stdout_text.count("\n## ")
    assert '<a href="https://example.org/a1">' in page.stdout_text

    rows = cli("digest", "--group", "--method", "lead", "--format", "jsonl", feed)
    records = [json.loads(line) for line in rows.stdout_text.splitlines()]
    assert [len(r["sources"]) for r in records][0] == 2
    assert all(set(r) >= {"cluster", "headline", "summary", "sentences", "sources"} for r in records)

    bad = cli("digest", "--group", "--format", "text", feed)
    assert bad.returncode == 2 and "--group writes" in bad.stderr_text


def _rss(title: str, link: str, items: list[tuple[str, str, str]]) -> str:
    body = "".join(f"<item><title>{t}</title><link>{u}</link><guid>{u}</guid><description>{d}</description>"
                   f"<pubDate>Sat, 22 Aug 2026 20:33:00 +0000</pubDate></item>" for t, u, d in items)
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>{title}</title><link>{link}</link>{body}</channel></rss>'


def test_the_section_feeds_of_one_site_are_one_outlet_and_an_aggregator_names_its_items_outlets(cli, tmp_path):
    # CNA's "World" and "Business" feeds carried one story: it was "Carried by 2 outlets". Google
    # News items link to news.google.com: their outlet is the item's <source> (or the headline's tail).
    story = ("Iran on Saturday denounced US plans to announce new sanctions that could put further strain on the "
             "Islamic Republic's economy, the foreign ministry said in a statement.")
    (tmp_path / "world.xml").write_text(_rss("CNA World", "https://www.channelnewsasia.com/world", [
        ("Iran condemns US plans to announce new sanctions", "https://www.channelnewsasia.com/world/iran-1", story)]))
    (tmp_path / "business.xml").write_text(_rss("CNA Business", "https://www.channelnewsasia.com/business", [
        ("Iran condemns US sanctions plan", "https://www.channelnewsasia.com/business/iran-2", story)]))
    gn = _rss("Google News", "https://news.google.com/rss", [
        ("Iran condemns US plans to announce new sanctions - Reuters", "https://news.google.com/rss/articles/x1", story)])
    (tmp_path / "gn.xml").write_text(gn.replace("</description>", "</description><source url=\"https://www.reuters.com\">"
                                                "Reuters</source>", 1))
    rows = cli("digest", "--group", "-m", "lead", "--format", "jsonl", str(tmp_path))
    records = [json.loads(line) for line in rows.stdout_text.splitlines()]
    assert len(records) == 1 and records[0]["outlets"] == 2, records
    assert sorted(s["outlet"] for s in records[0]["sources"]) == ["CNA Business", "CNA World", "Reuters"]
    assert sorted(s["site"] for s in records[0]["sources"]) == ["channelnewsasia.com", "channelnewsasia.com", "reuters.com"]
    md = cli("digest", "--group", "-m", "lead", str(tmp_path)).stdout_text
    assert "Carried by 2 outlets, 3 articles:" in md
    # without <source>, Google News names the outlet after the headline
    (tmp_path / "gn.xml").write_text(gn)
    again = [json.loads(line) for line in cli("digest", "--group", "-m", "lead", "--format", "jsonl", str(tmp_path)).stdout_text.splitlines()]
    assert "Reuters" in [s["outlet"] for s in again[0]["sources"]] and again[0]["outlets"] == 2
    # an outlet named as a domain is that site: Google News' "Bloomberg.com" and bloomberg.com's own feed are one
    (tmp_path / "gn.xml").write_text(gn.replace(" - Reuters", " - Bloomberg.com"))
    (tmp_path / "bb.xml").write_text(_rss("Bloomberg", "https://www.bloomberg.com", [
        ("US plans new Iran sanctions", "https://www.bloomberg.com/news/iran-3", story)]))
    third = [json.loads(line) for line in cli("digest", "--group", "-m", "lead", "--format", "jsonl", str(tmp_path)).stdout_text.splitlines()]
    assert third[0]["outlets"] == 2 and len(third[0]["sources"]) == 4
    assert not any(r["headline"].endswith(("Reuters", "Bloomberg.com")) for r in records + again + third)


@pytest.mark.parametrize("url, linked", [
    ("https://example.net/a", True), ("HTTP://example.net/a", True), ("mailto:desk@example.net", True),
    ("/relative/page.html", True), ("javascript:alert(1)", False), (" JavaScript:alert(1)", False),
    ("java\tscript:alert(1)", False), ("data:text/html,<script>alert(1)</script>", False),
    ("vbscript:msgbox(1)", False), ("https://example.net/a b", False),
])
def test_only_web_mail_and_relative_links_are_linked(url, linked):
    from summarize.digest.render import safe_url

    assert (safe_url(url) == url) is linked


def test_digest_documents_do_not_turn_feed_text_into_markup_or_script_links(cli, tmp_path):
    records = [
        {"id": "a", "title": "<script>alert(1)</script> wins", "url": "javascript:alert(1)",
         "text": "The council voted 5<6 on Monday. The <mayor> said nothing. A third sentence follows."},
    ]
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in records))
    html_doc = cli("digest", "--group", "-m", "lead", "-f", "html", str(src)).stdout_text
    assert 'href="javascript' not in html_doc and "<script>" not in html_doc
    md = cli("digest", "--group", "-m", "lead", str(src)).stdout_text
    assert "## \\<script>alert(1)\\</script> wins" in md
    assert "5\\<6" in md and "The \\<mayor> said" in md
    assert "](javascript" not in md and "`javascript:alert(1)`" in md
    single = cli("digest", "-m", "lead", "-f", "md", str(src)).stdout_text
    assert "<javascript:" not in single and "Link: `javascript:alert(1)`" in single
    assert single.startswith("## \\<script>")


def test_group_options_that_do_not_apply_are_refused(cli, fixtures, tmp_path):
    feed = str(fixtures / "dedup" / "wire.rss")
    proc = cli("digest", "--group", "-m", "lead", feed, "-o", str(tmp_path / "d.md"), "--resume")
    assert proc.returncode == 2 and proc.stderr_text.startswith("summarize: --resume does not apply to --group")
    proc = cli("digest", "-m", "lead", feed, "--group-threshold", "0.5")
    assert proc.returncode == 2 and proc.stderr_text == "summarize: --group-threshold needs --group\n"


def test_the_story_count_reads_right_in_the_singular(cli, tmp_path):
    src = tmp_path / "one.jsonl"
    src.write_text(json.dumps({"id": "a", "title": "One", "text": "A single story about the weather today."}) + "\n")
    md = cli("digest", "--group", "-m", "lead", str(src)).stdout_text
    assert "1 story from 1 article." in md


@pytest.mark.ml
def test_events_grouping_orders_by_outlets_and_filters_by_min_sources(cli, tmp_path):
    def item(outlet, title, text, when):
        return json.dumps({"id": f"{outlet}-{title[:8]}", "title": title, "text": text, "source": outlet,
                           "published": when})
    quake = ("A magnitude 6.1 earthquake struck Aceh province in Indonesia on Tuesday, killing at least 12 people "
             "and damaging hundreds of homes, the national disaster agency said.")
    quake2 = ("At least 12 people died when a 6.1 magnitude quake hit Indonesia's Aceh province on Tuesday, "
              "officials of the disaster agency said, as hundreds of homes were damaged.")
    game = "The Lakers beat the Celtics 101-99 in Boston on Sunday night as LeBron James scored 40 points."
    src = tmp_path / "feed.jsonl"
    src.write_text("\n".join([item("one.example", "Lakers edge Celtics", game, "2024-03-03"),
                              item("two.example", "Quake kills 12 in Aceh", quake, "2024-03-05"),
                              item("three.example", "Aceh earthquake death toll at 12", quake2, "2024-03-05")]) + "\n")
    rows = cli("digest", "--group", "-m", "lead", "-f", "jsonl", str(src))
    assert rows.returncode == 0, rows.stderr_text
    records = [json.loads(line) for line in rows.stdout_text.splitlines()]
    assert [r["outlets"] for r in records] == [2, 1]
    assert {s["id"] for s in records[0]["sources"]} == {"two.example-Quake ki", "three.example-Aceh ear"}
    only = cli("digest", "--group", "-m", "lead", "-f", "jsonl", "--min-sources", "2", str(src))
    assert len(only.stdout_text.splitlines()) == 1
    page = cli("digest", "--group", "-m", "lead", "-f", "html", str(src)).stdout_text
    assert "<style>" in page and "http" not in page.split("<style>")[1].split("</style>")[0]
    assert "2 outlets" in page and "<time>2024-03-05</time>" in page


def test_articles_of_no_known_outlet_are_not_counted_as_outlets():
    def story(*outlets):
        return StoryDigest("s1", "Headline", Digest("s1", None, None, [], "lead", None),
                           [Source(f"a{i}", None, None, o, None) for i, o in enumerate(outlets)])

    # eight files of one folder (the field test's BBC business folder): not "Carried by 8 outlets"
    assert _carried(story(*[None] * 8)) == "8 articles (outlet not known)"
    assert _carried(story("bbc.co.uk", "reuters.com", None)) == "2 outlets, 3 articles (1 of no known outlet)"
    assert _carried(story("bbc.co.uk", "bbc.co.uk")) == "1 outlet, 2 articles"
    assert _carried(story("bbc.co.uk")) == "1 outlet"


@pytest.mark.parametrize("url, site", [
    ("https://edition.cnn.com/2026/a", "cnn.com"), ("https://money.cnn.com/b", "cnn.com"),
    ("https://www.bbc.co.uk/news/c", "bbc.co.uk"), ("https://abcnews.go.com/d", "abcnews.go.com"),
    ("https://espn.go.com/e", "espn.go.com"), ("https://www1.folha.uol.com.br/f", "folha.uol.com.br"),
    ("https://news.google.com/rss/articles/x", None), ("http://127.0.0.1:8000/a", None), ("not a url", None),
])
def test_an_outlet_is_its_registrable_domain_or_the_outlet_a_shared_domain_hosts(url, site):
    from summarize.digest.group import outlet_site

    assert outlet_site(Article("a", "text", [], url=url)) == site


def test_a_link_blog_is_one_outlet_whatever_its_items_link_to():
    from summarize.digest.group import outlet, outlet_site
    from summarize.read.feed import read_feed, read_json_feed

    atom = ("<feed xmlns='http://www.w3.org/2005/Atom'><title>Daring Fireball</title>"
            "<link rel='alternate' href='https://daringfireball.net/'/><id>df</id><updated>2017-06-01T00:00:00Z</updated>"
            + "".join(f"<entry><title>Link {i}</title><id>df-{i}</id><updated>2017-06-01T00:00:00Z</updated>"
                      f"<link rel='alternate' href='https://{site}/post'/><content>Worth reading.</content></entry>"
                      for i, site in enumerate(["nondot.org", "twitter.com"]))
            + "</feed>")
    entries = list(read_feed(atom, "df.atom"))
    assert {outlet_site(a) for a in entries} == {"daringfireball.net"}
    assert {outlet(a) for a in entries} == {"Daring Fireball"}
    json_feed = ('{"version": "https://jsonfeed.org/version/1.1", "title": "Blog", "home_page_url": "https://blog.example.org/",'
                 ' "items": [{"id": "1", "url": "https://elsewhere.example.com/a", "content_text": "A link."}]}')
    assert outlet_site(next(read_json_feed(json_feed, "b.json"))) == "example.org"
    # an aggregator's feed keeps naming each item's own outlet
    gnews = ("<rss version='2.0'><channel><title>Google News</title><link>https://news.google.com/</link>"
             "<item><title>Tariffs rise - Reuters</title><link>https://news.google.com/rss/articles/x</link>"
             "<source url='https://www.reuters.com'>Reuters</source><description>Tariffs rise</description></item>"
             "</channel></rss>")
    assert outlet_site(next(read_feed(gnews, "g.xml"))) == "reuters.com"


def test_an_untitled_story_is_headed_by_its_opening_words():
    from summarize.digest.group import headline
    from summarize.document import Article

    post = Article(id="http://www.manton.org/?p=3069", text="Looking forward to NSDrinking tonight, 8pm at Radio Coffee "
                   "& Beer. Come say hi.", paragraphs=[])
    assert headline([post]) == "Looking forward to NSDrinking tonight, 8pm at Radio Coffee & Beer."
    long = Article(id="x", text="This week's Core Intuition is out with a discussion about new and old watches and more.",
                   paragraphs=[])
    assert headline([long]) == "This week's Core Intuition is out with a discussion about new and\u2026"
    assert headline([Article(id="empty", text="", paragraphs=[])]) == "empty"
