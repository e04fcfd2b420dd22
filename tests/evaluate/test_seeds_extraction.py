"""The seed extraction check: passes on the real seeds, names each problem it finds."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from unspun.evaluate.seeds_extraction import check_extraction


def _fake_seeds(tmp_path: Path, fixtures_dir: Path) -> tuple[Path, dict]:
    shutil.copy(fixtures_dir / "extract" / "wire_story.txt", tmp_path / "story.txt")
    gold = {
        "articles": {
            "story.txt": {
                "title": "Harbour town votes to rebuild its old pier after winter storms",
                "first_body_sentence": "PORTVALE, Maine (AP) — Residents of this small harbour",
                "photo_caption": "Fishermen unload their catch beside the damaged pier",
                "wire_credit": "AP (dateline 'PORTVALE, Maine (AP) —')",
                "boilerplate_lines": ["Menu", "Coastal towns", "Leave a Reply", "Share this"],
            }
        }
    }
    return tmp_path, gold


def test_passes_on_a_story_that_meets_its_gold(tmp_path: Path, fixtures_dir: Path) -> None:
    seeds, gold = _fake_seeds(tmp_path, fixtures_dir)
    result = check_extraction(seeds, gold)
    assert result["problems"] == [] and result["ok"] is True
    assert result["articles"]["story.txt"]["wire"] == ["AP"]


def test_reports_each_problem(tmp_path: Path, fixtures_dir: Path) -> None:
    seeds, gold = _fake_seeds(tmp_path, fixtures_dir)
    expected = gold["articles"]["story.txt"]
    expected["title"] = "Another headline"
    expected["first_body_sentence"] = "The town council had proposed"
    expected["boilerplate_lines"].append("The town council")
    expected["wire_credit"] = "Reuters (dateline)"
    gold["articles"]["missing.txt"] = {"title": "x"}
    result = check_extraction(seeds, gold)
    assert result["ok"] is False
    problems = "\n".join(result["problems"])
    for needle in (
        "title is",
        "body starts",
        "'The town council' left in the body",
        "wire credit Reuters not found",
        "missing.txt: seed file not found",
    ):
        assert needle in problems


def test_the_real_seeds_pass(seeds_dir: Path) -> None:
    gold = json.loads((seeds_dir / "gold.json").read_text("utf-8"))
    result = check_extraction(seeds_dir, gold)
    assert result["problems"] == []
    assert result["ok"] is True
