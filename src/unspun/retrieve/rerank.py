"""Keeping the source index in step with the library, for callers below the pipeline.

:func:`sync_index` is what :mod:`unspun.provenance` (and anything else under the pipeline
layer) calls before reading the index; :func:`unspun.pipeline.sync_index` does the same and
also embeds pending sentence vectors. The ranking of sources that once lived here is now
:func:`unspun.pipeline.check_article`.
"""

from __future__ import annotations

import logging

from unspun.retrieve.index import SourceIndex
from unspun.store import SqliteStore

log = logging.getLogger(__name__)


def sync_index(store: SqliteStore, index: SourceIndex) -> int:
    """Bring the source index in step with the library; returns how many articles it indexed.

    Libraries filled (or pruned) by a tool that does not keep the index catch up here, in one
    transaction: articles missing from the index are added, entries of removed ones dropped.
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
    if not stale and not missing:
        return 0
    conn.execute("BEGIN IMMEDIATE")
    try:
        for article_id in stale:
            index.remove(article_id)
        added = index.add_many(store.get(article_id) for article_id in missing)
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
    log.info("%s: source index: %d added, %d dropped", store.name, added, len(stale))
    return added
