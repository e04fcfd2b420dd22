"""The ``alignment`` key of ``unspun eval seeds``: the seed pair's alignment against gold.json.

* ``correct`` / ``total``: gold pairs (copy sentence ← source sentences) the engine found with
  exactly the gold source sentences;
* ``false_matches``: body pairs of the engine that the gold does not hold (a copy sentence the
  gold leaves unmatched, or one aligned to other source sentences);
* ``headline``: what the copy's headline paired with (the source's ``title``, its ``lede``, a
  ``caption``, another body sentence, or nothing); ``headline_ok`` when title or lede;
* ``unmatched_new``: of the copy sentences the gold says have no source, how many the engine
  reports new; ``boilerplate_aligned``: aligned sentences that are gold boilerplate lines.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from unspun.align import AlignConfig, align_articles, load_embedder, split_sentences
from unspun.align.features import normalize
from unspun.config import ExtractConfig
from unspun.errors import ModelUnavailable
from unspun.evaluate.data import require
from unspun.extract import read_bytes
from unspun.model import Alignment, Article, Span

log = logging.getLogger(__name__)


def read_seed(seeds_dir: Path, prefix: str) -> Article:
    path = require(
        next(iter(sorted(seeds_dir.glob(f"{prefix}_*.txt"))), seeds_dir / prefix),
        f"seed document {prefix}",
    )
    return read_bytes(path.read_bytes(), str(path), ExtractConfig(), fmt="text")


@dataclass(frozen=True, slots=True)
class SeedPair:
    """The seed copy (001) aligned with its source (000), as each seeds key starts."""

    source: Article
    copy: Article
    alignment: Alignment
    model: str | None  # the sentence model used; None: lexical evidence only
    seconds: float  # the alignment alone, model load excluded


def align_seeds(seeds_dir: Path, cfg: AlignConfig) -> SeedPair:
    """Read both seeds and align 001 with 000 (lexically when the model is missing)."""
    source, copy = read_seed(seeds_dir, "000"), read_seed(seeds_dir, "001")
    try:
        embedder = load_embedder(cfg)
    except ModelUnavailable as exc:
        log.warning("seeds: aligning on lexical evidence only (%s)", exc)
        embedder = None
    started = time.perf_counter()
    alignment = align_articles(copy, source, cfg, embedder)
    seconds = time.perf_counter() - started
    return SeedPair(source, copy, alignment, embedder.name if embedder else None, seconds)


def check_alignment(
    seeds_dir: Path,
    gold: dict[str, Any],
    cfg: AlignConfig | None = None,
    pair: SeedPair | None = None,
) -> dict[str, Any]:
    """``pair``: the seeds already aligned (:func:`align_seeds`), to align them only once."""
    pair = pair or align_seeds(seeds_dir, cfg or AlignConfig())
    result = score_alignment(pair.alignment, pair.copy, pair.source, gold)
    result["model"] = pair.model
    result["seconds"] = round(pair.seconds, 3)
    return result


def _text(article: Article, spans: tuple[Span, ...]) -> str:
    return " ".join(article.field_text(s.field, s.index)[s.start : s.end] for s in spans)


def score_alignment(
    alignment: Alignment, copy: Article, source: Article, gold: dict[str, Any]
) -> dict[str, Any]:
    """Compare an alignment of the seed pair with the gold pairs."""
    expected = {
        normalize(p["copy"]): tuple(normalize(s) for s in p["source"]) for p in gold["alignment"]
    }
    found: dict[str, tuple[str, ...]] = {}
    headline = "none"
    for pair in alignment.pairs:
        if pair.copy[0].field == "title":
            headline = _headline_partner(pair.source[0], source)
            continue
        found[normalize(_text(copy, pair.copy))] = tuple(
            normalize(_text(source, (s,))) for s in pair.source
        )
    correct = sum(1 for c, s in expected.items() if found.get(c) == s)
    false = [c for c, s in found.items() if expected.get(c) != s]
    boiler = _boilerplate_lines(gold)
    aligned_texts = [_text(copy, p.copy) for p in alignment.pairs] + [
        _text(source, p.source) for p in alignment.pairs
    ]
    new_texts = {normalize(_text(copy, (s,))) for s in alignment.new}
    unmatched = _gold_unmatched(copy, alignment, gold)
    return {
        "correct": correct,
        "total": len(expected),
        "false_matches": len(false),
        "false_match_sentences": false,
        "headline": headline,
        "headline_ok": headline in ("title", "lede"),
        "unmatched_total": len(unmatched),
        "unmatched_new": sum(1 for t in unmatched if t in new_texts),
        "boilerplate_aligned": sum(
            1 for t in aligned_texts if any(normalize(t).startswith(b) for b in boiler)
        ),
        "copy_share": alignment.summary.copy_share,
        "reuse": alignment.summary.reuse,
    }


def _headline_partner(span: Span, source: Article) -> str:
    if span.field in ("title", "caption"):
        return span.field
    first = source.text[: span.start].strip() == ""
    return "lede" if first else "body"


def _boilerplate_lines(gold: dict[str, Any]) -> list[str]:
    lines: list[str] = []
    for article in gold.get("articles", {}).values():
        lines.extend(normalize(b) for b in article.get("boilerplate_lines", []) if len(b) > 12)
    return lines


def _gold_unmatched(copy: Article, alignment: Alignment, gold: dict[str, Any]) -> list[str]:
    """Copy body sentences from the first to the last the gold calls sourceless."""
    note = gold.get("copy_sentences_without_source", "")
    quoted = [q for q in note.split("'")[1::2] if len(q) > 20]
    if len(quoted) < 2:
        return []
    first, last = normalize(quoted[0]), normalize(quoted[1])
    sentences = [normalize(copy.text[a:b]) for a, b in split_sentences(copy.text)]
    starts = [k for k, s in enumerate(sentences) if s.startswith(first)]
    ends = [k for k, s in enumerate(sentences) if s.startswith(last)]
    if not starts or not ends:
        return []
    return sentences[starts[0] : ends[-1] + 1]
