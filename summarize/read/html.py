"""HTML pages: the main text is extracted with trafilatura; the title from the page metadata.
Feed entries carry small HTML fragments: :func:`html_to_text` turns those into paragraphs."""

from __future__ import annotations

import html as htmllib
import itertools
import json
import re
from html.parser import HTMLParser

from summarize.fingerprint import STOPWORDS, words
from summarize.document import Article
from summarize.errors import InputError
from summarize.output import note
from summarize.read.notarticle import not_article_reason
from summarize.read.quoted import without_quotes
from summarize.split import split_paragraphs

EXTENSIONS = (".html", ".htm", ".xhtml")

_LIST_MARKER = re.compile(r"^[ \t]*[-*•][ \t]+")
_TABLE_RULE = re.compile(r"^\|?(?:[ \t]*:?-{3,}:?[ \t]*\|)+[ \t]*:?-*:?[ \t]*$")


_CELL_BORDER = re.compile(r"(?<!\\)\|")


def _plain_lines(text: str) -> str:
    """trafilatura's text output without its Markdown-ish layout: list bullets, table pipes and
    rules; a sentence a hard line break cut in two (a ``<br>`` inside a paragraph), or an ad slot's
    label ("Anzeige"), is one line again."""
    lines: list[str] = []
    joinable = False  # whether the last line may go on in the next (not a list item or table row)
    held: str | None = None  # an ad's label after a line that stops mid-sentence ("... das Kompetenzzentrum" / "Anzeige" / "um ...")
    for line in text.split("\n"):
        line = line.strip()
        if held is not None:
            if not line:
                continue  # the slot's own empty lines
            rest = line.replace("\\|", "|")
            if rest and not _LIST_MARKER.match(rest) and runs_on(lines[-1], rest):
                lines[-1] = f"{lines[-1]} {rest}"  # the label dropped: the sentence is whole again
                held = None
                continue
            lines.append(held)
            held = None
        if not line or _TABLE_RULE.match(line):
            joinable = False
            continue
        if joinable and lines and _AD_LABEL.fullmatch(line) and not lines[-1].endswith(_ENDED):
            held = line
            continue
        if line.startswith("|") and line.endswith("|") and len(line) > 1:
            # "\|" is a bar inside a cell (trafilatura escapes it): text, not a cell border
            cells = (cell.replace("\\|", "|").strip() for cell in _CELL_BORDER.split(line[1:-1]))
            lines.append(" | ".join(cell for cell in cells if cell))
            joinable = False
            continue
        line = line.replace("\\|", "|")
        item = _LIST_MARKER.match(line) is not None
        if joinable and not item and lines and runs_on(lines[-1], line):
            lines[-1] = f"{lines[-1]} {line}"
            continue
        lines.append(_LIST_MARKER.sub("", line))
        joinable = not item
    if held is not None:
        lines.append(held)
    return "\n".join(lines)


# The label an ad slot leaves between two halves of a sentence.
_AD_LABEL = re.compile(r"(?:anzeige|werbung|advertisement|advertising|annonce|publicité|publicidad|pubblicità|advertentie|"
                       r"reklama|reklame|sponsored)\W*", re.IGNORECASE)


# A line that stops mid-sentence: after a comma, or on a word that never ends an English sentence.
_STOPS_MID = re.compile(r"(?:[,;]|\b(?:a|an|the|of|to|in|on|at|by|for|from|with|and|or|but|that|which|who|whose|"
                        r"as|is|are|was|were|has|have|had|its|their|his|her|our|your|my))$")  # lower case: "Plan A" ends a line
_ENDED = (".", "!", "?", ":", "…", '"', "'", "\u201d", "\u2019", ")", "»")


def runs_on(line: str, following: str) -> bool:
    """Whether ``following`` is the rest of the sentence ``line`` began, cut by a hard line break
    ("... won the" / "Africa Movie Academy Award ...", "Photos" / "which were released online ..."):
    ``line`` does not end like a sentence, and either stops mid-clause (a comma, an article,
    a preposition) or the next line starts with a lower-case letter."""
    if line.endswith(_ENDED) or not following:
        return False
    first = following[0]
    return (first.isalpha() and first.islower()) or (_STOPS_MID.search(line) is not None and (first.isalnum() or first in "\"“‘'("))


def read_html(text: str, source: str, article_id: str | None = None) -> Article:
    """A web page: the article's main text (trafilatura, tables included), one paragraph per block.

    Nothing is dropped silently: when trafilatura finds no main text, or the page
    has a text block libxml2 would truncate, every visible text block is used
    instead, with a warning on stderr; a page with no text at all is an input error.
    """
    meta: dict = {}
    if _has_giant_text_block(text):
        fallback = f"a text block longer than {_LXML_TEXT_LIMIT // 1_000_000} MB"
    else:
        meta = _trafilatura(text)
        fallback = "no main article text found"
    site = meta.get("source-hostname") or meta.get("sitename")
    page_title = _page_title(text)  # looked for once: on a page without <title>, an <h1> search of up to 2 MB
    full_title = _usable_title(meta.get("title")) or page_title
    if full_title and page_title and full_title != page_title and full_title in page_title:
        if (headline := without_breadcrumb(page_title)) != page_title:
            full_title = headline  # the extractor took a piece of the trail of sections for the headline ("Noticias » Local")
        elif headline := _headline_beside(full_title, page_title, meta.get("text") or ""):
            full_title = headline
    elif full_title and page_title and _visible_headline(full_title, page_title, site, meta.get("hostname"), text):
        full_title = page_title  # the extractor's title is another headline (og:title's variant, a widget's heading)
    title = strip_site_name(full_title, site, meta.get("hostname")) if full_title else None
    body = _drop_title_line(_drop_title_line(_plain_lines(without_quotes(_without_server_notices(meta.get("text") or ""))),
                                             full_title), title)
    extraction = "trafilatura"
    if body and (small := _too_small(text, [full_title, page_title], body)) is not None:
        # trafilatura took a widget (a weather box, a date line) for the main text of a page whose
        # story is elsewhere: the page's own text, when it has sentences, is read instead
        body, extraction, fallback = small, "all page text", f"the main text found is too small ({len(body.split())} words)"
    if not body:
        body, extraction = _without_server_notices(html_to_text(text)), "all page text"
        if not body:
            reason = not_article_reason(text, [full_title, page_title], "")
            if reason and not reason.startswith("too little"):  # a JavaScript app's <noscript> note, an error title
                raise InputError(f"{source}: not an article: {reason}")
            raise InputError(f"{source}: no text in this HTML page")
    if reason := not_article_reason(text, [full_title, page_title], body):
        raise InputError(f"{source}: not an article: {reason}")
    if extraction != "trafilatura":
        note(f"{source}: {fallback}; using all the page's text")
    return Article(
        id=article_id or source,
        text=body,
        paragraphs=split_paragraphs(body, per_line=True),
        title=title,
        url=meta.get("source") or meta.get("url") or None,
        published=meta.get("date") or None,
        source=source,
        format="html",
        meta={"extraction": extraction, **({"site": site} if site else {}), **({"page_title": full_title} if full_title != title else {})},
        lang=declared_language(text),
    )


# <html lang="de-DE"> (or xml:lang), else <meta http-equiv="content-language" content="de"> or og:locale "de_DE"
_HTML_LANG = re.compile(r"<html\b[^>]{0,2000}?\s(?:xml:)?lang\s*=\s*[\"']?\s*([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*)", re.I)
_META_LANG = re.compile(r"<meta\b[^>]{0,1000}?(?:http-equiv\s*=\s*[\"']?content-language|property\s*=\s*[\"']?og:locale)\b[^>]{0,1000}>", re.I)
_CONTENT = re.compile(r"\bcontent\s*=\s*[\"']?\s*([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*)", re.I)


def declared_language(page: str) -> str | None:
    """The language a page declares for itself, as written ("de-DE"), else None."""
    head = page[:300_000]
    if m := _HTML_LANG.search(head):
        return m.group(1)
    for meta in _META_LANG.finditer(head):
        if m := _CONTENT.search(meta.group(0)):
            return m.group(1)
    return None


_PROSE_LINE = re.compile(r"^(?:\S+[ \t]+){11,}\S*[.!?][\"'\u201d\u2019)]*[ \t]*$", re.M)  # 12 words or more, ended


def _too_small(page: str, titles: list[str | None], body: str) -> str | None:
    """All the page's text, when the main text trafilatura found is too small to be an article
    (a few words, no sentence) and the page's text holds at least two sentences of prose."""
    reason = not_article_reason(page, titles, body)
    if reason is None or not reason.startswith("too little"):
        return None
    everything = _without_server_notices(html_to_text(page))
    return everything if len(_PROSE_LINE.findall(everything)) >= 2 else None


# A notice the page's server printed into it, never the page's text: "Warning: Use of undefined constant
# comments - assumed 'comments' (...) in /homepages/15/.../get-recent-comments.php on line 928" (a blog
# whose main text trafilatura took from four of them).
SERVER_NOTICE = re.compile(r"^\W*(?:warning|notice|deprecated|fatal\s+error|parse\s+error)\s*:.{0,300}?\sin\s+/\S+\.php\b.*$",
                           re.IGNORECASE | re.MULTILINE)


def _without_server_notices(text: str) -> str:
    if ".php" not in text:
        return text
    return "\n".join(line for line in text.split("\n") if not SERVER_NOTICE.match(line))


def _trafilatura(page: str) -> dict:
    """trafilatura's main text and metadata for ``page`` (empty when it finds none or fails)."""
    import trafilatura

    try:
        extracted = trafilatura.extract(
            _without_hidden(page),
            output_format="json",
            with_metadata=True,
            include_comments=False,
            include_tables=True,
        )
    except Exception:  # a parser failure on mangled markup: the caller falls back to all the page's text
        return {}
    return json.loads(extracted) if extracted else {}


_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
# The pop-up part of a hover widget, not the visible word it hangs on: "rollover-people-block"
# (not "rollover-people"), "tooltiptext" (not "tooltip", which some sites put on the visible word),
# "popover-content", "hovercard-body".
_POPUP_CLASS = re.compile(r"[\w-]*(?:tooltip|popover|rollover|hover-?card)[\w-]*?[-_]?(?:text|block|card|box|panel|content|body|popup|inner)",
                          re.I)


# A menu that drops down on hover, with its teasers ("How's Your Sex Life? Great sex does more than blow
# your mind ...", a quiz promoted in a site's navigation, taken for the story's opening on youbeauty.com).
_MENU_CLASS = re.compile(r"(?:nav[-_]?)?(?:drop-?down|sub-?menu|mega-?menu)(?:[-_](?:menu|content|panel|inner|list))?|nav[-_]content|"
                         # and what stands beside the story, never in it: the author's biography (the Los Angeles
                         # Times' "author-bio-text" was a digest's lede), the lead image's description
                         r"author[-_]?bio(?:[-_][\w-]+)?|img[-_]description|image[-_](?:description|caption)",
                         re.I)


# A list or box of links to other stories that labels itself so for screen readers ("Contenido relacionado":
# El Mundo's whole lead digest was its three links, kicker glued to headline).
_RELATED_LABEL = re.compile(r"\b(?:related|relacionad[oa]s?|relacionats?|correlat[aeio]|connexes?|verwandte?)\b|mehr zum thema|"
                            r"lesen sie auch|lire aussi|leia também|leggi anche|see also|read also|also read|más noticias", re.I)
_CONTAINER = frozenset({"ul", "ol", "div", "section", "aside", "nav", "figure"})


def _not_in_place(classes: str | None) -> bool:
    return bool(classes) and any(_POPUP_CLASS.fullmatch(token) or _MENU_CLASS.fullmatch(token) for token in classes.split())


_PAYWALL_CLASS = re.compile(r"paywall|premium|subscriber", re.I)


def _behind_paywall(el) -> bool:
    """Whether a hidden element is the rest of the story, sent to every reader and shown to subscribers
    (ABC hides 13 paragraphs of its match report in ``<div class="paywall" hidden>``; without them its
    digest was two sentences): a paywall's class, three paragraphs and 150 words at least."""
    if not _PAYWALL_CLASS.search(el.get("class") or ""):
        return False
    paragraphs = el.findall(".//p")
    return len(paragraphs) >= 3 and sum(len("".join(p.itertext()).split()) for p in paragraphs) >= 150


def _without_hidden(page: str):
    """``page`` parsed, without the elements a reader never sees in place: the ``hidden``
    attribute, an inline ``display: none`` (but the story's rest behind a paywall), pop-ups and menus shown on hover (a tooltip, popover,
    "rollover" card, drop-down menu), and what stands beside the story (the author's biography, the
    lead image's description: :data:`_MENU_CLASS`; a list of links labelled as related content).
    The Hill's rollover cards put a politician's photo caption and latest headlines inside the
    sentence that names them ("... kill Rep. Ilhan OmarIlhan OmarHillicon Valley: ..."). The page
    as given when it cannot be parsed."""
    from trafilatura import load_html  # the parse trafilatura itself makes of a string

    try:
        tree = load_html(page)
    except Exception:  # noqa: BLE001 - lxml raises several types on bad markup; trafilatura copes with the text
        return page
    if tree is None:
        return page
    doomed = [el for el in tree.iter()
              if isinstance(el.tag, str) and ((el.get("hidden") is not None or _HIDDEN_STYLE.search(el.get("style") or ""))
                                              and not _behind_paywall(el)
                                              or _not_in_place(el.get("class"))
                                              or (el.tag in _CONTAINER and _RELATED_LABEL.search(el.get("aria-label") or "")))]
    for el in doomed:
        if el.getparent() is not None:
            el.drop_tree()  # keeps the element's tail text: the sentence goes on after the card
    return tree


# libxml2 (under lxml, under trafilatura) cuts a single text node at 10,000,000 bytes, silently.
_LXML_TEXT_LIMIT = 10_000_000


def _has_giant_text_block(page: str) -> bool:
    """Whether some run of text between two tags is long enough for libxml2 to truncate it."""
    if len(page) < _LXML_TEXT_LIMIT // 4:  # 4 bytes per character at most
        return False
    return any(len(piece.encode("utf-8")) >= _LXML_TEXT_LIMIT for piece in page.split("<") if len(piece) >= _LXML_TEXT_LIMIT // 4)


# Between a page title's parts: the headline, the section, the outlet ("Opinion | ... - The New York Times").
TITLE_SEPARATOR = re.compile(r"\s+[|\-–—*]\s+|\s*[|｜]\s*|\s*--\s*")


def _plain_key(text: str) -> str:
    return "".join(c for c in text.casefold() if c.isalnum())


_DOMAIN = re.compile(r"(?:[A-Za-z0-9-]+\.)+(?:com|org|net|co\.uk|com\.au|co\.in|info|news|tv|io)", re.I)


_LEADING_SEPARATOR = re.compile(r"^\s*(?:[|»«›‹–—:]|::|-)\s+")
_TRAILING_SEPARATOR = re.compile(r"\s+(?:[|»«›‹–—:]|::|-)\s*$")


def _headline_beside(chosen: str, page_title: str, body: str) -> str | None:
    """The rest of the page's ``<title>`` when the extractor's title is its first or last part and the
    rest, past a separator, is the story's headline: four words or more, most of its words said in the
    body's opening and more of them than of the extractor's part -- which was the site's name ("danah
    boyd | apophenia" of "danah boyd | apophenia » omg girls' bodies are fascinating: ...", "Peter
    Shankman" of "Today, I Only Care That You Vote. | Peter Shankman"). A site's tagline is not said in
    the story ("Raubfisch-Rute im Test: ... | Forum mit den besten Tipps zum Angeln" keeps its first part)."""
    chosen, page = " ".join(chosen.split()), " ".join(page_title.split())
    if page.startswith(chosen):
        rest, separator = page[len(chosen):], _LEADING_SEPARATOR
    elif page.endswith(chosen):
        rest, separator = page[: -len(chosen)], _TRAILING_SEPARATOR
    else:
        return None
    if not separator.search(rest):
        return None
    rest = separator.sub("", rest, count=1).strip()
    if len(words(rest)) < 4 or " | " in rest:  # a chain of parts ("2gewinnt | Kabarett | Satire") is the site's
        return None
    if len(_terms(rest)) < 3:  # "The Globe and Mail", which its own story may say ("From Tuesday's Globe and Mail")
        return None
    opening = set(words(" ".join(body.split()[:300])))
    said_rest, said_chosen = _said(rest, opening), _said(chosen, opening)
    return rest if said_rest >= 0.5 and said_rest > said_chosen else None


_CJK_CHAR = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")  # Chinese, Japanese, Korean
# Chinese and Japanese, written without spaces between words (Korean is written with them).
UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def content_terms(said: list[str]) -> set[str]:
    """The content words of a word sequence (:func:`summarize.fingerprint.words`), function words
    left out; a run of Chinese or Japanese as its character pairs, so two versions of a headline that
    differ by a name ("イオン銀行の小林裕明社長解任" / "イオン銀行社長解任") still share most of them."""
    out: set[str] = set()
    for w in said:
        if UNSPACED.search(w):
            out.update(w[i : i + 2] for i in range(max(1, len(w) - 1)))
        elif w not in STOPWORDS:
            out.add(w)
    return out


def _terms(text: str) -> set[str]:
    return content_terms(words(text))


def _visible_headline(chosen: str, page_title: str, site: str | None, hostname: str | None, page: str) -> bool:
    """Whether the page's ``<title>`` is its visible headline and the extractor's title another one:
    the ``<title>`` (its site's name aside) agrees with one of the page's first ``<h1>``s (four content
    words or more, 80 % of them shared), and the extractor's title shares less than half of its words.
    The extractor reads meta tags and classed headings first: og:title's social-media variant
    ("Palestinians say his appointment could ruin ceasefire talks" over CBC's "What's next for Gaza,
    after Yahya Sinwar's appointment as Hamas political head?", which the digest then printed again as
    its first sentence), a sidebar widget's heading ("Radio")."""
    if chosen in page_title:
        return False
    headline = _terms(strip_site_name(page_title, site, hostname))
    mine = _terms(chosen)
    if len(headline) < 4 or len(mine & headline) >= 0.5 * min(len(mine), len(headline)):
        return False
    for m in itertools.islice(_H1_TAG.finditer(page, 0, 2_000_000), 3):
        h1 = _terms(htmllib.unescape(_ANY_TAG.sub(" ", m.group(1))))
        if len(h1 & headline) >= 0.8 * max(len(h1), len(headline)):
            return True
    return False


def _said(title: str, opening: set[str]) -> float:
    """The share of ``title``'s content words found in ``opening``."""
    own = [w for w in words(title) if w not in STOPWORDS]
    return sum(w in opening for w in own) / len(own) if own else 0.0


_CRUMB = re.compile(r"\s+[»›]\s+")
CRUMB_MAX_WORDS = 3


def without_breadcrumb(title: str) -> str:
    """``title`` without the trail of sections a page strings to it with "»" or "›" ("Cortan el
    tráfico en la avenida principal » Local » Noticias", "News › World › ..."): the one part of four
    words or more, where every other part is a section's name of at most :data:`CRUMB_MAX_WORDS` (of
    two, beside the headline alone)."""
    parts = _CRUMB.split(title)
    if len(parts) < 2:
        return title
    long = [p for p in parts if len(p.split()) > CRUMB_MAX_WORDS]
    if len(long) != 1 or not all(p.split() for p in parts):
        return title
    if len(parts) == 2 and any(len(p.split()) > 2 for p in parts if p is not long[0]):
        return title  # one part beside the headline: a section's name is a word or two ("Noticias")
    return long[0].strip()


def strip_site_name(title: str, site: str | None, hostname: str | None = None) -> str:
    """``title`` without the outlet's name stuck to its end or start (``... - TechCrunch``, ``ZDNet | ...``).

    A part is the outlet's name when, letters and digits only, it is the site name
    or the host name's main label, or a piece of one of them; what is left must
    still have two words.
    """
    title = without_breadcrumb(title)
    parts = TITLE_SEPARATOR.split(title)
    names = {_plain_key(site or "")}
    if hostname is None and len(parts) >= 2:  # a page saved without its URL still names its site: "... - CNN.com"
        names |= {_plain_key(p) for p in (parts[0], parts[-1]) if _DOMAIN.fullmatch(p.strip())}
    if hostname:
        labels = [label for label in hostname.casefold().split(".") if label not in {"www", "com", "co", "org", "net"}]
        names |= {_plain_key(label) for label in labels[:-1] or labels}
    names.discard("")
    if not names:
        return title

    def is_site(part: str) -> bool:
        key = _plain_key(part)
        # the name itself or a piece of it; or a short part holding it ("derStandard.at", "CBC News", "NTV Haber",
        # "Die Neue Südtiroler Tageszeitung" on tageszeitung.it)
        return len(key) >= 2 and any(key == name or (len(key) >= 4 and key in name)
                                     or (len(name) >= 3 and name in key and len(part.split()) <= 4) for name in names)

    while len(parts) >= 3 and (_BYLINE_PART.match(parts[-1]) or _DATE_PART.fullmatch(parts[-1].strip())):
        title = title[: title.rfind(parts[-1])].rstrip().rstrip("|｜-–—*").rstrip()  # "* by Paul Serran", "– 30.01.2024"
        parts = parts[:-1]

    if site:  # a site name that itself holds a separator ("Remember 80/90 - Memorabilia anni 80/90")
        if title.endswith(site) and title[: -len(site)].rstrip().endswith(("|", "-", "–", "—")):
            rest = title[: -len(site)].rstrip().rstrip("|-–—").rstrip()
            if len(rest.split()) >= 2:
                return rest
        if title.startswith(site) and title[len(site) :].lstrip().startswith(("|", "-", "–", "—", ":")):
            rest = title[len(site) :].lstrip().lstrip("|-–—:").lstrip()
            if len(rest.split()) >= 2:
                return rest
    if len(parts) >= 2 and is_site(parts[-1]):
        rest = title[: title.rfind(parts[-1])].rstrip().rstrip("|｜-–—*").rstrip()
        if len(rest.split()) >= 2:
            return _without_section(rest)
    if len(parts) >= 2 and is_site(parts[0]):
        rest = title[len(parts[0]) :].lstrip().lstrip("|-–—").lstrip()
        if len(rest.split()) >= 2:
            return rest
    return _without_cjk_tail(title) if _CJK_CHAR.search(title) else title


# The site's or section's name a Chinese or Japanese page puts after its headline ("..._证券时报网",
# "...--时政--人民网", "...｜日刊ゲンダイDIGITAL"): short parts, each with a Chinese or Japanese character.
_CJK_TAIL_PART = re.compile(r"(?:_|--?|[|｜])\s*([^\s_|｜-][^_|｜]{0,15}?)\s*$")


def _without_cjk_tail(title: str) -> str:
    """``title`` without the short site and section names after a Chinese or Japanese headline,
    when at least eight characters of headline are left."""
    rest = title
    for _ in range(3):
        m = _CJK_TAIL_PART.search(rest)
        if not m or not _CJK_CHAR.search(m.group(1)) or len(m.group(1)) > 16:
            break
        head = rest[: m.start()].rstrip()
        if len(_CJK_CHAR.findall(head)) < 8:
            break
        rest = head
    return rest


_BYLINE_PART = re.compile(r"\s*by\s+[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3}\s*$")
_DATE_PART = re.compile(r"\d{1,2}[./]\d{1,2}[./]\d{2,4}|\d{4}-\d{2}-\d{2}")


def _without_section(title: str) -> str:
    """A title whose site's name was cut off its end, without the section named before it too
    ("... - Panorama - derStandard.at", "... - National | Globalnews.ca"): a last part of one or
    two capitalised words, when at least four words are left."""
    parts = TITLE_SEPARATOR.split(title)
    if len(parts) < 2:
        return title
    last = parts[-1].split()
    if not 1 <= len(last) <= 2 or any(w[:1].islower() for w in last):
        return title
    rest = title[: title.rfind(parts[-1])].rstrip().rstrip("|｜-–—*").rstrip()
    return rest if len(rest.split()) >= 4 else title


def _drop_title_line(body: str, title: str | None) -> str:
    """The body without its first line when that line is the headline again (the page's ``<h1>``)."""
    first, _, rest = body.partition("\n")
    if title and rest.strip() and " ".join(first.split()).casefold() == " ".join(title.split()).casefold():
        return rest.strip()
    return body


# Headings of a page's widgets, which an extractor can take for the page's title when the page's
# own title is not in a meta tag it reads ("Join the Discussion" over the comments).
_WIDGET_HEADING = re.compile(r"^(?:join\s+the\s+(?:discussion|conversation)|leave\s+a\s+(?:reply|comment)|comments?|"
                             r"related\s+(?:articles|posts|stories)|you\s+(?:may|might)\s+also\s+like|share\s+this"
                             r"(?:\s+(?:article|story|post))?|advertisement|sign\s+up|subscribe)\W*$", re.I)
_CHAR_REF = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def decode_char_refs(text: str) -> str:
    """``text`` with the character references left in it decoded ("&#039;", "&amp;"), where a
    publisher escaped a plain-text field once more than it should."""
    return htmllib.unescape(text) if _CHAR_REF.search(text) else text


def _usable_title(title: str | None) -> str | None:
    """The extractor's title, with character references a page escaped twice decoded ("Sean Penn
    &#039;proposes&#039;" in an og:title); None for a widget's heading, so the page's own is taken."""
    if not title or _WIDGET_HEADING.match(title.strip()):
        return None
    return decode_char_refs(title)


_TITLE_TAG = re.compile(r"<title[^>]{0,200}>(.{0,2000}?)</title>", re.I | re.S)


def _page_title(page: str) -> str | None:
    """The ``<title>``, else the first ``<h1>`` (a page saved without its head still names its story)."""
    m = _TITLE_TAG.search(page)
    title = " ".join(htmllib.unescape(m.group(1)).split()) if m else ""
    if not title and (h1 := _H1_TAG.search(page, 0, 2_000_000)):
        title = " ".join(htmllib.unescape(_ANY_TAG.sub(" ", h1.group(1))).split())
    return title or None


_H1_TAG = re.compile(r"<h1\b[^>]{0,2000}>(.{1,2000}?)</h1\s*>", re.I | re.S)


_BR = "\u2028"  # where a <br> was, told apart from the source's own line breaks
_BLOCK = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "section", "article", "pre", "ul", "ol", "table", "figure", "figcaption"}
_SKIP = {"script", "style", "noscript", "template", "head"}


_ANY_TAG = re.compile(r"<[^<>]{0,2000}>")
_SKIPPED_BLOCK = re.compile(r"<(script|style|noscript|template|head)\b[^>]{0,2000}>.*?</\1\s*>", re.I | re.S)


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in _SKIP:
            self._skip += 1
        elif tag == "br":
            self.parts.append(_BR)
        elif tag in _BLOCK:
            self.parts.append("\n\n")

    def handle_endtag(self, tag):
        if tag in _SKIP:
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCK:
            self.parts.append("\n\n")

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment, one paragraph per block element, separated by blank lines."""
    if "<" not in fragment:
        return htmllib.unescape(fragment).strip()
    parser = _TextCollector()
    try:
        parser.feed(fragment)
        parser.close()
        raw = "".join(parser.parts)
    except Exception:  # html.parser gives up on some mangled markup (e.g. "<![X"): drop the tags by pattern
        raw = htmllib.unescape(_ANY_TAG.sub("\n\n", _SKIPPED_BLOCK.sub("\n\n", fragment)))
    paras: list[str] = []
    for block in re.split(r"\n\s*\n", raw):
        lines: list[str] = []
        for line in block.split(_BR):  # a <br> ends a paragraph, unless it cut a sentence in two
            line = re.sub(r"\s+", " ", line).strip()
            if not line:
                continue
            if lines and runs_on(lines[-1], line):
                lines[-1] = f"{lines[-1]} {line}"
            else:
                lines.append(line)
        paras += lines
    return "\n\n".join(paras)
