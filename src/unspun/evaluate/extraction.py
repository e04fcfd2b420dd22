"""``unspun eval extraction``: body extraction quality on the article-extraction benchmark.

The benchmark folder holds ``html/<hash>.html.gz`` pages and ``ground-truth.json`` mapping each
hash to ``{"articleBody": ..., "url": ...}``. Scores follow the benchmark's own definition:

* a text becomes its word tokens (``\\w+``, case kept) and then its word 4-gram shingles, counted
  with multiplicity (a text of fewer than four tokens is one shorter shingle);
* per page, true positives, false positives and false negatives over the shingle multisets,
  divided by their sum so every page weighs the same;
* precision is the mean over pages that predicted anything, recall the mean over pages whose
  truth has anything, and F1 the harmonic mean of those two means.
"""

from __future__ import annotations

import json
import logging
import re
import statistics
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from unspun.config import ExtractConfig
from unspun.errors import InputError
from unspun.evaluate.data import require
from unspun.extract.sources import gunzip

log = logging.getLogger(__name__)

SHINGLE_N = 4
_TOKEN = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class PageScore:
    """Normalised true positive, false positive and false negative shares of one page."""

    key: str
    tp: float
    fp: float
    fn: float

    @property
    def precision(self) -> float:
        if self.fp == self.fn == 0:
            return 1.0
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        if self.fp == self.fn == 0:
            return 1.0
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def shingles(text: str, n: int = SHINGLE_N) -> Counter[tuple[str, ...]]:
    """The multiset of word n-gram shingles of ``text`` (one short shingle for short texts)."""
    tokens = _TOKEN.findall(text or "")
    if len(tokens) < n:
        return Counter([tuple(tokens)] if tokens else [])
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def score_page(key: str, truth: str, predicted: str) -> PageScore:
    """Shingle overlap of one prediction with its truth, normalised to sum to 1."""
    want, got = shingles(truth), shingles(predicted)
    tp = sum((want & got).values())
    fp = sum((got - want).values())
    fn = sum((want - got).values())
    total = tp + fp + fn
    if total:
        return PageScore(key, tp / total, fp / total, fn / total)
    return PageScore(key, 0.0, 0.0, 0.0)


def summarize(scores: list[PageScore]) -> dict[str, float]:
    """Mean precision and recall over the pages where each is defined; F1 of the two means."""
    precisions = [s.precision for s in scores if s.tp + s.fp > 0]
    recalls = [s.recall for s in scores if s.tp + s.fn > 0]
    precision = statistics.fmean(precisions) if precisions else 0.0
    recall = statistics.fmean(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


Extractor = Callable[[bytes, str, str], str]


def extract_body(data: bytes, origin: str, url: str) -> str:
    """unspun's own HTML reader: the clean body text of one page."""
    from unspun.extract.html import extract_html

    return extract_html(data, origin=origin, cfg=ExtractConfig(), url=url).text


def evaluate_extraction(
    data_dir: Path, extractor: Extractor = extract_body, *, worst: int = 10
) -> dict[str, Any]:
    """Score ``extractor`` on the benchmark in ``data_dir``; a page it rejects scores empty."""
    truth = json.loads(require(data_dir / "ground-truth.json", "ground truth").read_text("utf-8"))
    html_dir = require(data_dir / "html", "benchmark pages")
    cfg = ExtractConfig()
    scores: list[PageScore] = []
    failed: dict[str, str] = {}
    started = time.perf_counter()
    for key in sorted(truth):
        path = html_dir / f"{key}.html.gz"
        predicted = ""
        try:
            data = gunzip(path.read_bytes(), str(path), cfg)
            predicted = extractor(data, str(path), truth[key].get("url", ""))
        except (InputError, OSError) as exc:
            failed[key] = str(exc)
            log.warning("extraction benchmark: %s", exc)
        scores.append(score_page(key, truth[key].get("articleBody", ""), predicted))
    seconds = time.perf_counter() - started
    result: dict[str, Any] = {"pages": len(scores), **summarize(scores)}
    result["failed"] = failed
    result["pages_per_second"] = round(len(scores) / seconds, 1) if seconds else 0.0
    result["worst"] = [
        {
            "page": s.key,
            "f1": round(s.f1, 3),
            "precision": round(s.precision, 3),
            "recall": round(s.recall, 3),
        }
        for s in sorted(scores, key=lambda s: s.f1)[:worst]
    ]
    return result
