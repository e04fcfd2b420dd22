"""``unspun eval retrieval`` and ``unspun eval wire``: the measures on small folders made
from the demo corpus, and the pinned figures on the shared data (slow)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from unspun.errors import InputError
from unspun.evaluate.retrieval import (
    cached_library,
    copies_by_shingles,
    evaluate_retrieval,
    susp_queries,
)
from unspun.model import Article, content_id, paragraphs_of
from unspun.pipeline import CheckConfig, CheckResources
from unspun.retrieve.config import RetrieveConfig

DEMO = Path(__file__).resolve().parents[2] / "src" / "unspun" / "demo"
BASELINES = Path(__file__).resolve().parents[1] / "baselines"
SMALL = CheckConfig(retrieve=RetrieveConfig(shingle_sample=1, bm25_max_df=1.0), changes=False)


def article(title: str, text: str) -> Article:
    return Article(content_id(title, text), text, title, paragraphs_of(text))


@pytest.fixture
def pan_like(tmp_path: Path) -> Path:
    """A PAN13-shaped folder: demo stories as sources, copies of them as suspicious docs."""
    data = tmp_path / "pan"
    (data / "src").mkdir(parents=True)
    (data / "susp").mkdir()
    sources = ["ap_ferry_aground", "brewery_rail_depot", "robotics_state_title", "ap_heat_wave"]
    for name in sources:
        shutil.copy(DEMO / f"{name}.txt", data / "src" / f"{name}.txt")
    shutil.copy(DEMO / "valleyherald_ferry_aground.txt", data / "susp" / "copy.txt")
    shutil.copy(DEMO / "trendpulse_ferry_spun.txt", data / "susp" / "spun.txt")
    shutil.copy(DEMO / "fairmont_library_budget.txt", data / "susp" / "clean.txt")
    (data / "pairs.tsv").write_text(
        "copy.txt\tap_ferry_aground.txt\tno-obfuscation\n"
        "spun.txt\tap_ferry_aground.txt\trandom-obfuscation\n"
        "clean.txt\tbrewery_rail_depot.txt\tno-plagiarism\n"
        "clean.txt\trobotics_state_title.txt\tno-plagiarism\n",
        "utf-8",
    )
    return data


def test_retrieval_measures_on_a_small_folder(pan_like: Path, tmp_path: Path) -> None:
    result = evaluate_retrieval(pan_like, SMALL, use_model=False, folder=tmp_path / "cache")
    assert result["recall_at_5"] == {"no-obfuscation": 1.0, "random-obfuscation": 1.0}
    assert result["detected"] == {"no-obfuscation": 1.0, "random-obfuscation": 1.0}
    assert result["clean_share"] == 1.0 and result["clean_documents"] == 1
    assert result["pairs"] == {"no-obfuscation": 1, "random-obfuscation": 1}
    assert result["model"] is None
    assert set(result["check_ms"]) == {"p50", "p95"}


def test_retrieval_can_check_one_category(pan_like: Path, tmp_path: Path) -> None:
    only = ["no-plagiarism"]
    result = evaluate_retrieval(
        pan_like, SMALL, use_model=False, folder=tmp_path / "cache", categories=only
    )
    assert result["clean_documents"] == 1 and result["pairs"] == {}
    assert result["categories"] == only
    with pytest.raises(InputError, match="no category summary"):
        evaluate_retrieval(
            pan_like, SMALL, use_model=False, folder=tmp_path / "cache", categories=["summary"]
        )


def test_a_clean_document_copying_an_unlisted_source_is_counted_apart(
    pan_like: Path, tmp_path: Path
) -> None:
    # "no-plagiarism" says the listed sources were not reused; this document copies another
    copy = (DEMO / "ap_heat_wave.txt").read_text("utf-8") + "\n\nRead more at our site.\n"
    (pan_like / "susp" / "clean.txt").write_text(copy, "utf-8")
    result = evaluate_retrieval(pan_like, SMALL, use_model=False, folder=tmp_path / "cache")
    assert result["clean_share"] == 0.0 and result["clean_share_filtered"] == 1.0
    assert [f["evident"] for f in result["clean_flagged"]] == [True]


def test_an_unlisted_source_is_counted_reported_and_evident(pan_like: Path, tmp_path: Path) -> None:
    # pairs.tsv lists the ferry story only; the document copies the heat wave story too
    both = "\n\n".join(
        (DEMO / name).read_text("utf-8") for name in ("ap_ferry_aground.txt", "ap_heat_wave.txt")
    )
    (pan_like / "susp" / "copy.txt").write_text(both, "utf-8")
    result = evaluate_retrieval(pan_like, SMALL, use_model=False, folder=tmp_path / "cache")
    assert result["unlisted"]["no-obfuscation"] == {
        "reported": 1,
        "evident": 1,
        "reported_evident": 1,
    }
    assert result["unlisted"]["random-obfuscation"]["evident"] == 0  # the spun copy
    assert result["recall_at_5"]["no-obfuscation"] == 1.0  # the evident one is forgiven


def test_library_is_built_once_and_cached(tmp_path: Path) -> None:
    built = []

    def inputs():
        built.append(1)
        yield "a", article("Ferry aground", "A ferry ran aground near the bay on Saturday.")
        yield "b", article("Depot taproom", "A brewery will open a taproom in the old depot.")

    files = [DEMO / "ap_ferry_aground.txt"]
    first = cached_library("t", inputs, files, SMALL, CheckResources(), tmp_path)
    second = cached_library("t", inputs, files, SMALL, CheckResources(), tmp_path)
    assert built == [1]
    assert first == second and set(first.ids) == {"a", "b"}
    assert first.path.exists() and not list(tmp_path.glob("*.building.db*"))


def test_filtered_rank_forgives_the_other_true_sources(tmp_path: Path) -> None:
    queries = susp_queries(
        [("s1", "a", "cat"), ("s1", "b", "cat"), ("s2", "c", "other"), ("s3", "d", "cat")],
        limit=None,
        seed=1,
    )
    assert queries == [("s1", "cat", ["a", "b"]), ("s2", "other", ["c"]), ("s3", "cat", ["d"])]
    sampled = susp_queries([(f"s{k}", "x", "cat") for k in range(10)], limit=3, seed=1)
    assert len(sampled) == 3


def test_copies_by_shingles_finds_cut_short_copies() -> None:
    long = " ".join(f"word{k} of the long wire story number {k}." for k in range(60))
    a = article("Story", long)
    b = article("Story cut short", long[: len(long) // 2])
    c = article("Other", " ".join(f"unrelated text {k} about sport." for k in range(60)))
    copies = copies_by_shingles([a, b, c])
    assert copies == {a.id: {b.id}, b.id: {a.id}, c.id: set()}


# -- the pinned figures on the shared data (slow: the libraries are built once, cached) --


def _baseline(name: str) -> dict:
    return json.loads((BASELINES / f"{name}.json").read_text("utf-8"))


@pytest.mark.slow
def test_pan13_retrieval_baseline(shared_data: Path) -> None:
    base = _baseline("retrieval")
    result = evaluate_retrieval(shared_data / "pan13", limit=base["sample_per_category"])
    tol = base["tolerance"]
    for category, floor in base["recall_at_5"].items():
        assert result["recall_at_5"][category] >= floor - tol, (category, result)
    for key in ("detected", "recall_at_5_forgiving"):
        for category, floor in base[key].items():
            assert result[key][category] >= floor - tol, (key, category, result)
    assert result["clean_share"] >= base["clean_share"] - tol, result


@pytest.mark.slow
def test_helsinki_wire_copies_baseline(shared_data: Path) -> None:
    from unspun.evaluate.retrieval import evaluate_wire

    base = _baseline("retrieval")
    result = evaluate_wire(shared_data / "news" / "helsinki_articles.csv", use_model=False)
    assert sum(result["checked"].values()) == base["wire_checked"]
    assert result["top1"] >= base["wire_top1"] - base["tolerance"], result["misses"]
