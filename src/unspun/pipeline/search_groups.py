"""Search results grouped by story: one row per story, with the other copies it found.

A wire story run by twenty sites would fill a page of hits with one story. An article's story
is its story family (``fam_members``, once families were built and the article placed);
articles not placed yet share a story with those whose clean text is the same.
"""

from __future__ import annotations

import hashlib
import sqlite3
from dataclasses import dataclass, replace

from unspun.errors import NotFound
from unspun.pipeline.search import SearchHit, SearchQuery, search
from unspun.provenance.stories import family_of

FETCH = 5  # hits read per row asked for, so that grouping still fills the page
MAX_FETCH = 500

StoryKey = tuple[str, object]  # ("family", 12) or ("text", digest)


@dataclass(frozen=True, slots=True)
class HitGroup:
    """One story in the results: its best hit, and the story's other hits, best first."""

    hit: SearchHit
    more: tuple[SearchHit, ...] = ()
    family: int | None = None  # the story family, None when grouped by identical text

    @property
    def more_ids(self) -> set[str]:
        return {h.article_id for h in self.more}


def search_grouped(
    conn: sqlite3.Connection, query: SearchQuery, grouped: bool = True
) -> list[HitGroup]:
    """Up to ``query.limit`` stories matching ``query``, best first (with ``grouped`` off,
    one row per article, as :func:`unspun.pipeline.search.search` gives them)."""
    if not grouped:
        return [HitGroup(hit) for hit in search(conn, query)]
    wide = replace(query, limit=min(query.limit * FETCH, max(MAX_FETCH, query.limit)))
    hits = search(conn, wide)
    keys = story_keys(conn, [h.article_id for h in hits])
    stories: dict[StoryKey, list[SearchHit]] = {}
    for hit in hits:
        stories.setdefault(keys[hit.article_id], []).append(hit)
    rows = list(stories.items())[: query.limit]
    return [
        HitGroup(replace(found[0], rank=rank), tuple(found[1:]), _family(key))
        for rank, (key, found) in enumerate(rows, start=1)
    ]


def story_keys(conn: sqlite3.Connection, ids: list[str]) -> dict[str, StoryKey]:
    """The story of each article: its family, else (or the family of an article with the
    same text, else) the digest of its clean text."""
    digests = _text_digests(conn, ids)
    families = {i: f for i in ids if (f := _placed(conn, i)) is not None}
    by_text = {digests[i]: f for i, f in families.items() if i in digests}
    keys: dict[str, StoryKey] = {}
    for article_id in ids:
        digest = digests.get(article_id, article_id)
        family = families.get(article_id, by_text.get(digest))
        keys[article_id] = ("family", family) if family is not None else ("text", digest)
    return keys


def _placed(conn: sqlite3.Connection, article_id: str) -> int | None:
    try:
        return family_of(conn, article_id)
    except (NotFound, sqlite3.OperationalError):  # not placed yet, or families never built
        return None


def _text_digests(conn: sqlite3.Connection, ids: list[str]) -> dict[str, str]:
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    rows = conn.execute(f"SELECT id, text FROM articles WHERE id IN ({marks})", ids)
    return {
        article_id: hashlib.blake2b(" ".join(text.split()).encode(), digest_size=16).hexdigest()
        for article_id, text in rows
    }


def _family(key: StoryKey) -> int | None:
    kind, value = key
    return value if kind == "family" and isinstance(value, int) else None
