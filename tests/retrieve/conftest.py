"""Fixtures for the retrieve tests: hand-made articles and an in-memory index."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from unspun.model import Article, content_id, paragraphs_of
from unspun.retrieve.config import RetrieveConfig
from unspun.retrieve.index import SourceIndex

STORIES = Path(__file__).parents[1] / "fixtures" / "retrieve" / "stories.txt"


def make_article(title: str, text: str, **fields: str) -> Article:
    return Article(
        id=content_id(title, text), title=title, text=text, paragraphs=paragraphs_of(text), **fields
    )


@pytest.fixture(name="make_article", scope="session")
def make_article_fixture() -> Callable[..., Article]:
    return make_article


@pytest.fixture(scope="session")
def stories() -> list[Article]:
    """Hand-written short stories on distinct topics, one per block of the fixture file."""
    blocks = STORIES.read_text("utf-8").strip().split("\n\n\n")
    articles = []
    for block in blocks:
        title, _, body = block.partition("\n")
        articles.append(make_article(title.strip(), body.strip()))
    return articles


@pytest.fixture
def index() -> Iterator[SourceIndex]:
    conn = sqlite3.connect(":memory:")
    idx = SourceIndex(conn, RetrieveConfig(shingle_sample=1))
    idx.ensure_schema()
    yield idx
    conn.close()
