"""The ``check`` key of ``unspun eval seeds``: 001 checked against a library holding 000
among every Helsinki and PAN13 document (3,500 distractors, many on politics and summits).

* ``rank``: where 000 comes in the sources ``check`` returns (1 = first; None: not found);
* ``ok``: 000 ranked first and reported as reused;
* ``kind`` and ``verdict``: the answer in words; ``share``: the share of 001 000 explains.

The library is cached like the retrieval evaluation's (see :mod:`unspun.evaluate.retrieval`).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from unspun.config import ExtractConfig
from unspun.errors import InputError
from unspun.evaluate.data import require
from unspun.evaluate.retrieval import cached_library
from unspun.evaluate.seeds_alignment import read_seed
from unspun.extract import read_inputs
from unspun.model import Article, Rejected
from unspun.pipeline import CheckConfig, CheckResources, check_article, load_resources
from unspun.retrieve.index import SourceIndex
from unspun.store import open_store

log = logging.getLogger(__name__)


def library_inputs(seeds_dir: Path, news_csv: Path, pan13: Path) -> tuple[list[Path], Any]:
    """The data files (for the cache key) and a function yielding the named articles."""
    seed = next(iter(sorted(seeds_dir.glob("000_*.txt"))), seeds_dir / "000")
    require(pan13 / "src", "PAN13 source documents")
    pan_files = sorted((pan13 / "src").glob("*.txt")) + sorted((pan13 / "susp").glob("*.txt"))
    files = [require(seed, "seed document 000"), require(news_csv, "Helsinki CSV"), *pan_files]

    def inputs() -> Iterable[tuple[str, Article | Rejected]]:
        yield "000", read_seed(seeds_dir, "000")
        for item in read_inputs([str(news_csv)], ExtractConfig()):
            yield item.origin, item
        for item in read_inputs([str(p) for p in pan_files], ExtractConfig()):
            yield item.origin, item

    return files, inputs


def check_seed_check(
    seeds_dir: Path,
    shared: Path | None = None,
    cfg: CheckConfig | None = None,
    resources: CheckResources | None = None,
    folder: Path | None = None,
) -> dict[str, Any]:
    cfg = cfg or CheckConfig()
    resources = resources or load_resources(cfg)
    shared = shared or seeds_dir.parent
    try:
        files, inputs = library_inputs(
            seeds_dir, shared / "news" / "helsinki_articles.csv", shared / "pan13"
        )
    except InputError as exc:  # the distractors are missing: say so, score nothing
        return {"ok": None, "skipped": str(exc)}
    library = cached_library("seeds-check", inputs, files, cfg, resources, folder)
    copy = read_seed(seeds_dir, "001")
    target = library.ids["000"]
    with open_store(library.path, create=False) as store:
        index = SourceIndex(store.conn, cfg.retrieve, resources.embedder)
        started = time.perf_counter()
        result = check_article(copy, store, index, resources, cfg)
        seconds = time.perf_counter() - started
        size = store.count()
    ranking = result.ranking()
    rank = ranking.index(target) + 1 if target in ranking else None
    match = next((m for m in result.sources if m.source.id == target), None)
    # gold.json: both derive from one AP story, and 000 is a republication cut short
    provenance = match.provenance if match is not None else None
    truthful = (
        provenance is not None
        and provenance.source == "AP"
        and provenance.cut_short == target
        and "AP story" in result.verdict
        and "cut short" in result.verdict
    )
    return {
        "ok": rank == 1 and match is not None and match.reuse and truthful,
        "verdict_names_the_wire_story": truthful,
        "rank": rank,
        "role": match.role if match else None,
        "share": round(match.share, 4) if match else None,
        "kind": result.kind,
        "verdict": result.verdict,
        "library_articles": size,
        "model": resources.model,
        "seconds": round(seconds, 3),
    }
