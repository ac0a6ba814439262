"""Page furniture: the lines of a web page or feed entry that are not sentences of the story.

Every digest method drops them before it chooses (``lead`` and ``embed`` alike, and
``seq2seq`` reads the article without them): calls to action ("Read more: ...", "Sign up"),
credits and captions, bylines, time stamps ("Updated August 02, 2014.",
"sexta-feira, 22 de outubro de 2010 às 20:13"), share and loading labels, hashtag lines,
markup an extractor left as text, table rows, and a body line that repeats the headline.
Each pattern needs the furniture's own wording or shape, so prose that merely starts with
"More", "By" or "Share" is kept; furniture is short, so a long line is judged as prose.
"""

from __future__ import annotations

import re
import unicodedata

from summarize.document import Article
from summarize.fingerprint import words
from summarize.header import is_title_case
from summarize.read.feed import template_key
from summarize.read.html import SERVER_NOTICE as _SERVER_NOTICE, TITLE_SEPARATOR, UNSPACED as _CJK, content_terms
from summarize.read.notarticle import template_share

# Lines that are page furniture rather than prose: calls to action, credits, bylines, stamps.
# Each pattern needs the furniture's own wording, so prose that merely starts with "More",
# "By" or "Share" ("More than five million listeners voted", "By Monday's close, ...") is kept.
_CALL_TO_ACTION = re.compile(
    r"""^\W*(?:read\s+(?:more|also|the\s+full)|see\s+(?:more|also)|more\s+(?:on|from|about)\s+this|
        (?:click|tap)\s+here|sign\s+up\b|subscribe\b|follow\s+(?:us|@)|share\s+(?:this|on|it)\b|you\s+may\s+also\s+like|
        download\s+(?:the|our)\s+app|related\s*(?:stories|articles|coverage|content)?\s*:|
        (?:watch|listen)\s*:|advertisement\b|sponsored\b|comments\s+are\s+closed|(?:next|previous)\s+(?:article|story)\s*:|
        no\s+comments\s+yet\W*$|rss\s+feed\s+for\s+comments\b|leave\s+a\s+(?:comment|reply)\b|be\s+the\s+first\s+to\s+comment\b|
        receive\s+(?:e-?mail\s+)?alerts\b|podcast\s*:\s*play\s+in\s+new\s+window\b|
        you\s+must\s+be\s+(?:signed|logged)\s+in\s+to\b|(?:sign|log)\s+in\s+to\s+(?:comment|reply|continue|read|vote)\b|
        the\s+(?:article|page|story|content)\s+you\s+(?:requested|are\s+looking\s+for)\s+(?:has\s+been\s+archived|
            is\s+no\s+longer\s+available|(?:could|can)\s*not\s+be\s+found)|
        also\s+on\s+[\w-]+\.(?:com|org|net|co\.uk)\b|\d+\s+min(?:ute)?s?\s+read\b|
        lesen\s+sie\s+(?:auch|mehr)|mehr\s+zum\s+thema|(?:à\s+)?lire\s+(?:aussi|également)|lea\s+también|leia\s+também|
        leggi\s+anche|читайте\s+также|(?:tempo\s+de\s+leitura|tiempo\s+de\s+lectura|temps\s+de\s+lecture)\b)""",
    re.IGNORECASE | re.VERBOSE,
)
_CREDIT = re.compile(
    r"""(?:^\W*(?:photo|image|picture|video|graphic|illustration|credit|caption|source)s?\s*(?:copyright\s*)?[:|]|
        ^\W*(?:photo(?:graph)?|image|picture)s?\s+(?:by|courtesy\s+of)\s+(?-i:[A-Z])|
        getty\s+images|\bap\s+photo\b|afp\s+via|all\s+rights\s+reserved|©|ⓒ|image\s+copyright|
        ^\W*copyright\s+(?:\(c\)\s*)?\d{4}\b|contributed\s+(?:reporting\s+)?to\s+this\s+(?:report|story|article)|
        ^\W*(?:written\s+(?:or|and)\s+reviewed|medically\s+reviewed|fact[-\s]checked)\s+by\b)""",
    re.IGNORECASE | re.VERBOSE,
)
# Labels a news page puts before or instead of a caption or a player, whatever follows them
# ("Image caption Residents waded through the streets of York on Sunday", BBC pages).
_LABEL = re.compile(r"^\W*(?:(?:image|media|photo|video)\s+caption\b|media\s+playback\s+is\s+unsupported)", re.IGNORECASE)


# A photo credit closing a paragraph makes the paragraph a caption, however it reads ("An Iranian
# missile system is displayed in Azadi Square in Tehran, Iran, July 30, 2026. Majid Asgaripour/WANA via
# REUTERS"; "... lifts the trophy REUTERS/Wolfgang Rattay"; "... (Photo: AFP/David Gray)"; "Mandatory
# Credit: Aaron Doster-Imagn Images"). The agency is written as captions write it (REUTERS in capitals
# before its slash), so "a Reuters/Ipsos poll" in a sentence is prose, and nothing follows the credit:
# "The statement was sent out via Reuters." ends with a full stop.
_NAME = r"[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|van|von|de|der|den|da|di|del|la|le|bin|al|el|dos))*"
_CAPTION_CREDIT = re.compile(
    rf"""(?:\b(?:REUTERS|AFP|AP\s+Photo|EPA(?:-EFE)?|XINHUA|ANP|ANSA|KYODO|YONHAP)\s*/\s*{_NAME}(?:/+[A-Za-z ]{{1,20}}){{0,3}}|
        \bvia\s+(?:REUTERS|Reuters|AFP|Getty\s+Images|Imagn\s+Images|AP)(?:\s*/\s*{_NAME})?|
        [/\s]Getty\s+Images|-Imagn\s+Images|
        \((?i:file\s+)?(?i:photo|image|picture)s?\s*(?::|by)\s*[^()]{{1,80}}\)|
        \bMandatory\s+Credit\s*:\s*[^.!?]{{1,80}})\)?\s*$""",  # no full stop after it: prose has one
    re.VERBOSE)
CAPTION_MAX_WORDS = 80


def is_caption(paragraph: str) -> bool:
    """A photo caption: a paragraph of at most :data:`CAPTION_MAX_WORDS` words that closes with a
    photo credit, or opens with "FILE PHOTO:"."""
    text = paragraph.strip()
    if len(text.split()) > CAPTION_MAX_WORDS:
        return False
    return (bool(_CAPTION_CREDIT.search(text)) or text.upper().startswith("FILE PHOTO:") or bool(_DISCLAIMER.match(text))
            or bool(_CJK_CREDIT_END.search(text)))


# A Chinese photo agency's credit closing a caption, without a full stop after it: "共享充电宝。视觉中国 资料"
# ("shared power banks. Visual China, file photo"), "（新华社记者 李贺 摄）" is :data:`_CJK_CAPTION`'s.
_CJK_CREDIT_END = re.compile(r"(?:视觉中国|視覺中國|东方IC|東方IC|新华社|新華社|中新社)\s*(?:资料图?|資料圖?|供图|供圖|发|發)?\s*[)）]?\s*$")


# A photo credit on a line of its own under its caption: "Image: eThekwini Municipality / Facebook",
# "Foto: dpa", Chinese agencies' "视觉中国 资料" ("Visual China, file photo"), "资料图", "图片来源：...".
_CREDIT_LINE = re.compile(r"^\W*(?:(?:photo|image|picture|foto|bild|imagen|imagem|credit|crédito)s?\s*(?:credit\s*)?:|"
                          r"(?:视觉中国|視覺中國|东方IC|東方IC|资料图|資料圖|图片来源|圖片來源|图源|圖源)(?=\W|$|资料|資料))", re.IGNORECASE)
CAPTION_ABOVE_CREDIT_MAX_WORDS = 25


def _above_credit(paragraph: str, following: str) -> bool:
    """Whether ``paragraph`` is a photo's caption: a short line (at most
    :data:`CAPTION_ABOVE_CREDIT_MAX_WORDS` words) right above a credit line of at most 12 words
    ("Adaze inkani amaphara eThekwini" / "Image: eThekwini Municipality / Facebook", the lead of a
    Zulu story's digest; "共享充电宝。" / "视觉中国 资料")."""
    return (word_count(following) <= 12 and bool(_CREDIT_LINE.match(following))
            and word_count(paragraph) <= CAPTION_ABOVE_CREDIT_MAX_WORDS)


# A Chinese site's disclaimer paragraph, every sentence of it: "【免责声明】本文仅代表作者本人观点，与和讯网无关。...请读者仅作参考，
# 并请自行承担全部责任。"
_DISCLAIMER = re.compile(r"^\W*【(?:免责声明|免責聲明)】")


def is_table_row(text: str) -> bool:
    """A row of a table (Markdown pipes, or cells an HTML extractor joined with " | "): three
    pipes or more between short cells ("Pos | Player | Plays | % | Stats"). Pipes between
    longer runs of words (a list of related headlines glued to a lede) are not a table."""
    if text.count("|") < 3:
        return False
    cells = sorted(len(c.split()) for c in text.split("|") if c.strip())
    return len(cells) >= 3 and cells[len(cells) // 2] <= 3
# A page's tool row: sharing, printing, mailing, text size ("E-mail article Print view Share: Digg
# Newsvine", "Comments Print Email", "Tweet Share Save"). A line made of nothing but these words
# (and "this", "to", "a") is furniture; no sentence of a story is.
_TOOL_WORDS = frozenset("""
    e-mail email mail print printer printable friendly view share shares sharing digg newsvine reddit delicious del.icio.us
    stumbleupon facebook twitter tweet x linkedin pinterest whatsapp telegram flipboard pocket tumblr yahoo buzz google
    comments comment save saved bookmark bookmarks text size font increase decrease reset larger smaller recommend
    permalink link copy rss subscribe send friend article story page this to a on via options more
""".split())
_TOOL_TOKEN = re.compile(r"[\w.@+-]+")


def is_tool_row(text: str) -> bool:
    """A row of a page's share/print/mail tools, whatever its length, and nothing else."""
    tokens = _TOOL_TOKEN.findall(text.casefold())
    return len(tokens) >= 2 and all(t.strip(".-") in _TOOL_WORDS for t in tokens) \
        and sum(t not in ("this", "to", "a", "on", "via", "more") for t in tokens) >= 2


# A blog's links to the posts before and after ("« Behold, 6 real-life cyborgs | Main | “LEGO for the iPad
# generation” gets funding »", Movable Type and TypePad): furniture at any length.
_PREV_NEXT = re.compile(r"^\s*«[^|«»]{1,300}\|\s*(?:Main|Home)\s*\|[^|«»]{1,300}»\s*$")


def is_nav_bar(text: str) -> bool:
    """Links a page strings together with "|" ("UK version International version About the
    versions|Low graphics|Help") or a breadcrumb trail's ">" ("Accueil > Actualités et humeurs >
    ..."): two separators or more, the parts a few words (8 at most), none a sentence."""
    if _PREV_NEXT.match(text):
        return True
    bar = "|" if text.count("|") >= 2 else next((m for m in (" > ", " › ", " » ") if text.count(m) >= 2), None)
    if bar is None:
        return False
    parts = [p.strip() for p in text.split(bar)]
    if bar != "|":  # a breadcrumb trail ends with the page's own title, which may be longer
        crumbs = [len(p.split()) for p in parts[:-1]]
        return 0 < min(crumbs) and max(crumbs) <= 4 and 0 < len(parts[-1].split()) <= 15 and not ends_like_sentence(text)
    sizes = sorted(len(p.split()) for p in parts)
    return sizes[0] > 0 and sizes[-1] <= 8 and sizes[len(sizes) // 2] <= 4 and not any(ends_like_sentence(p) for p in parts)


# Agency credits under a story ("(Reporting by Jane Doe; Editing by Tom Brown)"); only on a
# line that does not end like a sentence ("Reporting by the BBC revealed ..." is prose).
_DESK_CREDIT = re.compile(r"^\W*(?:additional\s+)?(?:reporting|writing|editing)\s+by\b", re.IGNORECASE)
_BYLINE = re.compile(r"^\W*[Bb]y\s+[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){0,3}\s*(?:[,|\-–—].*)?$")
_STAMP = re.compile(r"^\W*(?:(?:article|story)\s+)?(?:(?:updated|published|posted|last\s+modified)\s*(?::|on\b|at\b|by\b|\d|"
                    r"(?:january|february|march|april|may|june|july|august|september|october|november|december|"
                    r"jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.?\s+\d)|"
                    r"\d{1,2}:\d{2}\s*(?:[ap]\.?m\b\.?))", re.IGNORECASE)
# The same stamp in other languages ("Article mis à jour le 7 janvier 2020.", "Artículo actualizado el
# 7 de enero de 2020.", "Aktualisiert am 3. Mai 2021"): a short line, whatever its closing stop.
_STAMP_ELSEWHERE = re.compile(
    r"""^\W*(?:(?:article|artículo|artikel|articolo|artigo|noticia|nouvelle)\s+)?
        (?:mis\s+à\s+jour|publié|modifié|actualizado|publicado|aktualisiert|veröffentlicht|aggiornato|pubblicato|
           bijgewerkt|gepubliceerd|atualizado)\b:?(.*)$""",
    re.IGNORECASE | re.VERBOSE)
# Months in the languages whose stamps the rules read (English ones are the English stamp patterns' own).
_MONTHS_ELSEWHERE = frozenset("""
    janvier février mars avril mai juin juillet août septembre octobre novembre décembre
    enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre noviembre diciembre
    januar jänner februar märz april juni juli august oktober dezember
    gennaio febbraio aprile maggio giugno luglio settembre ottobre dicembre
    januari februari maart mei augustus
    janeiro fevereiro março maio junho julho setembro outubro novembro dezembro""".split())
_MONTH_WORDS = _MONTHS_ELSEWHERE | frozenset("""january february march april may june july august september october
    november december jan feb mar apr jun jul aug sep sept oct nov dec""".split())
# What may follow such a word on a stamp line: a date and a time, nothing else ("Publié en 2019, le
# rapport pointait déjà ces failles." is a sentence).
_DATE_WORDS = _MONTHS_ELSEWHERE | frozenset("""
    le el am il op em on à a las às um de del van at the of et y und e en
    lundi mardi mercredi jeudi vendredi samedi dimanche lunes martes miércoles jueves viernes sábado domingo
    montag dienstag mittwoch donnerstag freitag samstag sonntag lunedì martedì mercoledì giovedì venerdì sabato
    maandag dinsdag woensdag donderdag vrijdag zaterdag zondag segunda terça quarta quinta sexta feira
    h uhr gmt utc cet cest mez mesz""".split())


def _is_stamp_elsewhere(text: str) -> bool:
    m = _STAMP_ELSEWHERE.match(text)
    if not m:
        return False
    rest = [w.strip(".,:;()-–—|").casefold() for w in m.group(1).split()]
    rest = [w for w in rest if w]
    return (bool(rest) and any(any(c.isdigit() for c in w) for w in rest)
            and all(any(c.isdigit() for c in w) or w in _DATE_WORDS for w in rest))
# Broadcast listings under a match preview or a programme note ("BBC1, Radio 4 LW and this website",
# "TV: Sky Sports 1", "Live on BT Sport"): only ever furniture on a line that does not end like a sentence.
_COVERAGE = re.compile(
    r"""\b(?:BBC|ITV|Sky\s+Sports?|BT\s+Sport|ESPN|Eurosport|Channel\s+4|Five\s+Live|S4C|RT[EÉ]|TNT\s+Sports?|DAZN|
        NBC|CBS|TSN|radio\s*\d)\b|\bthis\s+website\b|\blive\s+(?:on|coverage|text|commentary|stream)\b|
        ^\W*(?:tv|radio|coverage|live\s+on)\s*:""",
    re.IGNORECASE | re.VERBOSE,
)
# A clock time or an ISO date on a line that does not end like a sentence is a time stamp, in any
# language: "sexta-feira, 22 de outubro de 2010 às 20:13", "기사입력 :[ 2018-08-25 15:24 ]".
_CLOCK = re.compile(r"(?<![\d:])\d{1,2}:\d{2}(?![\d:])|\b\d{4}-\d{2}-\d{2}\b")
_FILED_UNDER = re.compile(r"(?:^|[·|•]\s*)(?:filed\s+under\b|posted\s+in\b|categor(?:y|ies)\s*:|kategorien?\s*:)", re.IGNORECASE)
# A stamp's word before its date, inside a longer line of credits.
_STAMP_WORD = re.compile(r"\b(?:published|updated|posted)\s+(?:on|at)\b", re.IGNORECASE)
# Markup an extractor or a feed left as text (an embed code, a link): a tag of a real HTML element.
# Angle brackets around a title ("<The Palace: Tale of Jang Noksu>", a Korean convention) are not markup.
_TAG = re.compile(
    r"</?(?:a|abbr|amp-[a-z-]+|article|aside|audio|b|blockquote|br|button|center|div|em|embed|figcaption|figure|font|"
    r"form|h[1-6]|hr|i|iframe|img|input|li|link|meta|nav|noscript|object|ol|p|param|picture|script|section|source|"
    r"span|strong|style|sub|sup|svg|table|td|th|tr|u|ul|video)(?:\s+[\w:-]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s>]+))?)*\s*/?>"
    r"|&(?:nbsp|amp|lt|gt|quot|#\d{2,6}|#x[0-9a-fA-F]{2,5});",
    re.IGNORECASE,
)
_HASHTAGS = re.compile(r"^(?:\s*[#@][\w-]+)+\s*$")  # "#HealthyHydration #ad"
# Furniture at any length: a pointer to another story ("Also on rt.com Journalists & politicians ...",
# "Read more: Alibaba poised to launch ...").
_POINTER = re.compile(r"^\W*(?:also\s+on\s+[\w-]+\.(?:com|org|net|co\.uk)\b|read\s+(?:more|also)\s*[:|]|related\s*:|see\s+also\s*:|"
                      r"(?:(?:à\s+)?lire\s+(?:aussi|également)|lesen\s+sie\s+(?:auch|mehr)|mehr\s+zum\s+thema|mira|leer\s+más|"
                      r"lea\s+(?:también|más)|leia\s+(?:também|mais)|veja\s+também|lees\s+ook|leggi\s+anche|vedi\s+anche|"
                      r"читайте\s+также|czytaj\s+(?:też|także|więcej))\s*[:|]|"
                      r"(?:topics|tags|filed\s+under|categories)\s*:)", re.IGNORECASE)  # and a tag list: "Topics: uber, ..."
# The footer a publishing tool puts under every feed entry, at any length: WordPress' "The post <title>
# appeared first on <site>.", Reddit's "submitted by /u/name to /r/forum [link] [comments]", "Continue
# reading..." (the Guardian's feeds; "続きを読む" on Japanese blogs).
_FEED_FOOTER = re.compile(
    r"""^\W*(?:the\s+post\s+.+\s+appeared\s+first\s+on\s+\S+(?:\s+\S+){0,4}|
        submitted\s+by\s+/?(?:u/)?[\w-]+(?:\s+to\s+/?(?:r/)?[\w-]+)?(?:\s*\[[^\]]*\])*|
        (?:\[link\]\s*)?\[\d*\s*comments?\]|continue\s+reading\b.{0,40}|続きを読む.{0,20})$""",
    re.IGNORECASE | re.VERBOSE)
# A teaser the site cut off, with its marker: "... centering around a Freak Show run by Meg & Th...more",
# WordPress' excerpt "[…]", "... Read more »".
_CUT_OFF = re.compile(r"(?:\.\.\.|…)(?:more|\s*\(?read\s+more\)?|\s*weiterlesen|\s*lire\s+la\s+suite|\s*leer\s+más|\s*leia\s+mais)\s*[»›>]*\s*$|"
                      r"\[\s*(?:\.\.\.|…)\s*\]\s*$", re.IGNORECASE)
# A link to another story set off in square brackets on a line of its own ("[ ‘Seguiremos atacando
# ministerios ...’: La amenaza de Conti a Costa Rica ]").
_BRACKETED_LINK = re.compile(r"\[[^\[\]]{3,300}\]")


_WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())


def _date_only(text: str) -> bool:
    """A date and nothing else ("31. Oktober 2023.", "Monday, 3 May 2021"), in the languages of
    :data:`_DATE_WORDS`."""
    rest = [w.strip(".,:;()-–—|/").casefold() for w in text.split()]
    rest = [w for w in rest if w]
    return (0 < len(rest) <= 6 and any(any(c.isdigit() for c in w) for w in rest)
            and any(w in _MONTH_WORDS for w in rest)
            and all(w.isdigit() or w in _DATE_WORDS or w in _MONTH_WORDS or w in _WEEKDAYS for w in rest))  # "May 2021"


# A site asking to be picked in a search engine or an app, at any length: "Add CNA as a trusted source to
# help Google better understand and surface our content in search results.", "Set X as your preferred
# source on Google", "Read a summary of this article on FAST."
_SOURCE_PROMPT = re.compile(
    r"^\W*(?:(?:set|add|make)\s+\S+(?:\s+\S+){0,2}\s+as\s+(?:your|a)\s+(?:preferred|trusted)\s+source\b|"
    r"read\s+a\s+summary\s+of\s+this\s+(?:article|story)\b)", re.IGNORECASE)
# Chinese and Japanese are written without spaces (:data:`_CJK`): a run of their characters counts as a
# word per two characters, so a Chinese sentence is not "one word" (and so a label).


def word_count(text: str) -> int:
    """Words in ``text``: whitespace-separated tokens, a Chinese/Japanese token counting one per two characters."""
    count = 0
    for token in text.split():
        cjk = len(_CJK.findall(token))
        count += max(1, (cjk + 1) // 2) if cjk else 1
    return count


def _mostly_numbers(text: str) -> bool:
    tokens = [t for t in text.split() if any(c.isalnum() for c in t)]
    return len(tokens) >= 3 and sum(any(c.isdigit() for c in t) for t in tokens) * 2 > len(tokens)


MIN_WORDS = 4
LABEL_MAX_WORDS = 6  # a line this short that does not end like a sentence is a label
SENTENCE_ENDS = (".", "!", "?", '"', "'", "\u201d", "\u2019", "\u2026", ":", "。", "！", "？", "」", "』")
FURNITURE_MAX_WORDS = 12  # furniture is short: a longer line is judged as prose


_LOWER_WORD = re.compile(r"\b[a-z]{3,}\b")


def ends_like_sentence(text: str) -> bool:
    """Closing punctuation of a sentence. A closing bracket counts only after a full stop,
    "!" or "?" ("(See page 3.)"): "Howard Webb (South Yorkshire)", "WINNERS (once)" and
    "2 Andy Roddick (US)" are a referee line, a record label and a list item."""
    text = text.rstrip()
    if text.endswith(")"):
        return text[:-1].rstrip().endswith((".", "!", "?"))
    return text.endswith(SENTENCE_ENDS)


def is_standfirst(text: str) -> bool:
    """A short unpunctuated opening line that reads as a clause ("Arsenal win 4-2 on
    penalties"), not a label: it has at least two lower-case words. Datelines, venues and
    times ("Murrayfield, Edinburgh", "Saturday, 26 February", "1600 GMT") have none."""
    return len(text.split()) >= 3 and len(_LOWER_WORD.findall(text)) >= 2  # "chaos theory" is a tag, not a clause


def _shouted(text: str) -> bool:
    """All capitals: no lower-case letter, and most letters written in a script with case (a Korean,
    Chinese or Japanese sentence naming "TOEIC" or "CNN" is not shouted)."""
    letters = cased = 0
    for c in text:
        if c.isalpha():
            letters += 1
            if c.islower():
                return False
            cased += c.isupper()
    return cased > 0 and 2 * cased >= letters


# A wire service's note on a story's version, at any length: "(Corrects 10th paragraph to show the Wii is
# from Nintendo, not Sony.)", "(Updates with closing prices)", "(Adds comment from analyst in paragraph 5)".
_WIRE_NOTE = re.compile(r"^\s*\((?:corrects|updates|adds|recasts|changes|rewrites|refiles|repeats|fixes|removes|"
                        r"clarifies|amends)\b[^()]{0,300}\)\s*$", re.IGNORECASE)
# A name alone, as a caption under a portrait says it: "Izaskun Lesaka." (two or three capitalised words).
_NAME_ONLY = re.compile(r"^[A-ZÀ-ÖØ-Þ][\w'’-]+(?:\s+[A-ZÀ-ÖØ-Þ][\w'’-]+){1,2}\.$")
# Chinese captions and photo credits: "圖為民眾在台北市...購買雞蛋。" ("the picture shows ..."),
# "中央社記者張新偉攝 112年2月16日" (a reporter's name and "photographed").
_CJK_CAPTION = re.compile(r"^\W*(?:圖|图)\s*(?:為|为|[：:／/])|(?:記者|记者|攝影|摄影)\S{0,12}?(?:攝|摄)(?=\s|$|[）)\d])|"
                          r"^\W*(?:原标题|原標題)\s*[：:]|^\W*【(?:免责声明|免責聲明|责任编辑|責任編輯)】")  # "original title:", disclaimers
# A caption naming who is pictured: "Pictured right, is reader Nicole Bresler, ...", "Pictured: the new bridge".
_PICTURED = re.compile(r"^\W*pictured(?:\s+(?:left|right|above|below|here|top|bottom|centre|center|from\s+left))?\s*[:,]",
                       re.IGNORECASE)
# A pointer to another page by its title: "See About.com's Medical Review Board." ("See you there." is prose).
_SEE_PAGE = re.compile(r"^\W*(?i:see)\s+(?:[A-Z0-9][\w.'’&-]*\s*){1,7}[.!]?\s*$")
LABEL_COLON_MAX_WORDS = 5  # "Episode Description:", "Leaked from today's 404 episode:": what it introduces is elsewhere


def is_boilerplate(text: str, opening: bool = False) -> bool:
    """Page furniture rather than a sentence of the story.

    A short line that does not end like a sentence (a dateline, venue, kick-off time,
    sub-heading, label, a referee or list entry like "Howard Webb (South Yorkshire)"), a
    SHOUTED line, a hashtag line, markup left as text, a short unended line with a clock time
    or an ISO date (a time stamp in any language), or a short line in a furniture pattern
    (calls to action, credits, stamps, and, when it does not end like a sentence, a byline
    or a broadcast listing). A short
    real sentence ("America has spoken.") ends like one and is kept, and so is the body's
    ``opening`` line when it is a standfirst (:func:`is_standfirst`).
    """
    words = [""] * word_count(text)  # only their number matters
    if (_LABEL.match(text) or is_table_row(text) or _TAG.search(text) or _HASHTAGS.match(text) or _POINTER.match(text)
            or _FEED_FOOTER.match(text) or _SOURCE_PROMPT.match(text) or _CUT_OFF.search(text)
            or _SERVER_NOTICE.match(text) or _BRACKETED_LINK.fullmatch(text.strip()) or _date_only(text)):
        return True
    if is_tool_row(text) or is_nav_bar(text):
        return True
    if template_share(text) >= 0.5:
        return True  # client-side template code left as text: "{{nrco.content.status === ...}}"
    if text[:1] in ",;":
        return True  # the rest of a sentence whose start was markup the extractor dropped (a formula, a widget)
    if (_WIRE_NOTE.match(text) or _NAME_ONLY.match(text.strip()) or _CJK_CAPTION.search(text) or _SEE_PAGE.match(text)
            or (_PICTURED.match(text) and len(words) <= CAPTION_MAX_WORDS)):
        return True
    if text.rstrip().endswith((",", ";")):
        return True  # a fragment: a teaser the site cut off ("... are legalized Cuban cigars,")
    if len(words) <= LABEL_COLON_MAX_WORDS and text.rstrip().endswith((":", "：")):
        return True  # a label whose text is not in the sentence: "Episode Teaser Image:"
    ends = ends_like_sentence(text)
    if not ends and len(words) <= FURNITURE_MAX_WORDS and _CLOCK.search(text):
        return True
    if not ends and len(words) <= 3 * FURNITURE_MAX_WORDS and _CLOCK.search(text) and _STAMP_WORD.search(text):
        return True  # "Ottawa — From Tuesday's Globe and Mail Published on Tuesday, Mar. 09, 2010 2:28AM EST Last updated on ..."
    if not ends and len(words) <= FURNITURE_MAX_WORDS and _FILED_UNDER.search(text):
        return True  # a blog theme's date and category: "3. August 2015 · Filed under ziemlich privat"
    if not ends and _DESK_CREDIT.match(text):  # any length: agencies list several reporters and desks
        return True
    if not ends and len(words) <= 2 * FURNITURE_MAX_WORDS and _BYLINE_DATE.match(text):
        return True  # "By Matt Cantor Published January 19, 2015 Newser"
    label_like = not ends
    if opening and label_like and len(words) >= 2 and is_standfirst(text):
        label_like = False
    if len(words) < MIN_WORDS and (len(words) < 2 or label_like):
        return True
    if len(words) <= LABEL_MAX_WORDS and label_like:
        return True
    if _shouted(text):
        return True  # SHOUTED labels, tickers
    if label_like and _mostly_numbers(text):
        return True  # a row of scores or figures ("Rockledge 14 11 6 15 — 44")
    if label_like and len(words) <= 15 and is_title_case(text):
        return True  # a headline of another story, a sub-heading, or the story's own other headline at its opening
        # ("Discarded Laptop Batteries Keep the Lights On" under "Old Laptop Batteries Could Help Power ...")
    if len(words) > FURNITURE_MAX_WORDS:
        return False
    if _CALL_TO_ACTION.match(text) or _CREDIT.search(text) or _STAMP.match(text) or _is_stamp_elsewhere(text):
        return True
    if label_like and _COVERAGE.search(text):  # an opening standfirst about a broadcaster stays
        return True
    return not ends and bool(_BYLINE.match(text))


def repeats_title(text: str, title: str | None) -> bool:
    """The headline printed again as a line of the body (many pages open their body with
    it: 7 of the 180 scraped news pages): the same words, whatever the case, quotes or
    punctuation, as the whole title or as the headline part of a page title that also
    names a section or the site ("Opinion | Is Football Violence a Crime? - The New York
    Times"; a part of 3 words or more). A digest shown under its headline should not
    spend a sentence on it."""
    if not title:
        return False
    said = words(text)
    if said == words(title):
        return True
    if len(said) >= 3 and any(words(part) == said for part in TITLE_SEPARATOR.split(title)):
        return True
    headline = words(title)
    if len(headline) >= 3 and said[: len(headline)] == headline and _CLOCK.search(text):
        return True  # the page's header in one line: headline, time stamp, byline ("王文：... 最后更新: 2019-09-07 09:27:48 【文/...】")
    return _headline_variant(text, said, title)


def _headline_variant(text: str, said: list[str], title: str) -> bool:
    """The page's other version of its headline (its ``<h1>`` where the title is a shorter variant, a
    kicker before it: "Premier League Rückschlag im Titelkampf - Liverpool verliert bei Everton"
    under "Liverpool verliert bei Everton"): a line of at most 30 words that does not end with a
    full stop (a lede restating its headline does), holding nearly all of the title's content
    words (4 at least), or most of them with little else; ending with "?" or "!", nearly the
    same content words both ways (an opening question of the story's own is kept)."""
    end = text.rstrip().rstrip("\"'\u201d\u2019»)」』")
    if len(said) > 30 or end.endswith((".", "。", "．")):
        return False
    theirs = _variant_terms(words(title))
    if len(theirs) < 4:
        return False
    mine = _variant_terms(said)
    if mine and mine <= theirs and (len(mine) >= 5 if all(len(t) == 2 and _CJK.search(t) for t in mine) else len(mine) >= 2):
        return True  # a piece of the headline, split at its "!" or ":" ("Türkiye'de orman yangınları!" / "Yangınlarda son durum!");
        # one word alone is too short to tell ("Opinion"), and so is a piece of Chinese or Japanese under six characters
    shared = len(theirs & mine)
    if end.endswith(("?", "!")):  # an opening question or exclamation is the story's own unless it is the headline's words
        return shared >= 0.8 * len(theirs) and shared >= 0.8 * len(mine)
    return shared >= 0.8 * len(theirs) or (shared >= 0.6 * len(theirs) and shared >= 0.5 * len(mine))


def _variant_terms(said: list[str]) -> set[str]:
    """The content words compared for a headline's other version (:func:`content_terms`), accents
    aside ("adé" in the line, "ade" in the title)."""
    return {_unaccented(t) for t in content_terms(said)}


def _unaccented(word: str) -> str:
    if word.isascii():
        return word
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
# A time stamp old pages print before the story in the same block: "Monday, May 23, 2005",
# "Wednesday, 7 June, 2000, 16:58 GMT 17:58 UK", "Sunday, October 10, 1999 Published at 01:27 GMT".
_LEADING_STAMP = re.compile(
    rf"^(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?(?:\d{{1,2}}\s+{_MONTH}|{_MONTH}\s+\d{{1,2}}),?\s+\d{{4}},?"
    r"(?:\s+(?:Published\s+at\s+|Posted:?\s+|Updated:?\s+)?\d{1,2}:\d{2}(?:\s*[AaPp]\.?[Mm]\.?)?(?:\s+[A-Z]{2,4})?){0,2}\s+"
    r"(?:\|\s*(?:(?:Print|E-?mail|Share)\s+this\s+(?:story|article|page)\s+)?)?")
# A byline right before a dateline: "By Liza Porteus WASHINGTON — ...".
_LEADING_BYLINE = re.compile(r"^By\s+[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){0,3}\s+(?=[A-Z][A-Z.,' ]{2,}\s*(?:\([A-Za-z]+\)\s*)?[\u2014\u2013-]{1,2}\s)")


def without_stamp(text: str) -> str:
    """``text`` without a leading time stamp and a byline before its dateline, when a sentence of
    six words or more follows them."""
    rest = _LEADING_STAMP.sub("", text, count=1)
    rest = _LEADING_BYLINE.sub("", rest, count=1)
    return rest if rest is not text and len(rest.split()) >= 6 and rest[:1].isupper() else text


# A news agency or a site credited before the story ("AP The president has ...", "FOXNews.com For 72
# hours ...", "Reuters LONDON — ...").
# A news site's own name as a credit ("FOXNews.com"): a company named after its site opens a sentence
# too ("Amazon.com CEO Andy Jassy said ...", "Booking.com Chief Executive ..."), so only a site named news.
_NEWS_SITE = r"[A-Za-z][\w-]*[Nn][Ee][Ww][Ss][\w-]*\.(?:com|org|net|co\.uk)"
_NOT_AFTER_CREDIT = r"(?!(?:News|Photos?|Breakingviews|TV|Television|Video|Graphics|Institute|Foundation|Inc|Ltd|Corp|Co|LLC|PLC|Group|Holdings)\b)"
# ... a site's name before any sentence; an agency's before a dateline ("Reuters LONDON —"), since
# "Reuters News Agency reported ..." and "AP Photo" are prose and captions.
_LEADING_CREDIT = re.compile(
    rf"^(?:{_NEWS_SITE}\s+(?=[A-Z]){_NOT_AFTER_CREDIT}|"
    r"(?:AP|AFP|UPI|Reuters)\s+(?=[A-Z][A-Z.,' ]{2,}\s*(?:\([A-Za-z]+\)\s*)?[\u2014\u2013-]{1,2}\s))")
# ... or on a line of its own before the sentence ("AP\nSen. Byron Dorgan's announcement ...").
_OWN_LINE_CREDIT = re.compile(rf"^(?:AP|AFP|UPI|Reuters|{_NEWS_SITE})[ \t]*\r?\n(?=\s*\S)")
# ... and right after the headline it was glued to, an agency's name before any sentence ("AP The president ...").
_AFTER_HEADLINE_CREDIT = re.compile(rf"^(?:AP|AFP|UPI|Reuters|{_NEWS_SITE})\s+(?=[A-Z]){_NOT_AFTER_CREDIT}")
_DATE = rf"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}"
# A byline line with its publication date: "By Matt Cantor Published January 19, 2015 Newser".
_BYLINE_DATE = re.compile(rf"^\W*(?:(?:[A-Z][\w.'’-]*\s+){{0,3}}By\s+[A-Z][^\n]{{1,60}}?\s*)?(?:Published|Posted|Updated):?\s+(?:on\s+)?{_DATE}\b")
# A byline, a publication date and the source before a dash, glued before the first sentence by the
# page's layout ("Juan Williams By Juan WilliamsPublished January 19, 2015 FoxNews.com — Dr. Martin ...").
_PUBLISHED_BY = re.compile(
    rf"^(?:(?:[A-Z][\w.'’-]*\s+){{0,3}}By\s+[A-Z][^\n]{{1,60}}?\s*)?Published:?\s+{_DATE}\s+"
    r"(?:[^\s\u2014\u2013]+\s+){1,4}[\u2014\u2013-]{1,2}\s+")
# A photo caption and its time stamp before the dateline: "... before their meeting Monday August 14,
# 2000 Web posted at: 7:45 p.m. EDT (2345 GMT) BEIJING -- ..."
_WEB_POSTED = re.compile(r"\bWeb posted at:?\s+\d{1,2}:\d{2}\s*(?:[AaPp]\.?[Mm]\.?)?\s*(?:[A-Z]{2,4}\s*)?(?:\(\d{4}\s*GMT\)\s*)?")
# A headline part, a date and a credit: "Tie for Top of Box-Office Sunday, August 13, 2000 FOXNews.com An ..."
# (a weekday and a news site's name: "Since March 1, 2020 Amazon.com Inc has hired ..." and "On June 27,
# 2017 AP Moller-Maersk was hit ..." are sentences)
_TITLED_STAMP = re.compile(rf"^[^.!?]{{0,100}}?\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+{_DATE}\s+{_NEWS_SITE}\s+(?=[A-Z])")


def without_credit(text: str) -> str:
    """``text`` without the credit line the page glued before its first sentence: an agency or site
    name, a byline with its publication date and source, a caption with its "Web posted at" stamp,
    when a sentence of six words or more follows."""
    rest = text
    if posted := _WEB_POSTED.search(text, 0, 400):
        rest = text[posted.end():]
        if not rest.strip():
            return ""  # a caption and its stamp, alone: no sentence of the story
    else:
        for pattern in (_PUBLISHED_BY, _TITLED_STAMP):
            rest = pattern.sub("", rest, count=1)
            if rest is not text:
                break
    rest = _LEADING_CREDIT.sub("", rest, count=1)  # and the agency or site after them ("... — Reuters LONDON —")
    return rest if rest != text and len(rest.split()) >= 6 and (rest[:1].isupper() or rest[:1] in "\"“‘'") else text


def after_headline(text: str, title: str | None) -> str:
    """``text`` without a time stamp and the headline glued before its first sentence, as old pages
    laid them out in one table cell ("Wednesday, 7 June, 2000, 16:58 GMT 17:58 UK Techs axed from
    FTSE Some of the technology stocks ..."): what stands before the headline must be short and
    dated (or nothing), and what follows it a sentence of its own."""
    if not title or len(title.split()) < 3:
        return text
    at = text.find(title)
    if at < 0:
        return text
    before, rest = text[:at], text[at + len(title):].lstrip(" -\u2013\u2014:|")
    dated = len(before.split()) <= FURNITURE_MAX_WORDS and bool(_CLOCK.search(before) or _YEAR.search(before))
    if at and not dated:
        return text
    if not rest and at:
        return ""  # the stamp and the headline, alone ("... 15:13 GMT 16:13 UK Will the ruling affect you?")
    if rest and len(rest.split()) <= 5 and (_YEAR.search(rest) or _CLOCK.search(rest)) and not ends_like_sentence(rest):
        return ""  # the headline and its date, alone ("Décisions de l'AG du mardi 10 septembre mercredi 11 septembre 2019")
    if len(rest.split()) < 6 or not (rest[:1].isupper() or rest[:1].isdigit()):
        return text
    return _AFTER_HEADLINE_CREDIT.sub("", rest, count=1)


def prose_sentences(article: Article) -> list[str]:
    """The article's sentences (whitespace-collapsed) without page furniture or a repeat of its headline.
    Where all of them would go as furniture, they are kept (better a dubious digest than none), but
    not a feed's footer ("submitted by ... [link] [comments]") nor a repeat of the headline: a feed entry whose description only gives its title again (Google
    News: the headline and the outlet's name) has nothing to digest."""
    if article.meta.get("links_only"):
        return []  # a feed entry whose body is a list of links (Google News' coverage of the story)
    template = article.meta.get("template_lines") or frozenset()  # lines its feed repeats (read.feed)
    paragraphs = article.paragraphs
    captions = [is_caption(p.text) or (bool(template) and template_key(p.text) in template)
                or (i + 1 < len(paragraphs) and _above_credit(p.text, paragraphs[i + 1].text))
                for i, p in enumerate(paragraphs) for _ in p.sentences]
    texts = [" ".join(_OWN_LINE_CREDIT.sub("", s.text, count=1).split()) for s in article.sentences]
    for i, text in enumerate(texts[:5]):  # the body's opening, past a few furniture lines
        if (cut := without_credit(without_stamp(after_headline(text, article.title)))) is not text:
            texts[i] = cut
            break
    dropped = {t for t, caption in zip(texts, captions) if caption}
    texts = [t for t in texts if t]
    body = [t for t in texts if not repeats_title(t, article.title)]  # the line after a repeated headline opens the body
    seen: set[str] = set()  # a line given twice (too short for clean to judge) is said once
    body = [t for t in body if not (t.casefold() in seen or seen.add(t.casefold()))]
    dropped.update(t for t in body if template_key(t) in template)  # a repeated line inside a longer paragraph
    opening = next((t for t in body if t not in dropped), None)
    kept = [t for t in body if t not in dropped and not is_boilerplate(t, opening=t is opening)]
    # never a feed's footer, even then (a Reddit link post's body is only "submitted by ... [link] [comments]"),
    # nor the server's PHP notices
    return kept or [t for t in body if not (_FEED_FOOTER.match(t) or _SERVER_NOTICE.match(t))]
