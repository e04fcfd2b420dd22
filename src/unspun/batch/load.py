"""``unspun import DIR``: a batch output loaded into a library, so ``check``, ``stories`` and
``serve`` work on it. Reads Parquet with pyarrow; needs no Spark.

The articles are added in the batch's order (``seq``) through the store, with the source index
beside them, exactly as ``unspun add`` adds them. The story families the batch found are
written as the library keeps them (members, links, same-event links, compilations), so
``unspun stories`` shows them without placing a single article again. Into a library that
already holds articles, only the articles are added and the families are placed again
(``stories`` does it), since the batch did not see what the library held.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from unspun.batch.records import article_of
from unspun.errors import InputError
from unspun.model import Article
from unspun.provenance import families as fam
from unspun.store import SqliteStore

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ImportSummary:
    added: int
    present: int
    failed: int
    families: int  # families written (0: left to be placed by `stories`)
    links: int


def check_output(out: Path) -> None:
    """Raise InputError unless ``out`` is a finished batch output of a schema this reads."""
    from unspun.batch.spark import SCHEMA_VERSION

    meta = out / "_unspun_batch.json"
    if not meta.exists():
        raise InputError(str(out), "not an unspun batch output (no _unspun_batch.json)")
    version = json.loads(meta.read_text()).get("schema_version")
    if version != SCHEMA_VERSION:
        raise InputError(
            str(out), f"batch schema version {version}, this unspun reads {SCHEMA_VERSION}"
        )
    if not (out / "articles").exists():
        raise InputError(str(out), "the batch did not get as far as its articles table")


def import_batch(
    store: SqliteStore, out: Path, progress: Callable[[int], None] | None = None
) -> ImportSummary:
    """Add a batch's articles to ``store`` (source index attached by the caller), and its
    families when the library was empty."""
    check_output(out)
    empty = store.count() == 0
    summary = store.add_many(_articles(out, progress))
    families = links = 0
    if empty and (out / "families").exists() and not summary.failed:
        families, links = _write_families(store, out)
    return ImportSummary(summary.added, summary.present, len(summary.failed), families, links)


def _articles(out: Path, progress: Callable[[int], None] | None) -> Iterator[Article]:
    for done, row in enumerate(_rows(out / "articles", ["seq", "record"]), start=1):
        yield article_of(row)
        if progress is not None and done % 500 == 0:
            progress(done)


def _rows(path: Path, columns: list[str]) -> Iterator[dict[str, Any]]:
    """The rows of a batch table, in ``seq`` order when ``seq`` is asked for, a thousand at a
    time: a table Spark wrote sorted (its files in name order hold increasing ``seq``) is
    streamed file by file, so a million-article import never holds the table in memory."""
    import pyarrow.parquet as pq

    files = sorted(path.glob("*.parquet")) if path.is_dir() else [path]
    if "seq" in columns and not _in_seq_order(files):
        table = pq.read_table(path, columns=columns).sort_by("seq")
        for batch in table.to_batches(max_chunksize=1000):
            yield from batch.to_pylist()
        return
    for file in files:
        for batch in pq.ParquetFile(file).iter_batches(batch_size=1000, columns=columns):
            yield from batch.to_pylist()


def _in_seq_order(files: list[Path]) -> bool:
    """Whether the files, read one after another, give increasing ``seq`` (only that column
    is read: 8 bytes an article)."""
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    last = None
    for file in files:
        seq = pq.read_table(file, columns=["seq"]).column("seq")
        if len(seq) == 0:
            continue
        if last is not None and seq[0].as_py() < last:
            return False
        if len(seq) > 1 and not pc.all(pc.greater_equal(seq[1:], seq[:-1])).as_py():
            return False
        last = seq[-1].as_py()
    return True


def _write_families(store: SqliteStore, out: Path) -> tuple[int, int]:
    conn = store.conn
    conn.execute("BEGIN IMMEDIATE")
    try:
        fam.ensure_schema(conn)
        for table in fam.TABLES:
            conn.execute(f"DELETE FROM {table}")
        seqs = {r["id"]: r["seq"] for r in _rows(out / "articles", ["seq", "id"])}
        rows = list(_rows(out / "families", ["family", "article_id", "compiles"]))
        conn.executemany(
            "INSERT INTO fam_members VALUES (?, ?, ?)",
            [
                (r["article_id"], r["family"], seqs[r["article_id"]])
                for r in rows
                if not r["compiles"]
            ],
        )
        conn.executemany(
            "INSERT OR IGNORE INTO fam_compiles VALUES (?, ?)",
            [(r["article_id"], r["family"]) for r in rows if r["compiles"]],
        )
        links = 0
        for p in _rows(out / "pairs", _PAIR_COLUMNS):  # streamed: pairs outnumber articles
            if p["kind"] == "link":
                conn.execute(
                    "INSERT OR REPLACE INTO fam_links VALUES "
                    "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    _link_values(p),
                )
                links += 1
            elif p["kind"] == "event":
                conn.execute(
                    "INSERT OR REPLACE INTO fam_events VALUES (?, ?, ?)",
                    (p["a"], p["b"], p["share_a"]),
                )
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
    return len({r["family"] for r in rows}), links


_PAIR_COLUMNS = [
    "a", "b", "kind", "share_a", "share_b", "verbatim", "relation", "confidence", "source",
    "cut_short", "earlier", "verdict", "reasons", "a_lo", "a_hi", "b_lo", "b_hi",
]  # fmt: skip


def _link_values(p: dict[str, Any]) -> tuple[Any, ...]:
    return (
        p["a"], p["b"], p["share_a"], p["share_b"], p["verbatim"], p["relation"],
        p["confidence"], p["source"], p["cut_short"], p["earlier"], p["verdict"],
        "\n".join(p["reasons"] or []), p["a_lo"], p["a_hi"], p["b_lo"], p["b_hi"],
    )  # fmt: skip
