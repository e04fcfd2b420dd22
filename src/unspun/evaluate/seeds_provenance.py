"""The ``provenance`` key of ``unspun eval seeds``: who derives from whom in the seed pair.

gold.json says both seeds credit the AP, that 001 holds sentences 000 lacks (so 001 was not
derived from 000 alone: both derive from the same AP story) and that 000 republishes that story
cut short. ``ok`` holds when the verdict is a common source named "AP", does not say that 001
copies 000, and names 000 as the one cut short; ``verdict`` and ``reasons`` give it in words,
``extra_sentences`` counts the body sentences of 001 with no counterpart in 000.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from unspun.align import AlignConfig
from unspun.evaluate.seeds_alignment import SeedPair, align_seeds
from unspun.provenance.direction import infer_direction
from unspun.provenance.records import Relation


def check_provenance(
    seeds_dir: Path, cfg: AlignConfig | None = None, pair: SeedPair | None = None
) -> dict[str, Any]:
    """``pair``: the seeds already aligned (:func:`align_seeds`), to align them only once."""
    pair = pair or align_seeds(seeds_dir, cfg or AlignConfig())
    source, alignment = pair.source, pair.alignment
    found = infer_direction(pair.copy, source, alignment)
    problems = []
    if found.relation != Relation.COMMON_SOURCE:
        problems.append(f"relation is {found.relation.value}, expected common_source")
    if found.source != "AP":
        problems.append(f"common source named {found.source or 'nothing'}, expected AP")
    if found.cut_short != source.id:
        problems.append("000 is not reported as a republication cut short")
    return {
        "ok": not problems,
        "problems": problems,
        "relation": found.relation.value,
        "source": found.source,
        "verdict": found.verdict,
        "reasons": list(found.reasons),
        "confidence": found.confidence,
        "extra_sentences": sum(1 for s in alignment.new if s.field == "body"),
    }
