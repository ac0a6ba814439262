"""JSON Lines: one article per line with id/text and optional title/url/published."""

from __future__ import annotations

import json

import pytest

from summarize.errors import InputError
from summarize.read import read_path
from summarize.read.jsonl import read_jsonl
from summarize.split import fill_sentences

from conftest import FIXTURES, run_cli

BBC = FIXTURES / "read" / "bbc_sample.jsonl"


def test_bbc_sample_articles():
    records = [json.loads(line) for line in BBC.read_text(encoding="utf-8").splitlines()]
    articles = list(read_path(str(BBC)))
    assert [a.id for a in articles] == [r["id"] for r in records] == ["business/001", "tech/004", "sport/082", "politics/002"]
    for number, (article, record) in enumerate(zip(articles, records), start=1):
        assert article.format == "jsonl"
        assert article.title == record["title"]
        assert article.text == record["text"]
        assert article.source_line == number
        assert article.meta["category"] == record["category"]
        assert [p.text for p in article.paragraphs] == [p for p in record["text"].split("\n\n") if p.strip()]
    first = articles[0]
    assert [p.line for p in first.paragraphs][:3] == [1, 3, 5]  # lines of the body
    assert first.paragraphs[0].text.startswith("Quarterly profits at US media giant TimeWarner jumped 76% to $1.13bn (£600m)")
    fill_sentences(first)
    assert len(first.sentences) >= 15
    assert first.location(first.sentences[3].line) == f"{BBC}:1"


def test_optional_fields_and_missing_id():
    text = '{"text": "Body one. Body two.", "url": "https://example.com/a", "published": "2024-05-01", "title": "T"}\n\n{"id": 7, "text": "Other."}\n'
    a, b = read_jsonl(text, "feed.jsonl")
    assert (a.id, a.url, a.published, a.title) == ("feed.jsonl:1", "https://example.com/a", "2024-05-01", "T")
    assert (b.id, b.url, b.title, b.source_line) == ("7", None, None, 3)


@pytest.mark.parametrize(
    "text, message",
    [
        ('{"id": 1, "text": "ok"}\n{"id": 2, "text": "cut\n', "a.jsonl:2: broken JSON line"),
        ('{"id": 1, "text": "ok"}\n[1, 2]\n', 'a.jsonl:2: expected an object with a "text" string'),
        ('{"id": 1, "body": "no text field"}\n', 'a.jsonl:1: expected an object with a "text" string'),
        ('{"id": 1, "text": 42}\n', 'a.jsonl:1: expected an object with a "text" string'),
        ('{"id": 1, "text": "ok"}\n{"text": "ok", "url": ["x"]}\n', 'a.jsonl:2: "url" must be a string, not an array'),
        ('{"text": "ok", "url": 7}\n', 'a.jsonl:1: "url" must be a string, not a number'),
        ('{"text": "ok", "title": {"en": "T"}}\n', 'a.jsonl:1: "title" must be a string or a number, not an object'),
        ('{"text": "ok", "id": ["a", "b"]}\n', 'a.jsonl:1: "id" must be a string or a number, not an array'),
        ('{"text": "ok", "published": true}\n', 'a.jsonl:1: "published" must be a string or a number, not a boolean'),
    ],
)
def test_broken_lines_name_file_and_line(text, message):
    with pytest.raises(InputError) as info:
        list(read_jsonl(text, "a.jsonl"))
    assert str(info.value).startswith(message)


def test_numbers_are_written_out_as_ids_titles_and_dates():
    (article,) = read_jsonl('{"id": 3, "title": 42, "published": 1714521600, "text": "Body."}\n', "n.jsonl")
    assert (article.id, article.title, article.published) == ("3", "42", "1714521600")


def test_a_url_that_is_not_a_string_is_one_line_on_the_command_line_not_a_mangled_link(tmp_path):
    path = tmp_path / "u.jsonl"
    path.write_text('{"id": "a", "title": 42, "url": ["x"], "text": "Body text here. More."}\n', encoding="utf-8")
    proc = run_cli("digest", "-m", "lead", "-f", "md", str(path))
    assert proc.returncode == 2
    assert proc.stderr_text == f'summarize: {path}:1: "url" must be a string, not an array\n'
    assert "['x']" not in proc.stdout_text


def test_broken_line_on_the_command_line(tmp_path):
    path = tmp_path / "articles.jsonl"
    path.write_text(BBC.read_text(encoding="utf-8").splitlines()[0] + "\n{not json}\n", encoding="utf-8")
    proc = run_cli("split", str(path))
    assert proc.returncode == 2
    assert proc.stderr_text.startswith(f"summarize: {path}:2: broken JSON line")
    assert proc.stderr_text.count("\n") == 1 and "Traceback" not in proc.stderr_text


def test_a_json_document_of_articles_is_read_with_the_line_of_each_object():
    records = [json.loads(line) for line in BBC.read_text(encoding="utf-8").splitlines()][:2]
    array = json.dumps(records, indent=2, ensure_ascii=False)
    articles = list(read_jsonl(array, "a.json"))
    assert [a.id for a in articles] == ["business/001", "tech/004"]
    lines = array.split("\n")
    assert [lines[a.source_line - 1].strip() for a in articles] == ["{", "{"]
    assert articles[1].source_line > articles[0].source_line > 1
    single = json.dumps(records[0], indent=2)
    (article,) = read_jsonl(single, "one.json")
    assert article.id == "business/001" and article.source_line == 1
    with pytest.raises(InputError, match=r'b.json:3: expected an object with a "text" string'):
        list(read_jsonl('[\n {"text": "ok"},\n {"body": "no"}\n]', "b.json"))
    assert [a.text for a in read_jsonl("[]", "e.json")] == []


# Raw JSON text: "\ud800" is a lone surrogate escape, "\ud83d\ude00" a valid pair (an emoji).
SURROGATES = ('{"id": "a\\ud800", "title": "T \\udc00", "text": "Lone \\ud800 here. Pair \\ud83d\\ude00 here.", '
              '"tags": ["x\\udfff", {"k\\ud800": "v\\ud800"}]}\n')


def test_lone_surrogate_escapes_become_replacement_characters_and_pairs_stay():
    (article,) = read_jsonl(SURROGATES, "s.jsonl")
    assert article.text == "Lone \ufffd here. Pair \U0001F600 here."
    assert (article.id, article.title) == ("a\ufffd", "T \ufffd")
    assert article.meta["tags"] == ["x\ufffd", {"k\ufffd": "v\ufffd"}]
    (same,) = read_jsonl("[" + SURROGATES + "]", "s.json")  # a JSON document: the same
    assert (same.id, same.text, same.meta) == (article.id, article.text, article.meta)


@pytest.mark.parametrize("command", [["split"], ["clean"], ["clean", "--format", "json"], ["digest", "-m", "lead", "-f", "jsonl"]])
def test_every_command_writes_an_article_with_a_lone_surrogate_escape(tmp_path, command):
    path = tmp_path / "s.jsonl"
    path.write_text(SURROGATES, encoding="utf-8")
    proc = run_cli(*command, str(path))
    assert proc.returncode == 0, proc.stderr_text
    assert "Lone \ufffd here." in proc.stdout_text and "Pair \U0001F600 here." in proc.stdout_text
