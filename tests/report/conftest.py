"""A hand-built comparison for the report tests: two small articles read from plain text
(with origin offsets into their input files) and an Alignment written by hand, so the
report tests do not depend on the extractor or the aligner."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

import pytest

from unspun.model import (
    Alignment,
    AlignmentSummary,
    Article,
    Caption,
    Evidence,
    Label,
    Paragraph,
    SentencePair,
    Span,
    WireCredit,
    content_id,
)

COPY_INPUT = (
    "Home | News | Sport\n"
    "Mayor Opens New Bridge In Riverton <b>\n"
    "\n"
    "RIVERTON (AP) — Mayor Ana Ruiz opened the Elm Street bridge on Monday.\n"
    "\n"
    "Share this story\n"
    "\n"
    "The bridge, which cost 12 million dollars, will ease traffic, officials said. "
    "Residents cheered <script>alert(1)</script> loudly.\n"
)
SOURCE_INPUT = (
    "Riverton bridge opens & traffic eases\n"
    "\n"
    "RIVERTON (AP) — Mayor Ana Ruiz opened the new Elm Street bridge.\n"
    "\n"
    "The bridge cost $12 million. Officials said traffic would ease.\n"
    "\n"
    "The bridge at dusk. (AP Photo/Jo Lee)\n"
)


def _article(raw: str, title: str, paras: list[str], captions: list[str], site: str) -> Article:
    text = "\n\n".join(paras)
    spans = []
    pos = 0
    for para in paras:
        spans.append(Paragraph(pos, pos + len(para), raw.index(para)))
        pos += len(para) + 2
    return Article(
        id=content_id(title, text),
        text=text,
        title=title,
        paragraphs=tuple(spans),
        captions=tuple(Caption(c, raw.index(c)) for c in captions),
        site=site,
        published="2026-03-02",
        credits=(WireCredit("AP", "RIVERTON (AP) —", "dateline"),),
        format="text",
        origin=f"{site}.txt",
        title_origin=raw.index(title),
    )


def body_span(article: Article, sentence: str) -> Span:
    start = article.text.index(sentence)
    return Span("body", start, start + len(sentence))


@dataclass(frozen=True)
class Compared:
    copy: Article
    source: Article
    alignment: Alignment
    copy_input: str
    source_input: str


@pytest.fixture
def compared() -> Compared:
    copy = _article(
        COPY_INPUT,
        "Mayor Opens New Bridge In Riverton <b>",
        [
            "RIVERTON (AP) — Mayor Ana Ruiz opened the Elm Street bridge on Monday.",
            "The bridge, which cost 12 million dollars, will ease traffic, officials said. "
            "Residents cheered <script>alert(1)</script> loudly.",
        ],
        [],
        "copysite",
    )
    source = _article(
        SOURCE_INPUT,
        "Riverton bridge opens & traffic eases",
        [
            "RIVERTON (AP) — Mayor Ana Ruiz opened the new Elm Street bridge.",
            "The bridge cost $12 million. Officials said traffic would ease.",
        ],
        ["The bridge at dusk. (AP Photo/Jo Lee)"],
        "wiresite",
    )
    pairs = (
        SentencePair(
            copy=(Span("title", 0, len(copy.title)),),
            source=(Span("title", 0, len(source.title)),),
            label=Label.PARAPHRASE,
            score=0.61,
            evidence=Evidence(0.2, 0.25, 0.4, 0.5, 0.71),
        ),
        SentencePair(
            copy=(
                body_span(
                    copy, "RIVERTON (AP) — Mayor Ana Ruiz opened the Elm Street bridge on Monday."
                ),
            ),
            source=(
                body_span(
                    source, "RIVERTON (AP) — Mayor Ana Ruiz opened the new Elm Street bridge."
                ),
            ),
            label=Label.NEAR_VERBATIM,
            score=0.9,
            evidence=Evidence(0.8, 0.75, 0.9, 1.0, 0.95),
        ),
        SentencePair(
            copy=(
                body_span(
                    copy,
                    "The bridge, which cost 12 million dollars, will ease traffic, officials said.",
                ),
            ),
            source=(
                body_span(source, "The bridge cost $12 million."),
                body_span(source, "Officials said traffic would ease."),
            ),
            label=Label.PARAPHRASE,
            score=0.7,
            evidence=Evidence(0.1, 0.3, 0.5, 0.5, 0.82),
        ),
    )
    new = (body_span(copy, "Residents cheered <script>alert(1)</script> loudly."),)
    dropped = (Span("caption", 0, len(source.captions[0].text), 0),)
    summary = AlignmentSummary(0.72, 0.81, 0.35, 0.37, True)
    alignment = Alignment(copy.id, source.id, pairs, new, dropped, summary)
    return Compared(copy, source, alignment, COPY_INPUT, SOURCE_INPUT)


def _match(rank: int, role: str, source: Article, alignment: Alignment, share: float) -> Any:
    from unspun.pipeline.check import SourceMatch
    from unspun.retrieve.candidates import Candidate

    return SourceMatch(
        rank, role, source, alignment, share, share, (), Candidate(source.id, 1.0 / rank)
    )


@pytest.fixture
def checked(compared: Compared) -> Any:
    """A check of the copy: its source, one related candidate sharing a little (4 %), and
    five related candidates that share nothing."""
    from unspun.pipeline.check import CheckResult

    nothing = AlignmentSummary(0.0, 0.0, 0.0, 0.0, False, "unrelated")
    matches = [_match(1, "source", compared.source, compared.alignment, 0.72)]
    little = dataclasses.replace(compared.source, id="a1" * 8, title="Riverton weekly digest")
    matches.append(_match(2, "related", little, compared.alignment, 0.04))
    for i in range(5):
        other = dataclasses.replace(compared.source, id=f"{i:02d}" * 8, title=f"Unrelated {i}")
        empty = Alignment(compared.copy.id, other.id, (), (), (), nothing)
        matches.append(_match(3 + i, "related", other, empty, 0.0))
    candidates = tuple(m.candidate for m in matches)
    return CheckResult(
        compared.copy, tuple(matches), candidates, "spun copy", "spun copy of …", 0.72, None
    )
