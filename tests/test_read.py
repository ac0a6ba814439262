"""Dispatch: formats by extension or content, folders, gzip, stdin, and errors for unreadable input."""

from __future__ import annotations

import gzip
import json
import os
import shutil
import socket

import pytest

from summarize.errors import InputError
from summarize.read import detect_format, read_bytes, read_inputs, read_path, sniff

from conftest import FIXTURES, run_cli


@pytest.mark.parametrize(
    "content, fmt",
    [
        ("Just some text.\nMore.", "text"),
        ("# A heading\n\nBody.", "markdown"),
        ("---\ntitle: x\n---\nBody.", "markdown"),
        ("<!DOCTYPE html><html><body><p>x</p></body></html>", "html"),
        ('{"id": 1, "text": "x"}\n', "jsonl"),
        ('[\n {"id": 1, "text": "x"}\n]', "jsonl"),
        ("[a link](http://x.y) starts this text.", "text"),
        ('{"version": "https://jsonfeed.org/version/1.1", "items": []}', "jsonfeed"),
        ('<?xml version="1.0"?><rss version="2.0"><channel></channel></rss>', "feed"),
        ('<feed xmlns="http://www.w3.org/2005/Atom"></feed>', "feed"),
        ("#hashtag is not a heading", "text"),
    ],
)
def test_sniff(content, fmt):
    assert sniff(content) == fmt


def test_detect_format_by_extension_with_gzip_and_xml_that_is_not_a_feed():
    assert detect_format("a.md", "plain") == "markdown"
    assert detect_format("page.html.gz", "x") == "html"
    assert detect_format("A.HTM", "x") == "html"
    with pytest.raises(InputError, match=r"notes.xml: given as a feed \(.xml\), but it is XML with root element <config>"):
        detect_format("notes.xml", "<config><a/></config>")
    assert detect_format("notes.xml", "Plain words, no markup at all.") == "text"
    assert detect_format("records.json", '{"id": 1, "text": "x"}') == "jsonl"
    assert detect_format("no_extension", '{"id": 1, "text": "x"}') == "jsonl"


def test_folder_is_read_recursively_by_extension_in_sorted_order(tmp_path, seed):
    (tmp_path / "b" / "deeper").mkdir(parents=True)
    (tmp_path / ".hidden").mkdir()
    shutil.copy(seed, tmp_path / "b" / "deeper" / "seed.txt")
    shutil.copy(FIXTURES / "read" / "article.md", tmp_path / "a.md")
    shutil.copy(FIXTURES / "read" / "bbc_sample.jsonl", tmp_path / "b" / "bbc.jsonl")
    shutil.copy(FIXTURES / "read" / "e372e42c0a3df7b86e1c0bacf7bc14d042144a01e88833bc5a643d61b3547090.html.gz", tmp_path / "b" / "page.html.gz")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n")  # unknown extension: skipped
    (tmp_path / ".hidden" / "x.txt").write_text("hidden", encoding="utf-8")
    (tmp_path / ".dotfile.txt").write_text("hidden", encoding="utf-8")
    articles = list(read_path(str(tmp_path)))
    assert [(a.format, a.source.removeprefix(str(tmp_path) + "/")) for a in articles] == [
        ("markdown", "a.md"),
        *[("jsonl", "b/bbc.jsonl")] * 4,
        ("html", "b/page.html.gz"),
        ("text", "b/deeper/seed.txt"),  # a folder's files (sorted), then its subfolders
    ]


def test_folder_without_known_files_is_an_input_error(tmp_path):
    (tmp_path / "x.bin").write_bytes(b"\x00")
    with pytest.raises(InputError, match="no readable files"):
        list(read_path(str(tmp_path)))


def test_gzipped_text_and_cp1252_bytes():
    article = next(read_bytes(gzip.compress("Title Line\n\nCafé £5. Nice.".encode("cp1252")), "menu.txt.gz"))
    assert article.title == "Title Line"
    assert [p.text for p in article.paragraphs] == ["Café £5. Nice."]


def test_inputs_are_read_in_order_and_format_can_be_forced(tmp_path, seed):
    md = tmp_path / "x.txt"
    md.write_text("# Heading\n\nBody one.\n", encoding="utf-8")
    text_then_md = list(read_inputs([str(md), str(seed)], None))
    assert [a.title for a in text_then_md] == ["# Heading", "Chinese AI Firm iFlyTek Trains LLMs on Huawei Platform, Defying US Restrictions"]
    assert next(read_inputs([str(md)], "markdown")).title == "Heading"
    with pytest.raises(InputError, match="unknown input format 'docx'"):
        list(read_inputs([str(md)], "docx"))


@pytest.mark.parametrize(
    "make, message",
    [
        (lambda p: p, "no such file or folder"),
        (lambda p: (p.with_name("link").symlink_to(p.with_name("gone")), p.with_name("link"))[1], "broken symbolic link"),
        (lambda p: (p.with_name("l1").symlink_to(p.with_name("l2")), p.with_name("l2").symlink_to(p.with_name("l1")), p.with_name("l1"))[2],
         "cannot read (Too many levels of symbolic links)"),
        (lambda p: (p.write_bytes(b""), p)[1], "empty input"),
        (lambda p: (p.write_text(" \n\t\n", encoding="utf-8"), p)[1], "empty input"),
        (lambda p: (p.write_bytes(b"\x7fELF\x02\x01\x01" + bytes(100)), p)[1], "binary file (an executable), not text"),
    ],
    ids=["missing", "broken-symlink", "symlink-loop", "empty", "whitespace-only", "binary"],
)
def test_unreadable_inputs_are_input_errors(tmp_path, make, message):
    path = make(tmp_path / "input.txt")
    with pytest.raises(InputError) as info:
        list(read_path(str(path)))
    assert str(info.value).startswith(f"{path}: ")
    assert message in str(info.value)


def test_a_socket_cannot_be_read(tmp_path):
    # An honest unreadable file even for root: opening a Unix socket fails (ENXIO).
    path = tmp_path / "sock.txt"
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(path))
        with pytest.raises(InputError, match=r"sock.txt: cannot read \(No such device or address\)"):
            list(read_path(str(path)))
    finally:
        server.close()


@pytest.mark.parametrize(
    "data, expected",
    [
        (b"Caf\xe9 \xa35 for a coffee. Dr. Smith paid.", ["Café £5 for a coffee.", "Dr. Smith paid."]),
        ("# Heading\n\nA markdown body. With [a link](http://x.y).\n".encode(), ["A markdown body.", "With a link."]),
        (b'{"id": "a", "text": "One. Two."}\n{"id": "b", "text": "Three."}\n', ["One.", "Two.", "Three."]),
        (b"<!DOCTYPE html><html><head><title>T</title></head><body><article><p>Alpha beta gamma. Delta epsilon.</p></article></body></html>",
         ["Alpha beta gamma.", "Delta epsilon."]),
        (json.dumps({"version": "https://jsonfeed.org/version/1.1", "items": [{"id": "1", "content_text": "Feed text. More."}]}).encode(),
         ["Feed text.", "More."]),
    ],
    ids=["cp1252-text", "markdown", "jsonl", "html", "jsonfeed"],
)
def test_stdin_is_sniffed_by_the_real_command(data, expected):
    proc = run_cli("split", "-", input=data)
    assert proc.returncode == 0, proc.stderr_text
    assert proc.stdout_text.splitlines() == expected


def test_malformed_input_in_any_format_is_an_article_or_an_input_error_never_a_crash():
    import random

    from summarize.read import FORMATS
    from summarize.split import fill_sentences

    rng = random.Random(2024)
    pieces = ["<", ">", "<p>", "</p>", "<rss>", "<item>", "<feed>", "<entry>", "<![", "<![CDATA[", "]]>", "&#xD800;", "&#0;",
              "&amp;", "{", "}", '"text"', ":", '"', "\n", "\n\n", "# ", "---\n", "```", "[", "](", ")", "**", "> ", "- ",
              "Dr.", " ", "word", ".", "\xe9", "\ufeff", "\r", "<script>", "<!--", "-->", "\u2028", "\x85", "jsonfeed.org/version",
              '"items": [', '<?xml version="1.0" encoding="x-bogus"?>', "<title>"]
    outcomes = set()
    for _ in range(400):
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(1, 40)))
        data = text.encode(rng.choice(["utf-8", "utf-16", "cp1252"]), errors="replace")
        if rng.random() < 0.3:
            data = bytes(b ^ rng.randrange(256) if rng.random() < 0.1 else b for b in data)
        try:
            for article in read_bytes(data, "fuzz", rng.choice([None, *FORMATS])):
                fill_sentences(article)
            outcomes.add("read")
        except InputError:
            outcomes.add("error")
    assert outcomes == {"read", "error"}


def test_inputs_that_crashed_the_parsers_found_by_fuzzing():
    # feedparser raised UnicodeEncodeError on a surrogate character reference
    with pytest.raises(InputError, match="not a readable RSS/Atom feed"):
        list(read_bytes(b"<rss><channel><item><title>&#xD800;</title></item></channel></rss>", "bad.rss"))
    # html.parser raised AssertionError on an unknown marked section
    from summarize.read.html import html_to_text

    assert html_to_text("<p>Kept text.</p><![E junk <b>bold</b>") == "Kept text.\n\n<![E junk\n\nbold"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a chmod 000 file anyway (see the symlink-loop and socket cases)")
def test_a_file_without_read_permission_cannot_be_read(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text("text", encoding="utf-8")
    path.chmod(0)
    with pytest.raises(InputError, match=r"secret.txt: cannot read \(Permission denied\)"):
        list(read_path(str(path)))


def test_html_behind_a_long_comment_is_still_sniffed_as_html():
    page = "<!-- " + "generated by a tool " * 40 + "-->\n<html><body><p>Body text here.</p></body></html>"
    assert sniff(page) == "html"


def test_a_folder_passes_over_a_json_file_that_holds_no_article_but_a_named_one_is_an_error(tmp_path, seed):
    import shutil

    from conftest import run_cli

    shutil.copy(seed, tmp_path / "story.txt")
    (tmp_path / "ground-truth.json").write_text('{"page.html": {"body": "..."}}')
    proc = run_cli("split", str(tmp_path))
    assert proc.returncode == 0, proc.stderr_text
    assert "iFlyTek" in proc.stdout_text
    assert proc.stderr_text == (f"summarize: note: passed over {tmp_path / 'ground-truth.json'}, which holds no "
                                'articles (expected an object with a "text" string); not an error\n')
    assert run_cli("split", str(tmp_path / "ground-truth.json")).returncode == 2
    # a .json that is no JSON at all (a feed cut short) is broken, not passed over
    (tmp_path / "cut.json").write_text('{"title": "Blog", "feed_url": "https://example.org/feed.json", "items": [{"title": "A')
    cut = run_cli("split", str(tmp_path))
    assert cut.returncode == 3 and f"skipped {tmp_path / 'cut.json'}: line 1: broken JSON" in cut.stderr_text
    (tmp_path / "cut.json").unlink()
    (tmp_path / "broken.jsonl").write_text('{"id": "a", "text": "Fine."}\n{broken\n')
    proc = run_cli("split", str(tmp_path))  # an article file with a bad line is skipped, named with its line
    assert proc.returncode == 3 and f"skipped {tmp_path / 'broken.jsonl'}: line 2: broken JSON line" in proc.stderr_text


def test_a_folder_passes_over_xml_that_is_no_feed_but_a_named_one_is_an_error(tmp_path, seed):
    shutil.copy(seed, tmp_path / "story.txt")
    (tmp_path / "pom.xml").write_text('<?xml version="1.0"?>\n<project><modelVersion>4.0.0</modelVersion></project>\n')
    (tmp_path / "feeds.xml").write_text('<?xml version="1.0"?>\n<opml version="1.0"><head><title>Subs</title></head>'
                                        '<body><outline xmlUrl="https://example.org/feed.xml"/></body></opml>\n')
    proc = run_cli("split", str(tmp_path))
    assert proc.returncode == 0, proc.stderr_text
    assert "iFlyTek" in proc.stdout_text and "modelVersion" not in proc.stdout_text
    assert f"passed over {tmp_path / 'pom.xml'}, which holds no articles (given as a feed (.xml), but it is XML with root element <project>)" in proc.stderr_text
    assert f"passed over {tmp_path / 'feeds.xml'}" in proc.stderr_text
    named = run_cli("split", str(tmp_path / "feeds.xml"))
    assert named.returncode == 2 and "it is an OPML subscription list (name it .opml to read the feeds it lists)" in named.stderr_text
