"""``search``: full-text search over the library, through the source index's FTS5 table.

The query is words and "quoted phrases", all required (FTS5's implicit AND); a word ending in
``*`` matches as a prefix, ``OR`` between two terms makes either enough. Hits are ranked by
BM25 (title words weigh double), optionally kept to one site and a date range (on the date the
library lists an article by: published, else fetched). The FTS table is contentless, so the
snippet is cut from the stored article: the window of ``snippet_words`` words holding most
query words, with their places marked.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass

from unspun.errors import UnspunError
from unspun.retrieve.fts import TITLE_WEIGHT

_TERM = re.compile(r'"([^"]*)"|(\S+)')
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class SearchQuery:
    """What to look for, and where."""

    text: str
    site: str = ""  # one site only ("" = all)
    since: str = ""  # ISO date: on or after
    until: str = ""  # ISO date: on or before
    limit: int = 20
    snippet_words: int = 30


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One article that matches, with a snippet; ``marks`` are (start, end) in the snippet."""

    rank: int
    article_id: str
    title: str
    site: str
    date: str
    score: float  # BM25 (higher is better)
    snippet: str
    marks: tuple[tuple[int, int], ...]


def fts_query(text: str) -> tuple[str, list[str]]:
    """The FTS5 MATCH expression for a user's query, and its words (for the snippet)."""
    parts: list[str] = []
    words: list[str] = []
    for m in _TERM.finditer(text):
        phrase, word = m.group(1), m.group(2)
        if word in ("OR", "AND", "NOT"):
            if parts and parts[-1] not in ("OR", "AND", "NOT"):
                parts.append(word)
            continue
        if phrase is not None:
            tokens = _WORD.findall(phrase.lower())
            if tokens:
                parts.append('"' + " ".join(tokens) + '"')
                words.extend(tokens)
            continue
        prefix = word.endswith("*")
        tokens = _WORD.findall(word.lower())
        if not tokens:
            continue
        term = '"' + " ".join(tokens) + '"' + ("*" if prefix else "")
        parts.append(term)
        words.extend([*tokens[:-1], tokens[-1] + ("*" if prefix else "")])
    while parts and parts[-1] in ("OR", "AND", "NOT"):
        parts.pop()
    return " ".join(parts), words


def search(conn: sqlite3.Connection, query: SearchQuery) -> list[SearchHit]:
    """Library articles matching ``query``, best first; UnspunError for an unusable query."""
    match, words = fts_query(query.text)
    if not match:
        raise UnspunError(f"search: {query.text!r} holds no word to look for")
    where = ["idx_fts MATCH ?"]
    params: list[object] = [match]
    if query.site:
        where.append("a.site = ? COLLATE NOCASE")
        params.append(query.site)
    if query.since:
        where.append("substr(a.date, 1, 10) >= ?")
        params.append(query.since)
    if query.until:
        where.append("substr(a.date, 1, 10) <= ?")
        params.append(query.until)
    sql = (
        f"SELECT a.id, a.title, a.site, a.date, a.text, -bm25(idx_fts, {TITLE_WEIGHT}, 1.0) "
        "AS score FROM idx_fts JOIN idx_docs d ON d.doc = idx_fts.rowid "
        f"JOIN articles a ON a.id = d.article_id WHERE {' AND '.join(where)} "
        "ORDER BY score DESC LIMIT ?"
    )
    params.append(query.limit)
    try:
        rows = conn.execute(sql, params).fetchall()
    except sqlite3.OperationalError as exc:
        if "no such table" in str(exc):
            raise UnspunError(
                "search: the library has no full-text index yet (add articles, or run "
                "`unspun index`)"
            ) from exc
        raise UnspunError(f"search: cannot search for {query.text!r} ({exc})") from exc
    hits = []
    for rank, (article_id, title, site, date, text, score) in enumerate(rows, start=1):
        snippet, marks = make_snippet(text, words, query.snippet_words)
        hits.append(SearchHit(rank, article_id, title, site, date, round(score, 4), snippet, marks))
    return hits


def make_snippet(text: str, words: list[str], size: int) -> tuple[str, tuple[tuple[int, int], ...]]:
    """The ``size``-word window of ``text`` holding most distinct query words, marked."""
    wanted = {w.lower() for w in words}
    tokens = list(_WORD.finditer(text))
    if not tokens:
        return "", ()
    hit = [_matches(t.group().lower(), wanted) for t in tokens]
    best, best_score = 0, -1
    starts = sorted({max(0, i - 3) for i, h in enumerate(hit) if h}) or [0]
    for start in starts:
        window = tokens[start : start + size]
        found = {
            t.group().lower() for t, h in zip(window, hit[start : start + size], strict=True) if h
        }
        if len(found) > best_score:
            best, best_score = start, len(found)
        if best_score == len(wanted):
            break
    window = tokens[best : best + size]
    lo, hi = window[0].start(), window[-1].end()
    snippet = " ".join(text[lo:hi].split())
    prefix = "… " if lo > 0 else ""
    suffix = " …" if hi < len(text.rstrip()) else ""
    body = prefix + snippet + suffix
    marks = tuple(
        (m.start(), m.end()) for m in _WORD.finditer(body) if _matches(m.group().lower(), wanted)
    )
    return body, marks


def _matches(word: str, wanted: set[str]) -> bool:
    """An exact query word, or one a ``prefix*`` term covers."""
    return word in wanted or any(w.endswith("*") and word.startswith(w[:-1]) for w in wanted)
