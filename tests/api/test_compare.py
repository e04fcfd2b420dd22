"""/api/compare answers the same report as `unspun compare --json`."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner
from fastapi.testclient import TestClient

from unspun.cli.main import cli

SPUN = "trendpulse_ferry_spun.txt"
AP = "ap_ferry_aground.txt"


def test_compare_inline_texts_matches_the_cli(
    client: TestClient, demo_dir: Path, demo_text: Callable[[str], str]
) -> None:
    body = {"copy": {"text": demo_text(SPUN)}, "source": {"text": demo_text(AP)}}
    r = client.post("/api/compare", json=body)
    assert r.status_code == 200
    api = r.json()
    run = CliRunner().invoke(
        cli, ["compare", "--json", "--no-model", str(demo_dir / SPUN), str(demo_dir / AP)]
    )
    assert run.exit_code == 0, run.output
    cli_report = json.loads(run.output)
    assert api["schema"] == cli_report["schema"] == "unspun.compare/1"
    assert api["summary"] == cli_report["summary"]
    assert api["provenance"]["relation"] == cli_report["provenance"]["relation"]
    assert api["provenance"]["relation"] != "unrelated"
    assert [p["copy"][0]["text"] for p in api["pairs"]] == [
        p["copy"][0]["text"] for p in cli_report["pairs"]
    ]
    assert api["summary"]["reuse"] is True


def test_compare_by_library_ids(client: TestClient, demo_text: Callable[[str], str]) -> None:
    listed = client.get("/api/articles", params={"limit": 100}).json()["articles"]
    by_origin = {Path(a["origin"]).name: a["id"] for a in listed}
    body = {"copy": {"id": by_origin[SPUN]}, "source": {"id": by_origin[AP][:8]}}
    report = client.post("/api/compare", json=body).json()
    assert report["copy"]["id"] == by_origin[SPUN]
    assert report["source"]["id"] == by_origin[AP]
    inline = {"copy": {"text": demo_text(SPUN)}, "source": {"id": by_origin[AP]}}
    assert client.post("/api/compare", json=inline).json()["summary"] == report["summary"]


def test_unrelated_articles_show_no_reuse(
    client: TestClient, demo_text: Callable[[str], str]
) -> None:
    body = {
        "copy": {"text": demo_text("brewery_rail_depot.txt")},
        "source": {"text": demo_text(AP)},
    }
    summary = client.post("/api/compare", json=body).json()["summary"]
    assert summary["reuse"] is False and summary["pairs"] == 0


def test_compare_needs_each_side(client: TestClient) -> None:
    r = client.post("/api/compare", json={"copy": {"text": "A b c d."}, "source": {}})
    assert r.status_code == 400
    assert "exactly one of 'text' or 'html'" in r.json()["error"]["message"]
    r = client.post("/api/compare", json={"copy": {"text": "A b c d.", "id": "abc"}, "source": {}})
    assert r.status_code == 400 and "not both" in r.json()["error"]["message"]
    r = client.post("/api/compare", json={"copy": {"text": "x"}})
    assert r.status_code == 422 and "source" in r.json()["error"]["message"]
