#!/usr/bin/env python3
"""Visible defects in the digests of real web pages, counted per class.

Digests every page of a folder (``.html``/``.htm``, gzipped or not) with each method asked for,
through the same code a ``summarize digest FOLDER -m METHOD`` run uses (the HTML reader, clean,
the method), and counts the digests that show each defect a reader would notice:

* ``markup``: an HTML/XML tag, an entity, or template syntax in a digest sentence
  (``<iframe ...>``, ``&nbsp;``, ``{{ ... }}``, ``[caption ...]``);
* ``cut``: a sentence cut at a comma or mid-clause (it ends with ``,`` ``;`` or a joining word,
  or it starts with a lower-case word, the rest of a sentence an extractor broke in two);
* ``unterminated``: a sentence without closing punctuation that is not a standfirst of the
  digest's opening (a headline-like line elsewhere, a dangling fragment);
* ``stamp``: a time stamp (``Updated August 02, 2014.``, ``Last updated at 10:02``,
  ``sexta-feira, 22 de outubro de 2010 às 20:13``, ``기사입력 :[ 2018-08-25 15:24 ]``);
* ``furniture``: share/loading/credit lines and other page furniture (``Tweet``, ``Link this``,
  ``Loading...``, ``Credit: NASA/ESA``, ``Read more: ...``, reading times, hashtag lines);
* ``caption_lede``: the digest's first sentence reads as a photo caption or credit;
* ``teaser_lede``: the digest's first sentence is a short question (a teaser, "How's Your Sex Life?");
* ``empty``: no digest sentence at all.

A digest counts once per class however many of its sentences show it. The patterns here are the
evaluator's own, written from the defects seen on real pages, independent of the rules the
digest methods use to drop furniture (a rule and its test must not be the same regex).

    python scripts/eval_defects.py [FOLDER ...] [--methods lead,embed] [-v]

Default FOLDER: ../shared/data/news_html. ``-v`` prints each defect with its page.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CLASSES = ("markup", "cut", "unterminated", "stamp", "furniture", "caption_lede", "teaser_lede", "empty")

# A tag: a lower-case (or all-capitals) element name, with attributes that have values; angle brackets
# around a title ("<The Palace: Tale of Jang Noksu>", a Korean convention) are not markup.
_MARKUP = re.compile(r"</?(?:[a-z][a-z0-9-]*|[A-Z][A-Z0-9]*)(?:\s+[\w:-]+\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s>]+))*\s*/?>"
                     r"|&(?:[a-z]{2,8}|#\d{2,6}|#x[0-9a-fA-F]{2,5});|\{\{.*?\}\}|\{%.*?%\}|\[/?(?:caption|embed|gallery|video|audio)\b[^\]]*\]")
_ENDS = (".", "!", "?", "…", '"', "'", "\u201d", "\u2019", ")", "»", "。", "！", "？")
_JOINING = re.compile(r"\b(?:and|or|but|the|a|an|of|to|in|for|with|that|which|who|as|by|at|from|on|is|are|was|were)$", re.I)
_MONTHS = (r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|"
           r"nov(?:ember)?|dec(?:ember)?|janeiro|fevereiro|março|abril|maio|junho|julho|agosto|setembro|outubro|novembro|"
           r"dezembro|enero|febrero|marzo|mayo|junio|julio|septiembre|octubre|noviembre|diciembre|januar|februar|märz|"
           r"juni|juli|oktober|dezember|janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre")
_STAMP_WORDS = re.compile(r"^\W*(?:updated|last\s+updated|published|posted|first\s+published|last\s+modified|modified|"
                          r"atualizado|publicado|actualizado|aktualisiert|veröffentlicht|mis\s+à\s+jour|publié)\b", re.I)
_TIME = re.compile(r"(?<![\d:])\d{1,2}:\d{2}(?![\d:])|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b")
_DATE_FILLER = re.compile(rf"^(?:{_MONTHS}|\d+\w{{0,2}}|de|del|às|a\.?m\.?|p\.?m\.?|at|on|the|of|gmt|utc|[ecmp][sd]t|"
                          r"mon|tue|wed|thu|fri|sat|sun)\W*$", re.I)
_DATE = re.compile(rf"\b(?:{_MONTHS})\.?\s+\d{{1,2}}\b|\b\d{{1,2}}\.?\s+(?:de\s+)?(?:{_MONTHS})\b", re.I)
_FURNITURE = re.compile(
    r"^\W*(?:tweet|share|share\s+this|link\s+this|email|e-mail|print|loading\.*|advertisement|ad|comments?|"
    r"read\s+more|more\s*:|related\s*:|see\s+also|follow\s+(?:us|me)|like\s+us|subscribe|sign\s+up|click\s+here|"
    r"skip\s+to|back\s+to\s+top|next\s+(?:article|story|post)|previous\s+(?:article|story|post)|"
    r"(?:photo|image|picture|credit|source)s?\s*:|\d+\s+min(?:ute)?s?\s+read|"
    r"(?:tempo|tiempo|temps)\s+de\s+(?:leitura|lectura|lecture))\b",
    re.I,
)
_HASHTAGS = re.compile(r"^(?:\s*[#@]\w+)+\s*$")
_CAPTION = re.compile(r"\((?:photo|image|picture|credit)s?\b|\bphoto(?:graph)?\s*(?:by|:|credit)|\bgetty\s+images\b|\bap\s+photo\b|"
                      r"\b(?:reuters|afp|epa|ap)\s*/\s*\w|\bfile\s+photo\b|\bpictured\b|\bshutterstock\b|\bcredit\s*:", re.I)


def _words(text: str) -> list[str]:
    return text.split()


def defects_of(sentences: list[str]) -> dict[str, list[str]]:
    """Each class's offending sentences in one digest (``empty`` holds a marker)."""
    found: dict[str, list[str]] = {}

    def add(kind: str, sentence: str) -> None:
        found.setdefault(kind, []).append(sentence)

    if not sentences:
        add("empty", "")
        return found
    for i, s in enumerate(sentences):
        text = s.strip()
        words = _words(text)
        if _MARKUP.search(text):
            add("markup", text)
        if text.endswith((",", ";")) or _JOINING.search(text) or (text[:1].islower() and text[:1].isalpha()):
            add("cut", text)
        elif not text.endswith(_ENDS) and not text.endswith(":") and not (i == 0 and len(words) >= 3):
            add("unterminated", text)
        if _STAMP_WORDS.match(text) or (len(words) <= 10 and _TIME.search(text)) or (
                len(words) <= 8 and _DATE.search(text)
                and sum(not _DATE_FILLER.match(w.strip(",.;:()[]")) for w in words if w.strip(",.;:()[]-–—|")) <= 1):
            add("stamp", text)
        if (len(words) <= 12 and _FURNITURE.match(text)) or _HASHTAGS.match(text):
            add("furniture", text)
    lede = sentences[0].strip()
    if _CAPTION.search(lede):
        add("caption_lede", lede)
    if lede.endswith("?") and len(_words(lede)) <= 12:
        add("teaser_lede", lede)
    return found


def pages_in(folders: list[Path]) -> list[Path]:
    found = []
    for folder in folders:
        if folder.is_file():
            found.append(folder)
            continue
        found += sorted(p for p in folder.rglob("*") if p.name.endswith((".html", ".htm", ".html.gz", ".htm.gz", ".xml")))
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="*", type=Path, help="folders of pages (default ../shared/data/news_html)")
    parser.add_argument("--methods", default="lead,embed", help="digest methods, comma-separated (default lead,embed)")
    parser.add_argument("-v", "--verbose", action="store_true", help="print every defect with its page")
    args = parser.parse_args(argv)
    folders = args.folders or [ROOT.parent / "shared" / "data" / "news_html"]
    pages = pages_in(folders)
    if not pages:
        print(f"eval_defects: no pages in {', '.join(map(str, folders))}", file=sys.stderr)
        return 2

    from summarize.commands.entry import quiet_third_parties
    from summarize.digest import digest_articles, make_digester

    quiet_third_parties()  # as the command line does: a page's "EST" time zone is dateutil's warning, not a defect
    from summarize.read import read_path

    articles, unread = [], 0
    for page in pages:
        try:
            articles += list(read_path(str(page)))
        except Exception as exc:  # noqa: BLE001 - a page the reader skips is counted, not a crash
            unread += 1
            if args.verbose:
                print(f"  unread {page}: {exc}")
    print(f"{len(pages)} pages in {', '.join(map(str, folders))}; {len(articles)} read, {unread} skipped by the reader")
    header = f"{'method':8}{'digests':>8}" + "".join(f"{c:>14}" for c in CLASSES) + f"{'any':>7}{'seconds':>9}"
    rows = []
    for method in args.methods.split(","):
        started = time.perf_counter()
        digester = make_digester(method)
        counts: Counter = Counter()
        any_defect = 0
        for article, digest in zip(articles, digest_articles(articles, digester)):
            found = defects_of(digest.sentences)
            counts.update(found.keys())
            any_defect += bool(found)
            if args.verbose:
                for kind, sentences in found.items():
                    for sentence in sentences:
                        print(f"  {method} {kind:13} {Path(article.source or '').name[:24]:24} {sentence[:150]!r}")
        seconds = time.perf_counter() - started
        rows.append(f"{method:8}{len(articles):>8}" + "".join(f"{counts[c]:>14}" for c in CLASSES) + f"{any_defect:>7}{seconds:>9.1f}")
    print(header)
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
