"""``unspun eval pan13``: passage alignment and reuse detection on the PAN 2013 corpus.

The folder holds ``susp/`` and ``src/`` plain-text documents, ``pairs.tsv`` (suspicious,
source, category) and ``truth/<susp>-<src>.xml`` with PAN's character offsets for the
``no-obfuscation`` pairs. Each pair is read with unspun's own text reader and aligned; the
matched sentences become passages (neighbouring pairs merged) in the coordinates of the
decoded input files, and are scored with PAN's character-level measures (Potthast et al.,
"An Evaluation Framework for Plagiarism Detection", 2010):

* precision: mean over detections of the share of their characters (suspicious + source)
  inside a true case they detect; recall: mean over cases of the share of their characters
  detected; granularity: mean number of detections per detected case;
  ``plagdet = F1 / log2(1 + granularity)``;
* ``detected``: per category, the share of pairs the engine judges reuse
  (for ``no-plagiarism`` the false-positive rate).
"""

from __future__ import annotations

import logging
import math
import random
import time
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from unspun.align import AlignConfig, CachedEmbedder, Embedder, align_articles, load_embedder
from unspun.align.passages import shared_stretch
from unspun.config import ExtractConfig
from unspun.errors import InputError, ModelUnavailable
from unspun.evaluate.data import require
from unspun.extract import read_bytes
from unspun.model import Alignment, Article, Label

log = logging.getLogger(__name__)

Interval = tuple[int, int]

# Shorter merged passages are not reported (fit on the no-obfuscation pairs of even-numbered
# suspicious documents: PlagDet 0.891 -> 0.935 there, 0.872 -> 0.908 on the odd ones).
MIN_PASSAGE_CHARS = 200


@dataclass(frozen=True, slots=True)
class Passage:
    """Reused text: a range in the suspicious document and one in the source (file offsets)."""

    susp: Interval
    src: Interval


# -- passages ----------------------------------------------------------------------------


def passages(
    alignment: Alignment,
    copy: Article,
    source: Article,
    max_gap: int = 300,
    min_chars: int = MIN_PASSAGE_CHARS,
) -> list[Passage]:
    """Matched body text as file ranges, neighbours (within ``max_gap`` chars) merged, and
    merged passages shorter than ``min_chars`` in the copy left out.

    Pairs sharing runs of words are trimmed to the stretch from the first run to the last, since
    a copied passage need not start or end on a sentence boundary. A stretch shorter than
    ``min_chars`` (a shared address, heading or stock phrase) is not a reused passage in PAN's
    sense: its shortest case is 256 characters long.
    """
    spans = []
    for pair in alignment.pairs:
        if any(s.field != "body" for s in (*pair.copy, *pair.source)):
            continue
        c0 = copy.origin_offset(pair.copy[0])
        s0 = source.origin_offset(pair.source[0])
        if c0 < 0 or s0 < 0:
            continue
        ctext = copy.text[pair.copy[0].start : pair.copy[-1].end]
        stext = source.text[pair.source[0].start : pair.source[-1].end]
        c1, s1 = c0 + len(ctext), s0 + len(stext)
        stretch = shared_stretch(ctext, stext, min_run=4)
        if stretch and pair.label is not Label.VERBATIM:
            c0, c1, s0, s1 = (c0 + stretch[0], c0 + stretch[1], s0 + stretch[2], s0 + stretch[3])
        spans.append(((c0, c1), (s0, s1)))
    spans.sort()
    merged: list[list[int]] = []
    for (c0, c1), (s0, s1) in spans:
        if merged:
            last = merged[-1]
            if 0 <= c0 - last[1] <= max_gap and -max_gap <= s0 - last[3] <= max_gap:
                last[1] = max(last[1], c1)
                last[2] = min(last[2], s0)
                last[3] = max(last[3], s1)
                continue
        merged.append([c0, c1, s0, s1])
    return [Passage((a, b), (c, d)) for a, b, c, d in merged if b - a >= min_chars]


def read_truth(path: Path) -> list[Passage]:
    root = ET.parse(path).getroot()
    out = []
    for feature in root.iter("feature"):
        if feature.get("name") != "plagiarism":
            continue
        t0, s0 = int(feature.get("this_offset", 0)), int(feature.get("source_offset", 0))
        t1 = t0 + int(feature.get("this_length", 0))
        s1 = s0 + int(feature.get("source_length", 0))
        out.append(Passage((t0, t1), (s0, s1)))
    return out


# -- PAN's measures ----------------------------------------------------------------------


def _overlap(a: Interval, b: Interval) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _union_length(intervals: Iterable[Interval]) -> int:
    total, end = 0, -1
    for a, b in sorted(intervals):
        if b <= end:
            continue
        total += b - max(a, end)
        end = b
    return total


def _clip(items: Iterable[Interval], to: Interval) -> list[Interval]:
    return [(max(a, to[0]), min(b, to[1])) for a, b in items if min(b, to[1]) > max(a, to[0])]


def _detects(r: Passage, s: Passage) -> bool:
    return _overlap(r.susp, s.susp) > 0 and _overlap(r.src, s.src) > 0


def _size(p: Passage) -> int:
    return (p.susp[1] - p.susp[0]) + (p.src[1] - p.src[0])


def plagdet(cases: list[list[Passage]], detections: list[list[Passage]]) -> dict[str, float]:
    """PAN's precision, recall, granularity and PlagDet; one list of each per document pair."""
    prec, rec, gran = [], [], []
    for truth, found in zip(cases, detections, strict=True):
        for r in found:
            hits = [s for s in truth if _detects(r, s)]
            covered = _union_length(_clip((s.susp for s in hits), r.susp)) + _union_length(
                _clip((s.src for s in hits), r.src)
            )
            prec.append(covered / _size(r) if _size(r) else 0.0)
        for s in truth:
            hits = [r for r in found if _detects(r, s)]
            covered = _union_length(_clip((r.susp for r in hits), s.susp)) + _union_length(
                _clip((r.src for r in hits), s.src)
            )
            rec.append(covered / _size(s) if _size(s) else 0.0)
            if hits:
                gran.append(len(hits))
    precision = sum(prec) / len(prec) if prec else 0.0
    recall = sum(rec) / len(rec) if rec else 0.0
    granularity = sum(gran) / len(gran) if gran else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": precision,
        "recall": recall,
        "granularity": granularity,
        "plagdet": f1 / math.log2(1 + granularity),
    }


# -- the run -----------------------------------------------------------------------------


def read_pairs(data_dir: Path) -> list[tuple[str, str, str]]:
    lines = require(data_dir / "pairs.tsv", "PAN pairs.tsv").read_text("utf-8").splitlines()
    return [tuple(line.split("\t")[:3]) for line in lines if line.count("\t") >= 2]  # type: ignore[misc]


def read_document(path: Path) -> Article:
    return read_bytes(
        require(path, "PAN document").read_bytes(), str(path), ExtractConfig(), fmt="text"
    )


def evaluate_pan13(
    data_dir: Path,
    cfg: AlignConfig | None = None,
    *,
    limit: int | None = None,
    seed: int = 13,
    embedder: Embedder | None = None,
    use_model: bool = True,
) -> dict[str, Any]:
    """Align every pair (or a seeded sample of ``limit`` per category) and score it."""
    cfg = cfg or AlignConfig()
    pairs = sample_pairs(read_pairs(data_dir), limit, seed)
    if embedder is None and use_model:
        try:
            embedder = load_embedder(cfg)
        except ModelUnavailable as exc:
            log.warning("pan13: lexical evidence only (%s)", exc)
    cached = CachedEmbedder(embedder) if embedder is not None else None
    docs: dict[str, Article] = {}
    started = time.perf_counter()
    reuse: dict[str, list[bool]] = defaultdict(list)
    cases: list[list[Passage]] = []
    found: list[list[Passage]] = []
    failed: dict[str, str] = {}
    for susp_name, src_name, category in pairs:
        try:
            copy = _doc(docs, data_dir / "susp" / susp_name)
            source = _doc(docs, data_dir / "src" / src_name)
        except InputError as exc:
            failed[f"{susp_name}|{src_name}"] = str(exc)
            reuse[category].append(False)
            continue
        alignment = align_articles(copy, source, cfg, cached)
        reuse[category].append(alignment.summary.reuse)
        truth_path = data_dir / "truth" / f"{Path(susp_name).stem}-{Path(src_name).stem}.xml"
        if category == "no-obfuscation" and truth_path.exists():
            cases.append(read_truth(truth_path))
            found.append(passages(alignment, copy, source))
    seconds = time.perf_counter() - started
    result: dict[str, Any] = {"pairs": len(pairs), "scored_pairs": len(cases)}
    result.update({k: round(v, 4) for k, v in plagdet(cases, found).items()})
    result["detected"] = {k: round(sum(v) / len(v), 4) for k, v in sorted(reuse.items())}
    result["model"] = embedder.name if embedder is not None else None
    result["seconds"] = round(seconds, 1)
    result["failed"] = failed
    if limit:
        result["sample"] = {"per_category": limit, "seed": seed}
    return result


def sample_pairs(
    pairs: list[tuple[str, str, str]], limit: int | None, seed: int
) -> list[tuple[str, str, str]]:
    """All pairs, or a seeded sample of ``limit`` pairs per category (file order kept)."""
    if not limit:
        return pairs
    by_category: dict[str, list[int]] = defaultdict(list)
    for k, (_, _, category) in enumerate(pairs):
        by_category[category].append(k)
    rng = random.Random(seed)
    keep = set()
    for indices in by_category.values():
        keep.update(rng.sample(indices, min(limit, len(indices))))
    return [p for k, p in enumerate(pairs) if k in keep]


def _doc(docs: dict[str, Article], path: Path) -> Article:
    key = str(path)
    if key not in docs:
        docs[key] = read_document(path)
    return docs[key]
