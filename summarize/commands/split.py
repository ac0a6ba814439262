"""Render ``summarize split``: one sentence per line, optionally prefixed with its source:line."""

from __future__ import annotations

from collections.abc import Sequence

from summarize.output import check_output, open_output
from summarize.read import Batch, read_inputs
from summarize.split import fill_sentences, sentence_tokenizer


def split_inputs(inputs: Sequence[str], *, lang: str = "en", input_format: str | None = None,
                 output: str | None = None, with_lines: bool = False, batch: Batch | None = None) -> int:
    """Write the sentences of every article of ``inputs``; returns the exit status."""
    batch = batch or Batch()
    sentence_tokenizer(lang)  # an unknown language fails before any input is read
    check_output(output)
    with open_output(output) as out:
        for article in read_inputs(inputs, input_format, output, batch):
            fill_sentences(article, lang)
            lines = []
            for sentence in article.sentences:
                text = " ".join(sentence.text.split())
                lines.append(f"{article.location(sentence.line)}: {text}\n" if with_lines else text + "\n")
            out.write("".join(lines))
        return batch.finish("split")
