"""The HTML reader: body, metadata, captions, credits, boilerplate, and bad pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from unspun import model
from unspun.config import ExtractConfig
from unspun.errors import EmptyDocument, InputError, TooLarge, UnsupportedFormat
from unspun.extract.html import (
    _headline_key,
    _is_date_line,
    _is_furniture,
    _is_headline,
    extract_html,
)

CFG = ExtractConfig()


def _page(body: str, head: str = "<title>Harbour reopens</title>") -> bytes:
    return f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>".encode()


def _paragraphs(n: int, word: str = "harbour") -> str:
    return "".join(
        f"<p>Paragraph {i}: the {word} at Kelby reopened on Tuesday after weeks of dredging "
        f"work that kept the fishing boats tied up along the northern quay.</p>"
        for i in range(n)
    )


@pytest.fixture(scope="module")
def story(fixtures_dir: Path) -> model.Article:
    data = (fixtures_dir / "html" / "wire_story.html").read_bytes()
    return extract_html(data, origin="wire_story.html", cfg=CFG)


def test_metadata_comes_from_the_page(story: model.Article) -> None:
    assert story.title == "Ferry strike ends after three days"
    assert story.byline == "Mara Lind"
    assert story.site == "The Kelby Courier"
    assert story.url == "https://courier.example/news/ferry-strike-ends"
    assert story.published.startswith("2024-03-12")
    assert story.language == "en"
    assert story.format == "html"
    assert story.origin == "wire_story.html"


def test_body_is_the_article_without_page_furniture(story: model.Article) -> None:
    assert story.text.startswith("KELBY, Norway (AP) — Ferry crews")
    assert "refunded in full." in story.text
    for furniture in ("Sign in", "Weather", "Related stories", "Privacy policy", "Share"):
        assert furniture not in story.text
    assert not story.text.startswith(story.title)  # headline not repeated in the body


def test_comments_are_left_out(story: model.Article) -> None:
    assert "grocery delivery" not in story.text
    assert "every krone" not in story.text


def test_captions_are_kept_apart(story: model.Article) -> None:
    assert [c.text for c in story.captions] == [
        "The morning ferry leaves Kelby quay on Tuesday. (AP Photo/Tom Berg)"
    ]
    assert "AP Photo" not in story.text


def test_wire_credits_and_boilerplate(story: model.Article) -> None:
    assert story.wire == ("AP",)
    assert {c.where for c in story.credits} >= {"dateline", "caption"}
    assert "Copyright 2024 The Associated Press. All rights reserved." in story.boilerplate
    assert "Copyright 2024" not in story.text


def test_ids_hashes_and_paragraph_spans(fixtures_dir: Path, story: model.Article) -> None:
    raw = (fixtures_dir / "html" / "wire_story.html").read_bytes()
    assert story.id == model.content_id(story.title, story.text, story.site, story.url)
    assert story.raw_hash == model.raw_hash(raw)
    assert len(story.paragraphs) == 5
    chunks = story.text.split("\n\n")
    for para, chunk in zip(story.paragraphs, chunks, strict=True):
        assert story.text[para.start : para.end] == chunk
        assert para.origin == para.start


def test_declared_meta_charset_is_honoured() -> None:
    body = "<article><p>Le café de l’hôtel a rouvert ses portes mardi. " * 3 + "</p></article>"
    data = _page(body, "<meta charset='windows-1252'><title>Café</title>").decode().encode("cp1252")
    article = extract_html(data, origin="cafe.html", cfg=CFG)
    assert "Le café de l’hôtel" in article.text


def test_transport_charset_is_honoured_without_meta() -> None:
    text = "Паромная переправа снова работает после трёхдневной забастовки экипажей. "
    data = _page(f"<article><p>{text * 4}</p></article>", "<title>Паром</title>").decode()
    article = extract_html(data.encode("cp1251"), origin="ru.html", cfg=CFG, charset="cp1251")
    assert "Паромная переправа" in article.text
    assert article.title == "Паром"


def test_url_argument_used_when_page_has_no_canonical_link() -> None:
    article = extract_html(_page(_paragraphs(4)), origin="p", cfg=CFG, url="https://x.example/a")
    assert article.url == "https://x.example/a"
    assert article.site == "x.example"


def test_bare_fragment_is_read_as_a_body() -> None:
    article = extract_html(
        b"<p>A fragment with no html element, saved from a clipboard, still a paragraph.</p>",
        origin="frag.html",
        cfg=CFG,
    )
    assert article.text.startswith("A fragment with no html element")


def test_broken_markup_still_extracts() -> None:
    broken = (
        b"<html><body><div><p>Unclosed <b>bold <i>and italics <p>"
        + b"The harbour at Kelby reopened on Tuesday after weeks of dredging work. " * 4
        + b"<table><tr><td>stray cell</div></span></body>"
    )
    article = extract_html(broken, origin="broken.html", cfg=CFG)
    assert "The harbour at Kelby reopened" in article.text


@pytest.mark.parametrize(
    "data",
    [
        b"<html><head><title>Nothing here</title></head><body></body></html>",
        b"<html><body><script>var page = 1;</script><style>p {}</style></body></html>",
        b"   \n  ",
    ],
)
def test_page_without_body_is_an_empty_document(data: bytes) -> None:
    with pytest.raises(EmptyDocument) as err:
        extract_html(data, origin="empty.html", cfg=CFG)
    assert err.value.origin == "empty.html"
    assert "empty.html" in str(err.value)


def test_binary_data_is_unsupported() -> None:
    with pytest.raises(UnsupportedFormat, match="binary"):
        extract_html(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20, origin="img.html", cfg=CFG)


def test_over_the_size_limit_is_too_large() -> None:
    with pytest.raises(TooLarge, match=r"big\.html"):
        extract_html(_page(_paragraphs(20)), origin="big.html", cfg=ExtractConfig(max_bytes=500))


def test_deeply_nested_markup_does_not_crash() -> None:
    deep = b"<div>" * 5000 + b"<p>" + b"Deep text about the harbour reopening. " * 5 + b"</p>"
    try:
        extract_html(_page(deep.decode()), origin="deep.html", cfg=CFG)
    except InputError as exc:  # refusing is fine, crashing is not
        assert exc.origin == "deep.html"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("October 12, 2017", True),
        ("segunda-feira, 22 de janeiro de 2018 às 0:13", True),
        ("Updated 22/01/2018 10:14", True),
        ("Mon 5 Mar 2018 09:30 GMT", True),
        ("— The Senate (@Senate) October 9, 2018", False),
        ("June 17 -- Bridgestone Arena, Nashville, TN", False),
        ("02-751-1500", False),
        ("The vote was held on October 12, 2017.", False),
    ],
)
def test_date_lines(line: str, expected: bool) -> None:
    assert _is_date_line(line) is expected


@pytest.mark.parametrize(
    ("line", "near_top", "expected"),
    [
        ("Ferry strike ends", False, True),  # the title verbatim, anywhere
        ("Ferry strike ends | The Kelby Courier", True, True),
        ("Ferry strike ends | The Kelby Courier", False, False),
        ("Ferry crews went back to work after the strike ends", True, False),
        ("Strike", True, False),  # too short to call it the headline
    ],
)
def test_headline_lines(line: str, near_top: bool, expected: bool) -> None:
    head = _headline_key("Ferry strike ends")
    assert _is_headline(line, head, near_top=near_top) is expected


def test_headline_run_into_the_first_paragraph_is_cut_off() -> None:
    first = "| Harbour reopens The harbour at Kelby reopened on Tuesday after weeks of dredging."
    body = f"<article><p>{first}</p>{_paragraphs(3)}</article>"
    article = extract_html(_page(body), origin="runin.html", cfg=CFG)
    assert article.text.startswith("The harbour at Kelby reopened on Tuesday")
    assert "| Harbour reopens" in article.boilerplate


@pytest.mark.parametrize(
    ("line", "furniture"),
    [
        ("Share", True),
        ("Print Article", True),
        ("Advertisement", True),
        ("https://courier.example/news/ferry-strike-ends", True),
        ("© 2024 The Kelby Courier. All rights reserved.", True),
        ("Copyright 2024 The Associated Press. All rights reserved.", True),
        ("Sign up for our morning newsletter", True),
        ("Copyright law changed in 2019 after a long debate in parliament.", False),
        ("Subscribers will pay four krone more from May.", False),
        ("Share prices fell sharply on Tuesday after the strike was announced.", False),
    ],
)
def test_furniture_lines(line: str, furniture: bool) -> None:
    assert _is_furniture(line) is furniture
