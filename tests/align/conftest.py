"""Fixtures of the align tests: small articles built by hand (no extractor needed)."""

from __future__ import annotations

from pathlib import Path

import pytest

from unspun.align import AlignConfig, load_embedder
from unspun.errors import ModelUnavailable
from unspun.model import Article, content_id, paragraphs_of


def build_article(title: str, body: str) -> Article:
    body = "\n\n".join(p.strip() for p in body.split("\n\n") if p.strip())
    return Article(content_id(title, body), body, title, paragraphs_of(body))


def article_from_file(path: Path) -> Article:
    """First paragraph is the title, the rest the body."""
    title, _, body = path.read_text("utf-8").partition("\n\n")
    return build_article(title.strip(), body)


@pytest.fixture(scope="session")
def harbour(fixtures_dir: Path) -> tuple[Article, Article]:
    """(copy, source): a spun copy of a short local-news story, written for these tests."""
    return (
        article_from_file(fixtures_dir / "align" / "harbour_copy.txt"),
        article_from_file(fixtures_dir / "align" / "harbour_source.txt"),
    )


@pytest.fixture(scope="session")
def embedder():
    try:
        return load_embedder(AlignConfig())
    except ModelUnavailable as exc:
        pytest.skip(str(exc))


@pytest.fixture(scope="session")
def make_article():
    """Build an article from a title and a body (paragraphs separated by blank lines)."""
    return build_article
