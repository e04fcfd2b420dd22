"""Fixtures of the batch tests: a Spark session (skipped without Java or PySpark) and a small
corpus made here from the demo articles, with a site's furniture and a bad input in it."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

DEMO = Path(__file__).parents[2] / "src" / "unspun" / "demo"
FURNITURE = (
    "Subscribe to the Harbor Ledger for unlimited access from $1 a week.",
    "Copyright 2026 Harbor Ledger Media. All rights reserved.",
)


@pytest.fixture(scope="session")
def spark() -> Iterator[Any]:
    pytest.importorskip("pyspark", reason="PySpark is not installed (pip install 'unspun[batch]')")
    from unspun.batch.spark import java_problem, session

    if (problem := java_problem()) is not None:
        pytest.skip(problem)
    logging.getLogger("py4j").setLevel(logging.WARNING)
    spark = session("local[2]", [("spark.sql.shuffle.partitions", "4")])
    spark.sparkContext.setLogLevel("ERROR")
    yield spark
    spark.stop()


@pytest.fixture(scope="session")
def small_corpus(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """The demo articles as text files; one site's four different stories as JSONL, each
    with the site's furniture; an empty file and a binary file (two rejected inputs)."""
    folder = tmp_path_factory.mktemp("corpus")
    texts = sorted(DEMO.glob("*.txt"))
    stories = (
        "ap_heat_wave",
        "brewery_rail_depot",
        "fairmont_library_budget",
        "robotics_state_title",
    )
    rows = []
    for k, path in enumerate(DEMO / f"{name}.txt" for name in stories):
        paragraphs = path.read_text().strip().split("\n\n")
        body = "\n\n".join([*paragraphs[1:6], *FURNITURE])
        rows.append({"id": f"ledger-{k}", "title": paragraphs[0][:120], "text": body,
                     "site": "harborledger.example", "date": f"2026-03-0{k + 1}"})  # fmt: skip
    (folder / "ledger.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    demo = folder / "demo"
    demo.mkdir()
    for path in texts:
        (demo / path.name).write_text(path.read_text())
    (folder / "empty.txt").write_text("")
    (folder / "noise.html").write_bytes(bytes(range(256)) * 4)
    return [str(demo), str(folder / "ledger.jsonl"), str(folder / "empty.txt"),
            str(folder / "noise.html")]  # fmt: skip
