"""The access log: method, path, status and time of each request; never text or queries."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from unspun.api import Settings, create_app

SECRET = "Quokka\n\nThe zanzibarian quokka smuggled seventeen umbrellas past customs."
LINE = re.compile(r"^(GET|POST|DELETE) (/\S*) (\d{3}) (\d+\.\d) ms$")


@pytest.fixture
def logged(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    caplog.set_level(logging.INFO, logger="unspun.access")
    return caplog


def _lines(caplog: pytest.LogCaptureFixture) -> list[tuple[str, ...]]:
    records = [r for r in caplog.records if r.name == "unspun.access"]
    found = [LINE.match(r.getMessage()) for r in records]
    assert all(found), [r.getMessage() for r in records]
    return [m.groups()[:3] for m in found if m]


def test_each_request_is_one_line(client: TestClient, logged: pytest.LogCaptureFixture) -> None:
    client.get("/api/articles")
    client.get("/api/articles/ffffffffffff")
    client.get("/favicon.ico")
    assert _lines(logged) == [
        ("GET", "/api/articles", "200"),
        ("GET", "/api/articles/ffffffffffff", "404"),
        ("GET", "/favicon.ico", "200"),
    ]


def test_no_article_text_and_no_query_is_logged(
    client: TestClient, logged: pytest.LogCaptureFixture
) -> None:
    assert client.post("/api/articles", json={"text": SECRET}).status_code == 201
    client.post("/check", data={"text": SECRET})
    client.get("/api/search", params={"q": "zanzibarian"})
    client.get("/search", params={"q": "zanzibarian"})
    assert [line[:2] for line in _lines(logged)] == [
        ("POST", "/api/articles"),
        ("POST", "/check"),
        ("GET", "/api/search"),
        ("GET", "/search"),
    ]
    assert "zanzibarian" not in logged.text and "quokka" not in logged.text.lower()


def test_a_refused_body_is_logged_with_its_status(
    library: Path, logged: pytest.LogCaptureFixture
) -> None:
    app = create_app(Settings(db_path=str(library), use_model=False, max_upload_bytes=1_000))
    with TestClient(app) as client:
        assert client.post("/api/articles", json={"text": "word " * 500}).status_code == 413
    assert _lines(logged) == [("POST", "/api/articles", "413")]


def test_a_crash_is_logged_as_500(
    library: Path, logged: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    import unspun.api.routes.articles as articles

    def broken(*_args: object, **_kw: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(articles, "to_dict", broken)
    app = create_app(Settings(db_path=str(library), use_model=False))
    with TestClient(app, raise_server_exceptions=False) as client:
        first = client.get("/api/articles").json()["articles"][0]["id"]
        assert client.get(f"/api/articles/{first}").status_code == 500
    assert _lines(logged)[-1] == ("GET", f"/api/articles/{first}", "500")
