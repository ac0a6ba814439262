"""An input that declares its language is split in it unless --lang says otherwise."""

from __future__ import annotations

import json

import pytest

from summarize.document import Article
from summarize.read.html import declared_language
from summarize.split import article_language, split_sentences

GERMAN = ("Der neue Bahnhof wurde am 3. Oktober feierlich eröffnet. Die Bauarbeiten hatten z. B. wegen fehlender "
          "Genehmigungen mehrere Jahre gedauert. Ab dem 15. Dezember halten hier täglich mehr als 300 Züge.")
GERMAN_SENTENCES = ["Der neue Bahnhof wurde am 3. Oktober feierlich eröffnet.",
                    "Die Bauarbeiten hatten z. B. wegen fehlender Genehmigungen mehrere Jahre gedauert.",
                    "Ab dem 15. Dezember halten hier täglich mehr als 300 Züge."]


def _page(lang_attr: str, body: str = GERMAN) -> str:
    return (f"<!DOCTYPE html><html {lang_attr}><head><meta charset='utf-8'><title>Neuer Bahnhof eröffnet</title></head>"
            f"<body><article><h1>Neuer Bahnhof eröffnet</h1><p>{body}</p>"
            "<p>Der Oberbürgermeister sprach von einem großen Tag für die Stadt und dankte allen Beteiligten.</p>"
            "</article></body></html>")


@pytest.mark.parametrize("page, expected", [
    ('<html lang="de-DE"><head>', "de-DE"),
    ("<html class='no-js' xml:lang='pt_BR' lang='pt-BR'>", "pt_BR"),
    ('<html><head><meta http-equiv="Content-Language" content="fr"></head>', "fr"),
    ('<html><head><meta content="es_ES" property="og:locale"/></head>', "es_ES"),
    ("<html><head><title>x</title></head>", None),
    ('<html data-lang="de"><head>', None),
])
def test_the_language_a_page_declares(page, expected):
    assert declared_language(page) == expected


@pytest.mark.parametrize("declared, option, expected", [
    ("de-DE", None, "german"),
    ("DE", None, "german"),
    ("ja", None, "english"),  # no Punkt parameters: English, as before
    ("zh-CN", None, "english"),
    (None, None, "english"),
    ("de", "fr", "fr"),  # --lang wins
])
def test_the_language_an_article_is_split_in(declared, option, expected):
    assert article_language(Article("a", "Text.", None, lang=declared), option) == expected


def test_a_german_page_is_split_in_german_unless_lang_says_otherwise(cli, tmp_path):
    page = tmp_path / "bahnhof.html"
    page.write_text(_page('lang="de"'), encoding="utf-8")
    got = cli("split", str(page))
    assert got.returncode == 0, got.stderr_text
    assert got.stdout_text.splitlines()[:3] == GERMAN_SENTENCES
    english = cli("split", str(page), "--lang", "en").stdout_text.splitlines()
    assert "Der neue Bahnhof wurde am 3." in english  # Punkt's English parameters cut at the ordinal


def test_feeds_records_and_front_matter_declare_their_language(cli, tmp_path):
    rss = tmp_path / "feed.xml"
    rss.write_text(f"""<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Nachrichten</title>
<link>https://example.org/</link><language>de-de</language><item><title>Bahnhof</title><link>https://example.org/1</link>
<description>{GERMAN}</description></item></channel></rss>""", encoding="utf-8")
    atom = tmp_path / "feed.atom"
    atom.write_text(f"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom" xml:lang="de">
<title>Nachrichten</title><id>urn:x</id><updated>2024-01-01T00:00:00Z</updated><entry><title>Bahnhof</title>
<id>urn:1</id><updated>2024-01-01T00:00:00Z</updated><content type="text">{GERMAN}</content></entry></feed>""", encoding="utf-8")
    jsonfeed = tmp_path / "feed.json"
    jsonfeed.write_text(json.dumps({"version": "https://jsonfeed.org/version/1.1", "title": "N", "language": "de",
                                    "items": [{"id": "1", "content_text": GERMAN}]}), encoding="utf-8")
    records = tmp_path / "records.jsonl"
    records.write_text(json.dumps({"id": "1", "text": GERMAN, "lang": "de"}) + "\n"
                       + json.dumps({"id": "2", "text": "Er kam am 3. Oktober an.", "language": "en"}) + "\n", encoding="utf-8")
    markdown = tmp_path / "post.md"
    markdown.write_text(f"---\ntitle: Bahnhof\nlang: de\n---\n\n{GERMAN}\n", encoding="utf-8")
    for path in (rss, atom, jsonfeed, records, markdown):
        got = cli("split", str(path))
        assert got.returncode == 0, (path.name, got.stderr_text)
        assert got.stdout_text.splitlines()[:3] == GERMAN_SENTENCES, path.name
    assert cli("split", str(records)).stdout_text.splitlines()[3:] == ["Er kam am 3.", "Oktober an."]  # declared English


def test_digest_and_clean_split_in_the_declared_language(cli, tmp_path):
    page = tmp_path / "bahnhof.html"
    page.write_text(_page('lang="de"'), encoding="utf-8")
    digest = cli("digest", str(page), "-m", "lead", "-n", "2", "-f", "jsonl")
    assert digest.returncode == 0, digest.stderr_text
    assert json.loads(digest.stdout_text)["sentences"] == GERMAN_SENTENCES[:2]
    assert cli("clean", str(page), "--explain").returncode == 0


@pytest.mark.parametrize("text, expected", [
    ("Sie hatten z. B. wegen Regen gewartet. Dann gingen sie.", ["Sie hatten z. B. wegen Regen gewartet.", "Dann gingen sie."]),
    ("Das heißt, d. h. die Stadt zahlt. Das war es.", ["Das heißt, d. h. die Stadt zahlt.", "Das war es."]),
    ("Es kamen u. a. Pendler. Viele blieben.", ["Es kamen u. a. Pendler.", "Viele blieben."]),
])
def test_an_abbreviation_written_with_a_space_is_not_a_sentence_end(text, expected):
    assert split_sentences(text, "german") == expected


def test_a_sentence_ending_in_a_capital_initial_still_ends():
    assert split_sentences("They chose plan B. A. Smith disagreed.", "english") == ["They chose plan B.", "A. Smith disagreed."]


def test_russian_words_that_nltk_lists_as_abbreviations_still_end_sentences():
    text = ("Она заявила о себе на весь мир. Тогда трудно было найти журнал. Вдохновляюсь до сих пор. Честно говоря, "
            "нужно 2 ст. л. масла и 3 шт. лука.")
    assert split_sentences(text, "ru") == ["Она заявила о себе на весь мир.", "Тогда трудно было найти журнал.",
                                           "Вдохновляюсь до сих пор.", "Честно говоря, нужно 2 ст. л. масла и 3 шт. лука."]

