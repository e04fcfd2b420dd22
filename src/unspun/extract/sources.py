"""From what the user names (files, directories, globs, ``-`` for stdin) to articles.

``read_inputs`` never raises for one bad input: it yields a :class:`Rejected` record with the
reason and goes on with the next, so a batch loses nothing but the bad input itself. The
format comes from the file name (``page.html.gz`` is gzip-compressed HTML), else from the
first bytes (:func:`sniff_format`). Limits hold before anything is read into memory: a file
over ``ExtractConfig.max_bytes`` is refused from its size, gzip data that inflates past the
limit is refused while inflating, stdin is read only up to the limit.
"""

from __future__ import annotations

import glob
import gzip
import logging
import re
import sys
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path

from unspun.config import ExtractConfig
from unspun.errors import EmptyDocument, InputError, TooLarge, UnsupportedFormat
from unspun.model import Article, Rejected

log = logging.getLogger(__name__)

STDIN = "-"
_FORMATS = {
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".csv": "csv",
    ".tsv": "csv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".warc": "warc",
    ".arc": "warc",
    ".parquet": "parquet",
}
_GLOB_CHARS = set("*?[")
# Files that are never articles: named on the command line they are refused with a reason;
# met while walking a directory they are passed over (logged), like hidden files.
_NOT_ARTICLES = {
    ".json": "a .json file is not read as articles (use .jsonl: one article object per line)",
    ".pdf": "PDF is not supported (convert it to text or HTML first)",
    ".png": "an image, not an article",
    ".jpg": "an image, not an article",
    ".jpeg": "an image, not an article",
    ".gif": "an image, not an article",
    ".webp": "an image, not an article",
    ".zip": "a zip archive (unpack it and add the folder)",
    ".db": "a database file, not an article",
    ".sqlite": "a database file, not an article",
}


def format_of(path: Path) -> str | None:
    """The input format its name says (``page.html.gz`` is html), or None if it says none."""
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    return _FORMATS.get(suffixes[-1]) if suffixes else None


_HTML_TAG = re.compile(rb"<(?:!doctype\s+html|html|head|body|meta|title|div|p|article)[\s>/]")


def sniff_format(data: bytes) -> str:
    """Guess the format of unnamed bytes (stdin, files without a known extension)."""
    if data[:2] == b"\x1f\x8b":
        return "gzip"
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"warc/"):
        return "warc"
    if head.startswith(b"<") and _HTML_TAG.search(head):
        return "html"
    if head.startswith(b"{") and b"\n{" in data[:65536]:
        return "jsonl"
    return "text"


def expand_paths(names: Iterable[str]) -> Iterator[Path | str]:
    """Files named, files under directories (recursively, sorted), glob matches, or STDIN."""
    for name in names:
        if name == STDIN:
            yield STDIN
            continue
        path = Path(name)
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if _walkable(p, path))
        elif not path.exists() and _GLOB_CHARS & set(name):
            matches = sorted(glob.glob(name, recursive=True))
            yield from (Path(m) for m in matches if Path(m).is_file())
            if not matches:
                yield path  # reported as not found by read_inputs
        else:
            yield path


def _walkable(path: Path, root: Path) -> bool:
    """A file met in a folder walk that may be an article: not hidden, not a non-article."""
    if not path.is_file() or _hidden(path, root):
        return False
    if format_of(path) is None and path.suffix.lower() in _NOT_ARTICLES:
        log.info("%s: passed over: %s", path, _NOT_ARTICLES[path.suffix.lower()])
        return False
    return True


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def read_inputs(names: Iterable[str], cfg: ExtractConfig) -> Iterator[Article | Rejected]:
    """Read every input; yield an Article per document and a Rejected per failure."""
    for item in expand_paths(names):
        origin = "<stdin>" if item == STDIN else str(item)
        try:
            yield from _read_one(item, cfg)
        except InputError as exc:
            yield Rejected(exc.origin, exc.reason, exc.kind)
        except OSError as exc:
            yield Rejected(origin, exc.strerror or str(exc), "os")
        except Exception as exc:  # a reader's bug must not cost the rest of the batch
            log.exception("%s: unexpected error while reading", origin)
            yield Rejected(origin, f"unexpected error ({type(exc).__name__}: {exc})", "error")


def read_bytes(data: bytes, origin: str, cfg: ExtractConfig, fmt: str | None = None) -> Article:
    """One document from bytes (pasted text, an upload, stdin): text or HTML."""
    if len(data) > cfg.max_bytes:
        raise TooLarge(origin, f"{len(data):,} bytes, over the limit of {cfg.max_bytes:,}")
    if data[:2] == b"\x1f\x8b":
        data = gunzip(data, origin, cfg)
    if not data.strip():
        raise EmptyDocument(origin, "empty input")
    fmt = fmt or sniff_format(data)
    if fmt == "html":
        from unspun.extract.html import extract_html

        return extract_html(data, origin=origin, cfg=cfg)
    if fmt == "text":
        from unspun.extract.decode import decode_bytes
        from unspun.extract.text import extract_text

        return extract_text(decode_bytes(data, origin), origin=origin, raw=data, cfg=cfg)
    raise UnsupportedFormat(
        origin, f"{fmt} input holds many documents; give it as a file name, not as bytes"
    )


def gunzip(data: bytes, origin: str, cfg: ExtractConfig) -> bytes:
    """Decompress gzip data, refusing truncated streams and bombs over the size limit."""
    decomp = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = decomp.decompress(data, cfg.max_bytes + 1)
    except zlib.error as exc:
        raise UnsupportedFormat(origin, f"broken gzip data ({exc})") from exc
    if len(out) > cfg.max_bytes:
        raise TooLarge(origin, f"decompresses to over the limit of {cfg.max_bytes:,} bytes")
    if not decomp.eof:
        raise UnsupportedFormat(origin, "truncated gzip file (the stream ends early)")
    return out


def _read_one(item: Path | str, cfg: ExtractConfig) -> Iterator[Article | Rejected]:
    if item == STDIN:
        yield read_bytes(sys.stdin.buffer.read(cfg.max_bytes + 1), "<stdin>", cfg)
        return
    assert isinstance(item, Path)
    origin = str(item)
    if not item.exists():
        raise InputError(origin, "no such file or directory")
    fmt = format_of(item)
    refusal = _NOT_ARTICLES.get(item.suffix.lower())
    if fmt is None and refusal:
        raise UnsupportedFormat(origin, refusal)
    if fmt in ("csv", "jsonl", "warc", "parquet"):
        yield from _read_container(item, fmt, cfg)
        return
    size = item.stat().st_size
    if size > cfg.max_bytes:
        raise TooLarge(origin, f"{size:,} bytes, over the limit of {cfg.max_bytes:,}")
    data = item.read_bytes()
    if not data.strip():
        raise EmptyDocument(origin, "empty file")
    if fmt is None and sniff_format(data) == "warc":
        yield from _read_container(item, "warc", cfg)
        return
    yield read_bytes(data, origin, cfg, fmt)


def _read_container(path: Path, fmt: str, cfg: ExtractConfig) -> Iterator[Article | Rejected]:
    if fmt == "warc":
        from unspun.extract.warc import read_warc

        yield from read_warc(path, cfg)
    elif fmt == "csv":
        from unspun.extract.tabular import read_csv

        yield from read_csv(path, cfg)
    elif fmt == "parquet":
        from unspun.extract.tabular import read_parquet

        yield from read_parquet(path, cfg)
    else:
        from unspun.extract.tabular import read_jsonl

        yield from read_jsonl(path, cfg)


def open_maybe_gzip(path: Path) -> gzip.GzipFile | object:
    """Open a file for binary reading, transparently un-gzipping ``*.gz``."""
    if path.suffix.lower() == ".gz":
        return gzip.open(path, "rb")
    return path.open("rb")
