"""``summarize clean``: every article without the sentences and paragraphs it repeats."""

from __future__ import annotations

import sys

from summarize.clean import CleanSettings, clean_article
from summarize.commands.common import input_list, make_batch, value
from summarize.output import check_output, open_output
from summarize.read import read_inputs
from summarize.split import sentence_tokenizer
from summarize.write.clean import write_results


def run_clean(*, inputs=None, inputs_from=None, output_format="text", explain: bool = False,
              threshold: float | None = None, min_words: int | None = None, lang: str | None = None, input_format=None,
              output: str | None = None, strict: bool = False, errors: str | None = None, quiet: bool = False) -> int:
    """Clean every article of the inputs into ``output``; returns the exit status."""
    inputs = input_list(inputs, inputs_from)
    batch = make_batch(strict, errors, quiet)
    chosen = {"threshold": threshold, "min_words": min_words}
    settings = CleanSettings(**{k: v for k, v in chosen.items() if v is not None})
    if lang:
        sentence_tokenizer(lang)  # an unknown language fails before any input is read
    check_output(output)
    repeated = False

    def results():
        nonlocal repeated
        for article in read_inputs(inputs, value(input_format), output, batch):
            result = None
            with batch.working(article):  # one article too large for memory is skipped, named
                result = clean_article(article, lang, settings)
            if result is not None:
                repeated = repeated or bool(result.removed)
                yield result

    with open_output(output) as out:
        write_results(results(), value(output_format), out, sys.stderr if explain else None)
        return batch.finish("cleaned", 1 if repeated else 0)  # 1: repeats found, as dedup and check
