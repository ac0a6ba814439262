"""Large JSON Lines files are read a block of whole lines at a time, with the articles, line
numbers and errors of reading them whole."""

from __future__ import annotations

import json

import pytest

from summarize.errors import InputError
from summarize.read import blocks, read_bytes, read_path


def _fields(articles):
    return [(a.id, a.text, a.title, a.source_line, a.raw, a.meta) for a in articles]


@pytest.fixture
def small_blocks(monkeypatch):
    monkeypatch.setattr(blocks, "STREAM_FROM", 0)
    monkeypatch.setattr(blocks, "BLOCK", 64)  # smaller than one line: blocks grow until a line ends


def _jsonl(tmp_path, lines, name="feed.jsonl", newline="\n", bom=False):
    path = tmp_path / name
    data = newline.join(lines).encode("utf-8")
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data + newline.encode())
    return path


RECORDS = [json.dumps({"id": f"a{i}", "title": f"Über {i}", "text": f"Paragraph one of {i}.\n\nZwei – {i} ✓.", "x": i},
                      ensure_ascii=i % 2 == 0) for i in range(40)]


@pytest.mark.parametrize("newline, bom", [("\n", False), ("\r\n", True)])
def test_blocks_give_the_articles_of_the_whole_file(tmp_path, small_blocks, newline, bom):
    lines = RECORDS[:10] + ["", "   "] + RECORDS[10:]
    path = _jsonl(tmp_path, lines, newline=newline, bom=bom)
    assert blocks.streamable(path, None)
    streamed = list(read_path(str(path)))
    whole = list(read_bytes(path.read_bytes(), str(path)))
    assert len(streamed) == 40
    assert _fields(streamed) == _fields(whole)
    assert streamed[-1].source_line == 42


def test_a_broken_line_in_a_later_block_names_its_line(tmp_path, small_blocks):
    path = _jsonl(tmp_path, RECORDS[:30] + ['{"id": "x", "text": "cut'] + RECORDS[30:])
    got = []
    with pytest.raises(InputError, match=r"feed.jsonl:31: broken JSON line"):
        for article in read_path(str(path)):
            got.append(article.id)
    assert got == [f"a{i}" for i in range(30)]  # what came before was read


@pytest.mark.parametrize("content", [
    json.dumps([{"id": "a", "text": "one"}, {"id": "b", "text": "two"}], indent=2),  # an array
    json.dumps({"id": "a", "text": "one spread over lines"}, indent=2),  # one document
])
def test_other_json_is_read_whole(tmp_path, small_blocks, content):
    path = tmp_path / "doc.jsonl"
    path.write_text(content + "\n")
    assert [a.text for a in read_path(str(path))] == [a.text for a in read_bytes(path.read_bytes(), str(path))]


def test_utf16_and_compressed_files_are_read_whole(tmp_path, small_blocks):
    import gzip

    text = "\n".join(RECORDS[:5]) + "\n"
    wide = tmp_path / "wide.jsonl"
    wide.write_bytes(text.encode("utf-16"))
    packed = tmp_path / "packed.jsonl"
    packed.write_bytes(gzip.compress(text.encode()))
    for path in (wide, packed):
        assert [a.id for a in read_path(str(path))] == [f"a{i}" for i in range(5)]


def test_the_input_limit_bounds_a_line_not_the_file(tmp_path, small_blocks, monkeypatch):
    monkeypatch.setenv("SUMMARIZE_MAX_INPUT_MB", "0.001")  # 1,000 bytes
    path = _jsonl(tmp_path, RECORDS)  # about 4 KB in all, each line far under the limit
    assert len(list(read_path(str(path)))) == 40
    long = _jsonl(tmp_path, RECORDS[:3] + [json.dumps({"id": "big", "text": "word " * 400})], name="long.jsonl")
    with pytest.raises(InputError, match="long.jsonl:4: a line longer than the input limit"):
        list(read_path(str(long)))


def test_small_files_and_other_formats_are_read_whole(tmp_path):
    path = _jsonl(tmp_path, RECORDS[:3])
    assert not blocks.streamable(path, None)  # under STREAM_FROM
    assert not blocks.streamable(path.with_suffix(".json"), None)
    assert not blocks.streamable(path, "text")
