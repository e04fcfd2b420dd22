"""``unspun eval retrieval``: ``check`` on PAN 2013, every suspicious document against a
library of all the source documents.

* ``recall_at_5``: per reuse category, the share of (suspicious, source) pairs whose source is
  among the first 5 of the ranking ``check`` returns. A suspicious document of PAN13 often
  reuses several sources (up to 13): its other true sources ranked ahead of one are not
  mistakes, so the rank counted is the *filtered* rank (as in link-prediction evaluation):
  left out are the document's other listed sources, and the unlisted ones that string
  matching proves (see :data:`EVIDENT`: this data is a half-sample of PAN13's pairs, so
  about half of a document's sources are not listed). ``recall_at_5_listed`` leaves out the
  listed ones only, ``recall_at_5_raw`` nothing; ``ceiling_at_5_raw`` is the best that plain
  ranks allow (a document with 8 listed sources cannot have all 8 in a top 5).
* ``recall_at_5_forgiving``: the filtered rank with, also left out, every candidate that
  ``check`` itself reports as reused: an upper bound, which trusts check's judgement of
  reuse (its false alarms on clean documents are ``1 - clean_share``). The gap between it and
  ``recall_at_5`` is mostly unlisted obfuscated sources, which string matching cannot prove.
* ``misses``: each pair not in the filtered top 5: its rank (None: not in the ranking) and
  what check made of each document ranked ahead of it (``source``, ``duplicate``,
  ``related``, ``unaligned``); ``clean_flagged``: the sources reported on clean documents,
  each marked ``evident`` when string matching proves it (see :data:`EVIDENT`).
* ``detected``: per category, the share of pairs whose source ``check`` reports as reused
  (a ``source`` or ``duplicate``, not merely ``related``).
* ``unlisted``: per category, the sources pairs.tsv does not list: ``reported`` (reported as
  reused by ``check``), ``evident`` (proven by string matching, see :data:`EVIDENT`) and
  ``reported_evident`` (both). Where the reuse is verbatim, string matching checks check's
  judgement of the unlisted sources that the forgiving rank trusts.
* ``clean_share``: the share of ``no-plagiarism`` suspicious documents for which no source is
  reported as reused. ``clean_share_filtered`` does not count a reported source that string
  matching proves (:data:`EVIDENT`): a no-plagiarism pair says the listed source was not
  reused, and some of these documents are near-copies of *another* source document.

The library is built once per data set, settings and code version, and cached (SQLite files
under ``$UNSPUN_CACHE``, else ``~/.cache/unspun``), so that a second run costs only the checks.
"""

from __future__ import annotations

import hashlib
import logging
import random
import statistics
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from unspun.align import CachedEmbedder
from unspun.config import StoreConfig
from unspun.errors import InputError
from unspun.evaluate.data import require
from unspun.evaluate.pan13 import read_document, read_pairs
from unspun.model import Article, Rejected
from unspun.pipeline import CheckConfig, CheckResources, check_article, load_resources
from unspun.retrieve.index import SCHEMA_VERSION, SourceIndex
from unspun.retrieve.static import cache_dir
from unspun.store import SqliteStore, open_store

log = logging.getLogger(__name__)

LIBRARY_VERSION = "1"  # bump when what a cached evaluation library holds changes
TOP = 5
# PAN13 here is a half-sample of the pairs: a suspicious document keeps all the passages it
# reuses, but pairs.tsv lists only about half of its sources. An unlisted source that shares
# this many word 5-grams with the document is a source beyond doubt (no-plagiarism documents:
# the most any source shares with one is 2 at the median, 20 at the 90th percentile), and is
# not counted against the listed ones ranked after it. Obfuscated unlisted sources share
# fewer and still count against: the figure is a lower bound.
EVIDENT = 50


@dataclass(frozen=True, slots=True)
class Library:
    """An evaluation library on disk, and the ids its inputs got (input name -> article id)."""

    path: Path
    ids: dict[str, str]


def cached_library(
    name: str,
    inputs: Callable[[], Iterable[tuple[str, Article | Rejected]]],
    fingerprint: Iterable[Path],
    cfg: CheckConfig,
    resources: CheckResources,
    folder: Path | None = None,
) -> Library:
    """The library of ``inputs`` (named articles), built once and kept under ``folder``.

    ``fingerprint`` lists the data files: their names, sizes and modification times, with
    the index settings, the model and :data:`LIBRARY_VERSION`, make the cache key.
    """
    key = hashlib.sha256()
    for path in sorted(fingerprint):
        st = path.stat()
        key.update(f"{path.resolve()}|{st.st_size}|{st.st_mtime_ns}\n".encode())
    key.update(f"{cfg.retrieve.index_key()}|{SCHEMA_VERSION}|{resources.model}|".encode())
    key.update(LIBRARY_VERSION.encode())
    folder = folder or cache_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}-{key.hexdigest()[:12]}.db"
    ids_path = path.with_suffix(".ids")
    if path.exists() and ids_path.exists():
        lines = ids_path.read_text("utf-8").splitlines()
        return Library(path, dict(line.split("\t", 1) for line in lines if "\t" in line))
    started = time.perf_counter()
    partial = path.with_suffix(".building.db")
    for leftover in folder.glob(partial.name + "*"):
        leftover.unlink()
    ids = build_library(partial, inputs(), cfg, resources)
    for suffix in ("-wal", "-shm"):
        Path(str(partial) + suffix).unlink(missing_ok=True)
    partial.replace(path)
    ids_path.write_text("".join(f"{k}\t{v}\n" for k, v in ids.items()), "utf-8")
    log.info("%s: built in %.0f s (%d articles)", path, time.perf_counter() - started, len(ids))
    return Library(path, ids)


def build_library(
    path: Path,
    inputs: Iterable[tuple[str, Article | Rejected]],
    cfg: CheckConfig,
    resources: CheckResources,
) -> dict[str, str]:
    """Add every input to a new library at ``path``, index it, embed its vectors."""
    ids: dict[str, str] = {}

    def named() -> Iterable[Article | Rejected]:
        for name, item in inputs:
            if isinstance(item, Article):
                ids[name] = item.id
            yield item

    with open_store(path, StoreConfig(path=str(path))) as store:
        index = SourceIndex(store.conn, cfg.retrieve, resources.embedder)
        index.ensure_schema()
        store.attach(index)
        summary = store.add_many(named())
        if summary.failed:
            log.warning("%s: %d inputs failed", path, len(summary.failed))
        while True:
            store.conn.execute("BEGIN IMMEDIATE")
            n = index.index_vectors(limit=512)
            store.conn.execute("COMMIT")
            if n == 0:
                break
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return ids


def pan13_library(
    data_dir: Path, cfg: CheckConfig, resources: CheckResources, folder: Path | None = None
) -> Library:
    """Every PAN13 source document, in a cached library."""
    sources = sorted(require(data_dir / "src", "PAN source documents").glob("*.txt"))

    def inputs() -> Iterable[tuple[str, Article | Rejected]]:
        for path in sources:
            yield path.name, read_document(path)

    return cached_library("pan13-src", inputs, sources, cfg, resources, folder)


def evaluate_retrieval(
    data_dir: Path,
    cfg: CheckConfig | None = None,
    *,
    limit: int | None = None,
    seed: int = 13,
    use_model: bool = True,
    folder: Path | None = None,
    categories: Iterable[str] | None = None,
) -> dict[str, Any]:
    """Check every suspicious document (or ``limit`` per category, or those of
    ``categories`` only) against the library."""
    cfg = cfg or CheckConfig()
    resources = load_resources(cfg, use_model)
    if resources.embedder is not None:
        resources = CheckResources(CachedEmbedder(resources.embedder), resources.nlp)
    started = time.perf_counter()
    library = pan13_library(data_dir, cfg, resources, folder)
    built = time.perf_counter() - started
    queries = susp_queries(read_pairs(data_dir), limit, seed)
    if categories is not None:
        wanted = set(categories)
        known = {q[1] for q in queries}
        if unknown := sorted(wanted - known):
            raise InputError(
                str(data_dir / "pairs.tsv"),
                f"no category {', '.join(unknown)} (it has {', '.join(sorted(known))})",
            )
        queries = [q for q in queries if q[1] in wanted]
    found_filtered: dict[str, list[bool]] = defaultdict(list)
    found_listed: dict[str, list[bool]] = defaultdict(list)
    found_raw: dict[str, list[bool]] = defaultdict(list)
    ceiling: dict[str, list[bool]] = defaultdict(list)
    detected: dict[str, list[bool]] = defaultdict(list)
    forgiving: dict[str, list[bool]] = defaultdict(list)
    unlisted: dict[str, dict[str, int]] = defaultdict(
        lambda: {"reported": 0, "evident": 0, "reported_evident": 0}
    )
    misses: list[dict[str, Any]] = []
    flagged: list[dict[str, Any]] = []
    clean: list[bool] = []
    clean_filtered: list[bool] = []
    timings: list[float] = []
    names = {article_id: name for name, article_id in library.ids.items()}
    with open_store(library.path, create=False) as store:
        index = SourceIndex(store.conn, cfg.retrieve, resources.embedder)
        for susp, category, sources in queries:
            article = read_document(data_dir / "susp" / susp)
            t0 = time.perf_counter()
            result = check_article(article, store, index, resources, cfg)
            timings.append(time.perf_counter() - t0)
            if category == "no-plagiarism":
                reused_ids = [m.source.id for m in result.sources if m.reuse]
                proven = evident_sources(article, reused_ids, store)
                clean.append(not reused_ids)
                clean_filtered.append(not set(reused_ids) - proven)
                flagged += [
                    {
                        "susp": susp,
                        "source": names.get(m.source.id, m.source.id),
                        "role": m.role,
                        "share": round(m.share, 3),
                        "evident": m.source.id in proven,
                    }
                    for m in result.sources
                    if m.reuse
                ]
                continue
            truth = {library.ids.get(s, f"missing:{s}") for s in sources}
            ranking = result.ranking()
            evident = evident_sources(article, ranking, store) - truth
            reused = {m.source.id for m in result.sources if m.reuse}
            counts = unlisted[category]
            counts["reported"] += len(reused - truth)
            counts["evident"] += len(evident)
            counts["reported_evident"] += len((reused - truth) & evident)
            for k, source in enumerate(sorted(sources)):
                target = library.ids.get(source, "")
                others = truth - {target}
                listed = [a for a in ranking if a not in others]
                filtered = [a for a in listed if a not in evident]
                hit = target in filtered[:TOP]
                found_filtered[category].append(hit)
                # ... and the candidates check itself reports as reused left out too
                lenient = [a for a in filtered if a == target or a not in reused]
                forgiving[category].append(target in lenient[:TOP])
                if not hit:
                    at = filtered.index(target) if target in filtered else TOP
                    role = {m.source.id: m.role for m in result.sources}
                    misses.append(
                        {
                            "susp": susp,
                            "source": source,
                            "category": category,
                            "rank": at + 1 if target in filtered else None,
                            "ahead": [role.get(a, "unaligned") for a in filtered[:at]],
                        }
                    )
                found_listed[category].append(target in listed[:TOP])
                found_raw[category].append(target in ranking[:TOP])
                ceiling[category].append(k < TOP)
                detected[category].append(target in reused)
    return {
        "recall_at_5": _shares(found_filtered),
        "clean_share": round(sum(clean) / len(clean), 4) if clean else None,
        "clean_share_filtered": (
            round(sum(clean_filtered) / len(clean_filtered), 4) if clean_filtered else None
        ),
        "detected": _shares(detected),
        "recall_at_5_listed": _shares(found_listed),
        "recall_at_5_raw": _shares(found_raw),
        "ceiling_at_5_raw": _shares(ceiling),
        "recall_at_5_forgiving": _shares(forgiving),
        "unlisted": dict(sorted(unlisted.items())),
        "pairs": {c: len(v) for c, v in sorted(found_filtered.items())},
        "clean_documents": len(clean),
        "check_ms": _percentiles(timings),
        "model": resources.model,
        "align_top": cfg.align_top,
        "library_seconds": round(built, 1),
        "misses": misses,
        "clean_flagged": flagged,
        **({"sample": {"per_category": limit, "seed": seed}} if limit else {}),
        **({"categories": sorted(categories)} if categories is not None else {}),
    }


def evident_sources(
    article: Article, ranking: list[str], store: object, n: int = 5, floor: int = EVIDENT
) -> set[str]:
    """Ranked library articles that share ``floor`` word ``n``-grams or more with ``article``:
    sources of it by plain string matching, whether pairs.tsv lists them or not."""
    from unspun.retrieve.shingles import shingle_hashes

    assert isinstance(store, SqliteStore)
    query = set(shingle_hashes(f"{article.title}\n\n{article.text}", n).tolist())
    found = set()
    for article_id in ranking:
        other = store.get(article_id)
        hashes = set(shingle_hashes(f"{other.title}\n\n{other.text}", n).tolist())
        if len(query & hashes) >= floor:
            found.add(article_id)
    return found


def susp_queries(
    pairs: list[tuple[str, str, str]], limit: int | None, seed: int
) -> list[tuple[str, str, list[str]]]:
    """One query per suspicious document: (name, category, its sources); ``limit`` per
    category, a seeded sample, when given."""
    by_doc: dict[tuple[str, str], list[str]] = defaultdict(list)
    for susp, src, category in pairs:
        by_doc[(susp, category)].append(src)
    queries = [(s, c, sorted(v)) for (s, c), v in sorted(by_doc.items())]
    if not limit:
        return queries
    rng = random.Random(seed)
    by_category: dict[str, list[int]] = defaultdict(list)
    for k, (_, category, _) in enumerate(queries):
        by_category[category].append(k)
    keep: set[int] = set()
    for indices in by_category.values():
        keep.update(rng.sample(indices, min(limit, len(indices))))
    return [q for k, q in enumerate(queries) if k in keep]


def _shares(values: dict[str, list[bool]]) -> dict[str, float]:
    return {c: round(sum(v) / len(v), 4) for c, v in sorted(values.items()) if v}


def _percentiles(seconds: list[float]) -> dict[str, float]:
    if not seconds:
        return {}
    ms = sorted(1000 * s for s in seconds)
    p95 = ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))]
    return {"p50": round(statistics.median(ms), 1), "p95": round(p95, 1)}


# -- Helsinki: wire republications -------------------------------------------------------

WIRES = ("AP", "Reuters")


def helsinki_library(
    news_csv: Path, cfg: CheckConfig, resources: CheckResources, folder: Path | None = None
) -> Library:
    """Every Helsinki article, in a cached library."""
    from unspun.config import ExtractConfig
    from unspun.extract import read_inputs

    require(news_csv, "Helsinki CSV")

    def inputs() -> Iterable[tuple[str, Article | Rejected]]:
        for item in read_inputs([str(news_csv)], ExtractConfig()):
            yield item.origin, item

    return cached_library("helsinki", inputs, [news_csv], cfg, resources, folder)


def copies_by_shingles(
    articles: list[Article], n: int = 5, min_overlap: float = 0.5
) -> dict[str, set[str]]:
    """For each article, the others that share ``min_overlap`` of the smaller one's word
    ``n``-grams: copies (whole, cut short or extended) of the same story, found by brute force
    over every pair, independently of the source index and the aligner."""
    from unspun.retrieve.shingles import shingle_hashes

    sets = {a.id: set(shingle_hashes(f"{a.title}\n\n{a.text}", n).tolist()) for a in articles}
    owners: dict[int, list[str]] = defaultdict(list)
    for article_id, hashes in sets.items():
        for h in hashes:
            owners[h].append(article_id)
    copies: dict[str, set[str]] = {a.id: set() for a in articles}
    for article_id, hashes in sets.items():
        shared: dict[str, int] = defaultdict(int)
        for h in hashes:
            for other in owners[h]:
                if other != article_id:
                    shared[other] += 1
        for other, count in shared.items():
            smaller = min(len(hashes), len(sets[other])) or 1
            if count / smaller >= min_overlap:
                copies[article_id].add(other)
    return copies


def evaluate_wire(
    news_csv: Path,
    cfg: CheckConfig | None = None,
    *,
    use_model: bool = True,
    folder: Path | None = None,
) -> dict[str, Any]:
    """Each AP- or Reuters-credited Helsinki article that has another copy in the corpus,
    checked against all the others: is the first source another copy of the same story?

    A copy is an article sharing half the word 5-grams of the smaller of the two
    (:func:`copies_by_shingles`). ``top1``: the share of such articles whose first source is
    one of their copies; ``top1_reused``: ... and is reported as reused; ``without_copy``:
    credited articles with no copy in the corpus (left out: they have nothing to find).
    """
    cfg = cfg or CheckConfig()
    resources = load_resources(cfg, use_model)
    if resources.embedder is not None:
        resources = CheckResources(CachedEmbedder(resources.embedder), resources.nlp)
    library = helsinki_library(news_csv, cfg, resources, folder)
    hits: dict[str, list[bool]] = defaultdict(list)
    reused: dict[str, list[bool]] = defaultdict(list)
    misses: list[dict[str, str]] = []
    without_copy = 0
    timings: list[float] = []
    with open_store(library.path, create=False) as store:
        articles = list(store.iter_articles())
        copies = copies_by_shingles(articles)
        index = SourceIndex(store.conn, cfg.retrieve, resources.embedder)
        for article in articles:
            wire = next((w for w in article.wire if w in WIRES), None)
            if wire is None:
                continue
            if not copies[article.id]:
                without_copy += 1
                continue
            t0 = time.perf_counter()
            result = check_article(article, store, index, resources, cfg)
            timings.append(time.perf_counter() - t0)
            first = result.sources[0] if result.sources else None
            ok = first is not None and first.source.id in copies[article.id]
            hits[wire].append(ok)
            reused[wire].append(ok and first is not None and first.reuse)
            if not ok:
                misses.append(
                    {
                        "id": article.id,
                        "site": article.site,
                        "title": article.title[:80],
                        "first": first.source.id if first else "",
                    }
                )
    every = [x for v in hits.values() for x in v]
    every_reused = [x for v in reused.values() for x in v]
    return {
        "top1": round(sum(every) / len(every), 4) if every else None,
        "top1_reused": round(sum(every_reused) / len(every_reused), 4) if every else None,
        "by_wire": _shares(hits),
        "checked": {w: len(v) for w, v in sorted(hits.items())},
        "without_copy": without_copy,
        "misses": misses,
        "check_ms": _percentiles(timings),
        "model": resources.model,
    }
