"""RSS, Atom (feedparser) and JSON Feed: one article per entry, content preferred, HTML stripped."""

from __future__ import annotations

import json
from html import escape

import pytest

from summarize.errors import InputError
from summarize.read import read_bytes, read_path
from summarize.read.feed import read_feed, read_json_feed
from summarize.split import fill_sentences

from conftest import run_cli

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
  <channel>
    <title>Example News</title>
    <link>https://news.example.com/</link>
    <description>Test feed</description>
    <item>
      <title>Storm closes &amp; floods schools</title>
      <link>https://news.example.com/storm</link>
      <guid>storm-1</guid>
      <pubDate>Thu, 02 Nov 2023 09:00:00 GMT</pubDate>
      <description>Short summary only.</description>
      <content:encoded><![CDATA[<p>Storm Ciarán hit the coast. Dr. Ellis said it would pass by 5 p.m.</p>
<p>Schools <b>closed</b> early.<script>track()</script></p>]]></content:encoded>
    </item>
    <item>
      <title>Summary-only item</title>
      <link>https://news.example.com/second</link>
      <description>&lt;p&gt;The U.S. market rose.&lt;/p&gt;&lt;p&gt;Traders cheered.&lt;/p&gt;</description>
    </item>
  </channel>
</rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Atom Example</title>
  <id>urn:uuid:feed</id>
  <updated>2024-01-02T10:00:00Z</updated>
  <entry>
    <title type="html">Caf&amp;eacute; prices rise</title>
    <id>urn:uuid:entry-1</id>
    <link href="https://atom.example.com/cafe"/>
    <updated>2024-01-02T10:00:00Z</updated>
    <summary>A summary that must lose to the content.</summary>
    <content type="html">&lt;p&gt;A coffee now costs £5.&lt;/p&gt;&lt;p&gt;Customers complained. Owners shrugged.&lt;/p&gt;</content>
  </entry>
  <entry>
    <title>Plain summary entry</title>
    <id>urn:uuid:entry-2</id>
    <link href="https://atom.example.com/plain"/>
    <updated>2024-01-03T10:00:00Z</updated>
    <summary>Only a summary. Two sentences.</summary>
  </entry>
</feed>
"""

JSON_FEED = {
    "version": "https://jsonfeed.org/version/1.1",
    "title": "JSON Example",
    "items": [
        {"id": "j1", "url": "https://json.example.com/1", "title": "HTML item", "date_published": "2024-02-01T00:00:00Z",
         "content_html": "<p>First paragraph.</p><p>Second <em>one</em>.</p>"},
        {"id": "j2", "title": "Text item", "content_text": "Line one of para one.\nStill para one.\n\nPara two. Dr. Who."},
        {"id": "j3", "title": "Summary item", "summary": "Just a summary."},
    ],
}


def test_rss_entries_prefer_content_and_strip_html():
    first, second = read_feed(RSS, "news.rss")
    assert first.id == "storm-1" and first.url == "https://news.example.com/storm"
    assert first.title == "Storm closes & floods schools"
    assert first.published == "Thu, 02 Nov 2023 09:00:00 GMT"
    assert [p.text for p in first.paragraphs] == ["Storm Ciarán hit the coast. Dr. Ellis said it would pass by 5 p.m.", "Schools closed early."]
    assert first.meta["feed_kind"] == "rss" and first.meta["feed_title"] == "Example News"
    assert (first.source_line, second.source_line) == (1, 2)
    assert second.id == "https://news.example.com/second"  # no guid: the link
    assert [p.text for p in second.paragraphs] == ["The U.S. market rose.", "Traders cheered."]
    fill_sentences(first)
    assert [s.text for s in first.sentences] == ["Storm Ciarán hit the coast.", "Dr. Ellis said it would pass by 5 p.m.", "Schools closed early."]


def test_atom_entries_content_then_summary():
    cafe, plain = read_feed(ATOM, "news.atom")
    assert cafe.title == "Café prices rise"
    assert cafe.url == "https://atom.example.com/cafe" and cafe.id == "urn:uuid:entry-1"
    assert [p.text for p in cafe.paragraphs] == ["A coffee now costs £5.", "Customers complained. Owners shrugged."]
    assert cafe.meta["feed_kind"] == "atom" and cafe.published == "2024-01-02T10:00:00Z"
    assert [p.text for p in plain.paragraphs] == ["Only a summary. Two sentences."]


def test_json_feed_items():
    items = list(read_json_feed(json.dumps(JSON_FEED), "feed.json"))
    assert [a.id for a in items] == ["j1", "j2", "j3"]
    assert [p.text for p in items[0].paragraphs] == ["First paragraph.", "Second one."]
    assert items[0].published == "2024-02-01T00:00:00Z" and items[0].url == "https://json.example.com/1"
    assert [p.text for p in items[1].paragraphs] == ["Line one of para one. Still para one.", "Para two. Dr. Who."]
    assert [p.text for p in items[2].paragraphs] == ["Just a summary."]
    assert items[0].meta["feed_kind"] == "json" and items[0].meta["feed_title"] == "JSON Example"


def test_feeds_are_recognised_by_extension_and_by_content(tmp_path):
    (tmp_path / "a.xml").write_text(RSS, encoding="utf-8")
    (tmp_path / "b.atom").write_text(ATOM, encoding="utf-8")
    (tmp_path / "c.json").write_text(json.dumps(JSON_FEED), encoding="utf-8")
    assert [a.format for a in read_path(str(tmp_path))] == ["feed", "feed", "feed", "feed", "feed", "feed", "feed"]
    assert [a.title for a in read_bytes(ATOM.encode(), "-")] == ["Café prices rise", "Plain summary entry"]
    assert [a.id for a in read_bytes(json.dumps(JSON_FEED).encode(), "-")] == ["j1", "j2", "j3"]


def test_latin1_declared_feed_is_decoded_by_its_declaration():
    data = RSS.replace('encoding="UTF-8"', 'encoding="ISO-8859-1"').encode("latin-1", errors="replace")
    first = next(read_bytes(data, "latin.rss"))
    assert first.paragraphs[0].text.startswith("Storm Ciarán hit the coast.")


def test_a_forced_feed_that_is_not_xml_is_an_input_error_and_opens_nothing(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("<rss><channel><item><title>from disk</title></item></channel></rss>", encoding="utf-8")
    # feedparser given a str path would open the file; the reader must only parse the content it was given.
    with pytest.raises(InputError, match="not a readable RSS/Atom feed"):
        list(read_feed(str(secret), "x.rss"))


def test_broken_json_feed_names_the_line():
    with pytest.raises(InputError, match=r"f.json:3: broken JSON Feed"):
        list(read_json_feed('{"version": "https://jsonfeed.org/version/1.1",\n "items": [\n  {oops}\n]}', "f.json"))
    with pytest.raises(InputError, match='without an "items" list'):
        list(read_json_feed('{"version": "https://jsonfeed.org/version/1.1"}', "f.json"))


def test_split_command_on_an_rss_document(tmp_path):
    path = tmp_path / "news.rss"
    path.write_text(RSS, encoding="utf-8")
    proc = run_cli("split", "--lines", str(path))
    assert proc.returncode == 0, proc.stderr_text
    assert proc.stdout_text.splitlines() == [
        f"{path}:1: Storm Ciarán hit the coast.",
        f"{path}:1: Dr. Ellis said it would pass by 5 p.m.",
        f"{path}:1: Schools closed early.",
        f"{path}:2: The U.S. market rose.",
        f"{path}:2: Traders cheered.",
    ]


def test_json_feed_whose_version_comes_after_the_items_is_still_a_json_feed():
    items = [{"id": str(i), "content_text": "Padding sentence number %d. " % i * 20} for i in range(30)]
    text = json.dumps({"items": items, "title": "Late version", "version": "https://jsonfeed.org/version/1.1"}, indent=1)
    assert text.index("jsonfeed.org") > 4096
    assert [a.id for a in read_bytes(text.encode(), "late.json")] == [str(i) for i in range(30)]
    assert [a.id for a in read_bytes(text.encode(), "-")] == [str(i) for i in range(30)]


def test_json_feed_lone_surrogate_escapes_become_replacement_characters_and_pairs_stay(tmp_path):
    text = ('{"version": "https://jsonfeed.org/version/1.1", "title": "F\\ud800", "items": ['
            '{"id": "s\\udc00", "title": "Odd \\ud800 title", "content_html": "<p>Lone \\ud800 here. Pair \\ud83d\\ude00 here.</p>"},'
            '{"id": "t", "content_text": "Text \\udfff too."}]}')
    first, second = read_json_feed(text, "s.json")
    assert (first.id, first.title, first.meta["feed_title"]) == ("s\ufffd", "Odd \ufffd title", "F\ufffd")
    assert first.text == "Lone \ufffd here. Pair \U0001F600 here."
    assert second.text == "Text \ufffd too."
    path = tmp_path / "s.json"
    path.write_text(text, encoding="utf-8")
    proc = run_cli("split", str(path))
    assert proc.returncode == 0, proc.stderr_text
    assert proc.stdout_text.splitlines() == ["Lone \ufffd here.", "Pair \U0001F600 here.", "Text \ufffd too."]


def _json_feed(*items) -> str:
    return json.dumps({"version": "https://jsonfeed.org/version/1.1", "items": list(items)})


def test_json_feed_numeric_ids_and_titles_are_written_out():
    (item,) = read_json_feed(_json_feed({"id": 3, "title": 42, "content_text": "Numeric title. Fine."}), "n.json")
    assert (item.id, item.title, item.text) == ("3", "42", "Numeric title. Fine.")


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("content_html", 7, '"content_html" must be a string, not a number'),
        ("content_text", ["Para one.", "Para two."], '"content_text" must be a string, not an array'),
        ("summary", {"text": "S."}, '"summary" must be a string, not an object'),
        ("url", 5, '"url" must be a string, not a number'),
        ("title", ["T"], '"title" must be a string or a number, not an array'),
    ],
)
def test_json_feed_field_of_the_wrong_type_is_an_error_naming_file_and_item(field, value, message):
    feed = _json_feed({"id": "1", "content_text": "Good item."}, {"id": "2", "content_text": "Body.", field: value})
    with pytest.raises(InputError) as info:
        list(read_json_feed(feed, "f.json"))
    assert str(info.value) == f"f.json: item 2: {message}"


def test_json_feed_body_that_is_not_a_string_is_one_line_on_the_command_line(tmp_path):
    path = tmp_path / "f.json"
    path.write_text(_json_feed({"id": "3", "title": "t", "content_html": 7}), encoding="utf-8")
    proc = run_cli("digest", "-m", "lead", str(path))
    assert proc.returncode == 2
    assert proc.stderr_text == f'summarize: {path}: item 1: "content_html" must be a string, not a number\n'
    path.write_text(_json_feed({"id": 3, "title": 42, "content_text": "Numeric title. Fine by the reader."}), encoding="utf-8")
    proc = run_cli("digest", "-m", "lead", "-f", "md", str(path))
    assert proc.returncode == 0, proc.stderr_text
    assert proc.stdout_text.startswith("## 42\n") and "Numeric title. Fine by the reader." in proc.stdout_text


def test_json_feed_titles_are_plain_text_not_html():
    # JSON Feed 1.1: "title (optional, string) is plain text": tags stay. RSS/Atom titles still go through HTML.
    # Character references are decoded: WordPress writes "&#8216;Jokes&#8217;" and "&amp;" in JSON Feed titles.
    items = read_json_feed(_json_feed({"id": "1", "title": "a <b>bold</b> &amp; AT&T", "content_text": "Body."},
                                      {"id": "2", "title": "  Two\n lines\tof   title ", "content_text": "Body."},
                                      {"id": "3", "title": "   ", "content_text": "Body."},
                                      {"id": "4", "title": "FCC Says Releasing &#8216;Jokes&#8217; Was Fine",
                                       "content_text": "Body."}), "t.json")
    assert [a.title for a in items] == ["a <b>bold</b> & AT&T", "Two lines of title", None,
                                        "FCC Says Releasing \u2018Jokes\u2019 Was Fine"]
    assert next(read_feed(RSS, "news.rss")).title == "Storm closes & floods schools"  # RSS: entities decoded


LICENCE = "<!--\n" + "Licensed under the terms of a long licence. " * 80 + "\n-->\n"


@pytest.mark.parametrize("document", [
    '<?xml version="1.0"?>\n' + LICENCE + RSS.split("?>", 1)[1],  # the <rss> after 3 KB of comment
    '<?xml version="1.0"?>\n<!DOCTYPE rss [\n' + '<!ENTITY e "x">\n' * 200 + ']>\n' + RSS.split("?>", 1)[1],
    RSS.replace("<rss ", '<r:rss xmlns:r="urn:x" ').replace("</rss>", "</r:rss>"),
], ids=["licence-comment", "doctype", "prefixed"])
def test_feeds_are_recognised_after_any_preamble_and_with_a_prefix(document, tmp_path):
    assert len(document.split("<item>", 1)[0]) > 2048 or "r:rss" in document
    path = tmp_path / "feed"  # no telling extension: the content decides
    path.write_text(document)
    articles = list(read_path(str(path)))
    assert [a.format for a in articles] == ["feed", "feed"] and articles[0].title.startswith("Storm")


def test_cdf_channel_is_a_feed():
    cdf = ('<?xml version="1.0"?><CHANNEL HREF="http://example.com/"><TITLE>CDF news</TITLE>'
           '<ITEM HREF="http://example.com/a"><TITLE>First item</TITLE><ABSTRACT>An abstract of the first item.</ABSTRACT></ITEM>'
           '</CHANNEL>')
    articles = list(read_bytes(cdf.encode(), "channel.cdf"))
    assert [(a.format, a.url, a.text) for a in articles] == [("feed", "http://example.com/a", "An abstract of the first item.")]


@pytest.mark.parametrize("name,content,what", [
    ("p.xml", "<!DOCTYPE html><html><body><h1>403 Forbidden</h1></body></html>", "HTML page"),
    ("p.rss", "<html><body>Access denied</body></html>", "HTML page"),
    ("p.atom", "<config><a/></config>", "root element <config>"),
    ("p.rss", "just some text", "not XML"),
])
def test_a_document_given_as_a_feed_that_is_not_one_is_an_error(name, content, what):
    with pytest.raises(InputError, match=what):
        list(read_bytes(content.encode(), name))


def test_a_scraped_block_in_content_encoded_is_not_the_body_of_different_items(tmp_path):
    # BNN Bloomberg's video items: distinct descriptions, one "Opens in new window" block as content
    block = ("&lt;p&gt;Opens in new window ‘This was not a good faith deal’: analyst on why tariff deal collapsed "
             "Opens in new window 06:36 · August 22, 2026 at 12:56p.m. EDT&lt;/p&gt;")
    items = [("Carney vows to match tariffs dollar for dollar", "Prime Minister Carney says that he will match U.S. "
              "tariffs dollar for dollar as weeks long negotiations have failed to secure a deal."),
             ("How will the government protect workers in the trade war?", "PM Carney addresses a question about the "
              "protection of workers and small businesses in vulnerable sectors such as steel and dairy.")]
    rss = ('<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
           "<title>BNN</title>" + "".join(
               f"<item><title>{t}</title><link>https://example.org/{i}</link><description>{d}</description>"
               f"<content:encoded>{block}</content:encoded></item>" for i, (t, d) in enumerate(items)) + "</channel></rss>")
    path = tmp_path / "bnn.xml"
    path.write_text(rss, encoding="utf-8")
    articles = list(read_feed(path.read_text(encoding="utf-8"), str(path)))
    assert [a.text for a in articles] == [d for _, d in items]
    assert run_cli("dedup", str(path)).returncode == 0
    # a real body, longer than its teaser, is still the body
    long_body = "&lt;p&gt;" + " ".join(["The negotiations failed after weeks of talks in Ottawa and Washington."] * 6) + "&lt;/p&gt;"
    path.write_text(rss.replace(block, long_body, 1), encoding="utf-8")
    assert "weeks of talks in Ottawa" in list(read_feed(path.read_text(encoding="utf-8"), str(path)))[0].text


def test_a_body_of_links_and_outlet_names_only_is_marked_and_has_nothing_to_digest():
    # Google News "full coverage": the description lists the story's headlines at other outlets
    from summarize.digest.furniture import prose_sentences
    from summarize.read.feed import links_only, read_feed
    from summarize.split import fill_sentences

    coverage = ('<ol><li><a href="https://news.google.com/a">US hits Canadian goods with 50% tariffs</a>&nbsp;&nbsp;'
                '<font color="#6f6f6f">Reuters</font></li><li><a href="https://news.google.com/b">Carney vows to match '
                'US tariffs dollar for dollar</a>&nbsp;&nbsp;<font color="#6f6f6f">CBC News</font></li></ol>')
    assert links_only(coverage)
    assert not links_only('The council approved the barrier. <a href="https://example.org">Read the report</a>.')
    assert not links_only("No links here, only a sentence of the story.")
    # a podcast's notes, each paragraph linked whole to the episode (TypePad): its own text
    mp3 = '<a href="https://example.org/ep1.mp3">'
    assert not links_only(f"<div>{mp3}Dr Jefferson and Prof. Birman discuss cochlear implants in newborns.</a></div>")
    assert not links_only(f"<div>{mp3}{'An interview about the inner ear and its disorders, ' * 4}and more</a></div>")
    feed = ('<?xml version="1.0"?><rss version="2.0"><channel><title>Google News</title><item><title>US hits Canadian '
            'goods with 50% tariffs - Reuters</title><guid>g1</guid><description>' + escape(coverage)
            + '</description></item></channel></rss>')
    article = next(iter(read_feed(feed, "gn.xml")))
    assert "Carney vows" in article.text  # its words still count for dedup
    assert prose_sentences(fill_sentences(article)) == []


def test_json_feed_with_a_bare_version_number_is_a_json_feed():
    # gofeed's samples write "version": "1.0" / "1.1" without the URL
    for version in ("1.0", "1.1"):
        text = json.dumps({"version": version, "title": "Bare", "home_page_url": "https://example.org/",
                           "items": [{"id": "1", "content_text": "The first item says one thing."}]})
        assert [a.id for a in read_bytes(text.encode(), "bare.json")] == ["1"]
    # an object with a version and items but nothing of a feed stays JSON Lines (an error saying so)
    with pytest.raises(InputError):
        list(read_bytes(json.dumps({"version": "1.0", "items": []}).encode(), "data.json"))


RSS_10 = """<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
  <channel rdf:about="https://example.org/"><title>Lab notes</title><link>https://example.org/</link>
    <description>Notes</description></channel>
  <item rdf:about="https://example.org/1"><title>First note</title><link>https://example.org/1</link>
    <description>The first note of the lab says what was measured this week.</description></item>
</rdf:RDF>
"""


def test_a_folder_reads_rdf_feeds_and_a_broken_json_feed_in_it_is_skipped_not_passed_over(tmp_path):
    (tmp_path / "notes.rdf").write_text(RSS_10)
    feed = {"version": "https://jsonfeed.org/version/1.1", "title": "Cut",
            "items": [{"id": "1", "content_text": "A whole item."}]}
    (tmp_path / "cut.json").write_text(json.dumps(feed)[:-20])  # truncated in transfer
    proc = run_cli("split", str(tmp_path))
    assert "The first note of the lab says what was measured this week." in proc.stdout_text
    assert proc.returncode == 3 and f"skipped {tmp_path / 'cut.json'}: line 1: broken JSON Feed" in proc.stderr_text
    assert run_cli("split", "--strict", str(tmp_path)).returncode == 2
    (tmp_path / "cut.json").unlink()
    (tmp_path / "ground-truth.json").write_text('{"page.html": {"body": "..."}}')
    quiet = run_cli("split", "-q", str(tmp_path))  # a .json without articles is passed over; -q says nothing of it
    assert quiet.returncode == 0 and quiet.stderr_text == ""


def test_a_teaser_in_content_encoded_gives_way_to_the_full_description():
    article_text = " ".join(f"Sentence {i} of the full post tells the reader one more thing about the launch." for i in range(12))
    rss = ("<rss version='2.0' xmlns:content='http://purl.org/rss/1.0/modules/content/'><channel><title>Blog</title>"
           f"<item><title>Launch</title><link>https://example.org/1</link><description>{escape('<p>' + article_text + '</p>')}"
           "</description><content:encoded><![CDATA[<p>Launch</p>]]></content:encoded></item>"
           "<item><title>Full</title><link>https://example.org/2</link><description>A short teaser.</description>"
           f"<content:encoded><![CDATA[<p>{article_text}</p>]]></content:encoded></item></channel></rss>")
    teaser, full = read_feed(rss, "blog.rss")
    assert teaser.text.startswith("Sentence 0 of the full post") and "Sentence 11" in teaser.text
    assert full.text.startswith("Sentence 0 of the full post") and "teaser" not in full.text


def test_a_truncated_feed_gives_what_it_holds_and_is_named_with_exit_3(tmp_path):
    from conftest import run_cli

    items = "".join(f"<item><title>Story {i}</title><link>https://example.com/{i}</link><description><![CDATA["
                    f"<p>The council of town {i} voted on Monday to rebuild the old bridge over the river.</p>]]></description>"
                    f"</item>\n" for i in range(4))
    whole = f"<?xml version='1.0'?>\n<rss version='2.0'><channel><title>News</title>\n{items}</channel></rss>\n"
    cut = tmp_path / "cut.rss"
    cut.write_text(whole[: whole.index("town 3") + 10])  # a download that stopped inside the last item's CDATA
    proc = run_cli("split", str(cut))
    assert proc.returncode == 3, proc.stderr_text
    assert "cut.rss: the feed breaks off at line" in proc.stderr_text and "read in part" in proc.stderr_text
    assert "town 2" in proc.stdout_text and "town 0" in proc.stdout_text  # nothing read is lost
    assert run_cli("split", str(cut), "--strict").returncode == 2
    whole_file = tmp_path / "whole.rss"
    whole_file.write_text(whole)
    assert run_cli("split", str(whole_file)).returncode == 0


def test_an_rss_feed_written_as_json_is_named_as_such_and_skipped(tmp_path):
    # scripting.com's rss.json: the RSS document's elements as JSON objects
    document = {"rss": {"version": "2.0", "channel": {"title": "Scripting News", "link": "http://scripting.com/", "item": [
        {"title": "A post", "link": "http://scripting.com/2024/01/01.html#a1",
         "description": "A story about feeds and the people who read them on the open web every day."}]}}}
    (tmp_path / "rss.json").write_text(json.dumps(document))
    (tmp_path / "good.txt").write_text("Feeds are read by people every day. They like them.\n")
    with pytest.raises(InputError, match=r"rss\.json: an RSS feed written as JSON \(RSS in JSON\), which is not read"):
        list(read_path(str(tmp_path / "rss.json")))
    proc = run_cli("split", str(tmp_path))
    assert proc.returncode == 3 and "Feeds are read by people every day." in proc.stdout_text
    assert "rss.json: an RSS feed written as JSON" in proc.stderr_text
    # a JSON Lines record that merely has an "rss" key is still read as JSON Lines
    (tmp_path / "records.jsonl").write_text(json.dumps({"text": "Feeds are read by people every day. They like them.",
                                                        "rss": {"channel": "x"}}) + "\n")
    assert len(list(read_path(str(tmp_path / "records.jsonl")))) == 1
