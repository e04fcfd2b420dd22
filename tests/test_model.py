from __future__ import annotations

import pickle

from unspun.model import (
    Article,
    Caption,
    Paragraph,
    Span,
    WireCredit,
    content_id,
    paragraphs_of,
)


def _article() -> Article:
    raw = "Headline here\n\nFirst paragraph.\n\nSecond one."
    text = "First paragraph.\n\nSecond one."
    return Article(
        id=content_id("Headline here", text),
        text=text,
        title="Headline here",
        title_origin=0,
        paragraphs=(Paragraph(0, 16, raw.index("First")), Paragraph(18, 29, raw.index("Second"))),
        captions=(Caption("A photo (AP Photo/Someone)", 99),),
        credits=(
            WireCredit("AP", "(AP Photo/Someone)", "caption"),
            WireCredit("Reuters", "By Reuters", "byline"),
            WireCredit("AP", "WASHINGTON (AP) —", "dateline"),
        ),
    )


def test_content_id_ignores_whitespace_and_is_stable() -> None:
    assert content_id("T", "a  b\n c") == content_id("T", "a b c")
    assert content_id("T", "a b c") != content_id("U", "a b c")
    assert len(content_id("T", "x")) == 16


def test_origin_offset_maps_body_title_and_caption_spans() -> None:
    art = _article()
    raw = "Headline here\n\nFirst paragraph.\n\nSecond one."
    body = Span("body", 18, 24)
    assert raw[art.origin_offset(body) :].startswith("Second")
    assert art.origin_offset(Span("title", 9, 13)) == 9
    assert art.origin_offset(Span("caption", 2, 7, index=0)) == 101


def test_untraceable_spans_say_so() -> None:
    art = Article(id="x", text="abc", paragraphs=paragraphs_of("abc"))
    assert art.origin_offset(Span("body", 1, 2)) == -1
    assert art.origin_offset(Span("title", 0, 1)) == -1


def test_wire_lists_each_agency_once_in_order() -> None:
    assert _article().wire == ("AP", "Reuters")


def test_paragraphs_of_skips_blank_chunks() -> None:
    text = "One.\n\n\n\nTwo."
    spans = paragraphs_of(text)
    assert [text[p.start : p.end].strip() for p in spans] == ["One.", "Two."]


def test_records_pickle() -> None:
    art = _article()
    assert pickle.loads(pickle.dumps(art)) == art


def test_content_id_tells_publications_apart_but_not_repeats() -> None:
    one = content_id("T", "same wire story", "siteA.com", "", "")
    assert one == content_id("T", "same  wire story", "siteA.com", "", "")
    assert one != content_id("T", "same wire story", "siteB.com", "", "")
    assert content_id("T", "x", "", "", "") == content_id("T", "x")
