"""Bytes to text: BOMs, declared charsets, then detection; binary data is refused."""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from unspun.errors import DecodeError, UnsupportedFormat

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
# Control bytes that never occur in text (tab, newlines, form feed and ESC excepted).
_BINARY = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")


def looks_binary(data: bytes, sample: int = 8192) -> bool:
    """True when the first bytes hold NULs or many control bytes (an image, a zip, ...)."""
    head = data[:sample]
    if not head:
        return False
    if b"\x00" in head and not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return True
    return len(_BINARY.findall(head)) > len(head) * 0.01


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in a <meta> tag, if Python knows it."""
    match = _META_CHARSET.search(data[:4096])
    if not match:
        return None
    name = match.group(1).decode("ascii", "ignore")
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode_bytes(data: bytes, origin: str, *, html: bool = False) -> str:
    """Decode ``data``; raise UnsupportedFormat for binary data, DecodeError when no charset fits.

    Order: a byte-order mark; strict UTF-8; the page's declared charset (HTML only);
    charset detection.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    if looks_binary(data):
        raise UnsupportedFormat(origin, "binary data, not text or HTML")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if html:
        declared = declared_charset(data)
        if declared:
            try:
                return data.decode(declared)
            except UnicodeDecodeError:
                pass
    best = from_bytes(data[:200_000]).best()
    if best is None or best.encoding is None:
        raise DecodeError(origin, "unknown text encoding (no charset fits these bytes)")
    return data.decode(best.encoding, errors="replace")
