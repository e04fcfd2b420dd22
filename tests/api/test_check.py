"""/api/check: the library's sources of an article, ranked by the share each explains."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

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
    assert sources and sources[0]["rank"] == 1
    assert sources[0]["source"]["id"] in ferry
    assert sources[0]["summary"]["reuse"] is True
    shares = [s["summary"]["copy_share"] for s in sources if s["summary"]["reuse"]]
    assert shares == sorted(shares, reverse=True)
    assert "copy" in report["verdict"] or "derived" in report["verdict"]
    assert ids[SPUN] not in {s["source"]["id"] for s in sources}  # never its own source


def test_checking_a_library_article_by_id_leaves_itself_out(client: TestClient) -> None:
    ids = _ids_by_file(client)
    report = client.post("/api/check", json={"id": ids[SPUN]}).json()
    assert report["article"]["id"] == ids[SPUN]
    assert ids[SPUN] not in {s["source"]["id"] for s in report["sources"]}
    assert report["sources"][0]["summary"]["reuse"] is True


def test_an_unrelated_text_has_no_source(client: TestClient) -> None:
    text = (
        "Chess club crowns youngest champion\n\n"
        "An eleven-year-old from Dunmore won the county chess championship on Saturday, "
        "beating a field of forty players without losing a game. Her coach said she "
        "studies endgames every evening after school."
    )
    report = client.post("/api/check", json={"text": text}).json()
    assert not any(s["summary"]["reuse"] for s in report["sources"])
    assert report["verdict"].startswith("no source found")


def test_check_upload(client: TestClient, demo_text: Callable[[str], str]) -> None:
    files = {"file": ("spun.txt", demo_text(SPUN).encode(), "text/plain")}
    report = client.post("/api/check/upload", files=files).json()
    assert report["sources"][0]["summary"]["reuse"] is True
    assert report["article"]["origin"] == "upload:spun.txt"


def test_articles_added_through_the_api_are_found(client: TestClient) -> None:
    story = (
        "Orchard frost wipes out apricot crop\n\n"
        "A late frost on Thursday night destroyed most of the apricot blossoms in the "
        "Keller Valley, growers said, leaving the smallest harvest in two decades. "
        "The growers' cooperative asked the county for emergency aid for its members."
    )
    client.post("/api/check", json={"text": "warm-up text to build the index first"})
    added = client.post("/api/articles", json={"text": story}).json()
    copy = story.replace("Thursday night", "Thursday evening")
    report = client.post("/api/check", json={"text": copy}).json()
    assert report["sources"][0]["source"]["id"] == added["id"]
    client.delete(f"/api/articles/{added['id']}")
    report = client.post("/api/check", json={"text": copy}).json()
    assert added["id"] not in {s["source"]["id"] for s in report["sources"]}
