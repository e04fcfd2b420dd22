"""Errors answer JSON with the right status and a message that says what was wrong."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from unspun.api.errors import RequestError, status_of
from unspun.errors import (
    DecodeError,
    EmptyDocument,
    ModelUnavailable,
    NotFound,
    SchemaError,
    StoreError,
    TooLarge,
    UnsupportedFormat,
)


@pytest.mark.parametrize(
    ("error", "status", "kind"),
    [
        (RequestError("no text"), 400, "bad-request"),
        (NotFound("no article"), 404, "not-found"),
        (TooLarge("x", "big"), 413, "too-large"),
        (EmptyDocument("x", "empty"), 422, "empty"),
        (UnsupportedFormat("x", "binary"), 422, "unsupported"),
        (DecodeError("x", "bytes"), 422, "decode"),
        (SchemaError("foreign file"), 500, "library-schema"),
        (StoreError("disk full"), 500, "library"),
        (ModelUnavailable("no model"), 503, "model-unavailable"),
    ],
)
def test_every_error_class_has_its_status(error: Exception, status: int, kind: str) -> None:
    assert status_of(error) == (status, kind)  # type: ignore[arg-type]


def test_not_found_is_json_without_the_server_path(client: TestClient) -> None:
    r = client.get("/api/articles/ffffffffffff")
    assert r.status_code == 404
    error = r.json()["error"]
    assert error == {"status": 404, "kind": "not-found", "message": error["message"]}
    assert "ffffffffffff" in error["message"]
    assert str(client.app.state.unspun.settings.db_path) not in error["message"]  # type: ignore[attr-defined]


def test_empty_text_is_unprocessable(client: TestClient) -> None:
    r = client.post("/api/articles", json={"text": "   \n  "})
    assert r.status_code == 422
    assert r.json()["error"]["kind"] == "empty"


def test_binary_upload_is_unprocessable(client: TestClient) -> None:
    data = bytes(range(256)) * 8
    r = client.post("/api/articles/upload", files={"files": ("x.bin", data)})
    assert r.status_code == 422
    assert "x.bin" in r.json()["error"]["message"]


def test_malformed_json_names_the_field(client: TestClient) -> None:
    r = client.post("/api/articles", json={"text": 12})
    assert r.status_code == 422
    assert "body.text" in r.json()["error"]["message"]
    r = client.post(
        "/api/articles", content=b"{not json", headers={"content-type": "application/json"}
    )
    assert r.status_code == 422


def test_unknown_route_and_method(client: TestClient) -> None:
    assert client.get("/api/nothing").json()["error"]["status"] == 404
    r = client.put("/api/articles")
    assert r.status_code == 405 and r.json()["error"]["kind"] == "method-not-allowed"


def test_page_errors_are_pages(client: TestClient) -> None:
    r = client.get("/articles/ffffffffffff")
    assert r.status_code == 404
    assert r.headers["content-type"].startswith("text/html")
    assert "404 Not Found" in r.text and "ffffffffffff" in r.text


def test_an_unexpected_failure_is_a_json_500(client: TestClient, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from unspun.api.routes import articles

    def broken(*_: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(articles, "to_dict", broken)
    first = client.get("/api/articles").json()["articles"][0]["id"]
    quiet = TestClient(client.app, raise_server_exceptions=False)
    r = quiet.get(f"/api/articles/{first}")
    assert r.status_code == 500
    assert r.json()["error"]["kind"] == "internal"
    assert "disk on fire" not in r.text  # details stay in the server log
