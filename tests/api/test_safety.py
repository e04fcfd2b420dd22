"""Size limits, the write token, no file paths and nothing loaded from another host."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from unspun.api import Settings, create_app
from unspun.api.settings import is_loopback

WRITE = {"text": "Bridge reopens\n\nThe Mill Street bridge reopened to traffic on Monday."}


def _client(library: Path, **kw: object) -> TestClient:
    return TestClient(create_app(Settings(db_path=str(library), use_model=False, **kw)))  # type: ignore[arg-type]


def test_bodies_over_the_limit_are_413(library: Path) -> None:
    client = _client(library, max_upload_bytes=2_000)
    r = client.post("/api/articles", json={"text": "word " * 1_000})
    assert r.status_code == 413
    assert r.json()["error"]["kind"] == "too-large"
    r = client.post("/api/articles/upload", files={"files": ("big.txt", b"word " * 1_000)})
    assert r.status_code == 413
    r = client.post("/check", data={"text": "word " * 1_000})
    assert r.status_code == 413 and "over the limit" in r.text


def test_streamed_body_over_the_limit_is_413(library: Path) -> None:
    client = _client(library, max_upload_bytes=2_000)

    def chunks():  # no content-length: the limit is counted as the body arrives
        for _ in range(10):
            yield b"x" * 500

    r = client.post("/api/articles", content=chunks(), headers={"content-type": "application/json"})
    assert r.status_code == 413


def test_loopback_needs_no_token_but_a_set_token_is_checked(library: Path) -> None:
    assert _client(library).post("/api/articles", json=WRITE).status_code == 201
    guarded = _client(library, token="s3cret")
    assert guarded.post("/api/articles", json=WRITE).status_code == 401
    bad = {"Authorization": "Bearer wrong"}
    assert guarded.post("/api/articles", json=WRITE, headers=bad).status_code == 401
    good = {"Authorization": "Bearer s3cret"}
    assert guarded.post("/api/articles", json=WRITE, headers=good).status_code == 200  # present
    assert guarded.get("/api/articles").status_code == 200  # reads stay open


def test_off_loopback_every_write_needs_the_token(library: Path) -> None:
    client = _client(library, host="0.0.0.0", token="s3cret")
    first = client.get("/api/articles").json()["articles"][0]["id"]
    r = client.delete(f"/api/articles/{first}")
    assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
    assert client.post("/api/articles/batch", json={"articles": [WRITE]}).status_code == 401
    assert client.post("/api/articles/upload", files={"files": ("a.txt", b"x")}).status_code == 401
    assert client.get(f"/api/articles/{first}").status_code == 200


def test_off_loopback_without_a_token_refuses_to_start(library: Path) -> None:
    with pytest.raises(ValueError, match="token"):
        create_app(Settings(db_path=str(library), host="0.0.0.0"))


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("localhost", True),
        ("::1", True),
        ("[::1]", True),
        ("0.0.0.0", False),
        ("192.168.1.4", False),
        ("example.org", False),
    ],
)
def test_is_loopback(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_an_upload_name_is_never_a_path_on_the_server(client: TestClient, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("Top secret\n\nThe launch codes are in the drawer.")
    r = client.post(
        "/api/articles/upload", files={"files": (str(secret), b"Harmless\n\nJust some words here.")}
    )
    assert r.status_code == 201
    got = client.get(f"/api/articles/{r.json()['articles'][0]['id']}").json()
    assert "launch codes" not in got["text"]
    assert got["origin"] == "upload:secret.txt"


def test_no_page_loads_anything_from_another_host(client: TestClient) -> None:
    for path in ("/check", "/compare", "/articles", "/api"):
        r = client.get(path)
        assert r.status_code == 200
        assert "default-src 'self'" in r.headers["content-security-policy"]
        assert "http://" not in r.text and "https://" not in r.text, path
    assert client.get("/docs").status_code == 404  # the stock docs pages use a CDN


def test_openapi_describes_every_resource(client: TestClient) -> None:
    spec = client.get("/api/openapi.json").json()
    paths = spec["paths"]
    for path in ("/api/articles", "/api/articles/{article_id}", "/api/compare", "/api/check"):
        assert path in paths
    assert not any(p.startswith("/articles") for p in paths)  # pages stay out of the API
    for path in ("/api/stories", "/api/stories/{ref}", "/api/search", "/api/check/upload"):
        assert path in paths
    not_found = paths["/api/articles/{article_id}"]["get"]["responses"]["404"]
    assert not_found["content"]["application/json"]["schema"]["$ref"].endswith("/ErrorOut")
    assert "/api/compare" in client.get("/api").text
