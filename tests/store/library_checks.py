"""What the fault tests ask of a library after a crash, a lock fight or a full disk.

:func:`check_library` opens the file as unspun would and fails the test unless it passes
SQLite's own checks and every article is whole: its row complete, and every index kept
beside it (the source index's documents, shingles, full text and term counts; the per-site
line counts) in step with the articles table, no row more and no row less.
"""

from __future__ import annotations

import json
import os
import random
import sqlite3
import subprocess
import sys
import zlib
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import unspun
from unspun.retrieve.shingles import words
from unspun.store import open_store

SRC = str(Path(unspun.__file__).resolve().parents[1])
_VOCAB = [
    "council",
    "harbour",
    "ferry",
    "budget",
    "school",
    "river",
    "storm",
    "bridge",
    "mayor",
    "police",
    "court",
    "rail",
    "library",
    "hospital",
    "market",
    "election",
    "farmers",
    "museum",
    "festival",
    "strike",
    "tunnel",
    "airport",
    "report",
    "minister",
    "village",
    "factory",
    "water",
    "energy",
    "housing",
    "teachers",
    "nurses",
    "drivers",
]


def write_articles(path: Path, n: int, seed: int = 18, prefix: str = "a") -> dict[str, str]:
    """``n`` small distinct articles as JSONL over six sites, a third of them carrying their
    site's imprint line (so that site boilerplate is recognised while they are added).
    Returns each article's id (``external_id`` once stored) mapped to its title."""
    rng = random.Random(seed)
    titles: dict[str, str] = {}
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            site = f"site{i % 6}.example"
            paras = [
                f"Story {prefix}{i} part {p}: "
                + " ".join(rng.choice(_VOCAB) for _ in range(rng.randint(12, 30)))
                + "."
                for p in range(3)
            ]
            if i % 3 == 0:
                paras.append(f"{site} is published by the Example Media Group of Port Ellis.")
            key = f"{prefix}{i:05d}"
            titles[key] = f"Story {prefix}{i} about {rng.choice(_VOCAB)}"
            row = {
                "id": key,
                "title": titles[key],
                "text": " ### ".join(paras),
                "publisher": site,
                "published": f"2026-0{1 + i % 9}-1{i % 9}",
            }
            out.write(json.dumps(row) + "\n")
    return titles


def unspun_command(db: Path, *args: str) -> list[str]:
    """The ``unspun`` command line run by this interpreter, on library ``db``."""
    return [sys.executable, "-m", "unspun.cli.main", "--db", str(db), *args]


def unspun_env() -> dict[str, str]:
    """The environment of an ``unspun`` subprocess: this checkout's code, no network."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [SRC, env.get("PYTHONPATH")]))
    return env


def run_unspun(db: Path, *args: str, **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        unspun_command(db, *args),
        env=unspun_env(),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        **kwargs,
    )


def committed(db: Path) -> int:
    """Articles committed to the library now (0 before it exists), read as another process."""
    if not db.exists():
        return 0
    try:
        conn = sqlite3.connect(db, timeout=5)
        try:
            return int(conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error:
        return 0  # the schema is being made


def check_library(db: Path, expected: dict[str, str]) -> list[str]:
    """Fail unless the library is sound and holds only whole articles out of ``expected``
    (id -> title), each once. Returns the ids it holds."""
    with open_store(db) as store:
        one = store.conn.execute
        assert one("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert one("PRAGMA foreign_key_check").fetchall() == []
        rows = one("SELECT seq, id, external_id, title, text, paragraphs FROM articles").fetchall()
        held = [r[2] for r in rows]
        assert len(held) == len(set(held)), "an article is stored twice"
        assert set(held) <= set(expected), "an article that was never added"
        for _, _, key, title, text, paragraphs in rows:
            assert title == expected[key], key
            assert text.startswith(title.partition(" about ")[0] + " part 0: "), key
            spans = json.loads(paragraphs)
            assert spans and all(0 <= a < b <= len(text) for a, b, _ in spans), key
        if one("SELECT 1 FROM sqlite_master WHERE name = 'idx_docs'").fetchone() is not None:
            _check_source_index(store.conn, [r[1] for r in rows])
        _check_line_counts(store.conn, [r[0] for r in rows])
    return held


def _check_source_index(conn: sqlite3.Connection, ids: Sequence[str]) -> None:
    """idx_docs holds exactly the stored articles; shingles, full text and term counts
    hold exactly what those documents put there."""
    execute = conn.execute
    docs = dict(execute("SELECT article_id, doc FROM idx_docs").fetchall())
    assert sorted(docs) == sorted(ids), "the source index and the articles differ"
    shingles = dict(execute("SELECT doc, COUNT(*) FROM idx_shingles GROUP BY doc").fetchall())
    sizes = dict(execute("SELECT doc, n_shingles FROM idx_docs WHERE n_shingles > 0").fetchall())
    assert shingles == sizes, "shingle rows out of step with their documents"
    fts = {r[0] for r in execute("SELECT rowid FROM idx_fts")}
    assert fts == set(docs.values()), "full-text rows out of step with the documents"
    execute("INSERT INTO idx_fts(idx_fts) VALUES ('integrity-check')")
    df: Counter[str] = Counter()
    for (blob,) in execute("SELECT text FROM idx_docs"):
        title, _, text = zlib.decompress(blob).decode().partition("\x00")
        df.update(set(words(f"{title} {text}")))
    terms = dict(execute("SELECT term, df FROM idx_terms WHERE df != 0").fetchall())
    assert terms == dict(df), "document frequencies out of step with the documents"


def _check_line_counts(conn: sqlite3.Connection, seqs: Sequence[int]) -> None:
    """Each site's article count is its stored articles; line holders are stored articles."""
    execute = conn.execute
    per_site = dict(execute("SELECT site, COUNT(*) FROM articles GROUP BY site").fetchall())
    counted = dict(execute("SELECT name, n_articles FROM sites WHERE n_articles > 0").fetchall())
    library = counted.pop("*", len(seqs))
    assert counted == per_site and library == len(seqs), "site counts out of step"
    holders = {r[0] for r in execute("SELECT DISTINCT article FROM site_lines")}
    assert holders <= set(seqs), "line counts name an article that is not stored"
