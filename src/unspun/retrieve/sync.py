"""Keeping the source index in step with the library, and looking after it.

The store keeps the index current as articles are added and removed (``store.attach``);
:func:`sync_index` catches up a library filled or pruned by a tool that did not, and embeds
pending sentence vectors; :func:`drop_index` removes the index so that it can be rebuilt.
"""

from __future__ import annotations

import logging
import sqlite3

from unspun.retrieve.index import SourceIndex
from unspun.store import SqliteStore

log = logging.getLogger(__name__)


def sync_index(store: SqliteStore, index: SourceIndex, vectors: int = 0) -> int:
    """Bring the source index in step with the library; returns how many articles it indexed.

    Libraries filled (or pruned) by a tool that did not keep the index catch up here, in one
    transaction: articles missing from the index are added, entries of removed ones dropped.
    With an embedder, up to ``vectors`` articles still without sentence vectors are embedded.
    """
    index.ensure_schema()
    conn = store.conn
    stale = [
        r[0]
        for r in conn.execute(
            "SELECT article_id FROM idx_docs WHERE article_id NOT IN (SELECT id FROM articles)"
        )
    ]
    missing = [
        r[0]
        for r in conn.execute(
            "SELECT id FROM articles WHERE id NOT IN (SELECT article_id FROM idx_docs)"
        )
    ]
    pending = pending_vectors(index) if index.embedder is not None and vectors > 0 else 0
    if not stale and not missing and not pending:
        return 0
    conn.execute("BEGIN IMMEDIATE")
    try:
        for article_id in stale:
            index.remove(article_id)
        added = index.add_many(store.get(article_id) for article_id in missing)
        embedded = index.index_vectors(limit=vectors) if pending else 0
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
    if added or stale or embedded:
        log.info(
            "%s: source index: %d added, %d dropped, %d embedded",
            store.name,
            added,
            len(stale),
            embedded,
        )
    return added


def pending_vectors(index: SourceIndex) -> int:
    """How many indexed articles still lack sentence vectors."""
    row = index.conn.execute("SELECT count(*) FROM idx_docs WHERE vectors = 0").fetchone()
    return int(row[0])


def drop_index(conn: sqlite3.Connection) -> None:
    """Remove every table of the source index (``unspun index --rebuild`` builds it again)."""
    tables = [
        r[0]
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'idx\\_%' "
            "ESCAPE '\\' AND name NOT LIKE 'idx\\_fts\\_%' ESCAPE '\\'"
        )
    ]
    conn.execute("BEGIN IMMEDIATE")
    try:
        for name in ("idx_fts_vocab", "idx_fts", *tables):
            conn.execute(f'DROP TABLE IF EXISTS "{name}"')
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
