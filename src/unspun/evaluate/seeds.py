"""``unspun eval seeds``: the seed pair against gold.json, one key per stage."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from unspun.align import AlignConfig
from unspun.evaluate.data import require
from unspun.evaluate.seeds_alignment import align_seeds, check_alignment
from unspun.evaluate.seeds_changes import check_changes
from unspun.evaluate.seeds_check import check_seed_check
from unspun.evaluate.seeds_extraction import check_extraction
from unspun.evaluate.seeds_provenance import check_provenance


def evaluate_seeds(seeds_dir: Path) -> dict[str, Any]:
    gold = json.loads(require(seeds_dir / "gold.json", "seed gold file").read_text("utf-8"))
    result: dict[str, Any] = {"extraction": check_extraction(seeds_dir, gold)}
    pair = align_seeds(seeds_dir, AlignConfig())  # one alignment for the three keys below
    result["alignment"] = check_alignment(seeds_dir, gold, pair=pair)
    result["changes"] = check_changes(seeds_dir, gold, pair=pair)
    result["check"] = check_seed_check(seeds_dir)
    result["provenance"] = check_provenance(seeds_dir, pair=pair)
    return result
