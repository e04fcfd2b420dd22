"""Extraction scoring: the benchmark's shingle metric, and unspun's score on the real pages."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from unspun.errors import EmptyDocument, InputError
from unspun.evaluate.extraction import (
    PageScore,
    evaluate_extraction,
    score_page,
    shingles,
    summarize,
)

BASELINE = Path(__file__).parents[1] / "baselines" / "extraction.json"


def test_shingles_are_word_4grams_with_counts() -> None:
    grams = shingles("The cat, the cat sat. The cat")
    assert grams[("The", "cat", "the", "cat")] == 1
    assert grams[("cat", "sat", "The", "cat")] == 1
    assert sum(grams.values()) == 4  # 7 tokens -> 4 shingles
    assert shingles("too short") == {("too", "short"): 1}
    assert shingles("") == {}
    assert shingles("Case Matters here now") != shingles("case matters here now")


def test_identical_texts_score_one_disjoint_texts_zero() -> None:
    text = "one two three four five six"
    same = score_page("k", text, text)
    assert (same.precision, same.recall, same.f1) == (1.0, 1.0, 1.0)
    apart = score_page("k", text, "seven eight nine ten eleven")
    assert (apart.precision, apart.recall, apart.f1) == (0.0, 0.0, 0.0)


def test_page_counts_are_normalised() -> None:
    # truth has 3 shingles; prediction keeps the first 2 and adds 2 of its own
    score = score_page("k", "a b c d e f", "a b c d e x y")
    assert score.tp + score.fp + score.fn == pytest.approx(1.0)
    assert score.precision == pytest.approx(2 / 4)
    assert score.recall == pytest.approx(2 / 3)


def test_empty_prediction_counts_for_recall_not_precision() -> None:
    scores = [score_page("a", "w1 w2 w3 w4 w5", "w1 w2 w3 w4 w5"), score_page("b", "x y z q", "")]
    result = summarize(scores)
    assert result["precision"] == 1.0  # page b predicted nothing: left out of precision
    assert result["recall"] == 0.5
    assert result["f1"] == pytest.approx(2 * 1.0 * 0.5 / 1.5)


def test_f1_is_the_harmonic_mean_of_the_mean_precision_and_recall() -> None:
    scores = [PageScore("a", 0.5, 0.5, 0.0), PageScore("b", 0.5, 0.0, 0.5)]
    result = summarize(scores)
    assert result["precision"] == pytest.approx(0.75)
    assert result["recall"] == pytest.approx(0.75)
    assert result["f1"] == pytest.approx(0.75)


def _benchmark(tmp_path: Path, pages: dict[str, tuple[str, str]]) -> Path:
    """A benchmark folder: key -> (html, truth)."""
    (tmp_path / "html").mkdir()
    truth = {}
    for key, (html, body) in pages.items():
        (tmp_path / "html" / f"{key}.html.gz").write_bytes(gzip.compress(html.encode()))
        truth[key] = {"articleBody": body, "url": f"https://x.example/{key}"}
    (tmp_path / "ground-truth.json").write_text(json.dumps(truth))
    return tmp_path


def test_evaluate_a_small_folder_with_the_real_reader(tmp_path: Path, fixtures_dir: Path) -> None:
    story = (fixtures_dir / "html" / "wire_story.html").read_text("utf-8")
    truth = (
        "KELBY, Norway (AP) — Ferry crews on the Kelby crossing went back to work on Tuesday "
        "after their union accepted a new wage offer, ending a three-day strike that had cut "
        "the island off from the mainland."
    )
    result = evaluate_extraction(_benchmark(tmp_path, {"p1": (story, truth)}))
    assert result["pages"] == 1
    assert result["recall"] == 1.0
    assert 0.1 < result["precision"] < 0.5  # the rest of the story is not in this truth
    assert result["failed"] == {}
    assert result["worst"][0]["page"] == "p1"


def test_pages_the_reader_rejects_score_as_empty(tmp_path: Path) -> None:
    def reject(data: bytes, origin: str, url: str) -> str:
        if "bad" in origin:
            raise EmptyDocument(origin, "no body")
        return "alpha beta gamma delta epsilon"

    folder = _benchmark(
        tmp_path,
        {"good": ("<p>x</p>", "alpha beta gamma delta epsilon"), "bad": ("<p>y</p>", "a b c d")},
    )
    result = evaluate_extraction(folder, reject)
    assert result["pages"] == 2
    assert result["recall"] == 0.5
    assert list(result["failed"]) == ["bad"]


def test_missing_benchmark_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="ground truth"):
        evaluate_extraction(tmp_path)


@pytest.mark.slow
def test_extraction_quality_holds_its_baseline(shared_data: Path) -> None:
    folder = shared_data / "extraction"
    if not (folder / "ground-truth.json").exists():
        pytest.skip(f"extraction benchmark not found in {folder}")
    baseline = json.loads(BASELINE.read_text("utf-8"))
    result = evaluate_extraction(folder)
    assert result["pages"] == baseline["pages"]
    assert result["failed"] == {}
    assert result["f1"] >= baseline["f1"] - baseline["tolerance"], result["worst"][:5]
    assert result["f1"] >= baseline["acceptance_f1"]
    assert result["precision"] >= baseline["precision"] - 2 * baseline["tolerance"]
    assert result["recall"] >= baseline["recall"] - 2 * baseline["tolerance"]
