"""Bytes to text: UTF-8, else a declared or detected encoding; never a crash on bad bytes.

Detection on short legacy-encoded text is where detectors go wrong: for
``Das Wetter in München`` in cp1252, charset-normalizer ranks cp852 first
(``M³nchen``). So its candidates (plus cp1252) are re-ranked by how
*implausible* each decoding reads -- words mixing scripts, symbols or control
characters between letters, Latin words made mostly of accented letters -- and
among equally plausible ones Western European (cp1252, what browsers assume for
undeclared legacy text) wins.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
import zlib

from summarize.errors import InputError

# Leading bytes of common binary formats (those without a NUL early on included); each
# has bytes or a form no text file starts with.
_SIGNATURES = {
    b"%PDF-": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF87a": "a GIF image",
    b"GIF89a": "a GIF image",
    b"PK\x03\x04": "a ZIP archive",
    b"\x7fELF": "an executable",
    b"\xfd7zXZ\x00": "an xz archive",
    b"7z\xbc\xaf\x27\x1c": "a 7-Zip archive",
    b"SQLite format 3\x00": "an SQLite database",
    b"\xd0\xcf\x11\xe0": "an Office document",
}
_CP1252_UNDEFINED = frozenset((0x81, 0x8D, 0x8F, 0x90, 0x9D))
_GZIP = b"\x1f\x8b"
_BZIP2 = re.compile(rb"BZh[1-9]1AY&SY")
_XZ = b"\xfd7zXZ\x00"

_DECLARED = re.compile(
    rb"""<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9._:-]{1,40})["']"""
    rb"""|<meta[^>]{0,300}?charset\s*=\s*["']?([A-Za-z0-9._:-]{1,40})""",
    re.I,
)
_WORD = re.compile(r"\S+")
_EDGE_PUNCTUATION = ".,;:!?\"'()[]{}«»“”‘’„‚-–—…/*"
_CJK = {"CJK", "HIRAGANA", "KATAKANA", "HANGUL", "IDEOGRAPHIC", "HALFWIDTH"}


def is_gzip(data: bytes) -> bool:
    return data.startswith(_GZIP)


def compression(data: bytes) -> str | None:
    """``gzip``, ``bzip2`` or ``xz`` when ``data`` is such a stream (by its leading bytes), else None."""
    if data.startswith(_GZIP):
        return "gzip"
    if _BZIP2.match(data):
        return "bzip2"
    if data.startswith(_XZ):
        return "xz"
    return None


def gunzip(data: bytes, source: str, limit: int | None = None) -> bytes:
    """The content of a gzip file (``page.html.gz``), refusing corrupt, truncated or oversized streams."""
    return decompress(data, source, limit)


def decompress(data: bytes, source: str, limit: int | None = None) -> bytes:
    """The content of a gzip, bzip2 or xz stream (concatenated members too), expanded piece by
    piece so that one past ``limit`` (``SUMMARIZE_MAX_DECOMPRESSED_MB``) stops there."""
    import bz2
    import lzma

    from summarize.read.limits import limits, size_text

    limit = limits().decompressed_bytes if limit is None else limit
    kind = compression(data) or "gzip"
    new = {"gzip": lambda: zlib.decompressobj(16 + zlib.MAX_WBITS), "bzip2": bz2.BZ2Decompressor,
           "xz": lzma.LZMADecompressor}[kind]
    parts: list[bytes] = []
    size = 0
    too_large = f"{source}: {kind} content larger than the limit of {size_text(limit)} (SUMMARIZE_MAX_DECOMPRESSED_MB)"
    while data:
        stream, pending = new(), data
        while not stream.eof:  # at most 16 MB of output at a time: never much past the limit in memory
            try:
                if kind == "gzip":
                    part = stream.decompress(pending, 1 << 24)
                    pending = stream.unconsumed_tail
                    stuck = not part and not pending
                else:
                    part = stream.decompress(pending, max_length=1 << 24)
                    pending = b""
                    stuck = stream.needs_input and not stream.eof
            except (zlib.error, OSError, EOFError, lzma.LZMAError) as exc:
                raise InputError(f"{source}: corrupt {kind} data ({exc})") from None
            size += len(part)
            parts.append(part)
            if size > limit:
                raise InputError(too_large)
            if stuck:
                raise InputError(f"{source}: corrupt {kind} data (truncated)")
        rest = stream.unused_data
        data = rest if compression(rest) == kind else b""  # concatenated members
    return b"".join(parts)


def utf16_without_bom(data: bytes) -> str | None:
    """The encoding (``utf-16-le`` or ``-be``) of UTF-16 text saved without a byte-order mark,
    else None. Such text has zero bytes in the high-byte positions -- nearly all of them in
    Latin script, at least its spaces, digits and punctuation in Greek or Cyrillic -- and
    almost none in the others; the whole file must then decode, and hold no NUL or other
    control character but white space. (Random or binary data has about one zero byte in
    256 in both positions.)"""
    head = data[:8192]
    head = head[: len(head) - len(head) % 2]
    if len(head) < 8 or len(data) % 2:
        return None
    half = len(head) // 2
    even, odd = head[0::2].count(0), head[1::2].count(0)
    for encoding, high, low in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if high >= 0.1 * half and low <= 0.01 * half:
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                return None
            if not any(ord(c) < 32 and c not in "\t\n\r\f\v" for c in text):
                return encoding
    return None


def utf32_without_bom(data: bytes) -> str | None:
    """The encoding (``utf-32-le`` or ``-be``) of UTF-32 text saved without a byte-order mark, else
    None: every code point is below U+110000, so in each group of four bytes the highest byte is
    zero and the next one at most 0x10 (zero for the Basic Multilingual Plane, where nearly all text
    is); the whole file must decode, hold white space, and no NUL or other control character."""
    if len(data) < 8 or len(data) % 4:
        return None
    head = data[:8192]
    for encoding, top, second in (("utf-32-le", 3, 2), ("utf-32-be", 0, 1)):
        units = len(head) // 4
        if (head[top::4].count(0) == units and all(b <= 0x10 for b in head[second::4])
                and head[second::4].count(0) >= 0.9 * units):  # text is nearly all in the BMP
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                return None
            if any(c.isspace() for c in text) and not any(ord(c) < 32 and c not in "\t\n\r\f\v" for c in text):
                return encoding
    return None


def binary_kind(data: bytes) -> str | None:
    """What ``data`` is when it is not text (``None`` for text)."""
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)) or utf32_without_bom(data):
        return None
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or utf16_without_bom(data):
        return None
    for signature, kind in _SIGNATURES.items():
        if data.startswith(signature):
            return kind
    if b"\x00" in data[:8192]:
        return "binary data"
    return None


def is_binary(data: bytes) -> bool:
    return binary_kind(data) is not None


def decode(data: bytes, source: str, charset: str | None = None) -> str:
    """Decode ``data`` (from ``source``, for messages) to ``str`` with ``\\n`` line ends."""
    return normalize_newlines(decode_keeping_newlines(data, source, charset))


def normalize_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def crlf_file(text: str) -> bool:
    """Whether every line of ``text`` (before :func:`normalize_newlines`) ends in CR LF: a
    Windows file, whose text output should come back with the same line ends."""
    return "\r\n" in text and text.count("\r\n") == text.count("\n") == text.count("\r")


def decode_keeping_newlines(data: bytes, source: str, charset: str | None = None) -> str:
    """:func:`decode` without the line-end normalisation.

    In order: a byte-order mark (UTF-8, UTF-16, UTF-32); UTF-32 or UTF-16 without one; valid
    UTF-8; the ``charset`` an HTTP response declared, then the one an XML declaration or HTML
    ``<meta>`` declares (a declaration wins over every guess: short Big5, GBK, Shift_JIS or
    EUC-KR text has byte pairs that look like UTF-8); UTF-8 with a few stray bytes; detection."""
    kind = binary_kind(data)
    if kind:
        raise InputError(f"{source}: binary file ({kind}), not text")
    try:
        if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
            text = data.decode("utf-32")
        elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            text = data.decode("utf-16")
        elif encoding := utf32_without_bom(data) or utf16_without_bom(data):
            text = data.decode(encoding)
        else:
            text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = _by_declaration(data, charset) or _mostly_utf8(data) or _detect(data)
    return text


def _by_declaration(data: bytes, charset: str | None) -> str | None:
    """``data`` decoded as the HTTP ``charset`` or, without one, as its own declaration says.
    A Western single-byte label (ISO-8859-1, windows-1252, ASCII: what servers and editors
    state by default) on text that is UTF-8 but for a few stray bytes is taken as the mistake
    it is, and left to :func:`_mostly_utf8`."""
    label = charset
    if not label:
        m = _DECLARED.search(data[:4096])
        label = (m.group(1) or m.group(2)).decode("ascii") if m else None
    if not label:
        return None
    text = _decoded_as(data, label)
    if text is not None and _codec(label) == "cp1252" and _mostly_utf8(data) is not None:
        return None
    return text


def _codec(label: str) -> str | None:
    try:
        codec = codecs.lookup(label.strip().strip("\"'").lower()).name
    except LookupError:
        return None
    return "cp1252" if codec in ("latin-1", "iso8859-1", "ascii", "us-ascii", "cp1252") else codec


_SURROGATE = re.compile("[\ud800-\udfff]")


def without_lone_surrogates(value):
    """Parsed JSON with every lone surrogate in its strings (keys too) replaced by U+FFFD;
    lists and objects are fixed in place, without recursion (JSON may nest as deep as it parsed).

    JSON may escape half of a UTF-16 pair on its own (``"\\ud800"``); Python decodes it to a
    code point no UTF-8 output can encode, so a single stray escape would crash every command
    at its first write. A valid pair (``"\\ud83d\\ude00"``) is already one character and stays.
    """
    if isinstance(value, str):
        return _replace_surrogates(value)
    stack = [value]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            items = [(_replace_surrogates(k), v) for k, v in node.items()]
            node.clear()
            node.update(items)
            pairs = node.items()
        elif isinstance(node, list):
            pairs = enumerate(node)
        else:
            continue
        for key, item in list(pairs):
            if isinstance(item, str):
                node[key] = _replace_surrogates(item)
            elif isinstance(item, (dict, list)):
                stack.append(item)
    return value


_ESCAPED_SURROGATE = re.compile(r"\\u[dD][89a-fA-F]")


def may_hold_surrogates(json_text: str) -> bool:
    """Whether parsing ``json_text`` can give a string with a surrogate: only a ``\\uD800``-``\\uDFFF``
    escape (or one already in the text) makes one, so a line with neither needs no walk through its values.
    Plain substring tests settle most lines (``str.isascii`` costs nothing); the patterns only confirm."""
    if ("\\ud" in json_text or "\\uD" in json_text) and _ESCAPED_SURROGATE.search(json_text) is not None:
        return True
    return not json_text.isascii() and _SURROGATE.search(json_text) is not None


def _replace_surrogates(text: str) -> str:
    if _SURROGATE.search(text) is None:
        return text
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


def _cp1252_bytes(error: UnicodeDecodeError) -> tuple[str, int]:
    """Decode error handler: each invalid byte as cp1252 (as latin-1 for the five bytes cp1252 leaves undefined)."""
    bad = error.object[error.start : error.end]
    return "".join(chr(b) if b in _CP1252_UNDEFINED else bytes([b]).decode("cp1252") for b in bad), error.end


codecs.register_error("summarize.cp1252", _cp1252_bytes)
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_NON_ASCII = re.compile(rb"[\x80-\xff]")


def _mostly_utf8(data: bytes) -> str | None:
    """UTF-8 text with a few stray bytes (a cp1252 quote pasted in): UTF-8, the strays as cp1252.

    Chosen when well-formed multi-byte UTF-8 sequences cover most non-ASCII bytes;
    decoding such a file wholesale as cp1252 would garble every real UTF-8 character.
    """
    multibyte = sum(len(m.group()) for m in _UTF8_MULTIBYTE.finditer(data))
    non_ascii = len(_NON_ASCII.findall(data))
    if multibyte == 0 or multibyte * 2 < non_ascii:
        return None
    return data.decode("utf-8", errors="summarize.cp1252")


def _declared(data: bytes) -> str | None:
    """``data`` decoded with the encoding its XML declaration or HTML ``<meta>`` names, if that works."""
    m = _DECLARED.search(data[:4096])
    if not m:
        return None
    return _decoded_as(data, (m.group(1) or m.group(2)).decode("ascii"))


def _decoded_as(data: bytes, label: str) -> str | None:
    """``data`` decoded with the encoding ``label`` names, if that works (None otherwise)."""
    codec = _codec(label)  # latin-1 and ascii read as cp1252: what every browser does with these labels
    if codec is None:
        return None
    if codec.startswith(("utf-16", "utf-32", "utf-8")):
        return None  # the bytes already failed as UTF-8; a UTF-16 label on 8-bit bytes is wrong
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        return None


def _script(ch: str) -> str:
    name = unicodedata.name(ch, "")
    first = name.split(" ")[0] if name else ""
    return "CJK" if first in _CJK else first


def implausibility(text: str) -> int:
    """How many words of ``text`` read like a wrong decoding (0 for clean text)."""
    bad = 0
    for m in _WORD.finditer(text):
        word = m.group()
        if word.isascii():
            continue
        letters = [c for c in word if c.isalpha()]
        scripts = {_script(c) for c in letters}
        if len(scripts) > 1:
            bad += 1
            continue
        accented = sum(1 for c in letters if not c.isascii())
        if "LATIN" in scripts and accented >= 3 and accented * 2 > len(letters):
            bad += 1
            continue
        core = word.strip(_EDGE_PUNCTUATION)
        for i, c in enumerate(core):
            if c.isascii() or c.isalpha():
                continue
            category = unicodedata.category(c)
            if category[0] == "C" or (
                category[0] in "SN" and 0 < i < len(core) - 1 and core[i - 1].isalpha() and core[i + 1].isalpha()
            ):
                bad += 1
                break
    return bad


def _detect(data: bytes) -> str:
    """The most plausible decoding among charset-normalizer's candidates and cp1252."""
    from charset_normalizer import from_bytes

    candidates = [m.encoding for m in from_bytes(data)]
    if "cp1252" not in candidates:
        candidates.append("cp1252")
    sample = data[:65536]
    best: tuple[tuple[int, int, int], str] | None = None
    for rank, encoding in enumerate(candidates):
        if encoding.startswith(("utf_16", "utf_32")):  # without a BOM: not for text that has no NUL bytes
            continue
        try:
            text = sample.decode(encoding)
        except UnicodeDecodeError:
            try:  # the sample may end inside a multi-byte character
                text = sample[:-3].decode(encoding)
            except UnicodeDecodeError:
                continue
        key = (implausibility(text), 0 if encoding == "cp1252" else 1, rank)
        if best is None or key < best[0]:
            best = (key, encoding)
    if best is None:
        return data.decode("cp1252", errors="replace")
    return data.decode(best[1], errors="replace")
