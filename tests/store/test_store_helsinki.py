"""The library on the Helsinki CSV (../shared/data/news): every row accounted for, site
boilerplate recognised without taking wire-story text for it. Figures pinned in
tests/baselines/store_helsinki.json."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from unspun.config import ExtractConfig
from unspun.extract import read_inputs
from unspun.model import Article, content_id, normalize_for_hash, paragraphs_of
from unspun.store import open_store

BASELINE = Path(__file__).parents[1] / "baselines" / "store_helsinki.json"
ROWS = 612

pytestmark = [pytest.mark.slow, pytest.mark.shared]


@pytest.fixture(scope="module")
def helsinki(shared_data: Path) -> Path:
    path = shared_data / "news" / "helsinki_articles.csv"
    if not path.exists():
        pytest.skip(f"{path} not found")
    return path


def _raw_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def _raw_article(row: dict[str, str]) -> Article:
    """A row as it stands, each ' ### ' piece a paragraph: only the store cleans it."""
    text = "\n\n".join(p.strip() for p in row["text"].split(" ### ") if p.strip())
    return Article(
        id=content_id("", text), text=text, paragraphs=paragraphs_of(text), site=row["publisher"]
    )


def test_every_row_is_added_or_present(helsinki: Path, tmp_path: Path) -> None:
    with open_store(tmp_path / "lib.db") as store:
        summary = store.add_many(read_inputs([str(helsinki)], ExtractConfig()))
        assert summary.failed == ()
        assert summary.added + summary.present == ROWS
        assert summary.repeats == summary.present  # a new library: duplicates within the file
        assert store.count() == summary.added
        # Rows with the very same text are stored once; each keeps a sighting.
        sightings = store.conn.execute("SELECT COUNT(*) FROM sightings").fetchone()[0]
        assert sightings == summary.present


def test_site_boilerplate_against_baseline(helsinki: Path) -> None:
    baseline = json.loads(BASELINE.read_text())
    rows = _raw_rows(helsinki)
    with open_store(":memory:") as store:
        summary = store.add_many(_raw_article(r) for r in rows)
        recognised = store.site_boilerplate()
    floor = 1 - baseline["tolerance"]
    assert len(recognised) >= baseline["lines_recognised"] * floor
    assert summary.cleaned >= baseline["articles_cleaned"] * floor
    found = {(site, normalize_for_hash(line)) for site, line, _ in recognised}
    for site, line in baseline["must_recognise"]:  # for its site, or for every site ("all sites")
        key = normalize_for_hash(line)
        assert (site, key) in found or ("all sites", key) in found, (site, line)

    # Precision: every long recognised line is one checked by hand (none is story text).
    # Without the different-stories rule, ~100 paragraphs of stories that a site ran in
    # several versions (news.google.com snapshots, bostonherald galleries) would be taken.
    checked = {(site, normalize_for_hash(line)) for site, line in baseline["checked_long_lines"]}
    for site, line, _ in recognised:
        if len(line.split()) >= 15:
            assert (site, normalize_for_hash(line)) in checked, (site, line)
