"""Input dispatch: names to files, formats, and one clear Rejected per bad input."""

from __future__ import annotations

import gzip
import io
import sys
from pathlib import Path

import pytest

from unspun.config import ExtractConfig
from unspun.errors import TooLarge, UnsupportedFormat
from unspun.extract import sources
from unspun.extract.sources import (
    expand_paths,
    format_of,
    gunzip,
    open_maybe_gzip,
    read_bytes,
    read_inputs,
    sniff_format,
)
from unspun.model import Article, Rejected

CFG = ExtractConfig()
STORY = (
    "Harbour reopens after dredging\n\n"
    "The harbour at Kelby reopened on Tuesday after six weeks of dredging work kept the "
    "fishing fleet tied up along the northern quay.\n\n"
    "Harbour master Ingrid Sol said the channel was now deep enough for the larger boats.\n"
)
PAGE = (
    "<html><head><title>Harbour reopens</title></head><body><article>"
    + "<p>The harbour at Kelby reopened on Tuesday after weeks of dredging work.</p>" * 4
    + "</article></body></html>"
)


def _read(tmp_path: Path, name: str, data: bytes, cfg: ExtractConfig = CFG) -> list:
    path = tmp_path / name
    path.write_bytes(data)
    return list(read_inputs([str(path)], cfg))


def _rejected(items: list, kind: str, name: str) -> Rejected:
    assert len(items) == 1, items
    (item,) = items
    assert isinstance(item, Rejected), item
    assert item.kind == kind, item
    assert item.origin.endswith(name)
    assert item.reason
    return item


def test_good_text_and_html_files(tmp_path: Path) -> None:
    (text,) = _read(tmp_path, "story.txt", STORY.encode())
    (html,) = _read(tmp_path, "story.html", PAGE.encode())
    assert isinstance(text, Article) and text.format == "text"
    assert isinstance(html, Article) and html.format == "html"
    assert "harbour at Kelby reopened" in text.text and "harbour at Kelby reopened" in html.text


@pytest.mark.parametrize("data", [b"", b"  \n\t\n"], ids=["zero-bytes", "whitespace"])
def test_empty_file(tmp_path: Path, data: bytes) -> None:
    assert "empty" in _rejected(_read(tmp_path, "empty.txt", data), "empty", "empty.txt").reason


@pytest.mark.parametrize("name", ["photo.html", "photo.txt", "photo"])
def test_binary_file(tmp_path: Path, name: str) -> None:
    data = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8
    assert "binary" in _rejected(_read(tmp_path, name, data), "unsupported", name).reason


def test_truncated_gzip(tmp_path: Path) -> None:
    whole = gzip.compress(PAGE.encode() * 20)
    items = _read(tmp_path, "page.html.gz", whole[: len(whole) // 2])
    assert "truncated" in _rejected(items, "unsupported", "page.html.gz").reason


def test_corrupt_gzip(tmp_path: Path) -> None:
    items = _read(tmp_path, "page.html.gz", b"\x1f\x8b\x08\x00" + b"not deflate data" * 10)
    assert "gzip" in _rejected(items, "unsupported", "page.html.gz").reason


def test_gzipped_page_is_read(tmp_path: Path) -> None:
    (article,) = _read(tmp_path, "page.html.gz", gzip.compress(PAGE.encode()))
    assert isinstance(article, Article) and article.format == "html"


def test_broken_html_is_extracted_or_rejected_with_a_reason(tmp_path: Path) -> None:
    broken = b"<html><body><div><p>Unclosed <b>" + b"The harbour reopened on Tuesday. " * 6
    (item,) = _read(tmp_path, "broken.html", broken + b"</span></table>")
    assert isinstance(item, Article) and "harbour reopened" in item.text
    (item,) = _read(tmp_path, "tags-only.html", b"<html><body><div></div></body></html>")
    _rejected([item], "empty", "tags-only.html")


def test_fifty_megabyte_page_is_too_large_without_being_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.html"
    with path.open("wb") as out:  # sparse: no 50 MB written to disk
        out.truncate(50_000_000)
    items = list(read_inputs([str(path)], CFG))
    assert "50,000,000 bytes" in _rejected(items, "too-large", "huge.html").reason


def test_gzip_bomb_is_too_large(tmp_path: Path) -> None:
    small = ExtractConfig(max_bytes=10_000)
    items = _read(tmp_path, "bomb.html.gz", gzip.compress(b" " * 100_000), small)
    _rejected(items, "too-large", "bomb.html.gz")


@pytest.mark.parametrize(
    ("encoding", "text"),
    [
        ("cp1251", "Паромная переправа снова работает после забастовки экипажей в понедельник."),
        ("latin-1", "Le café de l'hôtel a rouvert mardi après les travaux du port à Kelby."),
        ("cp1252", "The “harbour” reopened — at last — on Tuesday, the café owners said."),
    ],
)
def test_non_utf8_text_is_decoded(tmp_path: Path, encoding: str, text: str) -> None:
    (article,) = _read(tmp_path, f"{encoding}.txt", f"{text}\n\n{text}\n".encode(encoding))
    assert isinstance(article, Article), article
    assert text in article.text


def test_undecodable_bytes_are_a_decode_error(tmp_path: Path) -> None:
    items = _read(tmp_path, "noise.txt", bytes(range(0x80, 0x100)) * 20)
    assert "encoding" in _rejected(items, "decode", "noise.txt").reason


def test_missing_file(tmp_path: Path) -> None:
    items = list(read_inputs([str(tmp_path / "nowhere.txt")], CFG))
    assert "no such file" in _rejected(items, "input", "nowhere.txt").reason


def test_one_bad_input_does_not_stop_the_batch(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(STORY.encode())
    (tmp_path / "b.txt").write_bytes(b"")
    (tmp_path / "c.html").write_bytes(b"\x00\x01\x02" * 100)
    (tmp_path / "d.html").write_bytes(PAGE.encode())
    items = list(
        read_inputs([str(tmp_path / n) for n in ["a.txt", "b.txt", "c.html", "d.html"]], CFG)
    )
    assert [type(i).__name__ for i in items] == ["Article", "Rejected", "Rejected", "Article"]


def test_unexpected_reader_error_becomes_a_rejection(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def explode(data: bytes, origin: str, cfg: ExtractConfig, fmt: str | None = None) -> Article:
        raise RuntimeError("reader bug")

    monkeypatch.setattr(sources, "read_bytes", explode)
    (tmp_path / "a.txt").write_bytes(STORY.encode())
    (item,) = read_inputs([str(tmp_path / "a.txt")], CFG)
    assert isinstance(item, Rejected) and item.kind == "error" and "reader bug" in item.reason


def test_directories_are_read_recursively_hidden_files_skipped(tmp_path: Path) -> None:
    (tmp_path / "news" / "2024" / "03").mkdir(parents=True)
    (tmp_path / "news" / ".cache").mkdir()
    (tmp_path / "news" / "b.txt").write_bytes(STORY.encode())
    (tmp_path / "news" / "2024" / "03" / "a.html").write_bytes(PAGE.encode())
    (tmp_path / "news" / ".cache" / "c.txt").write_bytes(STORY.encode())
    (tmp_path / "news" / ".hidden.txt").write_bytes(STORY.encode())
    found = [
        Path(p).relative_to(tmp_path).as_posix() for p in expand_paths([str(tmp_path / "news")])
    ]
    assert found == ["news/2024/03/a.html", "news/b.txt"]
    items = list(read_inputs([str(tmp_path / "news")], CFG))
    assert [i.format for i in items] == ["html", "text"]


def test_globs_expand_and_unmatched_globs_are_reported(tmp_path: Path) -> None:
    for name in ("a.txt", "b.txt", "c.html"):
        (tmp_path / name).write_bytes(STORY.encode())
    found = list(expand_paths([str(tmp_path / "*.txt")]))
    assert found == [tmp_path / "a.txt", tmp_path / "b.txt"]
    items = list(read_inputs([str(tmp_path / "*.csvx")], CFG))
    assert "no such file" in _rejected(items, "input", "*.csvx").reason


def _stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))


def test_stdin_text_and_html(monkeypatch: pytest.MonkeyPatch) -> None:
    _stdin(monkeypatch, STORY.encode())
    (article,) = read_inputs(["-"], CFG)
    assert isinstance(article, Article) and article.origin == "<stdin>"
    assert article.format == "text"
    _stdin(monkeypatch, gzip.compress(PAGE.encode()))
    (article,) = read_inputs(["-"], CFG)
    assert isinstance(article, Article) and article.format == "html"


def test_stdin_problems_name_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    _stdin(monkeypatch, b"")
    (item,) = read_inputs(["-"], CFG)
    assert isinstance(item, Rejected) and item.origin == "<stdin>" and item.kind == "empty"
    _stdin(monkeypatch, b"x" * 2000)
    (item,) = read_inputs(["-"], ExtractConfig(max_bytes=1000))
    assert isinstance(item, Rejected) and item.kind == "too-large"


def test_read_bytes_refuses_many_document_formats() -> None:
    with pytest.raises(UnsupportedFormat, match="file name"):
        read_bytes(b"WARC/1.0\r\nWARC-Type: warcinfo\r\n", "<paste>", CFG)


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("a.html", "html"),
        ("a.HTM", "html"),
        ("a.html.gz", "html"),
        ("a.txt", "text"),
        ("a.csv", "csv"),
        ("a.jsonl.gz", "jsonl"),
        ("a.warc.gz", "warc"),
        ("a.gz", None),
        ("README", None),
    ],
)
def test_format_of(name: str, fmt: str | None) -> None:
    assert format_of(Path(name)) == fmt


@pytest.mark.parametrize(
    ("data", "fmt"),
    [
        (b"\xef\xbb\xbf<!DOCTYPE html><html>", "html"),
        (b"  <html lang='en'><body>", "html"),
        (b"<meta charset='utf-8'><title>x</title>", "html"),
        (b"<p>just a paragraph</p>", "html"),
        (b"<Note to editors> this is text", "text"),
        (b"WARC/1.0\r\n", "warc"),
        (b"\x1f\x8b\x08\x00", "gzip"),
        (b'{"id": 1}\n{"id": 2}\n', "jsonl"),
        (b"Plain words of a story.", "text"),
    ],
)
def test_sniff_format(data: bytes, fmt: str) -> None:
    assert sniff_format(data) == fmt


def test_gunzip_and_open_maybe_gzip(tmp_path: Path) -> None:
    assert gunzip(gzip.compress(b"abc"), "x", CFG) == b"abc"
    with pytest.raises(TooLarge):
        gunzip(gzip.compress(b"a" * 100), "x", ExtractConfig(max_bytes=10))
    (tmp_path / "a.txt.gz").write_bytes(gzip.compress(b"inside"))
    (tmp_path / "b.txt").write_bytes(b"plain")
    with open_maybe_gzip(tmp_path / "a.txt.gz") as fh:  # type: ignore[attr-defined]
        assert fh.read() == b"inside"
    with open_maybe_gzip(tmp_path / "b.txt") as fh:  # type: ignore[attr-defined]
        assert fh.read() == b"plain"


def test_directory_walk_passes_over_non_articles_but_named_ones_are_refused(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "story.txt").write_text("A headline\n\nThe body of a short story, in one line.\n")
    (folder / "gold.json").write_text('{"not": "an article"}')
    read = list(read_inputs([str(folder)], ExtractConfig()))
    assert [type(r).__name__ for r in read] == ["Article"]
    (refused,) = read_inputs([str(folder / "gold.json")], ExtractConfig())
    assert isinstance(refused, Rejected)
    assert refused.kind == "unsupported" and ".jsonl" in refused.reason
