"""Adding, listing, reading and deleting articles through /api/articles."""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable

from fastapi.testclient import TestClient

STORY = (
    "Harbor crane topples in storm\n\n"
    "A crane at the Port of Ellis fell across two loading berths during Sunday's storm, "
    "the port authority said. Nobody was injured, but shipping was halted for the day.\n\n"
    "Repairs are expected to take three weeks, a spokeswoman said."
)


def test_add_text_then_get_it_back(client: TestClient) -> None:
    r = client.post("/api/articles", json={"text": STORY, "site": "ellis.example"})
    assert r.status_code == 201
    body = r.json()
    assert body["added"] is True and body["title"] == "Harbor crane topples in storm"
    got = client.get(f"/api/articles/{body['id']}").json()
    assert got["site"] == "ellis.example"
    assert "loading berths" in got["text"]
    again = client.post("/api/articles", json={"text": STORY}).json()
    assert again["added"] is False and again["id"] == body["id"]


def test_add_html_extracts_the_main_text(client: TestClient) -> None:
    page = (
        "<html><head><title>Crane falls</title></head><body><nav>Home | Sports</nav>"
        f"<article><h1>Harbor crane topples in storm</h1><p>{STORY.split(chr(10))[2]}</p>"
        "<p>Repairs are expected to take three weeks, a spokeswoman said.</p></article>"
        "</body></html>"
    )
    body = client.post("/api/articles", json={"html": page}).json()
    got = client.get(f"/api/articles/{body['id'][:10]}").json()  # a unique prefix works too
    assert got["format"] == "html"
    assert "loading berths" in got["text"] and "Home | Sports" not in got["text"]


def test_title_given_apart_sets_the_headline(client: TestClient) -> None:
    body_only = STORY.split("\n\n", 1)[1]
    r = client.post("/api/articles", json={"text": body_only, "title": "Crane down at Ellis"})
    assert client.get(f"/api/articles/{r.json()['id']}").json()["title"] == "Crane down at Ellis"


def test_upload_text_and_gzipped_html(client: TestClient) -> None:
    html = (
        b"<html><body><article><h1>Crane</h1><p>" + STORY.encode() + b"</p></article></body></html>"
    )
    files = [
        ("files", ("crane.txt", STORY.encode(), "text/plain")),
        ("files", ("page.html.gz", gzip.compress(html), "application/gzip")),
        ("files", ("empty.txt", b"   ", "text/plain")),
    ]
    body = client.post("/api/articles/upload", files=files).json()
    assert body["added"] == 2
    assert [f["kind"] for f in body["failed"]] == ["empty"]


def test_upload_of_a_container_format_is_refused(client: TestClient) -> None:
    r = client.post("/api/articles/upload", files=[("files", ("a.csv", b"id,text\n1,x\n"))])
    assert r.status_code == 422
    assert "unspun add" in r.json()["error"]["message"]


def test_batch_keeps_going_past_a_bad_article(
    client: TestClient, demo_text: Callable[[str], str]
) -> None:
    batch = {
        "articles": [
            {"text": STORY},
            {"text": ""},
            {"html": "<p>x</p>", "text": "both"},
            {"text": demo_text("ap_heat_wave.txt")},
        ]
    }
    body = client.post("/api/articles/batch", json=batch).json()
    assert body["added"] == 1 and body["present"] == 1  # the heat-wave story is in the library
    assert [f["origin"] for f in body["failed"]] == ["articles[1]", "articles[2]"]


def test_batch_over_the_limit_is_a_bad_request(client: TestClient) -> None:
    limit = client.app.state.unspun.settings.max_batch  # type: ignore[attr-defined]
    r = client.post("/api/articles/batch", json={"articles": [{"text": "x y z"}] * (limit + 1)})
    assert r.status_code == 400
    assert "split it" in r.json()["error"]["message"]


def test_list_pages_through_the_library(client: TestClient, library_size: int) -> None:
    first = client.get("/api/articles", params={"limit": 4}).json()
    assert first["total"] == library_size and len(first["articles"]) == 4
    rest = client.get("/api/articles", params={"limit": 100, "offset": 4}).json()
    ids = [a["id"] for a in first["articles"] + rest["articles"]]
    assert len(set(ids)) == library_size
    assert client.get("/api/articles", params={"limit": 0}).status_code == 422


def test_delete_removes_and_then_404(client: TestClient, library_size: int) -> None:
    listed = client.get("/api/articles").json()["articles"]
    target = listed[0]["id"]
    r = client.delete(f"/api/articles/{target}")
    assert r.status_code == 200 and r.json()["removed"] is True
    assert client.get(f"/api/articles/{target}").status_code == 404
    assert client.delete(f"/api/articles/{target}").status_code == 404
    assert client.get("/api/articles").json()["total"] == library_size - 1


def test_library_summary_hides_the_server_path(client: TestClient, library_size: int) -> None:
    body = client.get("/api/library").json()
    assert body["articles"] == library_size
    assert "library" not in body


def test_a_non_json_body_is_415_with_a_hint(client: TestClient) -> None:
    for kind in ("text/plain", "application/x-www-form-urlencoded"):  # the latter: curl -d
        r = client.post("/api/articles", content=STORY.encode(), headers={"content-type": kind})
        assert r.status_code == 415, r.text
        error = r.json()["error"]
        assert error["kind"] == "unsupported-media-type"
        assert kind in error["message"]
        assert "Content-Type: application/json" in error["message"]
        assert '{"text": ' in error["message"]


def test_every_json_endpoint_refuses_a_non_json_body(client: TestClient) -> None:
    for path in ("/api/articles/batch", "/api/compare", "/api/check"):
        r = client.post(path, content=b"hello", headers={"content-type": "text/plain"})
        assert r.status_code == 415, (path, r.text)
        assert "application/json" in r.json()["error"]["message"]


def test_json_with_a_charset_is_still_json(client: TestClient) -> None:
    r = client.post(
        "/api/articles",
        content=json.dumps({"text": STORY}).encode(),
        headers={"content-type": "application/json; charset=utf-8"},
    )
    assert r.status_code == 201, r.text


def test_adding_an_article_already_present_is_200(client: TestClient) -> None:
    first = client.post("/api/articles", json={"text": STORY})
    assert first.status_code == 201 and first.json()["added"] is True
    again = client.post("/api/articles", json={"text": STORY})
    assert again.status_code == 200, again.text
    assert again.json()["added"] is False and again.json()["id"] == first.json()["id"]


def test_a_batch_that_adds_nothing_new_is_200(client: TestClient) -> None:
    batch = {"articles": [{"text": STORY}]}
    assert client.post("/api/articles/batch", json=batch).status_code == 201
    again = client.post("/api/articles/batch", json=batch)
    assert again.status_code == 200 and again.json()["present"] == 1


def test_an_ambiguous_id_prefix_is_409_listing_the_matches(client: TestClient) -> None:
    stories = [
        {"text": f"Story number {i}\n\n{STORY.split(chr(10), 2)[2]} ({i})"} for i in range(17)
    ]
    assert client.post("/api/articles/batch", json={"articles": stories}).status_code == 201
    ids = [a["id"] for a in client.get("/api/articles", params={"limit": 1000}).json()["articles"]]
    prefix = next(a[0] for a in ids for b in ids if a != b and a[0] == b[0])  # 17+ ids: one shares
    matching = sorted(i for i in ids if i.startswith(prefix))
    for method in ("GET", "DELETE"):
        r = client.request(method, f"/api/articles/{prefix}")
        assert r.status_code == 409, r.text
        error = r.json()["error"]
        assert error["kind"] == "ambiguous-id"
        assert error["matches"] == matching[:10]
        assert all(m in error["message"] for m in matching[:2])
    assert len(client.get("/api/articles", params={"limit": 1000}).json()["articles"]) == len(ids)
