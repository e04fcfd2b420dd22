"""Records to plain dicts and back."""

from __future__ import annotations

import json

import pytest

from unspun.codec import article_from_dict, from_dict, to_dict
from unspun.model import (
    Alignment,
    AlignmentSummary,
    Article,
    Caption,
    Evidence,
    Label,
    Paragraph,
    Rejected,
    SentencePair,
    Span,
    WireCredit,
    content_id,
)


def _article() -> Article:
    text = "First paragraph here.\n\nSecond one."
    return Article(
        id=content_id("T", text),
        text=text,
        title="T",
        paragraphs=(Paragraph(0, 21, 5), Paragraph(23, 34, 40)),
        captions=(Caption("A photo. (AP Photo/X)", 60),),
        site="example.com",
        credits=(
            WireCredit("AP", "(AP) —", "dateline"),
            WireCredit("Reuters", "By Reuters", "byline"),
        ),
        boilerplate=("Share this", "Advertisement"),
        format="text",
        raw_hash="f" * 64,
        origin="a.txt",
        title_origin=0,
    )


def test_article_round_trips_through_json() -> None:
    article = _article()
    data = json.loads(json.dumps(to_dict(article)))
    assert data["paragraphs"][1] == {"start": 23, "end": 34, "origin": 40}
    assert data["credits"][0]["agency"] == "AP"
    assert article_from_dict(data) == article


def test_defaults_fill_missing_keys() -> None:
    article = article_from_dict({"id": "abc", "text": "Body."})
    assert article == Article(id="abc", text="Body.")


def test_enums_and_optionals_round_trip() -> None:
    pair = SentencePair(
        copy=(Span("body", 0, 10),),
        source=(Span("caption", 3, 9, index=1),),
        label=Label.NEAR_VERBATIM,
        score=0.9,
        evidence=Evidence(containment=0.8, cosine=None),
    )
    alignment = Alignment(
        copy_id="a",
        source_id="b",
        pairs=(pair,),
        new=(Span("title", 0, 4),),
        dropped=(),
        summary=AlignmentSummary(0.5, 0.4, 0.3, 0.2, True),
    )
    data = json.loads(json.dumps(to_dict(alignment)))
    assert data["pairs"][0]["label"] == "near-verbatim"
    assert data["pairs"][0]["evidence"]["cosine"] is None
    assert data["dropped"] == []
    assert from_dict(Alignment, data) == alignment


def test_int_given_for_float_is_accepted() -> None:
    evidence = from_dict(Evidence, {"containment": 1, "cosine": 0})
    assert evidence.containment == 1.0 and isinstance(evidence.containment, float)
    assert isinstance(evidence.cosine, float)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"id": "a", "text": "b", "colour": "red"}, "unknown field"),
        ({"id": "a", "text": 3}, "Article.text"),
        ({"id": "a", "text": "b", "paragraphs": [{"start": "0", "end": 1}]}, "Paragraph.start"),
        ({"text": "b"}, "id"),
    ],
)
def test_bad_input_names_the_field(data: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        article_from_dict(data)


def test_bad_literal_and_enum_are_refused() -> None:
    with pytest.raises(ValueError, match="field"):
        from_dict(Span, {"field": "footer", "start": 0, "end": 1})
    with pytest.raises(ValueError, match="label"):
        from_dict(
            SentencePair,
            {"copy": [], "source": [], "label": "copied", "score": 1.0, "evidence": {}},
        )


def test_to_dict_refuses_non_records() -> None:
    with pytest.raises(TypeError):
        to_dict({"id": "x"})
    with pytest.raises(TypeError):
        to_dict(Article)


def test_rejected_to_dict() -> None:
    assert to_dict(Rejected("a.txt", "empty file", "empty")) == {
        "origin": "a.txt",
        "reason": "empty file",
        "kind": "empty",
    }
