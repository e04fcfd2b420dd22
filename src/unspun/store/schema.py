"""The library file's schema, its version, and the migrations that bring an old file up to date.

The version lives in ``PRAGMA user_version``; ``PRAGMA application_id`` marks the file as an
unspun library, so a foreign SQLite file is refused instead of being written into. Migration
``n`` (``MIGRATIONS[n - 1]``) takes a file from version ``n - 1`` to ``n``; each runs in its own
transaction, so a file is either at the old version or the new one, never between.

Tables that refer to an article key it by ``articles.seq`` (an AUTOINCREMENT key, never
reused). Later stages keep their indexes beside these tables (shingles, FTS5, vectors, story
families): either by appending a migration here, or, for an index that versions itself, with
its own prefixed tables, kept in step through :class:`unspun.store.sqlite.ArticleIndex`.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable

from unspun.errors import SchemaError

log = logging.getLogger(__name__)

APPLICATION_ID = 0x756E7370  # "unsp"


def _v1(conn: sqlite3.Connection) -> None:
    _run_script(
        conn,
        """
        CREATE TABLE sites (
            site_id    INTEGER PRIMARY KEY,
            name       TEXT NOT NULL UNIQUE,
            n_articles INTEGER NOT NULL DEFAULT 0
        );

        -- One row per article. Nested records are JSON arrays (see SqliteStore._row).
        CREATE TABLE articles (
            seq          INTEGER PRIMARY KEY AUTOINCREMENT,  -- the key other tables refer to
            id           TEXT NOT NULL UNIQUE,  -- Article.id: the content hash it was added under
            clean_id     TEXT NOT NULL,         -- content hash after site boilerplate removal
            raw_hash     TEXT NOT NULL,
            site_id      INTEGER REFERENCES sites(site_id),
            site         TEXT NOT NULL,
            url          TEXT NOT NULL,
            title        TEXT NOT NULL,
            byline       TEXT NOT NULL,
            published    TEXT NOT NULL,
            date         TEXT NOT NULL,          -- published, else fetched: the listing order
            fetched      TEXT NOT NULL,
            language     TEXT NOT NULL,
            format       TEXT NOT NULL,
            origin       TEXT NOT NULL,
            external_id  TEXT NOT NULL,
            title_origin INTEGER NOT NULL,
            text         TEXT NOT NULL,
            paragraphs   TEXT NOT NULL,          -- [[start, end, origin], ...]
            captions     TEXT NOT NULL,          -- [[text, origin], ...]
            credits      TEXT NOT NULL,          -- [[agency, evidence, where], ...]
            boilerplate  TEXT NOT NULL,          -- [line, ...]
            wire         TEXT NOT NULL,          -- "AP,Reuters": agencies, for listing
            words        INTEGER NOT NULL,
            sketch       BLOB,                   -- sampled word 5-grams, made when needed
            added        TEXT NOT NULL
        );
        CREATE INDEX articles_site_date ON articles(site, date);
        CREATE INDEX articles_date ON articles(date);
        CREATE INDEX articles_raw_hash ON articles(raw_hash) WHERE raw_hash != '';
        CREATE INDEX articles_clean_id ON articles(clean_id);

        -- Other inputs that gave an article already in the library (another site running the
        -- identical text, the same page fetched again): kept for provenance.
        CREATE TABLE sightings (
            seq         INTEGER NOT NULL,
            site        TEXT NOT NULL,
            url         TEXT NOT NULL,
            origin      TEXT NOT NULL,
            external_id TEXT NOT NULL,
            published   TEXT NOT NULL,
            fetched     TEXT NOT NULL,
            PRIMARY KEY (seq, site, url, origin)
        ) WITHOUT ROWID;

        -- Cross-article boilerplate: how many articles of a site hold each paragraph (by a
        -- 64-bit hash of its normalised text), and which distinct stories among them.
        CREATE TABLE line_stats (
            site_id INTEGER NOT NULL,
            line    INTEGER NOT NULL,
            n       INTEGER NOT NULL,
            reps    TEXT NOT NULL DEFAULT '',   -- seqs of holders that are different stories
            since   INTEGER NOT NULL DEFAULT 0, -- articles the site had before the line appeared
            PRIMARY KEY (site_id, line)
        ) WITHOUT ROWID;
        CREATE TABLE site_lines (
            site_id INTEGER NOT NULL,
            line    INTEGER NOT NULL,
            article INTEGER NOT NULL,
            PRIMARY KEY (site_id, line, article)
        ) WITHOUT ROWID;
        CREATE INDEX site_lines_article ON site_lines(article);
        CREATE TABLE site_boilerplate (
            site_id  INTEGER NOT NULL,
            line     INTEGER NOT NULL,
            text     TEXT NOT NULL,
            articles INTEGER NOT NULL,           -- holders when it was recognised
            detected TEXT NOT NULL,
            PRIMARY KEY (site_id, line)
        ) WITHOUT ROWID;
        """,
    )


def _run_script(conn: sqlite3.Connection, script: str) -> None:
    # Not executescript(): it commits first, and a migration must stay one transaction.
    for statement in script.split(";"):
        if statement.strip():
            conn.execute(statement)


MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [_v1]
VERSION = len(MIGRATIONS)


def check(conn: sqlite3.Connection, name: str) -> int:
    """The schema version of an unspun library (0 for an empty file).

    Raises SchemaError for a file that is not SQLite, a foreign SQLite file, or a library
    written by a newer unspun.
    """
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    except sqlite3.DatabaseError as exc:
        raise SchemaError(f"{name}: not an unspun library ({exc})") from exc
    if app_id != APPLICATION_ID and (app_id != 0 or version != 0 or tables):
        listed = ", ".join(tables[:5]) or "none"
        raise SchemaError(
            f"{name}: an SQLite file, but not an unspun library (tables: {listed}); "
            "choose another file with --db"
        )
    if version > VERSION:
        raise SchemaError(
            f"{name}: library schema version {version} is newer than this unspun supports "
            f"({VERSION}); upgrade unspun to open it"
        )
    return int(version)


def migrate(conn: sqlite3.Connection, name: str) -> int:
    """Bring the library up to :data:`VERSION`, one migration per transaction."""
    for target in range(check(conn, name) + 1, VERSION + 1):
        _migrate(conn, target, name)
    return VERSION


def _migrate(conn: sqlite3.Connection, target: int, name: str) -> None:
    log.info("%s: migrating the library schema to version %d", name, target)
    conn.execute("BEGIN IMMEDIATE")
    try:
        MIGRATIONS[target - 1](conn)
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.execute(f"PRAGMA user_version = {target}")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
