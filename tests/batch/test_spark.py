"""The batch on Spark (local[2]) against the library built from the same inputs: the same
articles, reuse pairs, direction verdicts, families and check verdicts; identical tables from
two runs; bad inputs counted with their reasons; a stopped run resumed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from unspun.batch.parity import compare, read_table
from unspun.batch.records import BatchConfig
from unspun.config import ExtractConfig
from unspun.extract.sources import read_inputs
from unspun.provenance.families import FamilyConfig, sync_families
from unspun.retrieve.config import RetrieveConfig
from unspun.retrieve.index import SourceIndex
from unspun.store import SqliteStore, open_store

pytestmark = pytest.mark.spark

TABLES = ("articles", "pairs", "families", "verdicts", "sources", "alignments", "changes",
          "rejected")  # fmt: skip


def run_batch(
    spark: Any, inputs: list[str], out: Path, stop_after: str | None = None, parts: int = 2000
) -> Any:
    from unspun.batch.spark import BatchRun

    cfg = BatchConfig(model=False, lines_per_part=parts)
    return BatchRun(spark, inputs, out, cfg).run(stop_after)


def library(inputs: list[str], path: Path) -> SqliteStore:
    """What `unspun add INPUTS` then `unspun stories` build."""
    store = open_store(path)
    index = SourceIndex(store.conn, RetrieveConfig())
    index.ensure_schema()
    store.attach(index)
    store.add_many(read_inputs(inputs, ExtractConfig()))
    sync_families(store, SourceIndex(store.conn, RetrieveConfig()), FamilyConfig())
    return store


@pytest.fixture(scope="module")
def small_run(
    spark: Any, small_corpus: list[str], tmp_path_factory: pytest.TempPathFactory
) -> Path:
    out = tmp_path_factory.mktemp("batch") / "out"
    run_batch(spark, small_corpus, out)
    return out


@pytest.fixture(scope="module")
def small_library(small_corpus: list[str], tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("lib") / "lib.db"
    library(small_corpus, path).close()
    return path


def test_same_as_the_library(small_run: Path, small_library: Path) -> None:
    parity = compare(small_library, small_run)
    assert parity.same, parity.summary()
    assert parity.links >= 4  # the ferry story's copies are linked
    assert parity.articles == 12  # 13 read; one page is another's text once cleaned


def test_site_furniture_learnt_as_the_library_learns_it(small_run: Path) -> None:
    rows = read_table(small_run, "articles", ["origin", "text", "boilerplate"])
    ledger = [r for r in rows if "ledger.jsonl" in r["origin"]]
    assert len(ledger) == 4
    for row in ledger:
        assert "Harbor Ledger" not in row["text"]
        assert any("Harbor Ledger" in line for line in row["boilerplate"])


def test_bad_inputs_counted_with_their_reason(small_run: Path) -> None:
    rejected = read_table(small_run, "rejected", ["origin", "reason", "stage"])
    origins = {Path(r["origin"]).name: r for r in rejected}
    assert {"empty.txt", "noise.html"} <= set(origins)
    assert all(r["reason"] and r["stage"] == "read" for r in origins.values())


def test_verdict_as_check_gives_it(small_run: Path, small_library: Path) -> None:
    from unspun.pipeline import CheckConfig, check_article, load_resources

    verdicts = {r["id"]: r for r in read_table(small_run, "verdicts", ["id", "kind", "verdict"])}
    store = open_store(small_library)
    try:
        spun = next(a for a in store.iter_articles() if "trendpulse" in a.origin)
        cfg = CheckConfig()
        result = check_article(
            spun, store, SourceIndex(store.conn, RetrieveConfig()),
            load_resources(cfg, use_model=False), cfg,
        )  # fmt: skip
    finally:
        store.close()
    assert result.kind != "original"
    assert (verdicts[spun.id]["kind"], verdicts[spun.id]["verdict"]) == (
        result.kind,
        result.verdict,
    )


def test_two_runs_write_the_same_tables(spark: Any, small_corpus: list[str], small_run: Path,
                                        tmp_path: Path) -> None:  # fmt: skip
    again = tmp_path / "again"
    run_batch(spark, small_corpus, again)
    for table in TABLES:
        first = _rows(small_run / table)
        assert first == _rows(again / table), table


def test_a_stopped_run_goes_on(spark: Any, small_corpus: list[str], tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = run_batch(spark, small_corpus, out, stop_after="candidates")
    assert [s.name for s in first.stages] == ["read", "articles", "candidates"]
    second = run_batch(spark, small_corpus, out, stop_after="pairs")
    assert [(s.name, s.skipped) for s in second.stages] == [
        ("read", True), ("articles", True), ("candidates", True), ("pairs", False)
    ]  # fmt: skip


def test_import_gives_a_library_with_the_batch_families(small_run: Path, tmp_path: Path) -> None:
    from unspun.batch.load import import_batch
    from unspun.provenance.stories import family_ids, load_family

    store = open_store(tmp_path / "imported.db")
    index = SourceIndex(store.conn, RetrieveConfig())
    index.ensure_schema()
    store.attach(index)
    summary = import_batch(store, small_run)
    store.close()
    assert (summary.added, summary.failed) == (12, 0)
    assert compare(tmp_path / "imported.db", small_run).same
    store = open_store(tmp_path / "imported.db")
    try:
        biggest = load_family(store, family_ids(store.conn)[0])
    finally:
        store.close()
    batch = [r for r in read_table(small_run, "families", ["family", "article_id", "relation"])
             if r["family"] == biggest.id]  # fmt: skip
    assert len(biggest.members) >= 3
    assert sorted((m.article_id, m.relation) for m in biggest.members) == sorted(
        (r["article_id"], r["relation"]) for r in batch
    )


def test_same_as_the_library_on_a_synth_corpus(spark: Any, shared_data: Path,
                                               tmp_path: Path) -> None:  # fmt: skip
    from unspun.evaluate.synth import SynthConfig, load_pool, write_corpus

    write_corpus(tmp_path / "synth", SynthConfig(articles=500, seed=1), load_pool(shared_data))
    inputs = [str(tmp_path / "synth" / "articles.jsonl")]
    library(inputs, tmp_path / "lib.db").close()
    run_batch(spark, inputs, tmp_path / "out", stop_after="families", parts=120)  # 5 readers
    parity = compare(tmp_path / "lib.db", tmp_path / "out")
    assert parity.same, parity.summary()
    assert parity.links > 300


def _rows(path: Path) -> list[dict[str, Any]]:
    import pyarrow.parquet as pq

    return pq.read_table(path).to_pylist() if path.exists() else []


def test_inputs_behind_a_uri_read_as_local_files(
    spark: Any, small_corpus: list[str], small_run: Path, tmp_path: Path
) -> None:
    """A ``file://`` URI goes through Spark's own file reading (as ``s3a://`` or ``hdfs://``
    would), then through the same readers: the same articles, origins naming the URI."""
    import pyarrow.parquet as pq

    run_batch(spark, [Path(p).as_uri() for p in small_corpus], tmp_path / "out", "articles")
    local = pq.read_table(small_run / "articles").to_pylist()
    remote = pq.read_table(tmp_path / "out" / "articles").to_pylist()
    assert sorted(r["id"] for r in remote) == sorted(r["id"] for r in local)
    assert all(r["origin"].startswith("file:") for r in remote)
    rejected = pq.read_table(tmp_path / "out" / "rejected").to_pylist()
    assert {Path(r["origin"].split(":", 1)[1]).name for r in rejected} >= {"empty.txt"}
