#!/usr/bin/env python3
"""ROUGE of 3-sentence digests: Lead-3, sumy LexRank and our methods, same articles, same run.

References (two styles):

* ``summary``: BBC's extractive summaries (sentences re-split: BBC glues them with no
  space after the full stop);
* ``title``: BBC's headline, a one-line abstractive reference. The headline is *withheld*
  from every method for this reference (otherwise ``embed``'s headline closeness would
  be scored against its own input).

With ``--html`` the same is done on the scraped news pages (``news_html/``), read by the
real HTML reader, against their page title (withheld too): another house style, with
real extraction noise (captions, credits, links); and, on the pages that declare one,
against the page's own description (``og:description``, written by each outlet's
editors, often close to the lede as CNN/DailyMail's highlights are), with the headline
given: the check that headline closeness does not pull a digest off a strong lead.

With ``--untitled`` the summaries (and with ``--html`` the descriptions) are scored again
with the headline withheld: how a digest of a text that has no headline fares against
references of both kinds, so a change to the no-headline ranking is not judged on the
one-line references alone (where a shorter digest scores higher whatever it says).

Split: ``--split heldout`` (default) is the fixed held-out fifth of BBC described in
``scripts/digest_common.py``; nothing was tuned on it. Every method digests the
cleaned article (``summarize.clean``); LexRank gets the same cleaned sentences.

ROUGE is Google's rouge-score, ``use_stemmer=True``, F1, ``rougeLsum`` over
newline-separated sentences.

    python scripts/eval_digest.py                      # held-out BBC, per category
    python scripts/eval_digest.py --html               # plus news_html pages
    python scripts/eval_digest.py --split tune --limit 300
    python scripts/eval_digest.py --split tune --html --untitled
    python scripts/eval_digest.py --split tune --html --untitled --set keywords=0.8   # a sweep
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from digest_common import DEFAULT_DATA, LexRank, load_bbc, normalized, page_description, resplit_summary  # noqa: E402

METRICS = ("rouge1", "rouge2", "rougeLsum")


def bbc_articles(rows):
    from summarize.read.jsonl import read_jsonl

    text = "\n".join(json.dumps({"id": r["id"], "title": r["title"], "text": r["text"]}) for r in rows)
    return list(read_jsonl(text, "bbc"))


def html_articles(folder: Path, limit: int | None):
    from summarize.read import read_inputs

    files = sorted(str(p) for p in folder.glob("*.html*"))[: limit or None]
    return [a for a in read_inputs(files) if a.paragraphs]


def raw_page(path: str) -> str:
    """A saved page's HTML as text (gzip or not), for the metadata the reader does not keep."""
    import gzip

    data = Path(path).read_bytes()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    return data.decode("utf-8", "replace")


def embed_settings(pairs, parser):
    """``--set NAME=VALUE`` pairs as EmbedSettings fields, each converted to its default's type."""
    from summarize.digest.embed import EmbedSettings

    defaults = dataclasses.asdict(EmbedSettings())
    out = {}
    for pair in pairs:
        name, _, value = pair.partition("=")
        if name not in defaults or not value:
            parser.error(f"--set {pair!r}: expected NAME=VALUE with NAME one of {', '.join(defaults)}")
        kind = type(defaults[name])
        try:
            out[name] = value.lower() in ("1", "true", "yes") if kind is bool else kind(value)
        except ValueError:
            parser.error(f"--set {pair!r}: {value!r} is not a {kind.__name__}")
    return out


def run_methods(articles, methods, sentences, with_title, lexrank):
    """{method: [digest sentences per article]} for cleaned ``articles``."""
    from summarize.digest import Length, digest_articles, make_digester

    length = Length(sentences=sentences)
    inputs = articles if with_title else [dataclasses.replace(a, title=None) for a in articles]
    out = {}
    timings = {}
    for method in methods:
        start = time.perf_counter()
        if method == "lexrank":
            out[method] = [lexrank([normalized(s.text) for s in a.sentences], sentences) for a in inputs]
        else:
            if method not in DIGESTERS:
                digester = make_digester(method, **({"backend": BACKEND[0]} if method == "embed" else {}))
                if method == "embed":
                    digester.settings = dataclasses.replace(digester.settings, **EMBED_SETTINGS)
                DIGESTERS[method] = digester
            digester = DIGESTERS[method]
            out[method] = [d.sentences for d in digest_articles(inputs, digester, length=length, clean=False)]
        timings[method] = time.perf_counter() - start
    return out, timings


DIGESTERS: dict = {}
BACKEND = ["auto"]
EMBED_SETTINGS: dict = {}  # --set NAME=VALUE: embed's settings for a sweep on the tuning split


def score_table(scorer, refs, outputs, groups, per_article=None, parts=None):
    """{(group, method): {metric: mean F1 x 100}}; ``per_article[method]`` gets each article's ROUGE-1 F1,
    ``parts[method]`` each article's (ROUGE-1 precision, recall, words in the digest)."""
    sums = defaultdict(lambda: defaultdict(float))
    counts = defaultdict(int)
    for method, digests in outputs.items():
        for ref, digest, group in zip(refs, digests, groups):
            scores = scorer.score("\n".join(ref), "\n".join(digest))
            if per_article is not None:
                per_article.setdefault(method, []).append(100 * scores["rouge1"].fmeasure)
            if parts is not None:
                parts.setdefault(method, []).append((100 * scores["rouge1"].precision, 100 * scores["rouge1"].recall,
                                                     sum(len(s.split()) for s in digest)))
            for key in (group, "all"):
                for m in METRICS:
                    sums[(key, method)][m] += scores[m].fmeasure
                counts[(key, method)] += 1
    return {k: {m: 100 * v[m] / counts[k] for m in METRICS} for k, v in sums.items()}, counts


def print_differences(per_article, outputs, baseline="lead", resamples=2000):
    """Each method's mean ROUGE-1 minus the baseline's, with a paired bootstrap 95% interval.

    The same articles are resampled for both methods (seeded), so the interval is about the
    difference, not about either score; and how many digests differ at all."""
    import numpy as np

    if baseline not in per_article:
        return
    base = np.asarray(per_article[baseline])
    rng = np.random.default_rng(0)
    picks = rng.integers(0, len(base), size=(resamples, len(base)))
    for method, values in per_article.items():
        if method == baseline:
            continue
        diff = np.asarray(values) - base
        boot = diff[picks].mean(axis=1)
        low, high = np.percentile(boot, [2.5, 97.5])
        differ = sum(a != b for a, b in zip(outputs[method], outputs[baseline]))
        print(f"{method} - {baseline}: ROUGE-1 {diff.mean():+.3f} (95% paired bootstrap [{low:+.3f}, {high:+.3f}]); "
              f"digests differ on {differ}/{len(base)}")
    sys.stdout.flush()


def print_precision_recall(parts):
    """ROUGE-1 precision and recall and the digest's length, per method: against a one-line
    reference F1 rewards a shorter digest whatever it says, so a gain there is read with these."""
    cells = []
    for method, rows in parts.items():
        n = len(rows) or 1
        p, r, w = (sum(row[i] for row in rows) / n for i in range(3))
        cells.append(f"{method} {p:.2f} / {r:.2f} / {w:.1f}")
    print("ROUGE-1 precision / recall / words per digest: " + "; ".join(cells))
    sys.stdout.flush()


def print_table(title, table, counts, methods, groups):
    print(f"\n### {title}\n")
    print("| part | n | " + " | ".join(f"{m} R1 / R2 / RLsum" for m in methods) + " |")
    print("|---|---:|" + "---|" * len(methods))
    for group in [*sorted(set(groups)), "all"]:
        cells = []
        for method in methods:
            row = table[(group, method)]
            cells.append(" / ".join(f"{row[m]:.2f}" for m in METRICS))
        print(f"| {group} | {counts[(group, methods[0])]} | " + " | ".join(cells) + " |")
    sys.stdout.flush()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder with bbc_news_summary.jsonl and news_html/")
    parser.add_argument("--split", choices=("heldout", "tune", "all"), default="heldout")
    parser.add_argument("--limit", type=int, default=None, help="first N articles of the split only")
    parser.add_argument("--sentences", type=int, default=3)
    parser.add_argument("--methods", default="lead,lexrank,embed", help="comma list of lexrank and digest methods")
    parser.add_argument("--html", action="store_true", help="also score news_html pages against their titles")
    parser.add_argument("--backend", default="auto", choices=("auto", "onnx-int8", "torch"), help="embed's encoder")
    parser.add_argument("--no-bbc", action="store_true", help="skip BBC (with --html)")
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                        help="an embed setting (summarize.digest.embed.EmbedSettings), e.g. keywords=0.8; repeatable")
    parser.add_argument("--untitled", action="store_true",
                        help="also score the summaries (and with --html the descriptions) with the headline withheld")
    args = parser.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")

    from rouge_score import rouge_scorer

    from summarize.digest import prepare

    BACKEND[0] = args.backend
    EMBED_SETTINGS.update(embed_settings(args.set, parser))
    methods = [m.strip() for m in args.methods.split(",") if m.strip()]
    scorer = rouge_scorer.RougeScorer(list(METRICS), use_stemmer=True)
    lexrank = LexRank()
    print(f"# digest eval: {args.sentences}-sentence digests, rouge-score F1 (use_stemmer=True, rougeLsum per sentence)")

    def evaluate(heading, articles, refs, groups, with_title):
        outputs, timings = run_methods(articles, methods, args.sentences, with_title, lexrank)
        per_article: dict = {}
        parts: dict = {}
        table, counts = score_table(scorer, refs, outputs, groups, per_article, parts)
        print_table(heading, table, counts, methods, groups)
        print_differences(per_article, outputs)
        print_precision_recall(parts)
        return timings

    if not args.no_bbc:
        rows = load_bbc(args.data, args.split)[: args.limit or None]
        articles = [prepare(a) for a in bbc_articles(rows)]
        groups = [r["category"] for r in rows]
        summaries = [resplit_summary(r["summary"]) for r in rows]
        titles = [[normalized(r["title"])] for r in rows]
        print(f"\nBBC split={args.split}: {len(rows)} articles (exact duplicates dropped)")
        timings = evaluate(f"BBC {args.split}, reference = BBC extractive summary (headline given)",
                           articles, summaries, groups, True)
        evaluate(f"BBC {args.split}, reference = BBC headline (headline withheld)", articles, titles, groups, False)
        if args.untitled:
            evaluate(f"BBC {args.split}, reference = BBC extractive summary (headline withheld)",
                     articles, summaries, groups, False)
        print("\nseconds per method (summary run): " + ", ".join(f"{m} {t:.1f}" for m, t in timings.items()))

    if args.html:
        folder = args.data / "news_html"
        articles = [prepare(a) for a in html_articles(folder, args.limit)]
        articles = [a for a in articles if a.title and len(a.sentences) > args.sentences]
        evaluate(f"news_html pages ({len(articles)} with a title and > {args.sentences} sentences), "
                 "reference = page title (withheld)",
                 articles, [[normalized(a.title)] for a in articles], ["news_html"] * len(articles), False)
        described = [(a, d) for a in articles if (d := page_description(raw_page(a.id)))]
        evaluate(f"news_html pages ({len(described)} of them with a description of >= 8 words), "
                 "reference = the page's own description (og:description; headline given)",
                 [a for a, _ in described], [[d] for _, d in described], ["news_html"] * len(described), True)
        if args.untitled:
            evaluate(f"news_html pages ({len(described)}), reference = the page's own description (headline withheld)",
                     [a for a, _ in described], [[d] for _, d in described], ["news_html"] * len(described), False)

if __name__ == "__main__":
    main()
