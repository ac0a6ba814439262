"""Bounded work: stated, settable limits on what one input may make us read (bytes read, size once
decompressed, JSON nesting), each a one-line error for that input; templated text does not make
``clean``'s repeat search quadratic; a declared charset wins over guessing; UTF-32 is read."""

from __future__ import annotations

import bz2
import gzip
import json
import lzma
import random
import subprocess
import sys

import pytest

from summarize import clean as clean_module
from summarize.clean import clean_article
from summarize.read.decode import decode
from summarize.read.text import read_text

from conftest import run_cli

ARTICLE = "A title\n\nThe council met on Monday to vote on the bridge. The river rose again in the night.\n"
SMALL = {"SUMMARIZE_MAX_INPUT_MB": "1", "SUMMARIZE_MAX_DECOMPRESSED_MB": "1"}


def test_dev_zero_stops_at_the_input_limit_in_one_line():
    proc = run_cli("split", "/dev/zero", env=SMALL)
    assert (proc.returncode, proc.stderr_text) == (
        2, "summarize: /dev/zero: more than the input limit of 1 MB (SUMMARIZE_MAX_INPUT_MB)\n")


def test_an_endless_stdin_stops_at_the_input_limit_in_one_line():
    yes = subprocess.Popen(["yes"], stdout=subprocess.PIPE)
    try:
        proc = subprocess.run([sys.executable, "-m", "summarize", "split", "-"], stdin=yes.stdout,
                              capture_output=True, env={**__import__("os").environ, **SMALL}, timeout=600)
    finally:
        yes.kill()
        yes.wait()
    assert (proc.returncode, proc.stderr.decode()) == (
        2, "summarize: -: more than the input limit of 1 MB (SUMMARIZE_MAX_INPUT_MB)\n")


def test_a_file_over_the_limit_is_skipped_by_its_size_and_the_rest_is_read(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text("The same words again. " * 60_000)  # 1.3 MB
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE)
    proc = run_cli("split", str(big), str(good), env=SMALL)
    assert proc.returncode == 3
    assert proc.stderr_text.splitlines()[0] == (
        f"summarize: skipped {big}: larger than the input limit of 1 MB (SUMMARIZE_MAX_INPUT_MB)")
    assert "The river rose again in the night." in proc.stdout_text


@pytest.mark.parametrize("suffix, compress", [(".gz", gzip.compress), (".bz2", bz2.compress), (".xz", lzma.compress)])
def test_compressed_inputs_are_read_and_a_bomb_stops_at_the_limit(tmp_path, suffix, compress):
    good = tmp_path / f"good.txt{suffix}"
    good.write_bytes(compress(ARTICLE.encode()))
    bomb = tmp_path / f"bomb.txt{suffix}"
    bomb.write_bytes(compress(b"The council met again on the bridge.\n" * 200_000))  # 7.4 MB expanded
    assert len(bomb.read_bytes()) < 1 << 20
    proc = run_cli("split", str(bomb), str(good), env=SMALL)
    kind = {".gz": "gzip", ".bz2": "bzip2", ".xz": "xz"}[suffix]
    assert proc.returncode == 3
    assert proc.stderr_text.splitlines()[0] == (
        f"summarize: skipped {bomb}: {kind} content larger than the limit of 1 MB (SUMMARIZE_MAX_DECOMPRESSED_MB)")
    assert proc.stdout_text == "The council met on Monday to vote on the bridge.\nThe river rose again in the night.\n"


def test_a_truncated_archive_is_one_line(tmp_path):
    cut = tmp_path / "cut.txt.bz2"
    cut.write_bytes(bz2.compress(ARTICLE.encode() * 50)[:40])
    proc = run_cli("split", str(cut))
    assert (proc.returncode, proc.stderr_text) == (2, f"summarize: {cut}: corrupt bzip2 data (truncated)\n")


@pytest.mark.parametrize("name, make", [
    ("deep.jsonl", lambda n: json.dumps({"id": "a", "text": ARTICLE})[:-1] + ', "x": ' + "[" * n + "]" * n + "}\n"),
    ("deep.json", lambda n: '{"version": "https://jsonfeed.org/version/1.1", "items": ' + "[" * n + "]" * n + "}"),
])
def test_json_nested_past_the_limit_is_one_line_and_the_limit_is_settable(tmp_path, name, make):
    path = tmp_path / name
    path.write_text(make(100_000))
    proc = run_cli("split", str(path))
    assert (proc.returncode, proc.stderr_text) == (
        2, f"summarize: {path}{':1' if name.endswith('.jsonl') else ''}: JSON nested deeper than 200 levels (SUMMARIZE_MAX_JSON_DEPTH)\n")
    path.write_text(make(30))
    assert "nested deeper" in run_cli("split", str(path), env={"SUMMARIZE_MAX_JSON_DEPTH": "20"}).stderr_text
    assert "nested deeper" not in run_cli("split", str(path)).stderr_text


def test_brackets_inside_json_strings_do_not_count(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"id": "a", "text": ARTICLE + "[" * 5000}) + "\n")
    proc = run_cli("split", str(path))
    assert proc.returncode == 0, proc.stderr_text


def test_a_bad_limit_setting_is_a_usage_error():
    proc = run_cli("split", "-", input=ARTICLE, env={"SUMMARIZE_MAX_INPUT_MB": "lots"})
    assert (proc.returncode, proc.stderr_text) == (2, "summarize: SUMMARIZE_MAX_INPUT_MB='lots': expected a positive number\n")


def test_every_help_states_the_limits():
    for command in ("split", "clean", "dedup", "digest", "check"):
        text = " ".join(run_cli(command, "--help").stdout_text.split())
        assert "SUMMARIZE_MAX_INPUT_MB" in text and "SUMMARIZE_MAX_JSON_DEPTH" in text, command


# --- clean on templated text ---------------------------------------------------------------

def _templated(sentences: int, seed: int = 1) -> str:
    rnd = random.Random(seed)
    names = ["Alice Smith", "Bob Jones", "Carol White", "David Brown", "Eve Black", "Frank Green"]
    cities = ["Leeds", "York", "Bath", "Derby", "Hull", "Ely"]
    templates = ["{n} sold {k} shares of the company in {c} on day {d}, the filing shows.",
                 "The price in {c} rose by {p} percent to {k} dollars after {n} spoke on day {d}.",
                 "Analysts in {c} expect {k} more trades next week, {n} said in a note numbered {d}."]
    out = []
    for _ in range(sentences // 3):
        out.append(" ".join(rnd.choice(templates).format(n=rnd.choice(names), k=rnd.randint(1, 99999),
                                                          c=rnd.choice(cities), d=rnd.randint(1, 9999),
                                                          p=rnd.randint(1, 99)) for _ in range(3)))
    return "Daily market report\n\n" + "\n\n".join(out) + "\n"


def test_templated_text_verifies_a_bounded_number_of_candidates_and_still_finds_restatements(monkeypatch):
    lead = ("The regional council approved the new flood barrier for the old harbour district after a "
            "long debate on Tuesday evening.")
    text = _templated(900).replace("Daily market report\n\n", f"Daily market report\n\n{lead}\n\n", 1)
    text += "\n" + lead.replace("Tuesday evening", "Tuesday night") + "\n"
    verified = []
    real_alignment = clean_module.alignment
    monkeypatch.setattr(clean_module, "alignment", lambda a, b: verified.append(1) or real_alignment(a, b))
    calls = []
    real_same_names = clean_module._same_names
    monkeypatch.setattr(clean_module, "_same_names", lambda *a: calls.append(1) or real_same_names(*a))
    result = clean_article(read_text(text, "t.txt"))
    units = sum(len(p.sentences) for p in result.original.paragraphs) + len(result.original.paragraphs)
    assert len(calls) <= clean_module.CANDIDATE_CAP * units  # not every earlier sentence of the template
    assert [r.text for r in result.removed][-1].startswith("The regional council approved")


def test_capped_search_equals_the_uncapped_one_on_prose_with_few_candidates(monkeypatch, fixtures):
    rows = [json.loads(line) for line in (fixtures / "digest" / "bbc_sample.jsonl").read_text().splitlines()]
    text = "Long document\n\n" + "\n\n".join(r["text"].strip() for r in rows)
    text += "\n\n" + "\n\n".join(r["text"].strip().split("\n")[0] for r in rows[:5]) + "\n"
    monkeypatch.setattr(clean_module, "PAIRWISE_LIMIT", 10)  # the LSH search, as for a long article
    capped = clean_article(read_text(text, "long.txt"))
    monkeypatch.setattr(clean_module, "BUCKET_CAP", 10**9)
    monkeypatch.setattr(clean_module, "CANDIDATE_CAP", 10**9)
    uncapped = clean_article(read_text(text, "long.txt"))
    assert capped.removed and [r.as_dict() for r in capped.removed] == [r.as_dict() for r in uncapped.removed]


# --- declared charsets, UTF-32 ----------------------------------------------------------------

SHORT = {"big5": "台北市政府宣布新的交通政策", "gbk": "北京市政府宣布新的交通政策",
         "shift_jis": "東京都は新しい交通政策を発表", "euc-kr": "서울시는새로운교통정책을발표했다"}


@pytest.mark.parametrize("encoding", SHORT)
def test_a_declared_charset_wins_over_guessing_on_short_text(encoding):
    rnd = random.Random(5)
    chars = list(SHORT[encoding])
    wrong = 0
    for _ in range(100):
        title = "".join(rnd.choice(chars) for _ in range(8))
        page = f'<html><head><meta charset="{encoding}"><title>{title}</title></head><body><p>{title}</p></body></html>'
        data = page.encode(encoding)
        feed = f'<?xml version="1.0" encoding="{encoding}"?><rss><channel><title>{title}</title></channel></rss>'
        wrong += decode(data, "x") != page
        wrong += decode(feed.encode(encoding), "x") != feed
        wrong += decode(title.encode(encoding), "x", charset=encoding) != title  # an HTTP charset
    assert wrong == 0


def test_an_http_charset_reaches_the_decoder(tmp_path):
    from summarize.read import read_bytes

    title = "서울시는새로운교통정책"
    html = f"<html><head><title>{title}</title></head><body><p>{title} 오늘 발표했다.</p></body></html>"
    article = next(read_bytes(html.encode("euc-kr"), "http://x/a.html", "html", "text/html", "euc-kr"))
    assert title in article.text


@pytest.mark.parametrize("encoding", ["utf-32", "utf-32-le", "utf-32-be"])
def test_utf32_with_or_without_bom_is_read(tmp_path, encoding):
    path = tmp_path / "a.txt"
    path.write_bytes((ARTICLE + "Grüße aus München, Αθήνα and 東京.\n").encode(encoding))
    proc = run_cli("split", str(path))
    assert proc.returncode == 0, proc.stderr_text
    assert proc.stdout_text.endswith("Grüße aus München, Αθήνα and 東京.\n")


def test_a_json_document_over_several_lines_is_checked_whole(tmp_path):
    path = tmp_path / "one.json"
    path.write_text('{"id": "a",\n "text": "' + ARTICLE + '",\n "x": ' + "[" * 100_000 + "]" * 100_000 + "}\n")
    proc = run_cli("split", str(path))
    assert (proc.returncode, proc.stderr_text) == (
        2, f"summarize: {path}: JSON nested deeper than 200 levels (SUMMARIZE_MAX_JSON_DEPTH)\n")


def test_a_deep_line_names_its_line(tmp_path):
    path = tmp_path / "a.jsonl"
    deep = json.dumps({"id": "b", "text": ARTICLE})[:-1] + ', "x": ' + "[" * 300 + "]" * 300 + "}"
    path.write_text(json.dumps({"id": "a", "text": ARTICLE}) + "\n" + deep + "\n")
    proc = run_cli("split", str(path))
    assert "a.jsonl:2: JSON nested deeper than 200 levels" in proc.stderr_text
