"""``unspun stories`` and ``unspun story ID`` end to end, on articles written for the tests."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from tests.provenance.story_build import OTHER, STORY, make_article
from unspun.cli.main import cli
from unspun.store import open_store

HOSTILE = "Ferry <script>alert('x')</script> & closure"


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "lib.db"
    with open_store(path) as store:
        store.add_many(
            [
                make_article(STORY, "origin.example", "2024-03-04T08:00:00", title=HOSTILE),
                make_article(STORY, "mirror.example", "2024-03-04T09:00:00", title=HOSTILE),
                make_article(STORY[:5], "brief.example", "2024-03-04T11:00:00", title=HOSTILE),
                make_article(OTHER, "bakery.example", "2024-03-04T10:00:00", title="Bread"),
            ]
        )
    return path


def run(db: Path, *args: str) -> Result:
    result = CliRunner().invoke(cli, ["--db", str(db), *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result


def _json(result: Result) -> dict:
    return json.loads(result.stdout)


def test_stories_lists_the_family_with_its_original(db: Path) -> None:
    listing = _json(run(db, "stories", "--json"))
    assert listing["schema"] == "unspun.stories/1"
    assert [f["size"] for f in listing["families"]] == [3]  # lone articles are not listed
    family = listing["families"][0]
    assert family["original"] and family["title"] == HOSTILE
    assert family["first"] == "2024-03-04T08:00:00"
    lone = _json(run(db, "stories", "--json", "--min-size", "1"))
    assert sorted(f["size"] for f in lone["families"]) == [1, 3]


def test_story_by_article_id_and_by_number_agree(db: Path) -> None:
    family = _json(run(db, "stories", "--json"))["families"][0]
    by_number = _json(run(db, "story", str(family["id"]), "--json"))
    by_article = _json(run(db, "story", family["original"][:10], "--json"))
    assert by_number == by_article
    members = by_number["members"]
    assert [m["site"] for m in members] == ["origin.example", "mirror.example", "brief.example"]
    assert members[0]["relation"] == "original"
    assert members[1]["layer"] == "exact duplicate"
    assert members[2]["relation"] == "republication cut short"
    assert members[0]["growth"] == members[0]["words"] and members[2]["growth"] == 0


def test_html_pages_are_self_contained_and_escaped(db: Path, tmp_path: Path) -> None:
    page = tmp_path / "story.html"
    listing = tmp_path / "stories.html"
    family = _json(run(db, "stories", "--json", "--html", str(listing)))["families"][0]
    run(db, "story", str(family["id"]), "--html", str(page))
    for path in (page, listing):
        text = path.read_text("utf-8")
        assert "<script>" not in text and "&lt;script&gt;" in text
        assert "http://" not in text and "https://" not in text  # no external assets


def test_terminal_listing_names_the_original(db: Path) -> None:
    out = run(db, "story", "1").output
    assert "origin.example" in out and "original" in out


def test_unknown_family_is_a_clear_error(db: Path) -> None:
    result = CliRunner().invoke(cli, ["--db", str(db), "story", "999"])
    assert result.exit_code == 1
    assert "no story family 999" in result.output


def _at(width: int, db: Path, *args: str) -> list[str]:
    """The terminal output of a command at a fixed console width, box drawing left out."""
    result = CliRunner(env={"COLUMNS": str(width)}).invoke(cli, ["--db", str(db), *args])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert all(len(line) <= width for line in lines), "\n".join(lines)
    return [re.sub(r"[│┃┏┓┗┛┡┩━─┳┻╇╈┼┬┴└┘┌┐]", " ", line) for line in lines]


@pytest.mark.parametrize("width", [80, 120])
def test_stories_keeps_the_family_number_size_and_date(db: Path, width: int) -> None:
    family = _json(run(db, "stories", "--json"))["families"][0]
    row = next(line for line in _at(width, db, "stories") if "Ferry" in line).split()
    assert row[:2] == [str(family["id"]), "3"]
    assert family["first"][:10] in " ".join(row)


def test_stories_shows_the_original_when_wide_enough(db: Path) -> None:
    assert any("origin.example" in line for line in _at(120, db, "stories"))


@pytest.mark.parametrize("width", [80, 120])
def test_story_shows_site_layer_and_relation_whole(db: Path, width: int) -> None:
    members = _json(run(db, "story", "1", "--json"))["members"]
    out = _at(width, db, "story", "1")
    for m in members:
        row = next(line for line in out if m["site"] in line)
        assert m["layer"] in row
    words = " ".join(out).split()
    for m in members:
        for word in m["relation"].split():
            assert word in words, (word, out)
