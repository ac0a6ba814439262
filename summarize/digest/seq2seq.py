"""``seq2seq``: abstractive digest with any Hugging Face seq2seq checkpoint (BART, PEGASUS, T5, ...).

The model is named by ``--model``: a local folder or a name already in the local
Hugging Face cache. Nothing is downloaded (offline mode is forced); a missing model is
one clear error naming it and how to get it.

Long articles do not crash past the model's input limit (the stock pipeline does):
the article is packed, sentence by sentence, into token windows that fit the model;
every window is summarized; if an article had several windows, the joined partial
summaries are summarized again (windowed again if they still do not fit) until one
summary remains. All windows of a batch of articles are generated together, sorted by
length, ``generate_batch`` at a time.

Nor does a long digest crash past the model's *output* limit: a decoder with learned or
sinusoidal positions (BART, PEGASUS, Marian, ...) cannot generate more tokens than it
has positions, so every generation length (from ``--max-length`` or from the digest
length) is capped there, and the minimum length with it (:func:`max_output_tokens`).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from summarize.digest.length import Length
from summarize.document import Article
from summarize.errors import ModelError, SummarizeError
from summarize.models_embed import is_path_like

# Input limit used when neither the tokenizer nor the config states a usable one (T5's relative positions).
FALLBACK_MAX_INPUT = 512
# Past this many rounds of re-summarizing partial summaries, the joined text is cut to one window.
MAX_ROUNDS = 4
TOKENS_PER_WORD = 1.4


def _hint(name: str) -> str:
    return (
        f"seq2seq model {name!r} is neither a local folder nor in the local Hugging Face cache (nothing is downloaded); "
        f"get it on a connected machine with `huggingface-cli download {name}` and copy ~/.cache/huggingface here, "
        f"or pass the model's folder to --model"
    )


def _quiet_transformers() -> None:
    from transformers.utils import logging as hf_logging

    hf_logging.set_verbosity_error()
    hf_logging.disable_progress_bar()


def load_seq2seq(name: str):
    """(tokenizer, model) for ``name`` from a local folder or the local HF cache, offline."""
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    try:
        import torch  # noqa: F401
        from transformers import AutoModelForSeq2SeqLM, AutoTokenizer
    except ImportError:
        raise ModelError("the seq2seq method needs torch and transformers; pip install -e '.[ml]'") from None
    _quiet_transformers()
    path = Path(name).expanduser()
    if not path.exists() and is_path_like(name):
        raise ModelError(f"{name}: no such model folder (--model takes a checkpoint folder or an org/name in the local HF cache)")
    source = str(path) if path.exists() else name
    try:
        tokenizer = AutoTokenizer.from_pretrained(source, local_files_only=True)
        model = AutoModelForSeq2SeqLM.from_pretrained(source, local_files_only=True)
    except OSError:
        raise ModelError(_hint(name)) from None
    except ValueError as exc:
        raise ModelError(f"{name}: not a seq2seq model ({str(exc).splitlines()[0]})") from None
    model.eval()
    return tokenizer, model


def max_input_tokens(tokenizer, config) -> int:
    """The most input tokens the model takes: the smallest sane limit its tokenizer and config state."""
    limits = []
    tok_max = getattr(tokenizer, "model_max_length", None)
    if isinstance(tok_max, int) and 0 < tok_max < 100_000:
        limits.append(tok_max)
    for attr in ("max_position_embeddings", "n_positions", "max_encoder_position_embeddings"):
        value = getattr(config, attr, None)
        if isinstance(value, int) and value > 0:
            limits.append(value)
    return min(limits) if limits else FALLBACK_MAX_INPUT


# Config fields that bound a decoder's positions, most specific first (LED, Whisper-like, BART-like, GPT-like).
DECODER_POSITION_FIELDS = ("max_decoder_position_embeddings", "max_target_positions", "max_position_embeddings",
                           "n_positions")


def max_output_tokens(config) -> int | None:
    """The most new tokens the model's decoder can generate, or None when it states no limit.

    A decoder with a table of positions (BART, PEGASUS, Marian, ...) indexes past its end
    and crashes when asked for more (``IndexError`` in ``embed_positions``). The decoder
    start token takes the first position, as in transformers' own cap of its default
    ``max_length``, so the limit is positions - 1. T5-like models use relative positions
    (``relative_attention_num_buckets``) and have no such limit, even when their config
    carries a stray ``n_positions``.
    """
    decoder = config.get_text_config(decoder=True) if hasattr(config, "get_text_config") else config
    if getattr(decoder, "relative_attention_num_buckets", None) is not None:
        return None
    for attr in DECODER_POSITION_FIELDS:
        value = getattr(decoder, attr, None)
        if isinstance(value, int) and value > 1:
            return value - 1
    return None


class Seq2SeqDigester:
    """The ``seq2seq`` method: loads the checkpoint once, generates in batches."""

    name = "seq2seq"

    def __init__(self, model: str | None = None, beams: int = 4, max_length: int | None = None,
                 min_length: int | None = None, generate_batch: int = 8, lang: str = "en") -> None:
        if not model:
            raise SummarizeError(
                "the seq2seq method needs --model PATH|NAME (a local seq2seq checkpoint, e.g. facebook/bart-large-cnn "
                "from the local Hugging Face cache)"
            )
        if beams < 1:
            raise SummarizeError(f"--beams must be at least 1 (got {beams})")
        if max_length is not None and max_length < 1:
            raise SummarizeError(f"--max-length must be at least 1 (got {max_length})")
        if min_length is not None and min_length < 1:
            raise SummarizeError(f"--min-length must be at least 1 (got {min_length})")
        if min_length is not None and max_length is not None and min_length > max_length:
            raise SummarizeError(f"--min-length {min_length} is above --max-length {max_length}")
        self.model = model
        self.beams = beams
        self.max_length = max_length
        self.min_length = min_length
        self.generate_batch = max(1, generate_batch)
        self.lang = lang
        self.tokenizer, self.network = load_seq2seq(model)
        config = self.network.config
        self.output_limit = max_output_tokens(config)  # None: no limit (relative positions)
        self.prefix = "summarize: " if getattr(config, "model_type", "") == "t5" else ""
        self.prefix_tokens = len(self._ids(self.prefix)) if self.prefix else 0
        special = self.tokenizer.num_special_tokens_to_add(pair=False)
        self.window = max(8, max_input_tokens(self.tokenizer, config) - special - self.prefix_tokens)

    # -- windows ---------------------------------------------------------------------------
    def _ids(self, text: str) -> list[int]:
        return self.tokenizer(text, add_special_tokens=False)["input_ids"]

    def windows(self, sentences: Sequence[str]) -> list[str]:
        """Consecutive sentences packed into texts of at most ``self.window`` tokens.

        A sentence longer than a window is cut into window-sized token pieces.
        """
        out: list[str] = []
        current: list[str] = []
        used = 0
        for sentence in sentences:
            ids = self._ids(sentence)
            if len(ids) > self.window:
                if current:
                    out.append(" ".join(current))
                    current, used = [], 0
                for start in range(0, len(ids), self.window):
                    out.append(self.tokenizer.decode(ids[start : start + self.window], skip_special_tokens=True))
                continue
            if current and used + len(ids) + 1 > self.window:
                out.append(" ".join(current))
                current, used = [], 0
            current.append(sentence)
            used += len(ids) + 1
        if current:
            out.append(" ".join(current))
        return [w for w in out if w.strip()]

    # -- generation ------------------------------------------------------------------------
    def _capped(self, tokens: int) -> int:
        """``tokens`` new tokens, or fewer: no more than the decoder can generate."""
        return tokens if self.output_limit is None else min(tokens, self.output_limit)

    def _generation_lengths(self, length: Length, words: int, sentences: int) -> tuple[int, int | None]:
        """(most, fewest) new tokens for an article: ``--max-length`` or sized from the digest length,
        capped at the decoder's limit; the fewest never above the most."""
        if self.max_length is not None:
            most = self._capped(self.max_length)
        else:
            most = self._capped(max(8, round(length.target_words(words, sentences) * TOKENS_PER_WORD)))
        return most, None if self.min_length is None else min(self.min_length, most)

    def generate(self, texts: Sequence[str], max_new: Sequence[int]) -> list[str]:
        """Summaries of ``texts`` (each with its own token cap), batched by similar length."""
        import torch

        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        results: list[str] = [""] * len(texts)
        for start in range(0, len(order), self.generate_batch):
            chunk = order[start : start + self.generate_batch]
            enc = self.tokenizer(
                [self.prefix + texts[i] for i in chunk], return_tensors="pt", padding=True, truncation=True,
                max_length=self.window + self.prefix_tokens + self.tokenizer.num_special_tokens_to_add(pair=False),
            )
            enc.pop("token_type_ids", None)
            cap = self._capped(max(max_new[i] for i in chunk))
            kwargs = {"max_new_tokens": cap, "num_beams": self.beams, "early_stopping": self.beams > 1}
            if self.min_length:
                kwargs["min_new_tokens"] = min(self.min_length, cap)
            elif (self.network.generation_config.min_length or 0) > cap:
                # The checkpoint's own minimum (bart-large-cnn: 56) above this cap would keep the
                # summary from ending and make transformers warn; lower it to the cap.
                kwargs["min_length"] = cap
            with torch.inference_mode():
                out = self.network.generate(**enc, **kwargs)
            for i, decoded in zip(chunk, self.tokenizer.batch_decode(out, skip_special_tokens=True)):
                results[i] = " ".join(decoded.split())
        return results

    def digest(self, articles: Sequence[Article], length: Length) -> list[list[str]]:
        from summarize.split import split_sentences

        from summarize.digest.furniture import prose_sentences

        sentences = [prose_sentences(a) for a in articles]  # the story's sentences, not the page's furniture
        caps = []
        for sents in sentences:
            words = sum(len(s.split()) for s in sents)
            cap, _ = self._generation_lengths(length, words, len(sents))
            caps.append(cap)
        pending = {i: self.windows(s) for i, s in enumerate(sentences) if s}
        final: dict[int, str] = {}
        for round_number in range(MAX_ROUNDS + 1):
            if not pending:
                break
            jobs = [(i, w) for i, ws in pending.items() for w in ws]
            outputs = self.generate([w for _, w in jobs], [caps[i] for i, _ in jobs])
            partials: dict[int, list[str]] = {}
            for (i, _), text in zip(jobs, outputs):
                partials.setdefault(i, []).append(text)
            pending = {}
            for i, parts in partials.items():
                if len(parts) == 1:
                    final[i] = parts[0]
                    continue
                joined = self.windows(split_sentences(" ".join(p for p in parts if p), self.lang) or parts)
                if round_number == MAX_ROUNDS - 1 and len(joined) > 1:
                    joined = joined[:1]  # the last round summarizes what fits in one window
                pending[i] = joined or [""]
        results = []
        for i, sents in enumerate(sentences):
            summary = final.get(i, "")
            results.append(self._fit(split_sentences(summary, self.lang) if summary else [], length))
        return results

    @staticmethod
    def _fit(sentences: list[str], length: Length) -> list[str]:
        """Trim generated sentences to the requested sentence count or word budget (order kept).

        A ratio already sized generation (a share of the article's words), so nothing is cut.
        """
        if length.ratio is not None:
            return sentences
        chosen = length.choose(list(range(len(sentences))), [len(s.split()) for s in sentences])
        return [sentences[i] for i in chosen]
