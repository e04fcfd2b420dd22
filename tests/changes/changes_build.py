"""Articles and one-pair alignments built by hand, so detectors are tested alone."""

from __future__ import annotations

from unspun.model import (
    Alignment,
    AlignmentSummary,
    Article,
    Evidence,
    Label,
    SentencePair,
    Span,
    content_id,
    paragraphs_of,
)


def article(body: str, title: str = "") -> Article:
    return Article(content_id(title, body), body, title, paragraphs_of(body))


def one_pair(copy: Article, source: Article) -> Alignment:
    """The whole body of the copy aligned with the whole body of the source."""
    pair = SentencePair(
        (Span("body", 0, len(copy.text)),),
        (Span("body", 0, len(source.text)),),
        Label.PARAPHRASE,
        0.8,
        Evidence(),
    )
    summary = AlignmentSummary(1.0, 1.0, 0.0, 1.0, True)
    return Alignment(copy.id, source.id, (pair,), (), (), summary)
