"""Fixtures of the store tests: an in-memory library and a maker of small articles."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from unspun.model import Article, Caption, Paragraph, WireCredit, content_id
from unspun.store import SqliteStore, open_store

MakeArticle = Callable[..., Article]


def build_article(
    title: str, paragraphs: list[str], site: str = "", origin_base: int = 100, **fields: object
) -> Article:
    """An article whose paragraphs are joined by blank lines, each with a traceable origin."""
    text = "\n\n".join(paragraphs)
    spans, pos = [], 0
    for k, para in enumerate(paragraphs):
        spans.append(Paragraph(pos, pos + len(para), origin_base + 1000 * k))
        pos += len(para) + 2
    return Article(
        id=content_id(title, text),
        text=text,
        title=title,
        paragraphs=tuple(spans),
        site=site,
        **fields,  # type: ignore[arg-type]
    )


@pytest.fixture
def make_article() -> MakeArticle:
    return build_article


@pytest.fixture
def full_article() -> Article:
    """An article with every field set, for round trips."""
    paragraphs = [
        "GENEVA (AP) — Two leaders met by the lake for four hours on Wednesday.",
        "Neither side expected a breakthrough, officials said before the talks.",
    ]
    return build_article(
        "Leaders meet by the lake",
        paragraphs,
        site="example.com",
        url="https://example.com/2026/lake-talks",
        byline="By A. Writer",
        published="2026-06-16T10:00:00+00:00",
        fetched="2026-06-16T12:30:00+00:00",
        language="en",
        captions=(Caption("The two leaders shake hands. (AP Photo/Someone)", 40),),
        credits=(WireCredit("AP", "GENEVA (AP) —", "dateline"),),
        boilerplate=("Sign in to read more", "© 2026 Example Media"),
        format="html",
        raw_hash="ab" * 32,
        origin="pages/lake.html",
        external_id="row-7",
        title_origin=12,
    )


@pytest.fixture
def store() -> Iterator[SqliteStore]:
    with open_store(":memory:") as library:
        yield library
