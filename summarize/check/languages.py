"""Which language a repository file is written in, from the translation layout of its path.

Content repositories keep translations in language folders (``_articles/de/``,
``content/pt-br/``, ``i18n/fr/``, ``docs/zh-hans/``), in folders with a language suffix
beside the original (``pages/``, ``pages.ko/``, ``pages.pt_BR/``: tldr-pages) or beside the
original file under a language suffix (``README.fr.md``). A paragraph left in English inside a translation
is not a repeat an editor wants to hear about by default, so ``check`` compares
paragraphs within one language (the untranslated case is its own code, SUM003).

A folder counts as a language folder only when it is named by a language code and
at least one sibling folder is too (a lone ``en/`` or an ``id/`` folder is not a
translation layout); a ``name.<lang>.ext`` file only when ``name.ext`` or another
``name.<lang>.ext`` exists beside it. Files outside any layout are in the default
language, ``""``. A ``languages`` setting names the codes explicitly.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import PurePosixPath

# ISO 639-1 codes, and the few 639-3 codes sites use for languages that have none.
ISO_639_1 = frozenset("""
aa ab af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee el en eo
es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka
kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng
nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su
sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu
""".split()) | {"pcm", "fil", "yue", "ast", "ckb", "haw", "tzm", "zgh"}

_CODE = re.compile(r"^([a-z]{2,3})(?:[-_](?:[a-z]{2}|[a-z]{4}|\d{3}))?$", re.IGNORECASE)


def is_language_code(name: str) -> bool:
    m = _CODE.match(name)
    return bool(m) and m.group(1).lower() in ISO_639_1


def normalise(code: str) -> str:
    return code.lower().replace("_", "-")


def detect(paths: list[str], declared: tuple[str, ...] = ()) -> dict[str, str]:
    """Map each repository path (POSIX, relative) to its language code, ``""`` for the default language."""
    declared_set = {normalise(c) for c in declared}
    language_folders = _language_folders(paths, declared_set)
    suffixed = _suffixed_files(paths, declared_set)
    out: dict[str, str] = {}
    for path in paths:
        parts = PurePosixPath(path).parts
        lang = ""
        for depth in range(len(parts) - 1):
            code = language_folders.get((parts[:depth], parts[depth]))
            if code is not None:
                lang = code
                break
        out[path] = suffixed.get(path, lang)
    return out


def _language_folders(paths: list[str], declared: set[str]) -> dict[tuple[tuple[str, ...], str], str]:
    """(parent parts, folder) pairs that form a translation layout, each with its language code:
    language-named folders (``de/``, ``pt-br/``), and folders with a language suffix (``pages.ko/``
    beside ``pages/`` or another ``pages.<lang>/``, as tldr-pages keeps its translations)."""
    children: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for path in paths:
        parts = PurePosixPath(path).parts
        for depth in range(len(parts) - 1):
            children[parts[:depth]].add(parts[depth])

    def is_code(name: str) -> bool:
        return normalise(name) in declared if declared else is_language_code(name)

    found: dict[tuple[tuple[str, ...], str], str] = {}
    for parent, names in children.items():
        langs = {n for n in names if is_code(n)}
        if len(langs) >= (1 if declared else 2):
            found.update(((parent, n), normalise(n)) for n in langs)
        suffixed: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for n in names:
            base, dot, code = n.rpartition(".")
            if dot and base and is_code(code):
                suffixed[base].append((n, normalise(code)))
        for base, members in suffixed.items():
            if base in names or len(members) >= 2:
                found.update(((parent, n), code) for n, code in members)
    return found


def _suffixed_files(paths: list[str], declared: set[str]) -> dict[str, str]:
    """``README.fr.md`` -> ``fr`` when ``README.md`` or another ``README.<lang>.md`` stands beside it."""
    by_stem: dict[tuple[str, str, str], list[tuple[str, str]]] = defaultdict(list)
    plain = set(paths)
    for path in paths:
        p = PurePosixPath(path)
        stem, ext = p.stem, p.suffix
        base, dot, code = stem.rpartition(".")
        if dot and base and (normalise(code) in declared if declared else is_language_code(code)):
            by_stem[(str(p.parent), base, ext)].append((path, normalise(code)))
    out = {}
    for (parent, base, ext), members in by_stem.items():
        original = str(PurePosixPath(parent) / f"{base}{ext}") if parent != "." else f"{base}{ext}"
        if original in plain or len(members) >= 2:
            out.update(members)
    return out
