"""``summarize split``: one sentence per line, optionally prefixed with its source:line."""

from __future__ import annotations

from summarize.commands.common import input_list, make_batch, value
from summarize.output import check_output, open_output
from summarize.read import check_format, read_inputs
from summarize.split import fill_sentences, sentence_tokenizer


def run_split(*, inputs=None, inputs_from=None, lang: str | None = None, input_format=None, with_lines: bool = False,
              output: str | None = None, strict: bool = False, errors: str | None = None, quiet: bool = False) -> int:
    """Write the sentences of every article of the inputs; returns the exit status."""
    input_format = value(input_format)
    check_format(input_format)
    inputs = input_list(inputs, inputs_from)
    batch = make_batch(strict, errors, quiet)
    if lang:
        sentence_tokenizer(lang)  # an unknown language fails before any input is read
    check_output(output)
    with open_output(output) as out:
        for article in read_inputs(inputs, input_format, output, batch):
            lines = None
            with batch.working(article):  # one article too large for memory is skipped, named
                fill_sentences(article, lang)
                lines = []
                for sentence in article.sentences:
                    text = " ".join(sentence.text.split())
                    lines.append(f"{article.location(sentence.line)}: {text}\n" if with_lines else text + "\n")
            if lines is not None:
                out.write("".join(lines))
        return batch.finish("split")
