"""Opening library files: new, current, foreign, newer, not SQLite at all."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from unspun.errors import SchemaError, StoreError
from unspun.store import open_store, schema


def test_new_file_is_created_at_the_current_version_in_wal_mode(tmp_path: Path) -> None:
    path = tmp_path / "lib.db"
    with open_store(path) as store:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == schema.VERSION
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == schema.APPLICATION_ID
    conn.close()


def test_reopening_keeps_the_articles(tmp_path: Path, full_article) -> None:
    path = tmp_path / "lib.db"
    with open_store(path) as store:
        assert store.add(full_article)
    with open_store(path) as store:
        assert store.get(full_article.id) == full_article


def test_not_sqlite_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("these are my notes, not a database\n" * 100)
    with pytest.raises(SchemaError, match="not an unspun library"):
        open_store(path)
    assert path.read_text().startswith("these are my notes")


def test_foreign_sqlite_file_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE recipes (name TEXT)")
    conn.commit()
    conn.close()
    with pytest.raises(SchemaError, match="recipes"):
        open_store(path)
    conn = sqlite3.connect(path)
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    conn.close()
    assert tables == ["recipes"]


def test_newer_library_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    open_store(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {schema.VERSION + 1}")
    conn.close()
    with pytest.raises(SchemaError, match="newer"):
        open_store(path)


def test_migrations_run_in_order_each_in_one_transaction(monkeypatch, tmp_path: Path) -> None:
    seen: list[int] = []

    def v2(conn: sqlite3.Connection) -> None:
        seen.append(2)
        conn.execute("CREATE TABLE extra (x INTEGER)")

    def v3_fails(conn: sqlite3.Connection) -> None:
        conn.execute("CREATE TABLE half_done (x INTEGER)")
        raise RuntimeError("migration bug")

    path = tmp_path / "lib.db"
    open_store(path).close()
    monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS, v2, v3_fails])
    monkeypatch.setattr(schema, "VERSION", 3)
    with pytest.raises(RuntimeError, match="migration bug"):
        open_store(path)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 2
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    conn.close()
    assert "extra" in names and "half_done" not in names
    assert seen == [2]


def test_missing_library_is_not_created_when_reading(tmp_path: Path) -> None:
    path = tmp_path / "none.db"
    with pytest.raises(StoreError, match="no library"):
        open_store(path, create=False)
    assert not path.exists()


def test_missing_folder_is_reported(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="does not exist"):
        open_store(tmp_path / "nope" / "lib.db")
