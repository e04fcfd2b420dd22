"""WARC and WARC.gz: HTML responses become articles; the rest is skipped; breaks are reported."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from unspun.config import ExtractConfig
from unspun.extract.sources import read_inputs
from unspun.extract.warc import read_warc
from unspun.model import Article, Rejected

CFG = ExtractConfig()


def _page(title: str, body: str, head: str = "") -> bytes:
    paragraphs = "".join(
        f"<p>{body} Paragraph {i} tells more of the story, with enough words to count.</p>"
        for i in range(6)
    )
    return (
        f"<html><head><title>{title}</title>{head}</head>"
        f"<body><article><h1>{title}</h1>{paragraphs}</article></body></html>"
    ).encode()


HARBOUR = _page("Harbour reopens", "The harbour at Kelby reopened on Tuesday.")
FERRY = _page("Ferry strike ends", "Ferry crews went back to work after three days.")


def _write(path: Path, records: list[tuple[str, str, str, bytes]], *, gz: bool) -> Path:
    """(record type, HTTP status, content type, payload) for each record, in order."""
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=gz)
        for i, (kind, status, ctype, payload) in enumerate(records):
            uri = f"https://news.example/story/{i}"
            if kind == "response":
                http = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
                record = writer.create_warc_record(
                    uri, "response", payload=io.BytesIO(payload), http_headers=http
                )
            else:
                record = writer.create_warc_record(uri, kind, payload=io.BytesIO(payload))
            writer.write_record(record)
    return path


CRAWL = [
    ("warcinfo", "", "", b"software: test\r\n"),
    ("response", "200 OK", "text/html; charset=utf-8", HARBOUR),
    ("response", "404 Not Found", "text/html", HARBOUR),
    ("response", "200 OK", "image/png", b"\x89PNG\r\n\x1a\n fake image"),
    ("response", "301 Moved Permanently", "text/html", b""),
    ("response", "200 OK", "text/html", FERRY),
]


@pytest.fixture(params=[False, True], ids=["warc", "warc.gz"])
def crawl(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    gz = request.param
    return _write(tmp_path / ("crawl.warc.gz" if gz else "crawl.warc"), CRAWL, gz=gz)


def test_html_responses_become_articles_the_rest_is_skipped(crawl: Path) -> None:
    items = list(read_warc(crawl, CFG))
    assert all(isinstance(i, Article) for i in items)
    articles = [i for i in items if isinstance(i, Article)]
    assert [a.title for a in articles] == ["Harbour reopens", "Ferry strike ends"]
    assert [a.url for a in articles] == [
        "https://news.example/story/1",
        "https://news.example/story/5",
    ]


def test_warc_articles_carry_record_id_offset_and_format(crawl: Path) -> None:
    articles = [i for i in read_warc(crawl, CFG) if isinstance(i, Article)]
    offsets = []
    for article in articles:
        assert article.format == "warc"
        assert article.external_id.startswith("<urn:uuid:")
        assert article.fetched  # the WARC-Date
        path, _, offset = article.origin.rpartition("@")
        assert path == str(crawl)
        offsets.append(int(offset))
    assert 0 < offsets[0] < offsets[1]
    with crawl.open("rb") as raw:  # the offset is where the record starts in the file
        raw.seek(offsets[0])
        head = raw.read(2)
    assert head in (b"WA", b"\x1f\x8b")


@pytest.mark.parametrize("gz", [False, True], ids=["warc", "warc.gz"])
def test_truncated_file_yields_what_was_read_and_one_rejection(tmp_path: Path, gz: bool) -> None:
    whole = _write(tmp_path / "whole.warc", CRAWL, gz=gz).read_bytes()
    cut = tmp_path / ("cut.warc.gz" if gz else "cut.warc")
    cut.write_bytes(whole[: len(whole) - 700])  # inside the last page
    items = list(read_warc(cut, CFG))
    assert isinstance(items[0], Article) and items[0].title == "Harbour reopens"
    assert isinstance(items[-1], Rejected)
    assert items[-1].origin.startswith(f"{cut}@")
    assert "truncated" in items[-1].reason
    assert sum(isinstance(i, Rejected) for i in items) == 1


def test_garbage_with_a_warc_name_is_one_rejection(tmp_path: Path) -> None:
    bad = tmp_path / "garbage.warc"
    bad.write_bytes(b"this is not a web archive at all\n" * 20)
    items = list(read_warc(bad, CFG))
    assert len(items) == 1 and isinstance(items[0], Rejected)
    assert items[0].origin.startswith(str(bad))


@pytest.mark.parametrize("name", ["empty.warc", "empty.warc.gz"])
def test_empty_file_is_one_rejection(tmp_path: Path, name: str) -> None:
    (tmp_path / name).write_bytes(b"")
    (item,) = read_inputs([str(tmp_path / name)], CFG)
    assert isinstance(item, Rejected) and item.kind == "empty"
    assert item.origin == str(tmp_path / name)


def test_unreadable_page_is_rejected_and_the_rest_still_read(tmp_path: Path) -> None:
    records = [
        ("response", "200 OK", "text/html", b"<html><body></body></html>"),
        ("response", "200 OK", "text/html", FERRY),
    ]
    items = list(read_warc(_write(tmp_path / "mixed.warc.gz", records, gz=True), CFG))
    assert isinstance(items[0], Rejected) and items[0].kind == "empty"
    assert isinstance(items[1], Article) and items[1].title == "Ferry strike ends"


def test_page_over_the_limit_is_too_large(tmp_path: Path) -> None:
    path = _write(tmp_path / "big.warc", [("response", "200 OK", "text/html", FERRY)], gz=False)
    items = list(read_warc(path, ExtractConfig(max_bytes=len(FERRY) - 1)))
    assert len(items) == 1 and isinstance(items[0], Rejected)
    assert items[0].kind == "too-large"


def test_charset_from_the_http_header(tmp_path: Path) -> None:
    text = "Паромная переправа снова работает после забастовки экипажей."
    page = _page("Паром", text).decode().encode("cp1251")
    path = _write(
        tmp_path / "ru.warc",
        [("response", "200 OK", "text/html; charset=windows-1251", page)],
        gz=False,
    )
    (article,) = read_warc(path, CFG)
    assert isinstance(article, Article)
    assert text in article.text


def test_resource_records_of_html_are_read(tmp_path: Path) -> None:
    path = tmp_path / "res.warc"
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=False)
        record = writer.create_warc_record(
            "https://news.example/saved",
            "resource",
            payload=io.BytesIO(HARBOUR),
            warc_content_type="text/html",
        )
        writer.write_record(record)
    (article,) = read_warc(path, CFG)
    assert isinstance(article, Article) and article.title == "Harbour reopens"


def test_read_inputs_dispatches_warc_files(crawl: Path) -> None:
    items = list(read_inputs([str(crawl)], CFG))
    assert [i.format for i in items if isinstance(i, Article)] == ["warc", "warc"]
