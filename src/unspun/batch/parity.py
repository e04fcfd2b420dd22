"""How a batch output compares with a library built from the same inputs (``add`` + ``stories``).

Reads the batch's Parquet tables with pyarrow (no Spark) and the library's tables, and counts
what differs: the articles kept (ids, clean text), the reuse pairs and their direction
verdicts, the same-event pairs, and the families (as partitions, and by number). The parity
test and the batch benchmark both use it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any


@dataclass(slots=True)
class Parity:
    articles: int = 0  # articles in the batch output
    articles_only_batch: list[str] = field(default_factory=list)
    articles_only_library: list[str] = field(default_factory=list)
    texts_differ: list[str] = field(default_factory=list)  # same id, other clean text
    links: int = 0  # reuse pairs in the batch
    links_only_batch: list[tuple[str, str]] = field(default_factory=list)
    links_only_library: list[tuple[str, str]] = field(default_factory=list)
    verdicts_differ: list[tuple[str, str]] = field(default_factory=list)  # same pair
    events_only_batch: list[tuple[str, str]] = field(default_factory=list)
    events_only_library: list[tuple[str, str]] = field(default_factory=list)
    families: int = 0
    families_differ: list[str] = field(default_factory=list)  # articles in another group
    numbers_differ: list[str] = field(default_factory=list)  # same group, another number

    @property
    def same(self) -> bool:
        return not any(
            getattr(self, name)
            for name in self.__dataclass_fields__
            if name not in ("articles", "links", "families")
        )

    def summary(self) -> dict[str, Any]:
        """Counts, and the first few of each difference."""
        out: dict[str, Any] = {}
        for key, value in asdict(self).items():
            out[key] = value if isinstance(value, int) else {"n": len(value), "some": value[:5]}
        out["same"] = self.same
        return out


def read_table(out: str | Path, table: str, columns: Iterable[str]) -> list[dict[str, Any]]:
    import pyarrow.parquet as pq

    path = Path(out) / table
    if not path.exists():
        return []
    return pq.read_table(path, columns=list(columns)).to_pylist()


def compare(library: str | Path, out: str | Path) -> Parity:
    """What differs between a library (families built) and a batch output folder."""
    conn = sqlite3.connect(f"file:{library}?mode=ro", uri=True)
    try:
        return _compare(conn, Path(out))
    finally:
        conn.close()


def _compare(conn: sqlite3.Connection, out: Path) -> Parity:
    p = Parity()
    batch_articles = {r["id"]: r["text"] for r in read_table(out, "articles", ["id", "text"])}
    local_articles = dict(conn.execute("SELECT id, text FROM articles"))
    p.articles = len(batch_articles)
    p.articles_only_batch = sorted(set(batch_articles) - set(local_articles))
    p.articles_only_library = sorted(set(local_articles) - set(batch_articles))
    p.texts_differ = sorted(
        i
        for i in set(batch_articles) & set(local_articles)
        if batch_articles[i] != local_articles[i]
    )
    pairs = read_table(out, "pairs", ["a", "b", "kind", "verdict"])
    batch_links = {(r["a"], r["b"]): r["verdict"] for r in pairs if r["kind"] == "link"}
    local_links = {(a, b): v for a, b, v in conn.execute("SELECT a, b, verdict FROM fam_links")}
    p.links = len(batch_links)
    p.links_only_batch = sorted(set(batch_links) - set(local_links))
    p.links_only_library = sorted(set(local_links) - set(batch_links))
    p.verdicts_differ = sorted(
        k for k in set(batch_links) & set(local_links) if batch_links[k] != local_links[k]
    )
    batch_events = {(r["a"], r["b"]) for r in pairs if r["kind"] == "event"}
    local_events = set(conn.execute("SELECT a, b FROM fam_events"))
    p.events_only_batch = sorted(batch_events - local_events)
    p.events_only_library = sorted(local_events - batch_events)
    batch_fam = {
        r["article_id"]: r["family"]
        for r in read_table(out, "families", ["article_id", "family", "compiles"])
        if not r["compiles"]
    }
    local_fam = dict(conn.execute("SELECT article_id, family FROM fam_members"))
    p.families = len(set(batch_fam.values()))
    groups_b = _groups(batch_fam)
    groups_l = _groups(local_fam)
    p.families_differ = sorted(
        a for a in set(batch_fam) | set(local_fam) if groups_b.get(a) != groups_l.get(a)
    )
    p.numbers_differ = sorted(
        a
        for a in set(batch_fam) & set(local_fam)
        if a not in p.families_differ and batch_fam[a] != local_fam[a]
    )
    return p


def _groups(family_of: dict[str, int]) -> dict[str, frozenset[str]]:
    members: dict[int, set[str]] = {}
    for article, family in family_of.items():
        members.setdefault(family, set()).add(article)
    return {a: frozenset(members[f]) for a, f in family_of.items()}
