"""The digest command end to end (the real CLI on real files) and the Python batch API."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from summarize.digest import Length, digest_articles, make_digester
from summarize.errors import SummarizeError
from summarize.read import read_inputs

SAMPLE = "digest/bbc_sample.jsonl"


def test_help_imports_no_heavy_library():
    code = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from summarize.cli import app\n"
        "runner = CliRunner()\n"
        "for args in (['--help'], ['digest', '--help']):\n"
        "    result = runner.invoke(app, args)\n"
        "    assert result.exit_code == 0 and 'Usage' in result.output, result.output\n"
        "heavy = sorted(m for m in ('torch', 'transformers', 'sentence_transformers') if m in sys.modules)\n"
        "print('HEAVY=' + ','.join(heavy))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip().splitlines()[-1] == "HEAVY="


def test_digest_help_lists_the_options(cli):
    proc = cli("digest", "--help")
    assert proc.returncode == 0
    for option in ("--method", "--model", "--sentences", "--words", "--ratio", "--format", "--resume", "--beams",
                   "--max-length", "--min-length"):
        assert option in proc.stdout_text


@pytest.mark.ml
def test_seed_digest_is_three_sentences_offline(cli, seed):
    proc = cli("digest", str(seed), env={"HF_HUB_OFFLINE": "1"})
    assert proc.returncode == 0, proc.stderr_text
    from summarize.split import split_sentences

    sentences = split_sentences(proc.stdout_text.strip())
    assert len(sentences) == 3
    text = seed.read_text(encoding="utf-8")
    assert all(s in text for s in sentences)
    # the closing restatement (lines 9-11) of the lead never doubles the lead in a digest
    restated = "iFlyTek trains its large language models (LLMs) exclusively on a home-grown computing platform"
    assert restated not in proc.stdout_text
    # nor does the body's paraphrase of the standfirst ("Most of China's LLMs use computing
    # platforms with US components...") sit beside it: it is docked as a near-repeat
    paraphrase = "While the majority of China's LLMs use computational platforms"
    assert paraphrase not in proc.stdout_text
    assert proc.stderr_text == ""


@pytest.mark.ml
def test_many_articles_default_to_jsonl_records(cli, fixtures):
    proc = cli("digest", str(fixtures / SAMPLE), "--sentences", "2")
    assert proc.returncode == 0, proc.stderr_text
    records = [json.loads(line) for line in proc.stdout_text.splitlines()]
    assert [r["id"] for r in records] == ["business/001", "entertainment/040", "politics/030", "sport/010", "tech/020"]
    for r in records:
        assert set(r) == {"id", "title", "summary", "sentences", "method", "model"}
        assert r["method"] == "embed" and r["model"] == "all-MiniLM-L6-v2"
        assert len(r["sentences"]) == 2 and r["summary"] == " ".join(r["sentences"])


def test_markdown_has_headline_and_digest(cli, fixtures):
    proc = cli("digest", str(fixtures / SAMPLE), "--method", "lead", "--format", "md", "-n", "1")
    assert proc.returncode == 0, proc.stderr_text
    assert "## Ad sales boost Time Warner profit\n" in proc.stdout_text
    assert "Quarterly profits at US media giant TimeWarner jumped 76%" in proc.stdout_text


def test_output_file_and_resume_keep_earlier_lines(cli, fixtures, tmp_path):
    source = fixtures / SAMPLE
    lines = source.read_text(encoding="utf-8").splitlines()
    first = tmp_path / "first.jsonl"
    first.write_text("\n".join(lines[:2]) + "\n", encoding="utf-8")
    out = tmp_path / "digests.jsonl"
    proc = cli("digest", str(first), "--method", "lead", "-o", str(out))
    assert proc.returncode == 0, proc.stderr_text
    assert proc.stdout_text == ""
    before = out.read_text(encoding="utf-8").splitlines()
    assert len(before) == 2
    proc = cli("digest", str(source), "--method", "lead", "-o", str(out), "--resume")
    assert proc.returncode == 0, proc.stderr_text
    after = out.read_text(encoding="utf-8").splitlines()
    assert after[:2] == before
    assert [json.loads(line)["id"] for line in after] == [json.loads(line)["id"] for line in lines]
    assert "resumed" in proc.stderr_text


def test_failure_leaves_no_partial_output(cli, fixtures, tmp_path):
    broken = tmp_path / "broken.jsonl"
    good = (fixtures / SAMPLE).read_text(encoding="utf-8").splitlines()[0]
    broken.write_text(good + "\n{not json\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    proc = cli("digest", str(broken), "--method", "lead", "-o", str(out), "-f", "jsonl")
    assert proc.returncode == 2
    assert f"{broken}:2" in proc.stderr_text and "Traceback" not in proc.stderr_text
    assert not out.exists()
    assert list(tmp_path.glob(".out.jsonl.*")) == []


def test_bad_options_are_one_line_errors(cli, seed):
    for args, needle in (
        (["--method", "nope"], "'nope' is not one of 'embed', 'lead', 'seq2seq'"),
        (["--format", "xml"], "'xml' is not one of"),
        (["--sentences", "2", "--words", "9"], "choose one length"),
        (["--ratio", "2"], "--ratio"),
        (["--resume"], "--resume needs -o"),
        (["--method", "lead", "--model", "x"], "no model"),
        (["--method", "lead", "--batch-size", "0"], "--batch-size must be at least 1 (got 0)"),
        (["--method", "lead", "--batch-size", "-5"], "--batch-size must be at least 1 (got -5)"),
    ):
        proc = cli("digest", str(seed), *args)
        assert proc.returncode == 2, args
        assert needle in proc.stderr_text and "Traceback" not in proc.stderr_text


def test_stdin_and_text_format(cli, seed):
    proc = cli("digest", "-", "--method", "lead", "-n", "1", input=seed.read_bytes())
    assert proc.returncode == 0
    assert proc.stdout_text.startswith("iFlyTek trains its large language models")
    assert len(proc.stdout_text.strip().splitlines()) == 1


def test_api_digests_a_list_of_articles_in_order(fixtures):
    articles = list(read_inputs([str(fixtures / SAMPLE)]))
    digester = make_digester("lead")
    results = list(digest_articles(articles, digester, length=Length(sentences=1), batch_size=2))
    assert [d.id for d in results] == [a.id for a in articles]
    assert all(len(d.sentences) == 1 for d in results)
    with pytest.raises(SummarizeError, match="unknown digest method"):
        make_digester("magic")


def test_progress_bar_goes_to_stderr_only(cli, fixtures):
    proc = cli("digest", str(fixtures / SAMPLE), "--method", "lead", "--progress")
    assert proc.returncode == 0, proc.stderr_text
    assert "articles/s" in proc.stderr_text and "5/5" in proc.stderr_text
    assert all(line.startswith("{") for line in proc.stdout_text.splitlines())
    quiet = cli("digest", str(fixtures / SAMPLE), "--method", "lead")  # stderr is not a terminal here
    assert quiet.stderr_text == ""


def test_markdown_links_the_article(cli, tmp_path):
    feed = tmp_path / "one.jsonl"
    record = {"id": "a1", "title": "Bridge approved", "url": "https://example.org/bridge",
              "text": "The council approved the bridge on Tuesday. Work starts in spring."}
    feed.write_text(json.dumps(record) + "\n", encoding="utf-8")
    proc = cli("digest", str(feed), "--method", "lead", "-f", "md")
    assert proc.returncode == 0, proc.stderr_text
    assert proc.stdout_text.startswith("## Bridge approved\n\n<https://example.org/bridge>\n\nThe council approved")


@pytest.mark.ml
def test_html_page_and_feed_inputs(cli, fixtures, tmp_path):
    proc = cli("digest", str(fixtures / "digest" / "page.html.gz"), "-f", "md", "-n", "2")
    assert proc.returncode == 0, proc.stderr_text
    assert proc.stdout_text.startswith("## NASA Just Confirmed There Are Water Plumes")
    assert "<https://www.sciencealert.com/" in proc.stdout_text
    feed = tmp_path / "feed.rss"
    feed.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
        "<item><title>Bridge approved</title><link>https://example.org/1</link><guid>1</guid>"
        "<description>&lt;p&gt;The council approved the new bridge on Tuesday after a long debate. "
        "Work starts in spring and takes two years. The cost is put at four million pounds.&lt;/p&gt;</description></item>"
        "<item><title>Library reopens</title><link>https://example.org/2</link><guid>2</guid>"
        "<description>&lt;p&gt;The town library reopened on Monday after a year of repairs. "
        "Readers queued from early morning. A new children's wing doubles the space for young readers.&lt;/p&gt;"
        "</description></item></channel></rss>",
        encoding="utf-8",
    )
    proc = cli("digest", str(feed), "-n", "1")
    assert proc.returncode == 0, proc.stderr_text
    records = [json.loads(line) for line in proc.stdout_text.splitlines()]
    assert [r["title"] for r in records] == ["Bridge approved", "Library reopens"]
    assert all(len(r["sentences"]) == 1 for r in records)


def test_summary_sets_off_a_sentence_without_closing_punctuation():
    from summarize.digest import Digest

    digest = Digest(id="a", title=None, url=None, method="lead", model=None,
                    sentences=["Arsenal win 4-2 on penalties", "The match went to extra time.", "Fans cheered."])
    assert digest.summary == "Arsenal win 4-2 on penalties \u2014 The match went to extra time. Fans cheered."
    assert digest.record()["sentences"] == digest.sentences  # the sentences themselves are untouched


def test_an_output_inside_the_input_folder_is_not_read_back(cli, tmp_path):
    arts = tmp_path / "arts"
    arts.mkdir()
    for i in range(3):
        (arts / f"a{i}.txt").write_text(f"Title {i}\n\nStory {i} is told here in full. It has a second sentence.\n")
    out = arts / "digests.jsonl"
    assert cli("digest", "-m", "lead", str(arts), "-o", str(out)).returncode == 0
    (arts / "a3.txt").write_text("Title 3\n\nStory 3 came later. It is digested on resume.\n")
    proc = cli("digest", "-m", "lead", str(arts), "-o", str(out), "--resume")
    assert proc.returncode == 0, proc.stderr_text
    assert [json.loads(line)["title"] for line in out.read_text().splitlines()] == [f"Title {i}" for i in range(4)]


def test_articles_with_no_text_keep_their_record_and_are_named_on_stderr(cli, tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text('{"id":"a","text":""}\n{"id":"b","text":"Real text here. Second sentence."}\n'
                   '{"id":"c","title":"Only a title","text":"   "}\n')
    proc = cli("digest", "-m", "lead", str(src))
    assert proc.returncode == 0, proc.stderr_text
    assert [json.loads(line)["summary"] for line in proc.stdout_text.splitlines()] == [
        "", "Real text here. Second sentence.", ""]
    assert proc.stderr_text == "summarize: 2 articles had no text to digest (empty summary): a, c\n"


def test_resume_keeps_every_article_of_a_shared_id(cli, tmp_path):
    src = tmp_path / "in.jsonl"
    rows = [{"id": "x", "text": "The first story is about a storm on the coast."},
            {"id": "x", "text": "The second story is about a football match."},
            {"id": "y", "text": "A third story, about the weather tomorrow."}]
    src.write_text(json.dumps(rows[0]) + "\n" + json.dumps(rows[1]) + "\n")
    out = tmp_path / "d.jsonl"
    assert cli("digest", "-m", "lead", str(src), "-o", str(out)).returncode == 0
    src.write_text("".join(json.dumps(r) + "\n" for r in rows))
    proc = cli("digest", "-m", "lead", str(src), "-o", str(out), "--resume")
    assert proc.returncode == 0, proc.stderr_text
    assert [json.loads(line)["summary"] for line in out.read_text().splitlines()] == [r["text"] for r in rows]


def test_records_of_an_output_and_its_checkpoint_are_taken_once(tmp_path):
    from summarize.digest.render import done_records

    out, partial = tmp_path / "d.jsonl", tmp_path / "d.jsonl.partial"
    a, b, c = ('{"id": "a", "n": 1}\n', '{"id": "a", "n": 2}\n', '{"id": "c"}\n')
    out.write_text(a + b)
    partial.write_text(a + b + c)  # an interrupted --resume: a copy of the output, then new records
    assert done_records([out, partial]) == [("a", a), ("a", b), ("c", c)]
    assert done_records([None, partial]) == [("a", a), ("a", b), ("c", c)]


def test_a_first_sentence_longer_than_the_word_budget_is_kept_whole_and_said(cli, tmp_path):
    src = tmp_path / "notes.txt"
    src.write_text("Notes\n\n" + " ".join(["the council met on tuesday to discuss fees"] * 10) + "\n\nA short one.\n")
    proc = cli("digest", "-m", "lead", str(src), "--words", "20")
    assert proc.returncode == 0, proc.stderr_text
    assert len(proc.stdout_text.split()) == 80  # the whole first sentence, nothing cut inside it
    assert proc.stderr_text == (f"summarize: 1 article got a digest longer than --words 20: the first sentence alone "
                                f"is longer (a digest is never empty, and never cut inside a sentence): {src}\n")


def test_resuming_with_another_method_says_so(cli, tmp_path):
    first, both = tmp_path / "first.jsonl", tmp_path / "both.jsonl"
    story = "The council voted on Monday to close the old bridge. Traffic moves to the new road. Work starts soon."
    first.write_text(json.dumps({"id": "a", "text": story}) + "\n")
    both.write_text(first.read_text() + json.dumps({"id": "b", "text": story.replace("bridge", "harbour")}) + "\n")
    out = tmp_path / "digests.jsonl"
    assert cli("digest", str(first), "-m", "lead", "-o", str(out), "-f", "jsonl").returncode == 0
    same = cli("digest", str(both), "-m", "lead", "-o", str(out), "--resume")
    assert same.returncode == 0 and "another method" not in same.stderr_text
    out.write_text(out.read_text().splitlines()[0] + "\n")  # back to the first run's record
    other = cli("digest", str(both), "-m", "embed", "-o", str(out), "--resume")
    assert other.returncode == 0
    assert "holds digests made by another method (1 by lead); this run digests the rest with embed" in other.stderr_text
    assert [json.loads(line)["method"] for line in out.read_text().splitlines()] == ["lead", "embed"]
