"""Full-text search of the library for a person's query: ranked hits with snippets.

It reads the source index's FTS5 table (BM25, the headline weighted up) and the library's
articles for the filters (site, date range) and the snippets. Every word of the query must
occur in a hit; a query whose words never occur together falls back to any of them.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass

from unspun.retrieve.fts import TITLE_WEIGHT
from unspun.retrieve.shingles import words


@dataclass(frozen=True, slots=True)
class SearchConfig:
    limit: int = 20  # hits returned
    site: str | None = None  # only articles of this site
    date_from: str = ""  # ISO dates, inclusive; "" for no bound
    date_to: str = ""
    snippet_chars: int = 240  # about this much text around the first match


@dataclass(frozen=True, slots=True)
class SearchHit:
    article_id: str
    title: str
    site: str
    date: str
    score: float  # BM25, higher is better
    snippet: str  # plain text
    marks: tuple[tuple[int, int], ...]  # query words inside the snippet (start, end)


def search_text(conn: sqlite3.Connection, query: str, cfg: SearchConfig) -> list[SearchHit]:
    """The library articles that best match ``query``, best first (needs the source index)."""
    terms = list(dict.fromkeys(words(query)))
    if not terms:
        return []
    quoted = ['"' + t.replace('"', '""') + '"' for t in terms]
    hits = _matching(conn, " ".join(quoted), cfg)
    if not hits and len(terms) > 1:
        hits = _matching(conn, " OR ".join(quoted), cfg)
    return [_hit(row, terms, cfg) for row in hits[: cfg.limit]]


def _matching(conn: sqlite3.Connection, match: str, cfg: SearchConfig) -> list[tuple]:
    where, params = [], []
    if cfg.site is not None:
        where.append("a.site = ?")
        params.append(cfg.site)
    if cfg.date_from:
        where.append("a.date >= ?")
        params.append(cfg.date_from)
    if cfg.date_to:  # a datetime on the last day is still inside the range
        where.append("a.date < ?")
        params.append(cfg.date_to + "\uffff")
    sql = (
        "SELECT a.id, a.title, a.site, a.date, a.text, f.score FROM ("
        f"  SELECT rowid AS doc, -bm25(idx_fts, {TITLE_WEIGHT}, 1.0) AS score FROM idx_fts"
        "   WHERE idx_fts MATCH ? ORDER BY rank LIMIT ?"
        ") f JOIN idx_docs d ON d.doc = f.doc JOIN articles a ON a.id = d.article_id"
        + (" WHERE " + " AND ".join(where) if where else "")
        + " ORDER BY f.score DESC LIMIT ?"
    )
    depth = cfg.limit * (20 if where else 2)  # filters drop hits: look deeper
    return conn.execute(sql, (match, depth, *params, cfg.limit)).fetchall()


def _hit(row: tuple, terms: list[str], cfg: SearchConfig) -> SearchHit:
    article_id, title, site, date, text, score = row
    snippet, marks = snippet_of(text, terms, cfg.snippet_chars)
    return SearchHit(article_id, title, site, date, round(float(score), 4), snippet, marks)


def snippet_of(text: str, terms: list[str], chars: int) -> tuple[str, tuple[tuple[int, int], ...]]:
    """A window of ``text`` around the first query word, cut at word boundaries, and where the
    query words lie in it."""
    pattern = re.compile(r"\b(" + "|".join(re.escape(t) for t in terms) + r")\b", re.I)
    first = pattern.search(text)
    centre = first.start() if first else 0
    start = max(0, centre - chars // 3)
    end = min(len(text), start + chars)
    if start > 0:
        start = text.find(" ", start) + 1 or start
    if end < len(text):
        end = text.rfind(" ", start, end) if text.rfind(" ", start, end) > start else end
    body = " ".join(text[start:end].split())
    snippet = ("…" if start > 0 else "") + body + ("…" if end < len(text) else "")
    marks = tuple((m.start(), m.end()) for m in pattern.finditer(snippet))
    return snippet, marks
