"""The API's CPU-heavy work, as jobs for the check pool (:mod:`unspun.api.pool`).

Each job is ``job(state, note, *args)``, run in a worker process with that worker's
:class:`~unspun.api.state.AppState`; ``note(stage)`` tells the parent how far it has got. It
returns what the route answers (a JSON-ready dict), which pickles back to the parent.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from unspun.api.schemas import ArticleRef
from unspun.api.service import check, compare, read_upload, resolve
from unspun.api.state import AppState
from unspun.errors import TooLarge
from unspun.model import Article
from unspun.report.check_json import check_report

Note = Callable[[str], None]


def count_words(text: str) -> int:
    return len(text.split())


def limit_words(text: str, limit: int, origin: str) -> None:
    """Refuse (TooLarge, 413) a text of more than ``limit`` words, naming both counts."""
    words = count_words(text)
    if words > limit:
        raise TooLarge(
            origin,
            f"{words:,} words, over the limit of {limit:,} words a check accepts; "
            "check a part of it (a page of a long document), or ask the operator to raise "
            "the limit (unspun serve --max-words)",
        )


def limit_article(article: Article, limit: int, origin: str) -> None:
    """The word limit on an article as read: its headline and body, as a text sent counts."""
    limit_words(f"{article.title}\n{article.text}", limit, article.origin or origin)


def checked_article(state: AppState, note: Note, article: Article) -> Article:
    """The article, once it is known to be within the word limit."""
    limit_article(article, state.settings.max_check_words, "<article>")
    note("finding and aligning its sources")
    return article


def check_json(state: AppState, note: Note, body: ArticleRef) -> dict[str, Any]:
    """``POST /api/check``: the ``unspun.check/1`` report of an inline or library article."""
    note("reading the article")
    with state.store() as store:
        article = checked_article(state, note, resolve(state, store, body, "article"))
        return check_report(check(state, store, article))


def check_file(state: AppState, note: Note, data: bytes, filename: str) -> dict[str, Any]:
    """``POST /api/check/upload``: the report of an uploaded text or HTML file."""
    note("reading the file")
    article = checked_article(state, note, read_upload(data, filename, state.extract_config))
    with state.store() as store:
        return check_report(check(state, store, article))


def compare_json(
    state: AppState, note: Note, copy_ref: ArticleRef, source_ref: ArticleRef
) -> dict[str, Any]:
    """``POST /api/compare``: the ``unspun.compare/1`` report of two articles."""
    from unspun.report.json import compare_report

    note("reading the articles")
    with state.store() as store:
        copy = resolve(state, store, copy_ref, "copy")
        source = resolve(state, store, source_ref, "source")
    limit = state.settings.max_check_words
    limit_article(copy, limit, "<copy>")
    limit_article(source, limit, "<source>")
    note("aligning")
    c = compare(state, copy, source)
    return compare_report(
        c.copy, c.source, c.alignment, model=c.model, changes=c.changes, provenance=c.provenance
    )
