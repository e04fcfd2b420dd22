"""``unspun eval families``: story families and direction of reuse on a synth corpus.

The corpus (``unspun synth``: ``articles.jsonl`` and ``truth.jsonl``) is added to a fresh
library, the families are built (:func:`unspun.provenance.families.sync_families`), and:

* ``precision`` / ``recall``: pairwise family membership at the reuse layer. A pair of
  articles is predicted together when they share a family, truly together when ``truth``
  gives them the same ``family`` (the root their text derives from);
* ``direction_accuracy``: over every planted copy whose parent is in the library, the share
  for which :func:`unspun.provenance.direction.infer_direction` says the copy derives from
  its parent. Where both credit one news agency, "both run that agency's story" is also right
  when the parent credits it and is the one dated first: the synth parent is then that wire
  story's first run. ``direction_strict`` counts only "the copy derives from its parent"
  (nearly all it misses are copies of a parent carrying an agency dateline, which the copy
  keeps: "both run the AP story" is the verdict the seeds ask for there);
  ``direction_by_kind`` and ``direction_strict_by_kind`` break both down by the kind of copy,
  ``direction_verdicts`` counts the verdicts. A pair the families
  linked is scored on the verdict stored with its link (the same inference on the same
  alignment, made while the families were built); any other pair is aligned here;
* ``event_precision`` / ``event_recall``: the same, at the loosest layer: families joined by
  their same-event links against truth's ``event`` (independent reports included);
* ``family_seconds`` and ``family_cpu_seconds`` (building the families, the source index
  included when it is built here), ``articles_per_second`` and ``articles_per_cpu_second``
  (the machine is often shared: CPU time is the steadier figure), and ``peak_memory_mb``
  (the process's peak resident memory). ``-v`` logs the pace of a long build.

:func:`score_library` does the building and scoring on a library that already holds the
corpus (a large one is slow to add: adding and building can then be timed apart).
"""

from __future__ import annotations

import logging
import resource
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from unspun.align import AlignConfig, align_articles
from unspun.config import ExtractConfig, StoreConfig
from unspun.errors import NotFound
from unspun.evaluate.data import require
from unspun.evaluate.synth import SynthConfig, load_pool, read_truth, write_corpus
from unspun.extract.sources import read_inputs
from unspun.model import Article
from unspun.provenance.direction import dated_first, infer_direction
from unspun.provenance.families import FamilyConfig, sync_families
from unspun.provenance.records import Direction, Relation
from unspun.retrieve.index import SourceIndex
from unspun.store import SqliteStore, open_store

log = logging.getLogger(__name__)


def make_corpus(out_dir: Path, size: int, data: Path, seed: int = 0) -> Path:
    """Write a synth corpus of ``size`` articles from the real sentences under ``data``."""
    write_corpus(out_dir, SynthConfig(articles=size, seed=seed), load_pool(data))
    return out_dir


def evaluate_families(
    corpus: Path, cfg: FamilyConfig | None = None, direction_limit: int | None = None
) -> dict[str, Any]:
    """Score family membership and direction on a synth corpus folder."""
    articles = require(corpus / "articles.jsonl", "synth articles")
    with tempfile.TemporaryDirectory(prefix="unspun-families-") as tmp:
        store = open_store(Path(tmp) / "lib.db", StoreConfig())
        try:
            started = time.perf_counter()
            added = store.add_many(read_inputs([str(articles)], ExtractConfig()))
            add_seconds = time.perf_counter() - started
            result = score_library(store, corpus, cfg, direction_limit)
        finally:
            store.close()
    return {
        "corpus": str(corpus),
        "failed": len(added.failed),
        "add_seconds": round(add_seconds, 1),
        **result,
    }


def score_library(
    store: SqliteStore,
    corpus: Path,
    cfg: FamilyConfig | None = None,
    direction_limit: int | None = None,
) -> dict[str, Any]:
    """Build the families of a library holding the synth corpus (from scratch) and score them."""
    cfg = cfg or FamilyConfig()
    truth = {str(r["id"]): r for r in read_truth(require(corpus / "truth.jsonl", "synth truth"))}
    started = time.perf_counter()
    cpu = time.process_time()
    sync_families(store, SourceIndex(store.conn), cfg, rebuild=True, progress=_Progress(started))
    family_seconds = time.perf_counter() - started
    family_cpu = time.process_time() - cpu
    ids = dict(store.conn.execute("SELECT external_id, id FROM articles"))
    predicted = dict(store.conn.execute("SELECT article_id, family FROM fam_members"))
    pairs = _pairwise(truth, ids, predicted)
    events = _event_groups(store, predicted)
    event_truth = {e: {"family": r.get("event", r["family"])} for e, r in truth.items()}
    event_pairs = _pairwise(event_truth, ids, events)
    direction = _directions(store, truth, ids, cfg, direction_limit)
    return {
        "articles": len(ids),
        **pairs,
        "event_precision": event_pairs["precision"],
        "event_recall": event_pairs["recall"],
        **direction,
        "family_seconds": round(family_seconds, 1),
        "family_cpu_seconds": round(family_cpu, 1),
        "articles_per_second": round(len(ids) / family_seconds, 1) if family_seconds else 0.0,
        "articles_per_cpu_second": round(len(ids) / family_cpu, 1) if family_cpu else 0.0,
        "peak_memory_mb": round(_peak_mb(), 1),
    }


class _Progress:
    """Logs the pace of a long family build now and then (``-v`` shows it)."""

    def __init__(self, started: float) -> None:
        self.started, self.cpu, self.told = started, time.process_time(), 0.0

    def __call__(self, done: int, total: int) -> None:
        now = time.perf_counter()
        if now - self.told < 60 and done < total:
            return
        self.told = now
        log.info(
            "families: %d/%d placed, %.0f s, %.0f CPU s, peak %.0f MB",
            done, total, now - self.started, time.process_time() - self.cpu, _peak_mb(),
        )  # fmt: skip


def _pairwise(
    truth: dict[str, dict[str, Any]], ids: dict[str, str], predicted: dict[str, int]
) -> dict[str, Any]:
    """Pairwise precision and recall of family membership (pairs counted by cell sizes)."""
    cells: Counter[tuple[int, str]] = Counter()
    pred_sizes: Counter[int] = Counter()
    true_sizes: Counter[str] = Counter()
    for ext, row in truth.items():
        article_id = ids.get(ext)
        if article_id is None or article_id not in predicted:
            continue
        fam, true_fam = predicted[article_id], str(row["family"])
        cells[(fam, true_fam)] += 1
        pred_sizes[fam] += 1
        true_sizes[true_fam] += 1

    def pairs(counts: Counter[Any]) -> int:
        return sum(n * (n - 1) // 2 for n in counts.values())

    both, pred, true = pairs(cells), pairs(pred_sizes), pairs(true_sizes)
    return {
        "precision": round(both / pred, 4) if pred else 1.0,
        "recall": round(both / true, 4) if true else 1.0,
        "predicted_pairs": pred,
        "true_pairs": true,
        "families_predicted": sum(1 for n in pred_sizes.values() if n > 1),
        "families_true": sum(1 for n in true_sizes.values() if n > 1),
    }


def _event_groups(store: SqliteStore, predicted: dict[str, int]) -> dict[str, int]:
    """The same-event layer: families joined by their same-event links (union-find)."""
    parent = {f: f for f in set(predicted.values())}

    def root(f: int) -> int:
        while parent[f] != f:
            parent[f] = parent[parent[f]]
            f = parent[f]
        return f

    for a, b in store.conn.execute("SELECT a, b FROM fam_events"):
        if a in predicted and b in predicted:
            parent[root(predicted[a])] = root(predicted[b])
    return {article: root(f) for article, f in predicted.items()}


def _directions(
    store: SqliteStore,
    truth: dict[str, dict[str, Any]],
    ids: dict[str, str],
    cfg: FamilyConfig,
    limit: int | None,
) -> dict[str, Any]:
    align_cfg = AlignConfig(model="none")
    right: Counter[str] = Counter()
    strict: Counter[str] = Counter()
    total: Counter[str] = Counter()
    verdicts: dict[str, Counter[str]] = defaultdict(Counter)
    rows = [r for r in truth.values() if r.get("parent")]
    stored = 0
    for row in rows[:limit] if limit is not None else rows:
        child_id, parent_id = ids.get(str(row["id"])), ids.get(str(row["parent"]))
        if child_id is None or parent_id is None:
            continue
        try:
            child, parent = store.get(child_id), store.get(parent_id)
        except NotFound:
            continue
        found = _stored(store, child, parent, cfg)
        if found is None:
            alignment = align_articles(child, parent, align_cfg, None)
            found = infer_direction(child, parent, alignment, cfg.direction)
        else:
            stored += 1
        kind = str(row.get("kind", ""))
        total[kind] += 1
        strict[kind] += found.relation == Relation.A_FROM_B
        right[kind] += _right(found, parent)
        verdicts[kind][found.relation.value] += 1
    n = sum(total.values())
    return {
        "direction_accuracy": round(sum(right.values()) / n, 4) if n else 0.0,
        "direction_strict": round(sum(strict.values()) / n, 4) if n else 0.0,
        "direction_pairs": n,
        "direction_from_links": stored,
        "direction_by_kind": {k: round(right[k] / total[k], 4) for k in sorted(total)},
        "direction_strict_by_kind": {k: round(strict[k] / total[k], 4) for k in sorted(total)},
        "direction_verdicts": {k: dict(v) for k, v in sorted(verdicts.items())},
    }


_FLIP = {Relation.A_FROM_B: Relation.B_FROM_A, Relation.B_FROM_A: Relation.A_FROM_B}


def _stored(
    store: SqliteStore, child: Article, parent: Article, cfg: FamilyConfig
) -> Direction | None:
    """The verdict the families stored with their link of ``child`` and ``parent``, if any."""
    for a, b in ((child.id, parent.id), (parent.id, child.id)):
        row = store.conn.execute(
            "SELECT relation, confidence, source, cut_short, earlier, verdict, reasons "
            "FROM fam_links WHERE a = ? AND b = ?",
            (a, b),
        ).fetchone()
        if row is None:
            continue
        relation = Relation(row[0])
        if a != child.id:
            relation = _FLIP.get(relation, relation)
        return Direction(
            child.id, parent.id, relation, float(row[1]), tuple(str(row[6]).split("\n")),
            str(row[5]), source=str(row[2]), cut_short=str(row[3]), earlier_version=str(row[4]),
            first=dated_first(child, parent, cfg.direction),
        )  # fmt: skip
    return None


def _right(found: Direction, parent: Article) -> bool:
    """The copy derives from its parent; or both run one wire story that the parent credits,
    and the parent is the one dated first (the synth parent is that wire story's first run)."""
    if found.relation == Relation.A_FROM_B:
        return True
    return (
        found.relation == Relation.COMMON_SOURCE
        and bool(found.source)
        and found.source in parent.wire
        and found.first == parent.id
    )


def _peak_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def evaluate_event_pairs(corpus: Path, use_model: bool = True) -> dict[str, Any]:
    """The reuse decision on a synth corpus, pair by pair: each independent report of an
    event against the event's original (never reuse), each paraphrased copy against its
    parent (always reuse), compared shorter against longer as `unspun compare` does."""
    from unspun.align import load_embedder
    from unspun.pipeline.compare import CompareConfig, compare_articles

    truth = {str(r["id"]): r for r in read_truth(require(corpus / "truth.jsonl", "synth truth"))}
    articles = {
        a.external_id: a
        for a in read_inputs([str(corpus / "articles.jsonl")], ExtractConfig())
        if isinstance(a, Article)
    }
    embedder = load_embedder(AlignConfig()) if use_model else None
    outcomes: dict[str, Counter[str]] = defaultdict(Counter)
    for tid, row in truth.items():
        key = {"independent": "event", "paraphrased": "parent"}.get(str(row["kind"]))
        other = row.get(key) if key else None
        if other is None or tid not in articles or str(other) not in articles:
            continue
        a, b = articles[tid], articles[str(other)]
        copy, source = (a, b) if len(a.text) <= len(b.text) else (b, a)
        summary = compare_articles(copy, source, CompareConfig(), embedder).alignment.summary
        outcomes[str(row["kind"])][summary.outcome] += 1
    return {
        kind: {"pairs": sum(c.values()), "judged_reuse": round(c["reuse"] / sum(c.values()), 4),
               "outcomes": dict(c)}
        for kind, c in outcomes.items()
    }  # fmt: skip
