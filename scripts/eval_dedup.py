#!/usr/bin/env python3
"""Measure ``summarize dedup`` on labelled feeds built from BBC News, and pick its default threshold.

The feed: BBC articles (each its own story; the real exact duplicates in the
data set keep their shared label), plus syndicated variants generated with a
fixed seed — dateline or byline added, an outlet footer added, the ending
trimmed to 60 %, a sentence dropped, light copy edits, lines re-wrapped, HTML
entities, another headline, and combinations — plus hard negatives: short
briefs that carry the same long outlet footer or newsletter blurb (the
boilerplate trap), stories that reuse the last 3-8 sentences of another
same-category story as background (a different story sharing up to about half
its text), and the rest of BBC's same-category, same-week stories.

BBC itself holds natural near-duplicates (updated versions of a story under
another id) that nobody labelled; an article whose exact shingle containment
with another, non-identical article is >= 0.3 is left out so the labels stay
true (their number is printed).

Stories are split in two halves with a fixed seed: the threshold (and the
Jaccard floor) are chosen on the "tune" half by pairwise F1, and every figure
is reported on the held-out half. Pairwise precision/recall/F1 count article
pairs put in one cluster; ARI is the adjusted Rand index of the clustering.

    python scripts/eval_dedup.py [--data ../shared/data] [--seed 13]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from collections import Counter, defaultdict
from math import comb
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from summarize.dedup import DedupConfig, deduplicate  # noqa: E402
from summarize.fingerprint import text_shingle_hashes  # noqa: E402

FOOTERS = {
    "dailywire": (
        "Sign up to our free morning briefing newsletter and get the day's most important stories, analysis and "
        "opinion delivered straight to your inbox before breakfast. Follow Daily Wire on Facebook, Twitter and "
        "Instagram for breaking news as it happens. Copyright Daily Wire Media Group. All rights reserved. This "
        "material may not be published, broadcast, rewritten or redistributed without permission. Have a story "
        "for us? Contact the newsdesk by email or call our tip line, and read our corrections policy online."
    ),
    "metroherald": (
        "This article was originally published by the Metro Herald. The Metro Herald is an independent, "
        "reader-funded newsroom: if you value our journalism, please consider supporting us with a monthly "
        "contribution from as little as one pound. Get unlimited access to all our reporting, puzzles and the "
        "archive with a digital subscription, and download our award-winning app for iPhone and Android to "
        "receive alerts on the stories that matter to you and your community."
    ),
    "newsnet": (
        "NewsNet International distributes news, photos and video to more than four hundred media outlets "
        "worldwide. Reporting by our correspondents; editing by the regional desk. Our standards: the NewsNet "
        "Trust Principles require independence, integrity and freedom from bias in everything we publish. "
        "Related coverage and more stories from this region are available on our website, where readers can "
        "also manage their newsletter preferences and privacy settings at any time."
    ),
}
DATELINES = ["LONDON (NewsNet) -", "NEW YORK, March 3 (Reuters) -", "BRUSSELS, AFP -", "EDINBURGH -",
             "By Jane Porter, Business Reporter", "By Tom Adeyemi", "WASHINGTON (AP) —", "Updated 14:05 GMT"]
SYNONYMS = {
    "said": "stated", "says": "states", "big": "large", "rise": "increase", "fall": "drop", "firm": "company",
    "company": "firm", "shares": "stock", "also": "too", "but": "however", "about": "around", "buy": "purchase",
    "people": "persons", "new": "fresh", "show": "reveal", "help": "assist", "expected": "anticipated",
    "government": "administration", "told": "informed", "added": "continued", "cut": "reduce", "start": "begin",
}


def sentences_of(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?\"])\s+(?=[A-Z\"'])", text.strip()) if s]


def trim(text: str, keep: float) -> str:
    """The first ``keep`` share of the text's words, ending on a sentence boundary when one is near."""
    sents = sentences_of(text)
    total = sum(len(s.split()) for s in sents)
    out, n = [], 0
    for s in sents:
        if n >= keep * total:
            break
        out.append(s)
        n += len(s.split())
    return " ".join(out)


def copy_edit(text: str, rng: random.Random, rate: float = 0.03) -> str:
    words = text.split(" ")
    for i in rng.sample(range(len(words)), max(1, int(len(words) * rate))):
        w = words[i]
        core = w.strip(".,;:\"'()").lower()
        if core in SYNONYMS:
            words[i] = w.lower().replace(core, SYNONYMS[core])
        elif rng.random() < 0.5:
            words[i] = ""
        else:
            words[i] = w + " really" if rng.random() < 0.5 else w.upper()
    return " ".join(w for w in words if w)


def rewrap(text: str, rng: random.Random) -> str:
    width = rng.choice([60, 72, 80])
    out, line = [], ""
    for w in text.split():
        if len(line) + len(w) + 1 > width:
            out.append(line)
            line = w
        else:
            line = f"{line} {w}" if line else w
    return "\n".join(out + [line])


def entities(text: str) -> str:
    return (text.replace("&", "&amp;").replace("'", "&#39;").replace('"', "&quot;").replace("£", "&pound;")
            .replace(" - ", " &ndash; "))


def drop_sentence(text: str, rng: random.Random) -> str:
    sents = sentences_of(text)
    if len(sents) > 3:
        del sents[rng.randrange(1, len(sents) - 1)]
    return " ".join(sents)


TRANSFORMS = {
    "dateline": lambda t, r: f"{r.choice(DATELINES)} {t}",
    "footer": lambda t, r: f"{t}\n\n{FOOTERS[r.choice(sorted(FOOTERS))]}",
    "trim60": lambda t, r: trim(t, 0.6),
    "drop_sentence": drop_sentence,
    "copy_edit": lambda t, r: copy_edit(t, r, rate=r.uniform(0.02, 0.08)),
    "rewrap": rewrap,
    "entities": lambda t, r: entities(t),
    "headline": lambda t, r: t,  # the title changes, not the text (titles are not compared)
}


def load(data: Path) -> list[dict]:
    path = data / "bbc_news_summary.jsonl"
    if not path.exists():
        sys.exit(f"eval_dedup: {path} not found (use --data)")
    return [json.loads(line) for line in path.open(encoding="utf-8")]


def natural_near_duplicates(rows: list[dict], floor: float = 0.3) -> set[str]:
    """Ids of articles with an unlabelled natural near-duplicate (exact containment >= floor, text differs)."""
    sets = [text_shingle_hashes(r["text"]) for r in rows]
    owner = np.repeat(np.arange(len(rows)), [s.size for s in sets])
    values = np.concatenate(sets)
    order = np.argsort(values, kind="stable")
    values, owner = values[order], owner[order]
    shared = Counter()
    starts = np.flatnonzero(np.r_[True, values[1:] != values[:-1]])
    ends = np.r_[starts[1:], values.size]
    for s, e in zip(starts, ends):
        if 1 < e - s <= 50:
            docs = owner[s:e].tolist()
            for i in range(len(docs)):
                for j in range(i + 1, len(docs)):
                    shared[(docs[i], docs[j])] += 1
    flagged = set()
    for (i, j), n in shared.items():
        if rows[i]["text"] == rows[j]["text"]:
            continue
        if n / max(1, min(sets[i].size, sets[j].size)) >= floor:
            flagged.update((rows[i]["id"], rows[j]["id"]))
    return flagged


def build_feed(stories: list[list[dict]], shorts: list[dict], backgrounds: list[tuple[dict, dict]],
               rng: random.Random) -> list[dict]:
    """Articles with a ``story`` label: originals, real exact copies, variants, footer briefs and
    stories that reuse a few sentences of another story in the feed (hard negatives)."""
    feed = []
    for group in stories:
        story = group[0]["id"]
        for r in group:  # real exact duplicates share the story label
            feed.append({"id": r["id"], "title": r["title"], "text": r["text"], "story": story, "kind": "original"})
    variant_of = rng.sample(stories, k=len(stories) // 4)
    names = sorted(TRANSFORMS)
    for group in variant_of:
        base = group[0]
        for n in range(rng.choice([1, 1, 2, 3])):
            chosen = rng.sample(names, k=rng.choice([1, 2, 3]))
            text = base["text"]
            for name in chosen:
                text = TRANSFORMS[name](text, rng)
            title = f"{base['title']} (update)" if "headline" in chosen else base["title"]
            feed.append({"id": f"{base['id']}~v{n}", "title": title, "text": text, "story": base["id"],
                         "kind": "+".join(sorted(chosen))})
    outlets = sorted(FOOTERS)
    for i, r in enumerate(shorts):  # the boilerplate trap: short, different stories, one long footer
        lead = trim(r["text"], 0.12) or r["text"][:300]
        feed.append({"id": f"{r['id']}~brief", "title": r["title"], "text": f"{lead}\n\n{FOOTERS[outlets[i % 3]]}",
                     "story": f"{r['id']}~brief", "kind": "footer_brief"})
    for i, (own, donor) in enumerate(backgrounds):  # another story reusing a block of this one
        block = " ".join(sentences_of(donor["text"])[-rng.randint(3, 8):])
        text = f"{trim(own['text'], rng.uniform(0.3, 0.7))}\n\n{block}"
        feed.append({"id": f"{own['id']}~background", "title": own["title"], "text": text,
                     "story": f"{own['id']}~background", "kind": "shared_background"})
    rng.shuffle(feed)
    return feed


NEGATIVE_KINDS = ("footer_brief", "shared_background")


def pair_counts(truth: list[str], pred: list[str]) -> tuple[int, int, int]:
    """(true positive, predicted, actual) pair counts."""
    both = Counter(zip(truth, pred))
    tp = sum(comb(n, 2) for n in both.values())
    predicted = sum(comb(n, 2) for n in Counter(pred).values())
    actual = sum(comb(n, 2) for n in Counter(truth).values())
    return tp, predicted, actual


def adjusted_rand(truth: list[str], pred: list[str]) -> float:
    tp, predicted, actual = pair_counts(truth, pred)
    total = comb(len(truth), 2)
    expected = predicted * actual / total if total else 0.0
    best = (predicted + actual) / 2
    return 1.0 if best == expected else (tp - expected) / (best - expected)


def score(feed: list[dict], config: DedupConfig) -> dict:
    ids = [a["id"] for a in feed]
    matches = deduplicate(ids, [a["text"] for a in feed], None, config)
    truth = [a["story"] for a in feed]
    pred = [m.cluster for m in matches]
    tp, predicted, actual = pair_counts(truth, pred)
    p = tp / predicted if predicted else 1.0
    r = tp / actual if actual else 1.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    # per-kind recall: variants joined to their original's cluster
    cluster_of = dict(zip(ids, pred))
    kinds = defaultdict(lambda: [0, 0])
    for a, c in zip(feed, pred):
        if a["kind"] not in NEGATIVE_KINDS + ("original",):
            for part in a["kind"].split("+"):
                kinds[part][0] += c == cluster_of.get(a["story"])
                kinds[part][1] += 1
    brief_clusters = Counter(c for a, c in zip(feed, pred) if a["kind"] == "footer_brief")
    false_brief = sum(n for n in brief_clusters.values() if n > 1)
    size = Counter(pred)
    reusers = [c for a, c in zip(feed, pred) if a["kind"] == "shared_background"]
    return {"precision": p, "recall": r, "f1": f1, "ari": adjusted_rand(truth, pred), "kinds": dict(kinds),
            "briefs_merged": false_brief, "briefs": sum(brief_clusters.values()),
            "background_merged": sum(size[c] > 1 for c in reusers), "backgrounds": len(reusers)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--thresholds", default="0.3,0.4,0.5,0.55,0.6,0.65,0.7,0.75,0.8,0.85,0.9,0.95")
    ap.add_argument("--min-jaccards", default="0.1,0.2,0.3,0.4,0.5")
    args = ap.parse_args()
    t0 = time.time()
    rows = load(args.data)
    flagged = natural_near_duplicates(rows)
    groups: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        if r["id"] not in flagged:
            groups[r["text"]].append(r)
    stories = list(groups.values())
    exact_pairs = sum(comb(len(g), 2) for g in stories)
    rng = random.Random(args.seed)
    rng.shuffle(stories)
    half = len(stories) // 2
    parts = {"tune": stories[:half], "test": stories[half:]}
    feeds = {}
    for name, part in parts.items():
        singles = [g for g in part if len(g) == 1]
        shorts = [g[0] for g in singles[:90]]
        owners = [g[0] for g in singles[90:180]]
        used = {id(g) for g in singles[:180]}
        kept = [g for g in part if id(g) not in used]
        pick = random.Random(f"{args.seed}-{name}-donors")
        same_category = defaultdict(list)
        for g in kept:
            same_category[g[0]["category"]].append(g[0])
        backgrounds = [(o, pick.choice(same_category[o["category"]])) for o in owners]
        feeds[name] = build_feed(kept, shorts, backgrounds, random.Random(f"{args.seed}-{name}"))
    print(f"BBC: {len(rows)} articles; {len(flagged)} left out (unlabelled natural near-duplicates, "
          f"containment >= 0.3); {exact_pairs} real exact-duplicate pairs kept")
    for name, feed in feeds.items():
        kinds = Counter(a["kind"] if a["kind"] in NEGATIVE_KINDS + ("original",) else "variant" for a in feed)
        print(f"{name} feed: {len(feed)} articles ({dict(kinds)}), {len({a['story'] for a in feed})} stories")

    thresholds = [float(x) for x in args.thresholds.split(",")]
    floors = [float(x) for x in args.min_jaccards.split(",")]
    print("\ntune half, pairwise F1 (rows: min Jaccard, columns: threshold):")
    print("| min Jaccard | " + " | ".join(f"{t:.2f}" for t in thresholds) + " |")
    print("|---:|" + "---:|" * len(thresholds))
    grid = {}
    for floor in floors:
        grid[floor] = [score(feeds["tune"], DedupConfig(threshold=t, min_jaccard=floor))["f1"] for t in thresholds]
        print(f"| {floor:.2f} | " + " | ".join(f"{f:.3f}" for f in grid[floor]) + " |")
    top = max(max(row) for row in grid.values())
    best = None
    for floor, row in grid.items():
        # settings within 0.002 of the best F1; the floor with the widest such plateau wins, and the
        # middle of its plateau leaves the most margin both ways
        plateau = [t for t, f in zip(thresholds, row) if f >= top - 0.002]
        if plateau and (best is None or len(plateau) > best[0]):
            best = (len(plateau), plateau[len(plateau) // 2], floor)
    _, t_best, floor_best = best
    print(f"\nchosen on the tune half (best pairwise F1, middle of its near-best plateau): "
          f"threshold {t_best}, min Jaccard {floor_best}\n")

    print(f"held-out half, min Jaccard {floor_best}:")
    print("| threshold | precision | recall | F1 | ARI | footer briefs merged | background reusers merged |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for t in thresholds:
        s = score(feeds["test"], DedupConfig(threshold=t, min_jaccard=floor_best))
        mark = " **(default)**" if t == t_best else ""
        print(f"| {t:.2f}{mark} | {s['precision']:.3f} | {s['recall']:.3f} | {s['f1']:.3f} | {s['ari']:.3f} "
              f"| {s['briefs_merged']}/{s['briefs']} | {s['background_merged']}/{s['backgrounds']} |")
    s = score(feeds["test"], DedupConfig(threshold=t_best, min_jaccard=floor_best))
    print("\nheld-out recall per variant kind at the default (variant put in its original's cluster):")
    print("| transform | recall | variants |\n|---|---:|---:|")
    for kind, (hit, n) in sorted(s["kinds"].items()):
        print(f"| {kind} | {hit / n:.3f} | {n} |")
    nb = score(feeds["test"], DedupConfig(threshold=t_best, min_jaccard=floor_best, boilerplate=False))
    print(f"\nwithout boilerplate removal (--keep-boilerplate) at the default: precision {nb['precision']:.3f}, "
          f"recall {nb['recall']:.3f}, F1 {nb['f1']:.3f}, footer briefs wrongly merged {nb['briefs_merged']}/{nb['briefs']}")
    print(f"\n({time.time() - t0:.0f} s)")


if __name__ == "__main__":
    main()
