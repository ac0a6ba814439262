"""Pages that are not articles: HTTP error pages, JavaScript/cookie/consent walls, paywall
stubs, login pages, a web server's directory listing, and extractions too small to be an article.

The test is made on what the extractor kept (trafilatura's main text, or all the page's
text when it found none) and on the page's title: a wall or error page is short, and the
wall's words are what the extractor took for the content. A real article that merely has a
cookie banner, a "subscribe" box or a ``<noscript>`` note beside a long text is never
matched: every rule but the error title needs a short extraction, and the wall's words must
be in it (``<noscript>`` text counts only when the extraction is almost empty).
"""

from __future__ import annotations

import re

# Titles of server and CDN error pages: "404 Not Found", "Error 403", "Page not found", "Access Denied".
# A number opening a title is a status code only when it is one (not "580 CFRA", a radio station)
# and the title says no more than an error page would.
_ERROR_TITLE = re.compile(
    r"^\W*(?:(?:http\s*)?(?:error\s*)?(?:4[0-2]\d|431|451|50\d|51[01])\b(?=\s*(?:$|[-:|\u2013\u2014.,(]|(?:page\s+)?not\s+"
    r"found|forbidden|gone|error|internal|bad\s|service|unauthori[sz]ed|unavailable|request|too\s+many|method|payment|conflict"
    r"|gateway|length|precondition|unsupported|upgrade|locked|misdirected|http\s+version))|error\s*[45]\d\d|(?:page|file|article|story)\s+not\s+found"
    r"|not\s+found\b|(?:403\s+)?forbidden|access\s+denied|bad\s+gateway|service\s+(?:temporarily\s+)?unavailable|gateway\s+time-?out"
    r"|internal\s+server\s+error|attention\s+required|just\s+a\s+moment\.*|are\s+you\s+a\s+robot|page\s+unavailable|oops\b)",
    re.I)
_ERROR_TEXT = re.compile(
    r"\b(?:(?:the\s+)?page\s+(?:you\s+(?:are|were|'re)\s+looking\s+for|you\s+requested|requested)\s+(?:could\s+not\s+be\s+found|cannot\s+be\s+found|"
    r"can't\s+be\s+found|was\s+not\s+found|does\s*n[o']t\s+exist|no\s+longer\s+exists|(?:may\s+)?(?:has|have)\s+been\s+(?:moved|removed|deleted))"
    r"|(?:error\s*)?(?:404|403|410|500|502|503)\s*[-:–]?\s*(?:page\s+)?(?:not\s+found|forbidden|gone|internal\s+server\s+error|bad\s+gateway|service\s+unavailable)"
    r"|you\s+(?:do\s+not|don't)\s+have\s+permission\s+to\s+access|access\s+(?:to\s+this\s+page\s+)?(?:has\s+been\s+)?denied"
    r"|checking\s+your\s+browser\s+before\s+accessing|the\s+requested\s+url\s+was\s+not\s+found)",
    re.I)
_JS_WALL = re.compile(
    r"\b(?:(?:please\s+)?(?:enable|turn\s+on|activate|allow)\s+javascript|javascript\s+(?:is\s+)?(?:disabled|required|must\s+be\s+enabled|is\s+not\s+enabled|is\s+turned\s+off)"
    r"|(?:requires|need\s+to\s+enable|needs)\s+javascript|browser\s+(?:does\s*n[o']t|does\s+not)\s+support\s+javascript|without\s+javascript\s+enabled)",
    re.I)
_CONSENT_WALL = re.compile(
    r"\b(?:we\s+(?:and\s+our\s+(?:\d+\s+)?partners\s+)?use\s+cookies|this\s+(?:site|website)\s+uses\s+cookies|(?:accept|allow|reject)\s+(?:all\s+)?cookies"
    r"|cookie\s+(?:policy|settings|preferences|consent)|(?:manage|privacy)\s+(?:your\s+)?(?:settings|preferences|choices)|before\s+you\s+continue"
    r"|we\s+value\s+your\s+privacy|consent\s+to\s+(?:the\s+)?(?:use|processing)|(?:store|access)\s+information\s+on\s+a\s+device)",
    re.I)
_PAYWALL = re.compile(
    r"\b(?:subscribe\s+(?:now\s+)?to\s+(?:continue|read|keep\s+reading|unlock)|(?:to\s+)?continue\s+reading,?\s+(?:please\s+)?(?:subscribe|sign\s+in|log\s+in|register)"
    r"|already\s+a\s+(?:subscriber|member)|(?:for|available\s+to)\s+(?:paid\s+)?subscribers\s+only|subscribers?[- ]only|this\s+(?:article|content|story)\s+is\s+(?:only\s+)?"
    r"(?:available|reserved|for)\s+(?:to\s+)?(?:paying\s+|paid\s+)?(?:subscribers|members)|(?:you\s+have\s+)?reached\s+(?:your|the)\s+(?:limit\s+of\s+)?(?:free\s+)?"
    r"(?:article\s+)?limit|free\s+articles?\s+(?:remaining|left|this\s+month)|start\s+your\s+(?:free\s+)?(?:trial|subscription))",
    re.I)
# A web server's listing of a folder: Python's http.server, Apache, nginx, lighttpd.
_LISTING_TITLE = re.compile(r"^(?:directory\s+listing\s+for|index\s+of)\s+/", re.I)
_LOGIN = re.compile(r"\b(?:sign\s*in|log\s*in|login|password|username|create\s+(?:an\s+)?account|forgot\s+(?:your\s+)?password)\b", re.I)
_LOGIN_TITLE = re.compile(r"^\W*(?:sign\s*in|log\s*in|login|member\s+login|account\s+login|sign\s+in\s+to\b|log\s+in\s+to\b)", re.I)
_PASSWORD_FIELD = re.compile(r"<input\b[^>]{0,500}\btype\s*=\s*[\"']?password", re.I)
_NOSCRIPT = re.compile(r"<noscript\b[^>]{0,500}>(.{0,5000}?)</noscript\s*>", re.I | re.S)
_TAG = re.compile(r"<[^<>]{0,2000}>")
_SENTENCE = re.compile(r"\w+(?:[\s,;:'’-]+\w+)+[.!?](?![.!?])|\w{6,}[。！？]")

SHORT = 150  # words: more than any wall, error page or paywall stub seen; less than a short news brief
ERROR_SHORT = 80  # words: an error page's text is a sentence or two and a menu


_WIDE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\u0e00-\u0e7f\uf900-\ufaff]")


def _words(text: str) -> int:
    """Words of ``text``; in scripts written without spaces (Chinese, Japanese, Thai) two characters count as one."""
    return max(len(text.split()), len(_WIDE.findall(text)) // 2)


def not_article_reason(page: str, titles: list[str | None], body: str) -> str | None:
    """Why ``page`` (raw HTML) whose extracted text is ``body`` is not an article, or None.
    ``titles``: the page's titles (the metadata's, the ``<title>`` tag's)."""
    words = _words(body)
    short = words < SHORT
    titles = [" ".join(t.split()) for t in titles if t]
    for title in titles:
        if _ERROR_TITLE.match(title) and words < 2 * SHORT:
            return f"an HTTP error page (title {title[:60]!r})"
        if _LISTING_TITLE.match(title):
            return f"a directory listing (title {title[:60]!r})"
    noscript = ""
    if words < 30:
        noscript = " ".join(" ".join(_TAG.sub(" ", m.group(1)).split()) for m in _NOSCRIPT.finditer(page[:2_000_000]))
    if words < ERROR_SHORT and (m := _ERROR_TEXT.search(body)):
        return f"an HTTP error page ({' '.join(m.group(0).split())!r})"
    for pattern, what in ((_JS_WALL, "a JavaScript wall"), (_CONSENT_WALL, "a cookie/consent wall"), (_PAYWALL, "a paywall stub")):
        m = pattern.search(body) if short else None
        if m is None and noscript and pattern is _JS_WALL:
            m = pattern.search(noscript)
        if m:
            return f"{what} ({' '.join(m.group(0).split())!r}; {words} words of text)"
    if short and _PASSWORD_FIELD.search(page[:2_000_000]) and (any(_LOGIN_TITLE.match(t) for t in titles) or len(_LOGIN.findall(body)) >= 2):
        return f"a login page ({words} words of text and a password field)"
    if any(_LOGIN_TITLE.match(t) for t in titles) and words < 60:
        return f"a login page (title {title[:60]!r})"
    if words < 40 and not _SENTENCE.search(body):
        return f"too little text for an article ({words} word{'s' if words != 1 else ''}, no sentence)"
    if (share := template_share(body)) >= 1 / 3:
        return f"a page template, not its content ({'{{ }}'} expressions: {int(100 * share)}% of the text)"
    return None


# A client-side template expression left in the page's text: "{{nrco.content.status === ...}}" (an
# Angular page saved before its script filled it in).
_TEMPLATE = re.compile(r"\{\{.{1,2000}?\}\}", re.S)


def template_share(text: str) -> float:
    """The share of ``text`` (stripped) that is ``{{ ... }}`` template expressions."""
    if "{{" not in text:
        return 0.0
    return sum(len(m.group(0)) for m in _TEMPLATE.finditer(text)) / max(1, len(text.strip()))
