"""seq2seq digests through the real loading path, on tiny random BART and T5 models built here.

The models are random (their summaries are gibberish): these tests check the plumbing —
offline loading from a folder, token windows for input longer than the model's positions,
re-summarizing partial summaries, batching, length options, errors — not quality.
"""

from __future__ import annotations

import json
import warnings

import pytest

pytest.importorskip("torch")
pytest.importorskip("transformers")
tokenizers = pytest.importorskip("tokenizers")

from summarize.digest import Length, digest_articles  # noqa: E402
from summarize.digest.seq2seq import Seq2SeqDigester  # noqa: E402
from summarize.errors import SummarizeError  # noqa: E402
from summarize.read.text import read_text  # noqa: E402

pytestmark = pytest.mark.ml

MAX_POSITIONS = 64


def _tokenizer(corpus: list[str]):
    """A tiny word-level tokenizer trained here, wrapped as a transformers fast tokenizer."""
    from tokenizers import Tokenizer, models, pre_tokenizers, processors, trainers
    from transformers import PreTrainedTokenizerFast

    tok = Tokenizer(models.WordLevel(unk_token="<unk>"))
    tok.pre_tokenizer = pre_tokenizers.Whitespace()
    tok.train_from_iterator(corpus, trainers.WordLevelTrainer(special_tokens=["<pad>", "<s>", "</s>", "<unk>"]))
    tok.post_processor = processors.TemplateProcessing(single="<s> $A </s>", special_tokens=[("<s>", 1), ("</s>", 2)])
    return PreTrainedTokenizerFast(tokenizer_object=tok, bos_token="<s>", eos_token="</s>", pad_token="<pad>",
                                   unk_token="<unk>", model_max_length=MAX_POSITIONS)


@pytest.fixture(scope="module")
def corpus(request) -> list[str]:
    from conftest import SEED

    return SEED.read_text(encoding="utf-8").splitlines() + ["The end. A sentence here."]


@pytest.fixture(scope="module")
def tiny_bart(tmp_path_factory, corpus):
    import torch
    from transformers import BartConfig, BartForConditionalGeneration

    torch.manual_seed(0)
    tokenizer = _tokenizer(corpus)
    config = BartConfig(
        vocab_size=len(tokenizer), d_model=16, encoder_layers=1, decoder_layers=1, encoder_attention_heads=2,
        decoder_attention_heads=2, encoder_ffn_dim=32, decoder_ffn_dim=32, max_position_embeddings=MAX_POSITIONS,
        pad_token_id=0, bos_token_id=1, eos_token_id=2, decoder_start_token_id=2, forced_eos_token_id=2,
    )
    path = tmp_path_factory.mktemp("tiny-bart")
    BartForConditionalGeneration(config).save_pretrained(path)
    tokenizer.save_pretrained(path)
    return path


@pytest.fixture(scope="module")
def tiny_t5(tmp_path_factory, corpus):
    import torch
    from transformers import T5Config, T5ForConditionalGeneration

    torch.manual_seed(0)
    tokenizer = _tokenizer(corpus + ["summarize:"])
    config = T5Config(
        vocab_size=len(tokenizer), d_model=16, d_kv=8, d_ff=32, num_layers=1, num_decoder_layers=1, num_heads=2,
        pad_token_id=0, eos_token_id=2, decoder_start_token_id=0,
        n_positions=MAX_POSITIONS,  # a stray field, as in t5-small's config.json: T5's positions are relative
    )
    path = tmp_path_factory.mktemp("tiny-t5")
    T5ForConditionalGeneration(config).save_pretrained(path)
    tokenizer.save_pretrained(path)
    return path


def _long_article(seed) -> "object":
    from summarize.split import fill_sentences

    text = seed.read_text(encoding="utf-8")
    article = read_text(text * 3, "long.txt")  # about 3x 600 tokens: far past 64 positions
    return fill_sentences(article)


def test_windows_fit_the_model_and_cover_the_text(tiny_bart, seed):
    digester = Seq2SeqDigester(model=str(tiny_bart), beams=1)
    article = _long_article(seed)
    sentences = [s.text for s in article.sentences]
    windows = digester.windows(sentences)
    assert len(windows) > 3
    assert all(len(digester._ids(w)) <= digester.window for w in windows)
    assert digester.window <= MAX_POSITIONS
    assert sum(len(w.split()) for w in windows) == sum(len(s.split()) for s in sentences)


def test_long_input_digests_without_crash_bart(tiny_bart, seed):
    results = list(digest_articles([_long_article(seed)], "seq2seq", model=str(tiny_bart), beams=2, max_length=12))
    assert len(results) == 1
    assert results[0].method == "seq2seq" and results[0].model == str(tiny_bart)
    assert results[0].summary.strip()


def test_t5_gets_its_prefix_and_batches(tiny_t5, seed):
    digester = Seq2SeqDigester(model=str(tiny_t5), beams=1, max_length=8, generate_batch=2)
    assert digester.prefix == "summarize: "
    articles = [_long_article(seed), read_text("Title\n\nA short article. It has two sentences.", "short.txt")]
    results = list(digest_articles(articles, digester, length=Length(sentences=2)))
    assert [r.id for r in results] == ["long.txt", "short.txt"]
    assert all(len(r.sentences) <= 2 for r in results)


def test_cli_seq2seq_jsonl(cli, tiny_bart, seed, tmp_path):
    out = tmp_path / "digests.jsonl"
    proc = cli("digest", str(seed), str(seed), "--method", "seq2seq", "--model", str(tiny_bart), "--beams", "1",
               "--max-length", "10", "--min-length", "2", "-o", str(out))
    assert proc.returncode == 0, proc.stderr_text
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(records) == 2
    assert all(r["method"] == "seq2seq" and r["model"] == str(tiny_bart) for r in records)


def test_missing_model_is_one_clear_line(cli, seed):
    proc = cli("digest", str(seed), "--method", "seq2seq", "--model", "nobody/no-such-model")
    assert proc.returncode == 2
    lines = proc.stderr_text.strip().splitlines()
    assert len(lines) == 1
    assert "nobody/no-such-model" in lines[0] and "huggingface-cli download" in lines[0]
    assert "Traceback" not in proc.stderr_text


def test_seq2seq_needs_a_model(cli, seed):
    proc = cli("digest", str(seed), "--method", "seq2seq")
    assert proc.returncode == 2
    assert "--model" in proc.stderr_text


def test_bad_generation_settings_are_refused(tiny_bart):
    with pytest.raises(SummarizeError, match="--min-length"):
        Seq2SeqDigester(model=str(tiny_bart), max_length=5, min_length=9)
    with pytest.raises(SummarizeError, match="--beams"):
        Seq2SeqDigester(model=str(tiny_bart), beams=0)


def _recording_generate(digester) -> list[int]:
    """Record the length of every sequence the real ``generate`` returns (decoder start token included)."""
    lengths: list[int] = []
    real = digester.network.generate

    def generate(**kwargs):
        out = real(**kwargs)
        lengths.append(out.shape[-1])
        return out

    digester.network.generate = generate
    return lengths


@pytest.mark.parametrize("length, options", [
    (Length(sentences=8), {}),
    (Length(words=200), {}),
    (Length(ratio=1.0), {}),
    (Length(), {"max_length": 500, "min_length": 400}),
], ids=["8-sentences", "200-words", "ratio-1", "max-length-500"])
def test_long_digests_are_capped_at_the_decoder_positions(tiny_bart, seed, length, options):
    """Asking for more tokens than BART has decoder positions used to crash in embed_positions."""
    digester = Seq2SeqDigester(model=str(tiny_bart), beams=2, **options)
    lengths = _recording_generate(digester)
    [result] = digest_articles([read_text(seed.read_text(encoding="utf-8"), "seed.txt")], digester, length=length)
    assert result.summary.strip()
    assert lengths and max(lengths) <= MAX_POSITIONS  # start token + new tokens fit the positions


def test_t5_relative_positions_are_not_capped(tiny_t5, seed):
    digester = Seq2SeqDigester(model=str(tiny_t5), beams=1, max_length=3 * MAX_POSITIONS, min_length=3 * MAX_POSITIONS)
    lengths = _recording_generate(digester)
    [result] = digest_articles([read_text(seed.read_text(encoding="utf-8"), "seed.txt")], digester, length=Length())
    assert max(lengths) == 3 * MAX_POSITIONS + 1


def test_the_checkpoints_own_minimum_length_is_kept_under_the_cap(tiny_bart, seed):
    """bart-large-cnn asks for at least 56 tokens: under a smaller cap that made transformers warn
    (on the user's stderr) and kept the summary from ever ending."""
    digester = Seq2SeqDigester(model=str(tiny_bart), beams=1, max_length=10)
    digester.network.generation_config.min_length = 56
    lengths = _recording_generate(digester)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        [result] = digest_articles([read_text(seed.read_text(encoding="utf-8"), "seed.txt")], digester)
    assert result.summary.strip()
    assert max(lengths) <= 11
    assert not [w for w in caught if "length" in str(w.message)], [str(w.message) for w in caught]


def test_cli_many_words_from_a_small_model(cli, tiny_bart, seed):
    proc = cli("digest", str(seed), "--method", "seq2seq", "--model", str(tiny_bart), "--beams", "1", "-n", "8")
    assert proc.returncode == 0, proc.stderr_text
    assert proc.stderr_text == ""
    assert proc.stdout_text.strip()
    assert len(proc.stdout_text.split()) < MAX_POSITIONS  # word-level tokenizer: a word is a token


@pytest.mark.parametrize("option, value", [("--min-length", "-3"), ("--min-length", "0"), ("--max-length", "-1"),
                                           ("--beams", "0")])
def test_cli_nonsense_generation_settings_are_one_line(cli, tiny_bart, seed, option, value):
    proc = cli("digest", str(seed), "--method", "seq2seq", "--model", str(tiny_bart), option, value)
    assert proc.returncode == 2
    assert proc.stderr_text == f"summarize: {option} must be at least 1 (got {value})\n"
    assert proc.stdout_text == ""
