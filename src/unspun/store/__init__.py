"""Store stage: the library of articles on disk (SQLite), with cross-article boilerplate."""

from unspun.store.sqlite import AddSummary, ArticleIndex, ArticleRow, SqliteStore, open_store

__all__ = ["AddSummary", "ArticleIndex", "ArticleRow", "SqliteStore", "open_store"]
