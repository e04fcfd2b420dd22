"""Bytes to text: BOMs, declared charsets, then detection; binary data is refused.

Detection order (:func:`decode_bytes`): a byte-order mark; strict UTF-8; the charset the
transport declares (an HTTP ``Content-Type``) or the page itself (``<meta charset>``); then,
for bytes whose non-ASCII characters stand alone between ASCII letters (accents in Western
text: "caf\xe9"), Windows-1252, which is what Latin-1 labels mean in practice; else
charset-normalizer's detection over the whole input. Nothing fits: :class:`DecodeError`.
"""

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
    if not head or head.startswith(tuple(bom for bom, _ in _BOMS)):
        return False  # empty, or UTF-16/32 text whose NULs are half its characters
    if b"\x00" in head:
        return True
    return len(_BINARY.findall(head)) > len(head) * 0.01


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in a <meta> tag, if Python knows it."""
    match = _META_CHARSET.search(data[:8192])
    if not match:
        return None
    return charset_name(match.group(1).decode("ascii", "ignore"))


def charset_name(label: str) -> str | None:
    """Python's codec for a charset label, Latin-1 labels read as Windows-1252 (as browsers do)."""
    try:
        name = codecs.lookup(label.strip().strip("\"'")).name
    except LookupError:
        return None
    return "cp1252" if name in ("iso8859-1", "latin-1", "ascii") else name


def _decode_declared(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        if encoding == "cp1252":  # five bytes Windows-1252 leaves undefined
            return data.decode("latin-1")
        return None


_HIGH_RUN = re.compile(rb"[\x80-\xff]+")


def isolated_high_bytes(data: bytes, sample: int = 200_000) -> bool:
    """True when non-ASCII bytes come one at a time (Western single-byte text)."""
    runs = _HIGH_RUN.findall(data[:sample])
    return bool(runs) and sum(map(len, runs)) <= 1.3 * len(runs)


def decode_bytes(data: bytes, origin: str, *, html: bool = False, declared: str = "") -> str:
    """Decode ``data``; raise UnsupportedFormat for binary data, DecodeError when no charset fits.

    ``declared`` is a charset label from outside the bytes (an HTTP header); ``html`` also
    honours a ``<meta>`` charset. See the module docstring for the order.
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
    candidates = [charset_name(declared) if declared else None]
    if html:
        candidates.append(declared_charset(data))
    for encoding in filter(None, candidates):
        text = _decode_declared(data, encoding)
        if text is not None:
            return text
    if isolated_high_bytes(data):
        text = _decode_declared(data, "cp1252")
        if text is not None:
            return text
    best = from_bytes(data[:200_000]).best()
    if best is None or best.encoding is None:
        raise DecodeError(origin, "unknown text encoding (no charset fits these bytes)")
    return data.decode(best.encoding, errors="replace")
