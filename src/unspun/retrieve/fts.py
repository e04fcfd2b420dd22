"""Full-text BM25 over the library with SQLite FTS5.

The FTS table is contentless (``content=''``): the words are indexed, the text is not stored a
second time. A query document is not searched with its whole text, which would be slow and
would match everything, but with its most distinctive terms (tf x idf, document frequencies
kept in ``idx_terms``), OR-ed and ranked by ``bm25``. FTS5's own ``fts5vocab`` table knows the
frequencies too, but it counts them by reading whole posting lists: 1 ms and more a common term
at 10k articles, too slow for a query of a few hundred distinct words.
"""

from __future__ import annotations

import math
import sqlite3
from collections import Counter

from unspun.retrieve.config import RetrieveConfig
from unspun.retrieve.shingles import words

SCHEMA = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS idx_fts USING fts5("
    "title, body, content='', tokenize='unicode61 remove_diacritics 2')",
    "CREATE TABLE IF NOT EXISTS idx_terms (term TEXT PRIMARY KEY, df INTEGER NOT NULL) "
    "WITHOUT ROWID",
)
TITLE_WEIGHT = 2.0


def fts_add(conn: sqlite3.Connection, doc: int, title: str, body: str) -> None:
    conn.execute("INSERT INTO idx_fts(rowid, title, body) VALUES (?, ?, ?)", (doc, title, body))
    conn.executemany(
        "INSERT INTO idx_terms (term, df) VALUES (?, 1) "
        "ON CONFLICT (term) DO UPDATE SET df = df + 1",
        ((t,) for t in set(words(f"{title} {body}"))),
    )


def fts_remove(conn: sqlite3.Connection, doc: int, title: str, body: str) -> None:
    """Remove a document; a contentless table must be given the indexed values back."""
    conn.execute(
        "INSERT INTO idx_fts(idx_fts, rowid, title, body) VALUES ('delete', ?, ?, ?)",
        (doc, title, body),
    )
    conn.executemany(
        "UPDATE idx_terms SET df = df - 1 WHERE term = ?",
        ((t,) for t in set(words(f"{title} {body}"))),
    )


def document_frequencies(conn: sqlite3.Connection, terms: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for i in range(0, len(terms), 500):
        chunk = terms[i : i + 500]
        marks = ",".join("?" * len(chunk))
        sql = f"SELECT term, df FROM idx_terms WHERE term IN ({marks})"
        found.update(conn.execute(sql, chunk))
    return found


def distinctive_terms(
    conn: sqlite3.Connection,
    text: str,
    n_docs: int,
    cfg: RetrieveConfig,
    df: dict[str, int] | None = None,
    limit: int | None = None,
) -> list[str]:
    """The query's ``cfg.bm25_terms`` terms of highest tf x idf that the library holds.

    ``df`` may hold document frequencies already looked up (for the windows of one query);
    ``limit`` overrides ``cfg.bm25_terms``.
    """
    tf = Counter(w for w in words(text) if not w.isdigit() or len(w) >= 3)
    if not tf or n_docs == 0:
        return []
    if df is None:
        df = document_frequencies(conn, list(tf))
    max_df = max(2, min(int(cfg.bm25_max_df * n_docs), cfg.bm25_max_df_docs))
    weighted = [
        (count * math.log(n_docs / df[term]), term)
        for term, count in tf.items()
        if 0 < df.get(term, 0) <= max_df
    ]
    weighted.sort(reverse=True)
    return [term for _, term in weighted[: limit or cfg.bm25_terms]]


def bm25_search(conn: sqlite3.Connection, terms: list[str], limit: int) -> list[tuple[int, float]]:
    """Documents matching any of ``terms``, best BM25 first, as ``(doc, score)``."""
    if not terms:
        return []
    query = " OR ".join('"' + t.replace('"', '""') + '"' for t in terms)
    sql = (
        f"SELECT rowid, -bm25(idx_fts, {TITLE_WEIGHT}, 1.0) FROM idx_fts "
        "WHERE idx_fts MATCH ? ORDER BY rank LIMIT ?"
    )
    return [(doc, float(score)) for doc, score in conn.execute(sql, (query, limit))]
