"""The benchmark helpers run and report sane figures (speed itself is measured by make bench)."""

from __future__ import annotations

from pathlib import Path

from unspun.store import open_store
from unspun.store.bench import measure_add, measure_add_paths, synthetic_articles, write_text_corpus


def test_synthetic_articles_are_reproducible() -> None:
    assert list(synthetic_articles(30, seed=4)) == list(synthetic_articles(30, seed=4))
    assert list(synthetic_articles(30, seed=4)) != list(synthetic_articles(30, seed=5))


def test_measure_add(tmp_path: Path) -> None:
    measure = measure_add(synthetic_articles(120, sites=4), tmp_path / "lib.db")
    assert measure.articles == 120
    assert 0 < measure.added < 120  # some wire stories repeat
    assert measure.rate > 0 and measure.peak_rss_mb > 0
    with open_store(tmp_path / "lib.db") as store:
        assert store.count() == measure.added
        assert store.summary()["boilerplate_lines"] >= 1  # each site's footer lines


def test_measure_add_paths(tmp_path: Path) -> None:
    folder = write_text_corpus(tmp_path / "corpus", 12)
    assert len(list(folder.glob("*.txt"))) == 12
    measure = measure_add_paths([str(folder)], tmp_path / "lib.db")
    assert measure.articles == 12
