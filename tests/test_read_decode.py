"""Bytes to text: UTF-8, declared or detected legacy encodings, and bad bytes that never crash."""

from __future__ import annotations

import codecs
import gzip
import json
import random

import pytest

from summarize.errors import InputError
from summarize.read.decode import decode, gunzip, implausibility

from conftest import FIXTURES


def test_cp1252_cafe_pound():
    assert decode(b"Caf\xe9 \xa35", "x") == "Café £5"


@pytest.mark.parametrize(
    "text, encoding",
    [
        ("naïve résumé “quoted” €100 — fin", "cp1252"),
        ("Das Wetter in München ist schön, aber kalt.", "cp1252"),  # charset-normalizer alone says cp852
        ("L'été à Paris, où l'on mange des crêpes et du pâté, coûte cher.", "cp1252"),
        ("Привет мир, это тест кодировки.", "cp1251"),
        ("Příliš žluťoučký kůň úpěl ďábelské ódy.", "cp1250"),
        ("Ελληνικά κείμενα εδώ", "cp1253"),
        ("Grüße aus München", "latin-1"),
    ],
)
def test_legacy_encodings_are_detected(text, encoding):
    assert decode(text.encode(encoding), "x") == text


def test_cp1252_bbc_articles_round_trip():
    for line in (FIXTURES / "read" / "bbc_sample.jsonl").read_text(encoding="utf-8").splitlines():
        text = json.loads(line)["text"]
        assert decode(text.encode("cp1252"), "x") == text


def test_utf8_with_bom_crlf_and_utf16_with_bom():
    assert decode(codecs.BOM_UTF8 + "Café\r\nline two\rthree".encode(), "x") == "Café\nline two\nthree"
    assert decode("Café £5\n".encode("utf-16"), "x") == "Café £5\n"


def test_utf8_with_a_few_stray_cp1252_bytes_keeps_the_utf8():
    data = "Zoë said “hi” — ok ".encode() + b"\x93quoted\x94"
    assert decode(data, "x") == "Zoë said “hi” — ok “quoted”"


def test_declared_encoding_is_used_for_xml_and_html():
    assert decode(b'<?xml version="1.0" encoding="windows-1251"?><rss>\xcf\xf0\xe8\xe2\xe5\xf2</rss>', "x").endswith(">Привет</rss>")
    assert "Café" in decode(b'<html><head><meta charset="iso-8859-1"></head><p>Caf\xe9</p></html>', "x")


def test_random_bad_bytes_never_crash():
    rng = random.Random(7)
    for size in (1, 2, 3, 17, 256, 5000):
        for _ in range(20):
            data = bytes(rng.randrange(1, 256) for _ in range(size))
            assert isinstance(decode(data, "x"), str)
    assert isinstance(decode(b"ok \xff\xfe bad \xc3 bytes", "x"), str)


@pytest.mark.parametrize(
    "data, kind",
    [(b"\x00\x01\x02binary", "binary data"), (b"%PDF-1.7\n%\xe2\xe3", "a PDF document"), (b"\x89PNG\r\n\x1a\n", "a PNG image"),
     (b"PK\x03\x04rest", "a ZIP archive"), (b"\x7fELF\x02\x01", "an executable")],
)
def test_binary_data_is_an_input_error(data, kind):
    with pytest.raises(InputError, match=f"x: binary file \\({kind}\\)"):
        decode(data, "x")


def test_gzip_is_unpacked_and_corrupt_gzip_is_an_input_error():
    assert gunzip(gzip.compress("Café".encode()), "x") == "Café".encode()
    with pytest.raises(InputError, match="corrupt gzip"):
        gunzip(b"\x1f\x8b\x08\x00garbage", "x")


def test_implausibility_scores_mojibake_above_clean_text():
    assert implausibility("Das Wetter in München ist schön") == 0
    assert implausibility("Das Wetter in M³nchen ist sch÷n") == 2
    assert implausibility("Ïðèâåò ìèð") == 2
    assert implausibility("Привет мир") == 0


def test_concatenated_gzip_members_are_all_read():
    assert gunzip(gzip.compress(b"one ") + gzip.compress(b"two"), "x") == b"one two"
    with pytest.raises(InputError, match="truncated"):
        gunzip(gzip.compress(b"x" * 1000)[:-12], "x")


def test_text_that_merely_starts_like_a_signature_is_text():
    assert decode(b"GIF8 is not a format. BZh, RIFF and PK are words here.", "x").startswith("GIF8 is")


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("text", ["Title here\n\nThe first sentence. A second one follows.\n",
                                  "Überschrift\n\nDer erste Satz steht hier. Ein zweiter folgt.\n",
                                  "Заголовок\n\nПервое предложение. Второе следует.\n"])
def test_utf16_saved_without_a_byte_order_mark_is_text(text, encoding):
    assert decode(text.encode(encoding), "x.txt") == text


@pytest.mark.parametrize("data", [
    bytes(range(32)) * 8,                                  # control characters in every other byte
    b"\x00\x00\x00\x00" * 64,                              # all zeros
    random.Random(7).randbytes(4096),
    "odd length text".encode("utf-16-le") + b"x",
])
def test_zero_heavy_data_that_is_not_utf16_text_stays_binary(data):
    with pytest.raises(InputError, match="binary file"):
        decode(data, "x.bin")
