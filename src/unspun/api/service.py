"""The glue between the faces (API routes, pages) and the core: read, compare, check.

Each function takes the app state and plain values, calls one core function and returns
records or report dicts; the routes and pages only shape the answer.
"""

from __future__ import annotations

import dataclasses
import sqlite3
from pathlib import Path
from typing import Any

from unspun.align import Embedder
from unspun.api.errors import RequestError
from unspun.api.schemas import ArticleIn, ArticleRef
from unspun.api.state import AppState
from unspun.codec import to_dict
from unspun.config import ExtractConfig
from unspun.errors import NotFound, UnsupportedFormat
from unspun.extract import read_bytes
from unspun.extract.sources import format_of
from unspun.model import Article, content_id
from unspun.pipeline import CheckResult, SearchQuery, check_article, sync_index
from unspun.pipeline.compare import CompareConfig, Comparison, compare_articles
from unspun.pipeline.search import fts_query
from unspun.pipeline.search_groups import HitGroup, search_grouped
from unspun.provenance.families import FamilyConfig, sync_families
from unspun.provenance.records import StoryFamily
from unspun.provenance.stories import family_ids, family_of, load_family
from unspun.retrieve.config import RetrieveConfig
from unspun.retrieve.index import SourceIndex
from unspun.store import SqliteStore

INLINE_FORMATS = ("text", "html")


def read_inline(item: ArticleIn, cfg: ExtractConfig, origin: str = "<request>") -> Article:
    """An article from a request body's ``text`` or ``html``, with the metadata it gives."""
    if (item.text is None) == (item.html is None):
        raise RequestError("give the article as exactly one of 'text' or 'html'")
    data, fmt = (item.text, "text") if item.text is not None else (item.html, "html")
    assert data is not None
    article = read_bytes(data.encode("utf-8"), origin, cfg, fmt)
    return with_metadata(article, item.title, item.url, item.site, item.published)


def with_metadata(
    article: Article, title: str | None, url: str = "", site: str = "", published: str = ""
) -> Article:
    """The article with the metadata the user gave in place of what the reader found."""
    changes: dict[str, Any] = {
        k: v for k, v in (("url", url), ("site", site), ("published", published)) if v
    }
    if title is not None and title.strip() and title.strip() != article.title:
        changes |= {"title": title.strip(), "title_origin": -1}
        changes["id"] = content_id(changes["title"], article.text)
    return dataclasses.replace(article, **changes) if changes else article


def read_upload(data: bytes, filename: str, cfg: ExtractConfig) -> Article:
    """One uploaded file (text or HTML, optionally gzipped); its name is only a format hint."""
    name = Path(filename or "upload").name  # never a path on this machine: only its suffixes
    fmt = format_of(Path(name))
    if fmt is not None and fmt not in INLINE_FORMATS:
        raise UnsupportedFormat(
            name, f"{fmt} files hold many articles; add them with `unspun add` on the server"
        )
    return read_bytes(data, f"upload:{name}", cfg, fmt)


def resolve(state: AppState, store: SqliteStore, ref: ArticleRef, origin: str) -> Article:
    """A library article by id, or one given inline."""
    if ref.id is not None and ref.id.strip():
        if ref.text is not None or ref.html is not None:
            raise RequestError(f"{origin}: give either an 'id' or the article, not both")
        return store.get(ref.id)
    return read_inline(ref, state.extract_config, origin=f"<{origin}>")


def compare(state: AppState, copy: Article, source: Article) -> Comparison:
    """Align, find the changes and the direction of reuse, as ``unspun compare`` does."""
    resources = state.resources()
    cfg = CompareConfig(align=state.align_config(resources.embedder))
    return compare_articles(copy, source, cfg, resources.embedder)


def source_index(state: AppState, store: SqliteStore, embedder: Embedder | None) -> SourceIndex:
    """The library's source index for this request, brought up to date with the library."""
    cfg = state.check_config()
    index = SourceIndex(store.conn, cfg.retrieve, embedder)
    index._matrix = state.matrix  # one in-memory copy of the vectors for every request
    with state.sync_lock:
        sync_index(store, index, vectors=cfg.lazy_vectors if embedder is not None else 0)
    return index


def check(state: AppState, store: SqliteStore, article: Article) -> CheckResult:
    """The sources of ``article`` in the library, best first, and the verdict."""
    resources = state.resources()
    index = source_index(state, store, resources.embedder)
    return check_article(article, store, index, resources, state.check_config())


def search(
    state: AppState, store: SqliteStore, query: SearchQuery, grouped: bool = True
) -> list[HitGroup]:
    """Full-text search of the library, one row per story unless not ``grouped`` (the
    source index is brought up to date first)."""
    if not fts_query(query.text)[0]:
        raise RequestError(f"search: {query.text!r} holds no word to look for")
    source_index(state, store, None)
    return search_grouped(store.conn, query, grouped)


STORIES_SCHEMA = "unspun.stories/1"  # as `unspun stories --json`


def story_families(
    state: AppState, store: SqliteStore, min_size: int, limit: int
) -> list[StoryFamily]:
    """The story families, largest first (brought up to date with the library first)."""
    _sync_families(state, store)
    return [load_family(store, f) for f in family_ids(store.conn, min_size)[:limit]]


def story_family(state: AppState, store: SqliteStore, ref: str) -> StoryFamily:
    """One family by its number, or the family of the article with this id (or prefix)."""
    _sync_families(state, store)
    ref = ref.strip()
    number = (
        int(ref) if ref.isdigit() and len(ref) < 9 else family_of(store.conn, store.get(ref).id)
    )
    return load_family(store, number, growth=True)


def family_number(store: SqliteStore, article_id: str) -> int | None:
    """The family an article was placed in, if families were built and it has one."""
    try:
        return family_of(store.conn, article_id)
    except (NotFound, sqlite3.OperationalError):  # not placed yet, or no family tables
        return None


def family_dict(family: StoryFamily) -> dict[str, Any]:
    """A family as JSON-ready values, as `unspun story --json` gives it."""
    data = to_dict(family)
    data["size"] = len(family)
    dates = [m.when for m in family.members if m.when]
    data["first"], data["last"] = (dates[0], dates[-1]) if dates else ("", "")
    return data


def _sync_families(state: AppState, store: SqliteStore) -> None:
    with state.sync_lock:
        sync_families(store, SourceIndex(store.conn, RetrieveConfig()), FamilyConfig())
