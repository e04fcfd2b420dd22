"""/api/stories: story families, as `unspun stories --json` and `unspun story --json` give them."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from fastapi.testclient import TestClient

from unspun.cli.main import cli


def _ferry_ids(client: TestClient) -> set[str]:
    rows = client.get("/api/articles", params={"limit": 100}).json()["articles"]
    return {r["id"] for r in rows if "ferry" in Path(r["origin"]).name}


def test_the_ferry_stories_make_one_family(client: TestClient) -> None:
    body = client.get("/api/stories").json()
    assert body["schema"] == "unspun.stories/1"
    families = body["families"]
    assert families and all(f["size"] >= 2 for f in families)
    ferry = _ferry_ids(client)
    biggest = {m["article_id"] for m in families[0]["members"]}
    assert biggest <= ferry and len(biggest) >= 2
    assert families[0]["original"] in biggest or families[0]["original_label"]


def test_one_family_by_number_or_by_article(client: TestClient) -> None:
    first = client.get("/api/stories").json()["families"][0]
    by_number = client.get(f"/api/stories/{first['id']}").json()
    member = first["members"][0]["article_id"]
    by_article = client.get(f"/api/stories/{member[:10]}").json()
    assert by_number["id"] == by_article["id"] == first["id"]
    assert {m["article_id"] for m in by_number["members"]} == {
        m["article_id"] for m in first["members"]
    }
    assert client.get("/api/stories/999999").status_code == 404


def test_the_api_lists_the_families_the_cli_lists(client: TestClient) -> None:
    api = client.get("/api/stories").json()
    db = client.app.state.unspun.settings.db_path  # type: ignore[attr-defined]
    run = CliRunner().invoke(cli, ["--db", db, "stories", "--json"])
    assert run.exit_code == 0, run.output
    cli_body = json.loads(run.stdout)
    assert [(f["id"], f["size"], f["original_label"]) for f in api["families"]] == [
        (f["id"], f["size"], f["original_label"]) for f in cli_body["families"]
    ]
