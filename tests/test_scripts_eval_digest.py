"""scripts/eval_digest.py on a tiny copy of the development data: it runs end to end on a clone
without ../shared, scores every reference style, and reads the pages' own descriptions."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from conftest import FIXTURES, ROOT

sys.path.insert(0, str(ROOT / "scripts"))

from digest_common import page_description  # noqa: E402


def test_page_description_prefers_og_and_skips_short_or_missing_ones():
    page = """<html><head><meta name="description" content="Short blurb.">
    <meta property="og:description" content="The council approved the new bridge on Tuesday after a long debate.">
    </head><body><p>Body.</p></body></html>"""
    assert page_description(page) == "The council approved the new bridge on Tuesday after a long debate."
    assert page_description('<meta name="description" content="Too short to be a summary">') is None
    assert page_description("<html><body><p>No metadata at all.</p></body></html>") is None
    # some pages carry their meta tags after a stray </head>; entities are decoded
    late = '<head></head><meta name="twitter:description" content="Prices fell &amp; stocks rose sharply on Tuesday across Asia">'
    assert page_description(late) == "Prices fell & stocks rose sharply on Tuesday across Asia"


@pytest.mark.ml
def test_eval_digest_scores_every_reference_style_on_a_data_copy(tmp_path):
    data = tmp_path / "data"
    (data / "news_html").mkdir(parents=True)
    shutil.copy(FIXTURES / "read" / "bbc_sample.jsonl", data / "bbc_news_summary.jsonl")
    for page in (FIXTURES / "read").glob("*.html.gz"):
        shutil.copy(page, data / "news_html" / page.name)
    proc = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "eval_digest.py"), "--data", str(data), "--split", "all", "--html", "--untitled"],
        capture_output=True, text=True, timeout=600,
    )
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "BBC split=all: 4 articles" in out
    headings = [line for line in out.splitlines() if line.startswith("### ")]
    assert len(headings) == 6
    assert "reference = BBC extractive summary (headline given)" in headings[0]
    assert "reference = BBC headline" in headings[1]
    assert "reference = BBC extractive summary (headline withheld)" in headings[2]  # --untitled
    assert "reference = page title" in headings[3]
    assert "news_html pages (2 of them with a description" in headings[4]  # one fixture page declares none
    assert "description (headline withheld)" in headings[5]
    assert out.count("embed - lead: ROUGE-1") == 6 and out.count("lexrank - lead: ROUGE-1") == 6
    # precision, recall and digest length beside each F1 table (a one-line reference rewards brevity)
    lines = [line for line in out.splitlines() if line.startswith("ROUGE-1 precision / recall / words per digest: ")]
    assert len(lines) == 6 and all("lead " in line and "embed " in line for line in lines)
    lead_words = {float(line.split("lead ")[1].split(";")[0].split(" / ")[2]) for line in lines[:3]}
    assert len(lead_words) == 1 and lead_words.pop() > 0  # the same Lead-3 digests scored three times
    # the fixed held-out split of these four articles is one of them
    held = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "eval_digest.py"), "--data", str(data), "--methods", "lead"],
        capture_output=True, text=True, timeout=600,
    )
    assert held.returncode == 0, held.stderr
    assert "BBC split=heldout: 1 articles" in held.stdout


def test_eval_digest_names_a_missing_data_folder(tmp_path):
    proc = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "eval_digest.py"), "--data", str(tmp_path / "nowhere")],
        capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode != 0
    assert "bbc_news_summary.jsonl: not found" in proc.stderr
