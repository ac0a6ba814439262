"""Bytes to text: UTF-8, else a detected encoding; never a crash on bad bytes."""

from __future__ import annotations

from summarize.errors import InputError

# On a tie between equally plausible single-byte decodings, Western European wins:
# it is what a browser assumes for undeclared legacy text.
_PREFERRED = ("cp1252", "latin_1", "iso8859_15")


def is_binary(data: bytes) -> bool:
    return b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff"))


def decode(data: bytes, source: str) -> str:
    """Decode ``data`` (from ``source``, for messages) to ``str`` with ``\\n`` line ends."""
    if is_binary(data):
        raise InputError(f"{source}: binary file, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = _detect(data)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _detect(data: bytes) -> str:
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data))
    if not matches:
        return data.decode("cp1252", errors="replace")
    best = min(m.chaos for m in matches)
    tied = {m.encoding: m for m in matches if m.chaos <= best}
    for enc in _PREFERRED:
        if enc in tied:
            return str(tied[enc])
    return str(matches[0])
