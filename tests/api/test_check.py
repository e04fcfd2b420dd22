"""/api/check: the library's sources of an article, as `unspun check --json` reports them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

SPUN = "trendpulse_ferry_spun.txt"


def _ids_by_file(client: TestClient) -> dict[str, str]:
    listed = client.get("/api/articles", params={"limit": 100}).json()["articles"]
    return {Path(a["origin"]).name: a["id"] for a in listed}


def test_spun_copy_finds_its_ferry_source_first(
    client: TestClient, demo_text: Callable[[str], str]
) -> None:
    ids = _ids_by_file(client)
    ferry = {i for name, i in ids.items() if "ferry" in name and name != SPUN}
    r = client.post("/api/check", json={"text": demo_text(SPUN)})
    assert r.status_code == 200
    report = r.json()
    assert report["schema"] == "unspun.check/1"
    sources = report["sources"]
    assert sources[0]["rank"] == 1 and sources[0]["role"] == "source"
    assert sources[0]["id"] in ferry
    assert report["verdict"]["sources"][0] == sources[0]["id"]
    assert report["verdict"]["kind"] in ("spun copy", "verbatim copy", "partly derived")
    assert ids[SPUN] not in {s["id"] for s in sources}  # never its own source


def test_the_api_answers_as_the_cli(
    client: TestClient, demo_dir: Path, demo_text: Callable[[str], str]
) -> None:
    import json

    from click.testing import CliRunner

    from unspun.cli.main import cli

    db = client.app.state.unspun.settings.db_path  # type: ignore[attr-defined]
    api = client.post("/api/check", json={"text": demo_text(SPUN)}).json()
    run = CliRunner().invoke(
        cli, ["--db", db, "check", "--json", "--no-model", str(demo_dir / SPUN)]
    )
    assert run.exit_code == 0, run.output
    cli_report = json.loads(run.output)
    assert api["verdict"] == cli_report["verdict"]
    assert [(s["id"], s["role"], s["share"]) for s in api["sources"]] == [
        (s["id"], s["role"], s["share"]) for s in cli_report["sources"]
    ]
    assert [c["kind"] for s in api["sources"] for c in s["changes"]] == [
        c["kind"] for s in cli_report["sources"] for c in s["changes"]
    ]


def test_checking_a_library_article_by_id_leaves_itself_out(client: TestClient) -> None:
    ids = _ids_by_file(client)
    report = client.post("/api/check", json={"id": ids[SPUN]}).json()
    assert report["article"]["id"] == ids[SPUN]
    assert ids[SPUN] not in {s["id"] for s in report["sources"]}
    assert report["sources"][0]["reuse"] is True


def test_an_unrelated_text_has_no_source(client: TestClient) -> None:
    text = (
        "Chess club crowns youngest champion\n\n"
        "An eleven-year-old from Dunmore won the county chess championship on Saturday, "
        "beating a field of forty players without losing a game. Her coach said she "
        "studies endgames every evening after school."
    )
    report = client.post("/api/check", json={"text": text}).json()
    assert not any(s["reuse"] for s in report["sources"])
    assert report["verdict"]["kind"] == "original"


def test_check_upload(client: TestClient, demo_text: Callable[[str], str]) -> None:
    files = {"file": ("spun.txt", demo_text(SPUN).encode(), "text/plain")}
    report = client.post("/api/check/upload", files=files).json()
    assert report["sources"][0]["reuse"] is True
    assert report["article"]["origin"] == "upload:spun.txt"


def test_articles_added_through_the_api_are_found(client: TestClient) -> None:
    story = (
        "Orchard frost wipes out apricot crop\n\n"
        "A late frost on Thursday night destroyed most of the apricot blossoms in the "
        "Keller Valley, growers said, leaving the smallest harvest in two decades. "
        "The growers' cooperative asked the county for emergency aid for its members, "
        "and the agriculture office said inspectors would visit the orchards next week."
    )
    client.post("/api/check", json={"text": "warm-up text to build the index first"})
    added = client.post("/api/articles", json={"text": story}).json()
    copy = story.replace("Thursday night", "Thursday evening")
    report = client.post("/api/check", json={"text": copy}).json()
    assert report["sources"][0]["id"] == added["id"]
    client.delete(f"/api/articles/{added['id']}")
    report = client.post("/api/check", json={"text": copy}).json()
    assert added["id"] not in {s["id"] for s in report["sources"]}


@pytest.mark.slow
def test_the_seed_check_answers_as_the_cli(seeds_dir: Path, tmp_path: Path) -> None:
    """Issue 7's acceptance: the API answers the seed check with the CLI's sources and changes."""
    import json

    from click.testing import CliRunner

    from unspun.api import Settings, create_app
    from unspun.cli.main import cli

    source = next(seeds_dir.glob("000_*.txt"))
    copy = next(seeds_dir.glob("001_*.txt"))
    db = str(tmp_path / "seeds.db")
    assert CliRunner().invoke(cli, ["--db", db, "add", "-q", str(source)]).exit_code == 0
    with TestClient(create_app(Settings(db_path=db))) as client:
        api = client.post("/api/check", json={"text": copy.read_text("utf-8")}).json()
    run = CliRunner().invoke(cli, ["--db", db, "check", "--json", str(copy)])
    assert run.exit_code == 0, run.output
    cli_report = json.loads(run.output)
    assert api["sources"][0]["title"] == cli_report["sources"][0]["title"]
    assert [s["id"] for s in api["sources"]] == [s["id"] for s in cli_report["sources"]]
    api_changes = [(c["kind"], c["copy"]) for s in api["sources"] for c in s["changes"]]
    cli_changes = [(c["kind"], c["copy"]) for s in cli_report["sources"] for c in s["changes"]]
    assert api_changes == cli_changes
    assert any("Vice President" in json.dumps(c) for c in api_changes)
