"""CSV, JSONL and Parquet files: one article per row, columns mapped by :class:`ExtractConfig`.

A file without the text column is refused as a whole (:class:`MissingColumn`); one bad row
becomes a :class:`Rejected` record named ``path#row`` and the rest of the file is still read.
The text cell is cleaned like plain text: its paragraphs are the pieces between
``paragraph_separator`` (e.g. `` ### ``), or its lines when the separator does not occur, and
each paragraph keeps its offset in the cell.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import sys
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import IO, Any, cast

from charset_normalizer import from_bytes

from unspun.config import ExtractConfig
from unspun.errors import EmptyDocument, InputError, MissingColumn, TooLarge, UnsupportedFormat
from unspun.extract.decode import looks_binary
from unspun.extract.sources import open_maybe_gzip
from unspun.extract.text import Unit, article_from_units, split_units
from unspun.model import Article, Rejected

_SAMPLE = 1 << 16


def read_csv(path: Path, cfg: ExtractConfig) -> Iterator[Article | Rejected]:
    """Every row of a CSV (or TSV, optionally gzipped) file with a text cell, as an article."""
    yield from _guard(path, _read_csv(path, cfg))


def read_jsonl(path: Path, cfg: ExtractConfig) -> Iterator[Article | Rejected]:
    """Every JSON object (one per line) with a text field, as an article."""
    yield from _guard(path, _read_jsonl(path, cfg))


def read_parquet(
    path: Path, cfg: ExtractConfig, groups: tuple[int, int] | None = None
) -> Iterator[Article | Rejected]:
    """Every row of a Parquet file with a text cell, as an article (needs pyarrow, in the
    ``batch`` extra); ``groups`` reads only row groups [first, last), a part of a large file."""
    try:
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise UnsupportedFormat(
            str(path), "reading Parquet needs pyarrow: pip install 'unspun[batch]'"
        ) from exc
    try:
        parquet = pq.ParquetFile(path)
    except Exception as exc:  # pyarrow's own errors: not a Parquet file, a torn footer
        raise UnsupportedFormat(str(path), f"not a readable Parquet file ({exc})") from exc
    columns = parquet.schema_arrow.names
    if cfg.text_column not in columns:
        raise MissingColumn(str(path), _missing(cfg.text_column, columns))
    first, last = groups or (0, parquet.num_row_groups)
    row_no = sum(parquet.metadata.row_group(g).num_rows for g in range(first))
    try:
        for g in range(first, last):
            for batch in parquet.iter_batches(row_groups=[g], batch_size=1024):
                for record in batch.to_pylist():
                    row_no += 1
                    row = {k: _as_text(v) for k, v in record.items()}
                    yield _row_article(path, row_no, row, cfg, "parquet")
    except (OSError, pq.lib.ArrowException) as exc:  # a corrupt page: rows read so far stand
        yield Rejected(
            str(path), f"unreadable Parquet data after row {row_no} ({exc})", "malformed"
        )


def parquet_parts(path: Path, rows_per_part: int) -> list[tuple[int, int]]:
    """[first, last) row groups of parts of about ``rows_per_part`` rows each."""
    import pyarrow.parquet as pq

    meta = pq.ParquetFile(path).metadata
    parts: list[tuple[int, int]] = []
    start, rows = 0, 0
    for g in range(meta.num_row_groups):
        rows += meta.row_group(g).num_rows
        if rows >= rows_per_part:
            parts.append((start, g + 1))
            start, rows = g + 1, 0
    if start < meta.num_row_groups or not parts:
        parts.append((start, meta.num_row_groups))
    return parts


def _guard(path: Path, rows: Iterator[Article | Rejected]) -> Iterator[Article | Rejected]:
    """Rows read so far stand when the file turns out truncated; the rest is one Rejected."""
    try:
        yield from rows
    except EOFError as exc:
        yield Rejected(
            str(path), f"truncated compressed file, read up to here ({exc})", "unsupported"
        )


def _read_csv(path: Path, cfg: ExtractConfig) -> Iterator[Article | Rejected]:
    _raise_field_limit()
    with _open_text(path) as stream:
        delimiter = "\t" if ".tsv" in [s.lower() for s in path.suffixes] else ","
        reader = csv.reader(stream, delimiter=delimiter)
        try:
            header = [h.strip().lstrip("\ufeff") for h in next(reader)]
        except StopIteration:
            raise EmptyDocument(str(path), "empty CSV file (no header row)") from None
        except csv.Error as exc:
            raise InputError(str(path), f"unreadable CSV header ({exc})") from exc
        if cfg.text_column not in header:
            raise MissingColumn(str(path), _missing(cfg.text_column, header))
        row_no = 0
        while True:
            row_no += 1
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                yield Rejected(f"{path}#{row_no}", f"unreadable CSV row ({exc})", "malformed")
                continue
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(header):
                reason = f"row has {len(row)} fields, the header {len(header)}"
                yield Rejected(
                    f"{path}#{_row_name(row, header, cfg) or row_no}", reason, "malformed"
                )
                continue
            yield _row_article(path, row_no, dict(zip(header, row, strict=True)), cfg, "csv")


def _read_jsonl(path: Path, cfg: ExtractConfig) -> Iterator[Article | Rejected]:
    with _open_text(path) as stream:
        yield from _jsonl_rows(path, enumerate(stream, start=1), cfg)


def read_jsonl_part(
    path: Path, cfg: ExtractConfig, start: int, end: int, first_line: int
) -> Iterator[Article | Rejected]:
    """The records of the lines that begin at byte ``start`` (line ``first_line``) and before
    byte ``end`` of a plain UTF-8 JSONL file (see :func:`jsonl_parts`): a part of a large
    file that one worker reads while others read the rest."""
    with path.open("rb") as stream:
        stream.seek(start)
        if start == 0 and stream.read(3) != codecs.BOM_UTF8:
            stream.seek(0)

        def lines() -> Iterator[tuple[int, str]]:
            at, number = stream.tell(), first_line
            while at < end and (raw := stream.readline()):
                yield number, raw.decode("utf-8", errors="replace")
                at, number = at + len(raw), number + 1

        yield from _guard(path, _jsonl_rows(path, lines(), cfg))


def jsonl_parts(path: Path, lines_per_part: int) -> list[tuple[int, int, int]]:
    """(start byte, end byte, first line number) of parts of ``lines_per_part`` lines each, for
    a plain UTF-8 JSONL file; one part, the whole file, for any other (gzip, UTF-16)."""
    size = path.stat().st_size
    with path.open("rb") as stream:
        head = stream.read(_SAMPLE)
    if path.suffix.lower() == ".gz" or _encoding(head) not in ("utf-8", "utf-8-sig"):
        return [(0, size, 1)]
    parts: list[tuple[int, int, int]] = []
    start, line, at = 0, 1, 0
    with path.open("rb") as stream:
        for number, raw in enumerate(iter(stream.readline, b""), start=1):
            at += len(raw)
            if number % lines_per_part == 0:
                parts.append((start, at, line))
                start, line = at, number + 1
    if start < size or not parts:
        parts.append((start, size, line))
    return parts


def _jsonl_rows(
    path: Path, lines: Iterable[tuple[int, str]], cfg: ExtractConfig
) -> Iterator[Article | Rejected]:
    checked = False
    for line_no, line in lines:
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Rejected(f"{path}#{line_no}", f"not valid JSON ({exc.msg})", "malformed")
            continue
        if not isinstance(record, dict):
            yield Rejected(f"{path}#{line_no}", "not a JSON object", "malformed")
            continue
        if not checked:
            if cfg.text_column not in record:
                raise MissingColumn(str(path), _missing(cfg.text_column, list(record)))
            checked = True
        row = {k: _as_text(v) for k, v in record.items()}
        yield _row_article(path, line_no, row, cfg, "jsonl")


def _row_article(
    path: Path, row_no: int, row: Mapping[str, str], cfg: ExtractConfig, fmt: str
) -> Article | Rejected:
    row_id = row.get(cfg.id_column, "").strip()
    origin = f"{path}#{row_id or row_no}"
    text = row.get(cfg.text_column, "")
    try:
        if not text.strip():
            return Rejected(origin, f"empty {cfg.text_column!r} cell", "empty")
        raw = "\x1f".join(row.values()).encode("utf-8", "surrogatepass")
        if len(raw) > cfg.max_bytes:
            raise TooLarge(origin, f"{len(raw):,} bytes, over the limit of {cfg.max_bytes:,}")
        meta = {
            "external_id": row_id,
            "title": row.get(cfg.title_column, "").strip(),
            "url": row.get(cfg.url_column, "").strip(),
            "site": row.get(cfg.site_column, "").strip(),
            "published": row.get(cfg.date_column, "").strip(),
            "fetched": row.get(cfg.fetched_column, "").strip(),
        }
        units = cell_units(text, cfg.paragraph_separator)
        return article_from_units(text, units, origin=origin, raw=raw, cfg=cfg, fmt=fmt, meta=meta)
    except InputError as exc:
        return Rejected(exc.origin, exc.reason, exc.kind)


def cell_units(text: str, separator: str) -> list[Unit]:
    """The paragraphs of a text cell: pieces between ``separator``, else its lines."""
    if not separator or separator not in text:
        return split_units(text)
    units, pos = [], 0
    for block, piece in enumerate(text.split(separator)):
        stripped = piece.strip()
        if stripped:
            start = pos + piece.index(stripped[0])
            units.append(Unit(start, start + len(stripped), block))
        pos += len(piece) + len(separator)
    return units


def _row_name(row: list[str], header: list[str], cfg: ExtractConfig) -> str:
    """The id cell of a malformed row, when it has one where the header says."""
    if cfg.id_column in header and header.index(cfg.id_column) < len(row):
        return row[header.index(cfg.id_column)].strip()
    return ""


# Column names that usually hold an article's text, likeliest first.
_TEXT_NAMES = ("body", "content", "article", "story", "text", "full_text", "description")


def _missing(column: str, columns: list[str]) -> str:
    have = ", ".join(repr(c) for c in columns) or "none"
    reason = f"no {column!r} column to read the article text from (its columns: {have})"
    if not columns:
        return reason
    example = _likely_text(columns)
    return f"{reason}; name it with --column text=NAME, e.g. --column text={example}"


def _likely_text(columns: list[str]) -> str:
    """The column most likely to hold the text: by its name, else the first column."""
    named = [(c.strip().lower(), c) for c in columns]
    named = [(low, c) for low, c in named if not low.endswith("id")] or named
    for name in _TEXT_NAMES:
        found = [c for low, c in named if low == name] or [c for low, c in named if name in low]
        if found:
            return found[0]
    return named[0][1]


def _as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if hasattr(value, "isoformat"):  # a Parquet date or timestamp
        return str(value.isoformat())
    return json.dumps(value, ensure_ascii=False, default=str)


def _open_text(path: Path) -> IO[str]:
    """The file as text: BOM, else UTF-8 when its first bytes are UTF-8, else detection."""
    binary = cast(IO[bytes], open_maybe_gzip(path))
    try:
        head = binary.read(_SAMPLE)
        binary.seek(0)
    except (OSError, EOFError) as exc:
        binary.close()
        raise UnsupportedFormat(str(path), f"unreadable compressed data ({exc})") from exc
    if looks_binary(head):
        binary.close()
        raise UnsupportedFormat(str(path), "binary data, not a text table")
    return io.TextIOWrapper(binary, encoding=_encoding(head), errors="replace", newline="")


def _encoding(head: bytes) -> str:
    for bom, name in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if head.startswith(bom):
            return name
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        decoder.decode(head, final=False)  # a character cut at the sample's end is fine
        return "utf-8"
    except UnicodeDecodeError:
        pass
    best = from_bytes(head).best()
    return best.encoding if best is not None and best.encoding else "utf-8"


def _raise_field_limit() -> None:
    """Let csv read article-sized cells (its default limit is 128 KiB)."""
    limit = sys.maxsize
    while True:
        try:
            csv.field_size_limit(limit)
            return
        except OverflowError:
            limit //= 2


__all__ = ["cell_units", "jsonl_parts", "read_csv", "read_jsonl", "read_jsonl_part"]
