"""/api/search: full-text search of the library, with filters and snippets."""

from __future__ import annotations

from fastapi.testclient import TestClient


def test_search_finds_the_ferry_stories(client: TestClient) -> None:
    body = client.get("/api/search", params={"q": "ferry aground"}).json()
    assert body["query"] == "ferry aground"
    hits = body["hits"]
    assert hits and all("ferry" in (h["title"] + h["snippet"]).lower() for h in hits)
    scores = [h["score"] for h in hits]
    assert scores == sorted(scores, reverse=True)
    for hit in hits:
        for start, end in hit["marks"]:
            assert hit["snippet"][start:end].lower() in {"ferry", "aground"}


def test_search_filters_by_site_and_date(client: TestClient) -> None:
    for site, day in (("north.example", "2026-04-01"), ("south.example", "2026-04-09")):
        text = (
            f"Lighthouse keeper retires\n\nThe {site} lighthouse keeper retired after forty years."
        )
        body = {"text": text, "site": site, "published": day}
        assert client.post("/api/articles", json=body).status_code == 201
    assert len(client.get("/api/search", params={"q": "lighthouse"}).json()["hits"]) == 2
    only = client.get("/api/search", params={"q": "lighthouse", "site": "north.example"})
    assert [h["site"] for h in only.json()["hits"]] == ["north.example"]
    late = client.get("/api/search", params={"q": "lighthouse", "date_from": "2026-04-05"})
    assert [h["date"] for h in late.json()["hits"]] == ["2026-04-09"]


def test_search_sees_articles_added_later(client: TestClient) -> None:
    assert client.get("/api/search", params={"q": "zeppelin"}).json()["hits"] == []
    text = "Zeppelin lands in Fairmont\n\nA small zeppelin made an unplanned landing on Sunday."
    client.post("/api/articles", json={"text": text})
    hits = client.get("/api/search", params={"q": "zeppelin"}).json()["hits"]
    assert [h["title"] for h in hits] == ["Zeppelin lands in Fairmont"]


def test_search_rejects_bad_parameters(client: TestClient) -> None:
    assert client.get("/api/search").status_code == 422
    r = client.get("/api/search", params={"q": "ferry", "date_from": "yesterday"})
    assert r.status_code == 422 and "date_from" in r.json()["error"]["message"]


def _three_copies(client: TestClient) -> None:
    body_text = "A grey heron nested at the old mill pond again, the warden said."
    for site in ("north.example", "south.example", "east.example"):
        body = {"text": f"Heron is back ({site})\n\n{body_text}", "site": site}
        assert client.post("/api/articles", json=body).status_code == 201


def test_search_gives_one_row_per_story_with_its_other_copies(client: TestClient) -> None:
    _three_copies(client)
    hits = client.get("/api/search", params={"q": "heron"}).json()["hits"]
    assert len(hits) == 1
    assert hits[0]["more_copies"] == 2
    assert sorted(m["site"] for m in hits[0]["more"]) == sorted(
        {"north.example", "south.example", "east.example"} - {hits[0]["site"]}
    )
    flat = client.get("/api/search", params={"q": "heron", "group": "false"}).json()["hits"]
    assert len(flat) == 3 and all(h["more_copies"] == 0 for h in flat)
