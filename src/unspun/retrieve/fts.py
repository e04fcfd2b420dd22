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
import re
import sqlite3
from collections import Counter

from unspun.retrieve.config import RetrieveConfig
from unspun.retrieve.shingles import words
from unspun.retrieve.vectors import rough_sentences

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
    tf = query_terms(text)
    if not tf or n_docs == 0:
        return []
    if df is None:
        df = document_frequencies(conn, list(tf))
    max_df = query_max_df(cfg, n_docs)
    weighted = [
        (count * math.log(n_docs / df[term]), term)
        for term, count in tf.items()
        if 0 < df.get(term, 0) <= max_df
    ]
    weighted.sort(reverse=True)
    return [term for _, term in weighted[: limit or cfg.bm25_terms]]


def query_max_df(cfg: RetrieveConfig, n_docs: int) -> int:
    """The most library articles a query term may be in (``cfg.bm25_max_df`` of the library,
    at most ``cfg.bm25_max_df_docs``, at least 2): a commoner term says little and its long
    posting list is slow to read."""
    return max(2, min(int(cfg.bm25_max_df * n_docs), cfg.bm25_max_df_docs))


def rarest_terms(tf: Counter[str], df: dict[str, int], max_df: int, limit: int) -> list[str]:
    """The ``limit`` terms of ``tf`` in fewest library articles (at most ``max_df``), the more
    frequent in the query first among equally rare ones."""
    rare = sorted((df[t], -c, t) for t, c in tf.items() if 0 < df.get(t, 0) <= max_df)
    return [t for _, _, t in rare[:limit]]


def query_terms(text: str) -> Counter[str]:
    """The query's words and their counts (numbers of fewer than 3 digits left out)."""
    return Counter(w for w in words(text) if not w.isdigit() or len(w) >= 3)


# A name: capitalised words (two or more), joined by initials ("T.") or a lower-case particle,
# within one paragraph (the gap between two words holds one line break at most).
_GAP = r"(?:[ \t]+\n?[ \t]*|\n[ \t]*)"
_JOIN = rf"(?:{_GAP}(?:[A-Z]\.|of|de|del|da|van|von|bin|al|la|le|du))*"
_NAME = re.compile(rf"\b[A-Z][\w'’-]*{_JOIN}(?:{_GAP}[A-Z][\w'’-]*{_JOIN})+")
_POSSESSIVE = re.compile(r"['’]s\b")
# Capitalised function words that open a sentence are not part of a name.
_OPENERS = frozenset(
    """
    a an and as at but by for from he her his i if in it its on or our she so that the their
    then there these they this those to we when where while with
    """.split()  # noqa: SIM905 (a word list reads better as text)
)


def name_phrases(text: str) -> Counter[str]:
    """The names of two words or more in ``text`` (lower-cased words, as FTS indexes them),
    with their counts; a capitalised function word opening a sentence is left out."""
    found: Counter[str] = Counter()
    for match in _NAME.finditer(text):
        tokens = words(_POSSESSIVE.sub("", match.group(0)))
        while tokens and tokens[0] in _OPENERS:
            tokens = tokens[1:]
        if len(tokens) >= 2:
            found[" ".join(tokens)] += 1
    return found


def rarest_names(names: Counter[str], df: dict[str, int], max_df: int, limit: int) -> list[str]:
    """The ``limit`` names whose rarest word is in fewest library articles, at most ``max_df``
    (a name of common words only, "White House", is slow to search and says little; one
    with a word the library lacks cannot match)."""
    rare = []
    for name, count in names.items():
        least = min(df.get(w, 0) for w in name.split())
        if 0 < least <= max_df:
            rare.append((least, -count, name))
    rare.sort()
    return [n for _, _, n in rare[:limit]]


def bm25_search(conn: sqlite3.Connection, terms: list[str], limit: int) -> list[tuple[int, float]]:
    """Documents matching any of ``terms`` (words, or phrases of words), best BM25 first, as
    ``(doc, score)``."""
    if not terms:
        return []
    query = " OR ".join('"' + t.replace('"', '""') + '"' for t in terms)
    sql = (
        f"SELECT rowid, -bm25(idx_fts, {TITLE_WEIGHT}, 1.0) FROM idx_fts "
        "WHERE idx_fts MATCH ? ORDER BY rank LIMIT ?"
    )
    return [(doc, float(score)) for doc, score in conn.execute(sql, (query, limit))]


def passage_windows(text: str, size: int, most: int) -> list[str]:
    """Windows of whole sentences of about ``size`` words, each starting half a window after
    the last; at most ``most`` of them, evenly spread over the text."""
    sentences = rough_sentences(text, min_words=1)
    lengths = [len(s.split()) for s in sentences]
    windows: list[str] = []
    start = 0
    while start < len(sentences):
        end, n = start, 0
        while end < len(sentences) and n < size:
            n += lengths[end]
            end += 1
        windows.append(" ".join(sentences[start:end]))
        if end >= len(sentences):
            break
        step, n = start, 0
        while step < end - 1 and n < size // 2:
            n += lengths[step]
            step += 1
        start = max(step, start + 1)
    if len(windows) > most:
        keep = sorted({round(i * (len(windows) - 1) / (most - 1)) for i in range(most)})
        windows = [windows[i] for i in keep]
    return windows
