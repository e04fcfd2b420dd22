"""The ``changes`` key of ``unspun eval seeds``: the seed pair's changes against gold.json.

* ``found`` / ``total``: gold ``expected_changes`` the detector reports with the same kind and
  an overlapping phrase (the gold's copy phrase in the change's copy text, or its source
  phrase in the change's source text);
* ``false_flags``: changes the detector reports that match no gold entry (the gold says the
  seven aligned pairs carry no other change);
* ``changes``: every change reported, in short form, for reading.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from unspun.align import AlignConfig
from unspun.changes import ChangeConfig, ChangeKind, detect_changes
from unspun.evaluate.seeds_alignment import SeedPair, align_seeds
from unspun.model import Change

# gold.json names the kinds in its own words
GOLD_KINDS = {
    "title": ChangeKind.TITLE,
    "role": ChangeKind.TITLE,
    "unsupported": ChangeKind.UNSUPPORTED,
    "added detail": ChangeKind.ADDED,
    "detail added": ChangeKind.ADDED,
    "dropped detail": ChangeKind.DROPPED,
    "detail dropped": ChangeKind.DROPPED,
    "entity": ChangeKind.ENTITY,
    "number": ChangeKind.NUMBER,
    "date": ChangeKind.DATE,
    "quote": ChangeKind.QUOTE,
    "negation": ChangeKind.NEGATION,
    "attribution": ChangeKind.ATTRIBUTION,
    "hedge": ChangeKind.HEDGE,
    "claim": ChangeKind.CLAIM,
}


def gold_kind(text: str) -> ChangeKind | None:
    low = text.lower()
    return next((kind for key, kind in GOLD_KINDS.items() if key in low), None)


def check_changes(
    seeds_dir: Path,
    gold: dict[str, Any],
    align_cfg: AlignConfig | None = None,
    cfg: ChangeConfig | None = None,
    pair: SeedPair | None = None,
) -> dict[str, Any]:
    """``pair``: the seeds already aligned (:func:`align_seeds`), to align them only once."""
    pair = pair or align_seeds(seeds_dir, align_cfg or AlignConfig())
    started = time.perf_counter()
    changes = detect_changes(pair.copy, pair.source, pair.alignment, cfg or ChangeConfig())
    seconds = time.perf_counter() - started
    result = score_changes(changes, gold.get("expected_changes", []))
    result["seconds"] = round(seconds, 3)
    return result


def phrase_overlap(expected: str, found: str) -> bool:
    """The gold phrase and the reported one overlap (one inside the other, or half the words)."""
    a, b = _words(expected), _words(found)
    if not a or not b:
        return False
    if " ".join(a) in " ".join(b) or " ".join(b) in " ".join(a):
        return True
    return len(set(a) & set(b)) >= 0.5 * min(len(set(a)), len(set(b)))


def _words(text: str) -> list[str]:
    import re

    return re.findall(r"[a-z0-9]+", text.lower())


def matches(expected: dict[str, Any], change: Change) -> bool:
    kind = gold_kind(expected.get("kind", ""))
    if kind is None or change.kind != kind.value:
        return False
    if expected.get("copy") and phrase_overlap(expected["copy"], change.copy_text):
        return True
    return bool(expected.get("source")) and phrase_overlap(expected["source"], change.source_text)


def score_changes(changes: tuple[Change, ...], expected: list[dict[str, Any]]) -> dict[str, Any]:
    found = [e for e in expected if any(matches(e, c) for c in changes)]
    false = [c for c in changes if not any(matches(e, c) for e in expected)]
    return {
        "found": len(found),
        "total": len(expected),
        "false_flags": len(false),
        "missed": [e.get("copy") or e.get("source") for e in expected if e not in found],
        "changes": [
            {
                "kind": c.kind,
                "severity": c.severity,
                "copy": c.copy_text,
                "source": c.source_text,
                "explanation": c.explanation,
            }
            for c in changes
        ],
    }
