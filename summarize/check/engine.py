"""``summarize check``: find paragraphs that repeat another paragraph of the repository.

The files to check (pre-commit's staged files, or any paths) are compared with
each other and with every tracked content file of the repository. All paragraphs
are indexed together; a repeat is reported only when at least one side of the pair
is a checked file. Which side is reported:

- both sides checked: the copy is the paragraph whose file entered the repository
  later (git history), then the later in (path, line) order;
- one side checked: that side, whether it comes first or not -- a staged file that
  repeats an old, untouched file is the change that introduced the repeat.

Each reported paragraph gets one finding, pointing at its closest counterpart
(highest similarity, then earliest). Paragraphs are compared within one language of
a translation layout (another language is SUM003, off by default); a paragraph found
in ``boilerplate-files`` files or more is one SUM004 notice; paragraphs that repeat
one of an ``allow``-ed file are accepted.
"""

from __future__ import annotations

import os
import time
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache, partial
from pathlib import Path

import numpy as np

from summarize.check import history, index, languages
from summarize.check.template import other_terms, parallel_lines, subject_words, template_variants
from summarize.check.baseline import Accepted, read_baseline, read_entries, write_baseline
from summarize.check.config import CheckConfig, find_config, load_config, select_codes
from summarize.check.prose import CONTENT_EXTENSIONS, format_of
from summarize.check.prosecache import ProseCache, prose_words
from summarize.check.repo import display_path, git_root, relative_to, tracked_files
from summarize.errors import InputError, SummarizeError
from summarize.fingerprint import negations
from summarize.read.batch import Batch
from summarize.read.decode import binary_kind, decode

DEFAULT_BASELINE = ".summarize-baseline.json"


@dataclass(slots=True)
class Finding:
    path: str  # as shown (relative to the working directory)
    key_path: str  # repository-relative POSIX path: what baselines and per-file-ignores match
    line: int
    col: int
    code: str
    other_path: str
    other_line: int
    similarity: float
    paragraph: str  # hash of the paragraph's normalised words
    other_key: str = ""  # the repeated paragraph's repository-relative path ...
    other_paragraph: str = ""  # ... and hash: a baseline accepts the pair from either side
    files: int = 0  # SUM004: how many files carry the paragraph ...
    snippet: bool = True  # ... whether the oldest of them is a snippet (mostly boilerplate), which allow accepts
    places: list[tuple[str, int]] = field(default_factory=list)  # ... and where (path as shown, line), oldest first
    para: int = -1  # the paragraph's number among all indexed paragraphs (consecutive within a file) ...
    other_para: int = -1  # ... and its counterpart's
    passage: list[int] = field(default_factory=list)  # lines of the further paragraphs of a copied passage
    other_end_line: int = 0  # the counterpart's last line in a passage
    sketch: str = ""  # MinHash sketches of the paragraph and its counterpart: a baseline matches
    other_sketch: str = ""  # an edited accepted paragraph by similarity

    @property
    def message(self) -> str:
        if self.code == "SUM004":
            accept = (f'allow = ["{self.other_key}"] in summarize.toml' if self.snippet
                      else f'a baseline: summarize check --write-baseline, with baseline = "{DEFAULT_BASELINE}" in summarize.toml')
            return f"boilerplate: paragraph stands in {self.files} files, first {self.other_path}:{self.other_line}; accept it with {accept}"
        what = "untranslated paragraph repeats" if self.code == "SUM003" else "paragraph repeats"
        if self.passage:
            what = "untranslated passage repeats" if self.code == "SUM003" else "passage repeats"
            return (f"{what} {self.other_path}:{self.other_line}-{self.other_end_line}: {len(self.passage) + 1} "
                    f"paragraphs, lines {self.line}-{self.passage[-1]} (similarity {self.similarity:.2f})")
        return f"{what} {self.other_path}:{self.other_line} (similarity {self.similarity:.2f})"

    def format(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.code} {self.message}"


@dataclass(slots=True)
class CheckReport:
    findings: list[Finding]  # what fails the check
    raw_findings: list[Finding]  # before the baseline
    checked_files: list[str]  # repository-relative keys of the checked files
    files: int = 0  # files read (checked + context)
    paragraphs: int = 0  # paragraphs indexed
    candidates: int = 0  # LSH candidate pairs
    verified: int = 0  # pairs verified exactly
    baselined: int = 0
    seconds: float = 0.0
    config: CheckConfig = field(default_factory=CheckConfig)
    root: Path | None = None


@dataclass(slots=True)
class _File:
    path: Path
    key: str
    shown: str
    checked: bool
    language: str = ""
    age: float = history.NEWEST


def check(paths: list[str], *, cwd: Path | None = None, config_file: str | None = None, threshold: float | None = None,
          min_words: int | None = None, baseline: str | None = None, use_baseline: bool = True,
          repository: bool = True, batch: Batch | None = None, select: tuple[str, ...] | None = None,
          extend_select: tuple[str, ...] = (), ignore: tuple[str, ...] = ()) -> CheckReport:
    """Check ``paths`` (all tracked content files when empty) against the repository. A checked
    file that cannot be read is skipped through ``batch``; a binary one (an image saved under a
    ``.md`` name) is passed over with a note: it holds no prose."""
    batch = batch or Batch()
    started = time.perf_counter()
    cwd = (cwd or Path.cwd()).resolve()
    root = git_root(cwd)
    config_path = Path(config_file) if config_file else find_config(cwd, root)
    if config_file and not config_path.is_file():
        raise SummarizeError(f"{config_file}: no such config file")
    config = load_config(config_path)
    if select is not None:
        config.select = select
    for codes, how in ((extend_select, "extend-select"), (ignore, "ignore")):
        if codes:
            config.select = select_codes(config.select, codes, how)
    if threshold is not None:
        config.threshold = threshold
    if min_words is not None:
        config.min_words = min_words
    base = root or cwd

    # A named baseline is read first: a missing one fails before any work is done.
    baseline_path = _baseline_path(baseline, cwd) if baseline else _baseline_path(config.baseline, base)
    accepted = Accepted()
    if use_baseline and baseline_path is not None:
        accepted = read_baseline(baseline_path)
    files = _collect(paths, cwd, base, root if repository else None, config, batch)
    by_language = languages.detect([f.key for f in files], config.languages)
    ages = history.file_ages(root) if root is not None else {}
    for f in files:
        f.language = by_language[f.key]
        f.age = ages.get(f.key, history.NEWEST)
    report = CheckReport([], [], [f.key for f in files if f.checked], config=config, root=root)
    cache = ProseCache.for_repository(root)
    raw = _find(files, config, report, batch, cache)
    cache.save()
    report.raw_findings = raw
    kept, report.baselined = accepted.filter(raw, config.threshold)
    report.findings = passages(kept)
    report.seconds = time.perf_counter() - started
    return report


def passages(findings: list[Finding]) -> list[Finding]:
    """One finding per copied passage: paragraphs that follow each other in a file (no unflagged
    paragraph between) and repeat paragraphs that follow each other, in order, in one other file
    become the first one's finding, with the further lines in ``passage`` (a page copied whole
    is one finding to act on, not twenty). Findings come sorted by file and line."""
    out: list[Finding] = []
    last: Finding | None = None  # the previous finding of the passage being grown
    for f in findings:
        head = out[-1] if out else None
        if (head is not None and last is not None and f.code == head.code and f.code != "SUM004"
                and f.key_path == head.key_path and f.other_key == head.other_key
                and f.para == last.para + 1 and f.other_para > last.other_para >= 0
                and (f.key_path != f.other_key or f.other_para < head.para)):  # in one file: the two apart
            head.passage.append(f.line)
            head.other_end_line = f.other_line
            head.similarity = min(head.similarity, f.similarity)
            last = f
            continue
        out.append(f)
        last = f
    return out


def _baseline_path(name: str | None, folder: Path) -> Path | None:
    """``--baseline`` is relative to the working directory, the config's to the repository root."""
    if not name:
        return None
    p = Path(name)
    return p if p.is_absolute() else folder / p


def write_report_baseline(report: CheckReport, baseline: str | None, cwd: Path | None = None) -> tuple[Path, int]:
    """Record the report's findings as accepted; entries of files not checked this time are kept."""
    cwd = (cwd or Path.cwd()).resolve()
    base = report.root or cwd
    path = Path(baseline) if baseline else Path(report.config.baseline or DEFAULT_BASELINE)
    if not path.is_absolute():
        path = (cwd if baseline else base) / path
    checked = set(report.checked_files)
    entries = [e for e in read_entries(path) if e.get("path") not in checked]
    for f in report.raw_findings:
        entries.append({"path": f.key_path, "line": f.line, "code": f.code, "paragraph": f.paragraph,
                        "repeats": f"{f.other_path}:{f.other_line}", "other": f.other_key,
                        "other_paragraph": f.other_paragraph, "sketch": f.sketch, "other_sketch": f.other_sketch})
    return path, write_baseline(path, entries)


# ---------------------------------------------------------------- which files


def _collect(paths: list[str], cwd: Path, base: Path, root: Path | None, config: CheckConfig,
             batch: Batch) -> list[_File]:
    files: dict[str, _File] = {}  # by repository-relative key

    def add(path: Path, checked: bool, key: str | None = None) -> None:
        if key is None:
            path = path.resolve()
            key = relative_to(path, base) or path.as_posix()
        if key in files:
            files[key].checked |= checked
        else:
            files[key] = _File(path, key, display_path(path, cwd), checked)

    for arg in paths:
        p = Path(arg)
        if not p.is_absolute():
            p = cwd / p
        if p.is_dir():
            for found in _walk(p):
                key = relative_to(found.resolve(), base) or found.as_posix()
                if config.included(key):
                    add(found, True)
        elif p.is_file():
            key = relative_to(p.resolve(), base) or p.resolve().as_posix()
            if not config.excluded(key):
                add(p, True)
        else:
            batch.inputs += 1
            batch.skip(arg, "not a regular file" if p.exists() else "no such file or folder")
    if root is not None:
        for name in tracked_files(root):
            if config.included(name) or (config.allowed(name) and not config.excluded(name)):
                add(root / name, not paths, relative_to(root / name, base) or name)
    elif not paths:
        raise SummarizeError("no files given and not inside a git repository: pass files or folders to check")
    return sorted(files.values(), key=lambda f: f.key)


def _walk(folder: Path):
    for top, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            if Path(name).suffix.lower() in CONTENT_EXTENSIONS and not name.startswith("."):
                yield Path(top) / name


# ---------------------------------------------------------------- the index

class _Binary(Exception):
    """A file that is not text (its kind as the message)."""


def _decode(data: bytes, shown: str) -> str:
    kind = binary_kind(data)
    if kind:
        raise _Binary(kind)
    return decode(data, shown)



# An edited copy in another file: a paragraph copied and then edited here and there (words
# replaced, added or dropped) keeps most of its words in order, while the 3-word shingles around
# each edit are lost -- four words changed in thirty leave a Jaccard of 0.4. So a pair of
# paragraphs of two files under the threshold whose shingles still overlap (EDIT_FLOOR) is a
# repeat when ``edit_ratio`` of its words align in order (2·M/(|a|+|b|); and at least the
# threshold, so no similarity reported is under it), unless one says "not" where the other does
# not ("MUST NOT be created" / "MUST be created"). Within one file such pairs are parallel items
# of a list or a reference ("The input stream ... must support" / "The error stream ..."), not
# copies, and only the threshold judges them.
EDIT_FLOOR = 0.25


def _find(files: list[_File], config: CheckConfig, report: CheckReport, batch: Batch,
          cache: ProseCache) -> list[Finding]:
    para_file: list[int] = []
    para_line: list[int] = []
    para_col: list[int] = []
    para_ignored: list[bool] = []
    para_key: list[int] = []
    para_text: list[str] = []
    lengths: list[int] = []
    word_chunks: list[np.ndarray] = []
    min_words = max(config.min_words, index.SHINGLE_SIZE)

    for number, f in enumerate(files):
        batch.inputs += f.checked
        try:
            found = cache.file(f.path.read_bytes(), format_of(f.path.name), partial(_decode, shown=f.shown))
        except _Binary as exc:
            if f.checked:
                batch.note(f"{f.shown}: not checked: binary file ({exc}), not text")
            continue
        except (OSError, InputError) as exc:
            if f.checked:
                reason = exc.strerror if isinstance(exc, OSError) else str(exc).split(": ", 1)[-1]
                batch.skip(f.shown, f"cannot read ({reason})")
            continue  # context only: an unreadable tracked file just does not take part
        report.files += 1
        offset = 0  # into found.hashes: the paragraphs of SHINGLE_SIZE words or more, back to back
        for prose, count, written, key in zip(found.paragraphs, found.words, found.written, found.keys):
            start = offset
            if count >= index.SHINGLE_SIZE:
                offset += count
            if count < min_words or (count < 2 * min_words and written < min_words):
                continue  # "Comment by @m-ou-se posted on 2025-04-23:" is 6 words as written, not 10
            para_file.append(number)
            para_line.append(prose.line)
            para_col.append(prose.col)
            para_ignored.append(prose.ignored)
            para_key.append(key)
            para_text.append(prose.text)
            lengths.append(count)
            word_chunks.append(found.hashes[start:offset])

    n = len(para_file)
    report.paragraphs = n
    if n < 2:
        return []
    checked_file = np.array([f.checked for f in files], dtype=bool)
    pfile = np.array(para_file, dtype=np.int64)
    pchecked = checked_file[pfile]
    # Which of two paragraphs is the original: the one whose file entered the repository first,
    # then the earlier in (path, line) order. rank[p] is p's place in that order.
    file_age = np.array([f.age for f in files], dtype=np.float64)
    order = np.lexsort((np.arange(n), file_age[pfile]))
    rank = np.empty(n, dtype=np.int64)
    rank[order] = np.arange(n)
    lang = [f.language for f in files]

    # Identical paragraphs (same normalised words) form one group, indexed once.
    keys = np.array(para_key, dtype=np.uint64)
    _, first_of_group, group = np.unique(keys, return_index=True, return_inverse=True)
    group = group.ravel()
    members: dict[int, list[int]] = {}
    for p in order.tolist():  # each group's members from the original on
        members.setdefault(int(group[p]), []).append(p)
    reps = np.sort(first_of_group)  # representative = first occurrence, in document order
    linked = _UnionFind()  # groups joined by near repeats: boilerplate and allow work on these

    best: dict[tuple[int, str], tuple[float, int, int]] = {}  # (paragraph, code) -> (similarity, -other, other)

    def flag(p: int, other: int, sim: float) -> None:
        fp_, fo = para_file[p], para_file[other]
        code = "SUM002" if fp_ == fo else "SUM003" if lang[fp_] != lang[fo] else "SUM001"
        current = best.get((p, code))
        if current is None or (sim, -other) > current[:2]:
            best[(p, code)] = (sim, -other, other)

    def judge(u: int, v: int, sim: float) -> None:
        """u and v repeat each other: report the later checked one, or the only checked one."""
        if rank[u] > rank[v]:
            u, v = v, u
        if pchecked[v]:
            flag(v, u, sim)
        elif pchecked[u]:
            flag(u, v, sim)

    def same_language_original(p: int, ps: list[int]) -> int | None:
        """The first of ``ps`` before ``p`` in ``p``'s language, when ``ps[0]`` is of another one."""
        if lang[para_file[ps[0]]] == lang[para_file[p]]:
            return None
        return next((q for q in ps if rank[q] < rank[p] and lang[para_file[q]] == lang[para_file[p]]), None)

    for g, ps in members.items():
        if len(ps) > 1 and pchecked[ps].any():
            for p in ps[1:]:
                judge(ps[0], p, 1.0)
                q = same_language_original(p, ps)
                if q is not None:
                    judge(q, p, 1.0)
            first_unchecked = next((p for p in ps[1:] if not pchecked[p]), None)
            if pchecked[ps[0]] and first_unchecked is not None:
                judge(ps[0], first_unchecked, 1.0)

    # Near repeats between groups: MinHash + LSH over the representatives.
    words_all = np.concatenate(word_chunks)
    length_arr = np.array(lengths, dtype=np.int64)
    shingles, counts = index.shingle_hashes(words_all, length_arr)
    offsets = np.concatenate(([0], np.cumsum(counts)))
    rep_shingles = np.concatenate([shingles[offsets[r] : offsets[r + 1]] for r in reps.tolist()])
    sig = index.signatures(rep_shingles, counts[reps])
    relevant = np.array([pchecked[members[int(group[r])]].any() for r in reps.tolist()], dtype=bool)
    pairs = index.candidate_pairs(sig, relevant, index.rows_for(config.threshold))
    report.candidates = len(pairs)
    sizes = counts[reps].astype(np.float64)  # upper bounds of set sizes; fine for an estimate
    pairs = pairs[index.plausible(sig, sizes, pairs, config.threshold, config.containment)]
    report.verified = len(pairs)

    # Exact verification on the shingle sets, held as their 64-bit hashes (the same sets as
    # fingerprint.shingles over fingerprint.words, up to a 2**-64 collision).
    @lru_cache(maxsize=None)
    def subject(number: int) -> frozenset[str]:
        return subject_words(files[number].key)

    @lru_cache(maxsize=65536)
    def shingle_set(p: int) -> frozenset[int]:
        return frozenset(shingles[offsets[p] : offsets[p + 1]].tolist())

    word_start = np.concatenate(([0], np.cumsum(length_arr)))
    edit_ratio = max(config.edit_ratio, config.threshold)

    def word_seq(p: int) -> list[int]:
        return words_all[word_start[p] : word_start[p + 1]].tolist()

    for i, j in pairs.tolist():
        a, b = int(reps[i]), int(reps[j])
        jac, con = index.similarity(shingle_set(a), shingle_set(b))
        if jac >= config.threshold:
            sim = jac
        elif con >= config.containment:
            sim = con
        elif (jac >= EDIT_FLOOR and para_file[a] != para_file[b]
              and (ratio := index.word_alignment(word_seq(a), word_seq(b))) >= edit_ratio
              and negations(prose_words(para_text[a])) == negations(prose_words(para_text[b]))):
            sim = ratio  # an edited copy (see EDIT_FLOOR)
        else:
            continue
        if (template_variants(para_text[a], para_text[b], subject(para_file[a]), subject(para_file[b]))
                or other_terms(para_text[a], para_text[b])
                or (para_file[a] == para_file[b] and parallel_lines(para_text[a], para_text[b]))):
            continue
        ga, gb = members[int(group[a])], members[int(group[b])]
        linked.union(int(group[a]), int(group[b]))
        _judge_groups(ga, gb, sim, pchecked, rank, judge, same_language_original)

    notices = _boilerplate(best, members, group, linked, files, para_file, rank, pchecked, config)
    findings = _findings(best, files, para_file, para_line, para_col, para_ignored, para_key, config)
    for p, same, count, snippet in notices:
        f, o, first = files[para_file[p]], files[para_file[same[0]]], same[0]
        findings.append(Finding(f.shown, f.key, para_line[p], para_col[p], "SUM004", o.shown, para_line[first], 1.0,
                                f"{para_key[p]:016x}", o.key, f"{para_key[first]:016x}", files=count, snippet=snippet,
                                places=[(files[para_file[q]].shown, para_line[q]) for q in same],
                                para=p, other_para=first))
    rep_row = np.searchsorted(reps, first_of_group)  # group -> its representative's signature row
    for f in findings:
        f.sketch = index.sketch(sig[rep_row[group[f.para]]])
        f.other_sketch = index.sketch(sig[rep_row[group[f.other_para]]])
    findings.sort(key=lambda x: (x.key_path, x.line, x.col))
    return [f for f in findings if f.code in config.select and f.code not in config.ignored_codes(f.key_path)]


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[int, int] = {}

    def find(self, x: int) -> int:
        root = x
        while self.parent.get(root, root) != root:
            root = self.parent[root]
        while x != root:
            self.parent[x], x = root, self.parent.get(x, x)
        return root

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _boilerplate(best, members, group, linked, files, para_file, rank, pchecked, config):
    """Drop the pair findings of paragraphs that an allowed file carries, and of paragraphs found in
    ``boilerplate-files`` files or more (within one language); return one (paragraph, original,
    every paragraph of it oldest first, files) notice per boilerplate paragraph that a checked file
    carries."""
    components: dict[int, list[int]] = {}
    for g in {int(group[p]) for p, _ in best}:
        components.setdefault(linked.find(g), [])
    for g, ps in members.items():
        root = linked.find(g)
        if root in components:
            components[root].extend(ps)
    dropped: set[int] = set()
    notices = []
    for ps in components.values():
        if any(config.allowed(files[para_file[p]].key) for p in ps):
            dropped.update(ps)
            continue
        by_language: dict[str, list[int]] = {}
        for p in ps:
            by_language.setdefault(files[para_file[p]].language, []).append(p)
        for same in by_language.values():
            count = len({para_file[p] for p in same})
            if count < config.boilerplate_files:
                continue
            dropped.update(same)
            same.sort(key=lambda p: rank[p])
            shown = next((p for p in same if pchecked[p]), None)
            if shown is not None:
                notices.append((shown, same, count))
    for key in [k for k in best if k[0] in dropped and best[k][2] in dropped]:
        del best[key]
    # The oldest place is a snippet when most of its paragraphs are boilerplate: allowing it accepts
    # them. An ordinary page (PEP 1, where 238 PEPs' copyright paragraph first stood) is not allowed
    # wholesale; the baseline accepts the one paragraph instead.
    boiler_in = Counter(int(para_file[p]) for p in dropped)
    totals = np.bincount(np.asarray(para_file, dtype=np.int64))
    return [(shown, same, count, 2 * boiler_in[int(para_file[same[0]])] >= totals[int(para_file[same[0]])])
            for shown, same, count in notices]


def _judge_groups(ga: list[int], gb: list[int], sim: float, pchecked: np.ndarray, rank: np.ndarray, judge,
                  same_language_original) -> None:
    """Every checked member of one group against the other group's best counterparts (the first
    of all, and the first in its own language)."""
    for mine, other in ((ga, gb), (gb, ga)):
        first_other = other[0]
        first_unchecked = next((p for p in other if not pchecked[p]), None)
        for p in mine:
            if not pchecked[p]:
                continue
            if rank[first_other] < rank[p]:
                judge(first_other, p, sim)
                q = same_language_original(p, other)
                if q is not None:
                    judge(q, p, sim)
            elif first_unchecked is not None:
                judge(p, first_unchecked, sim)


def _findings(best, files, para_file, para_line, para_col, para_ignored, para_key, config) -> list[Finding]:
    chosen: dict[int, tuple[float, int, int, str]] = {}
    for (p, code), (sim, neg_other, other) in best.items():
        if para_ignored[p] or code not in config.select or code in config.ignored_codes(files[para_file[p]].key):
            continue
        current = chosen.get(p)
        if current is None or (sim, neg_other) > current[:2]:
            chosen[p] = (sim, neg_other, other, code)
    out = []
    for p, (sim, _, other, code) in chosen.items():
        f, o = files[para_file[p]], files[para_file[other]]
        out.append(Finding(f.shown, f.key, para_line[p], para_col[p], code, o.shown, para_line[other],
                           sim, f"{para_key[p]:016x}", o.key, f"{para_key[other]:016x}", para=p, other_para=other))
    return out
