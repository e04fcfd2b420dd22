"""Every reader, fed generated input: an Article, or unspun's own error naming the input;
never a crash (another exception, or a Rejected of kind "error"), never a hang."""

from __future__ import annotations

import gzip
import itertools
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.fuzz.conftest import FUZZ_CONFIG, count
from unspun.errors import InputError, TooSlow
from unspun.extract.sources import read_bytes, read_inputs
from unspun.model import Article, Rejected

_names = itertools.count()

WORDS = st.sampled_from(
    [
        "The",
        "council",
        "said",
        "on",
        "Friday",
        "that",
        "the",
        "ferry",
        "ran",
        "aground",
        ";",
        "«",
        "»",
        "—",
        "2026",
        "AP",
        "(Reuters)",
        "©",
        "café",
        "naïve",
        "東京",
        "\u200b",
        "\ufeff",
        "\x00",
        "\r\n",
        "\t",
        "&",
        "&amp;",
        "&#0;",
        "&#x110000;",
        "%s",
        "{}",
        "###",
        "",
    ]
)
TEXT = st.one_of(st.text(max_size=600), st.lists(WORDS, max_size=120).map(" ".join))
TAGS = st.sampled_from(
    [
        "<html>", "</html>", "<head>", "<body>", "<p>", "</p>", "<div>", "</div>", "<br>",
        "<article>", "</article>", "<title>", "</title>", "<h1>", "</h1>", "<figure>",
        "<figcaption>", "</figcaption>", "<script>", "</script>", "<style>", "<!--", "-->",
        "<table><tr><td>", "</td></tr></table>", "<meta charset='utf-16'>",
        "<meta charset=\"x-unknown\">", '<meta property="og:title" content="T">',
        '<script type="application/ld+json">{"@type":"NewsArticle","author":',
        "<time datetime='2026-13-45'>", "<a rel=author>", "<![CDATA[", "<?xml ?>",
        "<!DOCTYPE html>", "<svg><foreignObject>", "<p class='byline'>By ", "<",
    ]
)  # fmt: skip
HTML = st.lists(st.one_of(TAGS, TEXT), max_size=80).map("".join)
ENCODINGS = st.sampled_from(["utf-8", "utf-16", "latin-1", "cp1252", "utf-8-sig"])


def _encoded(text: str, encoding: str) -> bytes:
    return text.encode(encoding, errors="replace")


DOCUMENT_BYTES = st.one_of(
    st.binary(max_size=3000),
    st.builds(_encoded, TEXT, ENCODINGS),
    st.builds(_encoded, HTML, ENCODINGS),
)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


def _check_bytes(data: bytes, fmt: str | None, kind: str) -> None:
    count(kind)
    try:
        article = read_bytes(data, "<fuzz>", FUZZ_CONFIG, fmt)
    except TooSlow as exc:
        pytest.fail(f"{len(data)} bytes took over the time limit: {exc}")
    except InputError as exc:
        assert exc.origin == "<fuzz>" and exc.reason
        return
    assert isinstance(article, Article) and article.text.strip() and article.id


@given(DOCUMENT_BYTES, st.sampled_from([None, "text", "html"]))
def test_read_bytes(data: bytes, fmt: str | None) -> None:
    _check_bytes(data, fmt, fmt or "sniffed")


@given(st.builds(_encoded, HTML, ENCODINGS))
def test_html(data: bytes) -> None:
    _check_bytes(data, "html", "html")


@given(DOCUMENT_BYTES, st.booleans())
def test_gzip(data: bytes, truncate: bool) -> None:
    packed = gzip.compress(data)
    _check_bytes(packed[: len(packed) // 2] if truncate else packed, None, "gzip")


def _check_file(folder: Path, name: str, data: bytes, kind: str) -> None:
    count(kind)
    path = folder / f"{next(_names)}-{name}"
    path.write_bytes(data)
    try:
        items = list(read_inputs([str(path)], FUZZ_CONFIG))
    finally:
        path.unlink()
    for item in items:
        if isinstance(item, Rejected):
            assert item.kind not in ("error", "too-slow"), item
            assert item.origin.startswith(str(path)) and item.reason
        else:
            assert isinstance(item, Article) and item.text.strip()


CELL = st.one_of(TEXT, st.sampled_from(['"', '""', "\n", "\r", ",", "\t", " ### ", "\x00"]))
ROWS = st.lists(st.lists(CELL, min_size=1, max_size=6), max_size=12)
HEADER = st.lists(st.sampled_from(["text", "id", "title", "url", "publisher", "x", ""]), max_size=6)


def _csv(header: list[str], rows: list[list[str]], quote: bool) -> str:
    def line(cells: list[str]) -> str:
        if quote:
            return ",".join('"' + c.replace('"', '""') + '"' for c in cells)
        return ",".join(cells)

    return "\n".join(line(r) for r in [header, *rows])


@given(HEADER, ROWS, st.booleans(), ENCODINGS, st.sampled_from(["x.csv", "x.tsv", "x.csv.gz"]))
def test_csv(header: list[str], rows: list[list[str]], quote: bool, enc: str, name: str) -> None:
    data = _encoded(_csv(header, rows, quote), enc)
    _check_file_maybe_gz(name, data, "csv")


JSON_VALUE = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | TEXT,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXT, inner, max_size=3),
    max_leaves=8,
)
RECORD = st.dictionaries(
    st.sampled_from(["text", "id", "title", "url", "publisher", "published", "scrape_time"])
    | st.text(max_size=8),
    JSON_VALUE,
    max_size=7,
)
JSONL_LINE = st.one_of(RECORD.map(lambda r: json.dumps(r)), JSON_VALUE.map(json.dumps), TEXT)


@given(st.lists(JSONL_LINE, max_size=10), st.sampled_from(["x.jsonl", "x.ndjson", "x.jsonl.gz"]))
def test_jsonl(lines: list[str], name: str) -> None:
    _check_file_maybe_gz(name, "\n".join(lines).encode("utf-8", "surrogatepass"), "jsonl")


def _warc_record(kind: str, status: str, ctype: str, body: bytes, declared: int) -> bytes:
    http = f"HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\n\r\n".encode() + body
    payload = http if kind == "response" else body
    head = (
        f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{declared}>\r\n"
        f"WARC-Target-URI: http://example.com/{declared}\r\nWARC-Date: 2026-01-01T00:00:00Z\r\n"
        f"Content-Type: application/http; msgtype=response\r\n"
        f"Content-Length: {len(payload) + declared}\r\n\r\n"
    )
    return head.encode() + payload + b"\r\n\r\n"


WARC_RECORD = st.builds(
    _warc_record,
    st.sampled_from(["response", "resource", "request", "metadata", "warcinfo"]),
    st.sampled_from(["200 OK", "404 Not Found", "200", "abc"]),
    st.sampled_from(["text/html", "text/html; charset=latin-1", "image/png", "", "text/html;"]),
    st.one_of(st.builds(_encoded, HTML, ENCODINGS), st.binary(max_size=400)),
    st.sampled_from([0, 0, 0, 3, -2]),  # a wrong declared length now and then
)


@given(
    st.lists(WARC_RECORD, max_size=4),
    st.one_of(st.none(), st.integers(min_value=0, max_value=4000)),
    st.sampled_from(["x.warc", "x.warc.gz", "x"]),
)
def test_warc(records: list[bytes], cut: int | None, name: str) -> None:
    if name.endswith(".gz"):  # one gzip member per record, as crawlers write them
        data = b"".join(gzip.compress(r) for r in records)
    else:
        data = b"".join(records)
    _check_file(_FOLDER, name, data[:cut] if cut is not None else data, "warc")


@given(DOCUMENT_BYTES, st.sampled_from(["a.txt", "a.html", "a.htm", "a.md", "a", "a.txt.gz"]))
def test_document_files(data: bytes, name: str) -> None:
    _check_file_maybe_gz(name, data, "file")


def _check_file_maybe_gz(name: str, data: bytes, kind: str) -> None:
    _check_file(_FOLDER, name, gzip.compress(data) if name.endswith(".gz") else data, kind)


_FOLDER = Path()


@pytest.fixture(autouse=True, scope="module")
def _use_folder(folder: Path) -> None:
    global _FOLDER
    _FOLDER = folder
