"""Bytes to text: BOMs, declared charsets, Western single-byte text, detection, refusal."""

from __future__ import annotations

import codecs

import pytest

from unspun.errors import DecodeError, UnsupportedFormat
from unspun.extract.decode import (
    charset_name,
    declared_charset,
    decode_bytes,
    isolated_high_bytes,
    looks_binary,
)

RUSSIAN = (
    "Президент встретился с министрами в Женеве. Переговоры длились четыре часа, "
    "а затем стороны выступили с короткими заявлениями для прессы."
)
FRENCH = "Le café de l’hôtel a rouvert mardi. Ça coûte cher, à côté du marché où l’on séjourne."


def test_utf8_is_read_as_is() -> None:
    assert decode_bytes(FRENCH.encode("utf-8"), "f") == FRENCH


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-32"])
def test_byte_order_marks(encoding: str) -> None:
    assert decode_bytes(RUSSIAN.encode(encoding), "f") == RUSSIAN


def test_cyrillic_single_byte_text_is_detected() -> None:
    assert decode_bytes(RUSSIAN.encode("cp1251"), "ru.txt") == RUSSIAN


@pytest.mark.parametrize("encoding", ["latin-1", "cp1252"])
def test_western_single_byte_text(encoding: str) -> None:
    text = "Café résumé: the naïve señor paid 5 francs." if encoding == "latin-1" else FRENCH
    assert decode_bytes(text.encode(encoding), "w.txt") == text


def test_short_latin1_text_is_not_taken_for_an_exotic_codepage() -> None:
    assert decode_bytes("Café résumé".encode("latin-1"), "short.txt") == "Café résumé"


def test_meta_charset_is_used_for_html_only() -> None:
    page = f"<html><head><meta charset='koi8-r'></head><body>{RUSSIAN}</body></html>"
    data = page.encode("koi8_r")
    assert RUSSIAN in decode_bytes(data, "p.html", html=True)


def test_declared_charset_from_transport_wins_over_detection() -> None:
    assert decode_bytes(RUSSIAN.encode("cp1251"), "r", declared="windows-1251") == RUSSIAN


def test_latin1_labels_mean_windows_1252() -> None:
    assert charset_name("ISO-8859-1") == "cp1252"
    assert charset_name('"utf-8"') == "utf-8"
    assert charset_name("no-such-charset") is None
    data = "“quoted” text".encode("cp1252")
    assert decode_bytes(data, "q", declared="iso-8859-1") == "“quoted” text"


def test_undefined_windows_1252_bytes_fall_back_to_latin1() -> None:
    assert decode_bytes(b"caf\xe9 \x81", "odd", declared="latin-1") == "café \x81"


def test_declared_charset_reads_meta_variants() -> None:
    assert declared_charset(b'<meta http-equiv="Content-Type" content="text/html; charset=utf-8">')
    assert declared_charset(b"<meta charset=windows-1251>") == "cp1251"
    assert declared_charset(b"<p>no declaration</p>") is None


def test_binary_data_is_refused() -> None:
    data = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
    assert looks_binary(data)
    with pytest.raises(UnsupportedFormat, match=r"img\.png.*binary"):
        decode_bytes(data, "img.png")


def test_utf16_text_with_a_bom_is_not_binary() -> None:
    assert not looks_binary(codecs.BOM_UTF16_LE + "text".encode("utf-16-le"))


def test_bytes_no_charset_explains_are_a_decode_error() -> None:
    data = bytes(range(0x80, 0x100)) * 10
    with pytest.raises(DecodeError, match=r"noise\.txt"):
        decode_bytes(data, "noise.txt")


def test_isolated_high_bytes() -> None:
    assert isolated_high_bytes("café olé".encode("latin-1"))
    assert not isolated_high_bytes(RUSSIAN.encode("cp1251"))
    assert not isolated_high_bytes(b"plain ascii")
