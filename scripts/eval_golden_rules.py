"""The 48 English Golden Rules (pySBD's published cases, tests/fixtures/split/golden_rules_en.json):
how many each sentence splitter gets exactly right.

    python scripts/eval_golden_rules.py [-v]

Columns: summarize (Punkt plus this project's abbreviations and rule layer), plain Punkt (the same
pretrained parameters, nothing added) and pySBD when it is installed (``pip install pysbd``; it is
not a dependency). ``-v`` lists the cases summarize gets wrong.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from summarize.split import punkt_parameters, split_sentences

CASES = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "split" / "golden_rules_en.json"


def plain_punkt():
    from nltk.tokenize.punkt import PunktSentenceTokenizer

    tokenizer = PunktSentenceTokenizer(punkt_parameters("english")[0])
    return tokenizer.tokenize


def pysbd_splitter():
    try:
        import pysbd
    except ImportError:
        return None
    segmenter = pysbd.Segmenter(language="en", clean=False)
    return lambda text: [s.strip() for s in segmenter.segment(text)]


def main(argv: list[str]) -> int:
    cases = json.loads(CASES.read_text(encoding="utf-8"))["cases"]
    splitters = {"summarize": split_sentences, "plain Punkt": plain_punkt()}
    if (sbd := pysbd_splitter()) is not None:
        splitters["pySBD"] = sbd
    wrong = []
    for name, split in splitters.items():
        right = 0
        for case in cases:
            got = [s.strip() for s in split(case["text"])]
            if got == case["sentences"]:
                right += 1
            elif name == "summarize":
                wrong.append((case, got))
        print(f"{name:12} {right} of {len(cases)}")
    if "-v" in argv:
        for case, got in wrong:
            print(f"\n{case['text']}\n  expected {case['sentences']}\n  got      {got}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
