"""WARC and WARC.gz files to articles: one per HTML page the crawler fetched.

Which records become articles
-----------------------------
Only ``response`` (and ``resource``) records whose payload is an HTML page fetched with status
200. Everything else a crawl holds (requests, metadata, images, scripts, redirects, errors) is
not an article: it is skipped with a debug log line, not reported as a failure. A page that is
HTML but cannot be read (too large, empty, undecodable) yields a :class:`Rejected` naming
``path@offset``. A file that ends early (a truncated download) or breaks mid-way yields every
record read before the break and then one :class:`Rejected` saying where and why.
"""

from __future__ import annotations

import dataclasses
import itertools
import logging
from collections.abc import Iterator
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.recordloader import ArcWarcRecord

from unspun.config import ExtractConfig
from unspun.errors import InputError, TooLarge
from unspun.extract.html import extract_html
from unspun.model import Article, Rejected, content_id

log = logging.getLogger(__name__)

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def read_warc(path: Path, cfg: ExtractConfig) -> Iterator[Article | Rejected]:
    """Every HTML page in the WARC file at ``path``, as an Article or a Rejected."""
    with path.open("rb") as stream:
        records = ArchiveIterator(stream)
        pending = iter(records)
        where = f"{path}@0"
        for number in itertools.count():
            try:  # warcio raises all kinds of errors on a broken file: each means "broken here"
                record = next(pending, None)
                if record is None:
                    if number == 0:
                        yield Rejected(str(path), "empty WARC file (no records)", "empty")
                    return
                skip = _skip_reason(record)
                data = b"" if skip else record.content_stream().read(cfg.max_bytes + 1)
                where = f"{path}@{records.get_record_offset()}"  # reads the record to its end
                cut = _cut_short(records, record)
            except Exception as exc:
                yield _broken(where, f"{type(exc).__name__}: {exc}")
                return
            if number == 0 and not _is_archive(record):
                yield Rejected(str(path), "not a WARC or ARC file (no WARC/ header)", "unsupported")
                return
            if cut:
                yield _broken(where, "the file ends inside this record (truncated download?)")
                return
            if skip:
                log.debug("%s: skipped, %s", where, skip)
            else:
                yield _to_article(record, data, where, cfg)


def _is_archive(record: ArcWarcRecord) -> bool:
    if record.format.startswith("warc"):
        return True
    return (record.rec_headers.get_header("uri") or "").startswith("filedesc:")


def _broken(where: str, why: str) -> Rejected:
    log.warning("%s: broken or truncated WARC file: %s", where, why)
    return Rejected(where, f"broken or truncated WARC file, read up to here: {why}", "unsupported")


def _cut_short(records: ArchiveIterator, record: ArcWarcRecord) -> bool:
    """True when the record ended before its declared length or its gzip member before its end."""
    decompressor = records.reader.decompressor if records.reader else None
    if decompressor is not None and not getattr(decompressor, "eof", True):
        return True
    return record.length is None or getattr(record.raw_stream, "limit", 0) > 0


def _to_article(
    record: ArcWarcRecord, data: bytes, origin: str, cfg: ExtractConfig
) -> Article | Rejected:
    headers = record.rec_headers
    try:
        if len(data) > cfg.max_bytes:
            raise TooLarge(origin, f"page over the limit of {cfg.max_bytes:,} bytes")
        article = extract_html(
            data,
            origin=origin,
            cfg=cfg,
            url=headers.get_header("WARC-Target-URI") or "",
            charset=_charset(record),
        )
    except InputError as exc:
        return Rejected(exc.origin, exc.reason, exc.kind)
    record_id = headers.get_header("WARC-Record-ID") or ""
    return dataclasses.replace(
        article,
        id=content_id(article.title, article.text, article.site, article.url, record_id),
        format="warc",
        external_id=record_id,
        fetched=headers.get_header("WARC-Date") or "",
    )


def _skip_reason(record: ArcWarcRecord) -> str:
    """Why this record is no article page ("" when it is one)."""
    if record.rec_type not in ("response", "resource"):
        return f"a {record.rec_type} record"
    if record.rec_type == "response":
        if record.http_headers is None:
            return "a response without HTTP headers"
        status = record.http_headers.get_statuscode()
        if status != "200":
            return f"HTTP status {status}"
    content_type = _content_type(record)
    if not content_type.startswith(_HTML_TYPES):
        return f"not HTML ({content_type or 'no content type'})"
    return ""


def _content_type(record: ArcWarcRecord) -> str:
    if record.rec_type == "response" and record.http_headers is not None:
        value = record.http_headers.get_header("Content-Type") or ""
    else:
        value = record.rec_headers.get_header("Content-Type") or ""
    return value.strip().lower()


def _charset(record: ArcWarcRecord) -> str:
    for param in _content_type(record).split(";")[1:]:
        key, _, value = param.partition("=")
        if key.strip() == "charset":
            return value.strip().strip("\"'")
    return ""
