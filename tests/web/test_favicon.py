"""/favicon.ico: an icon served by the app itself, never a 404 in the server's log."""

from __future__ import annotations

from fastapi.testclient import TestClient


def test_the_favicon_is_served_from_the_app(client: TestClient) -> None:
    r = client.get("/favicon.ico")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("image/svg+xml")
    assert r.text.startswith("<svg") and "http://www.w3.org/2000/svg" in r.text
    assert "href" not in r.text  # nothing loaded from elsewhere
    assert "max-age" in r.headers["cache-control"]


def test_pages_name_the_icon(client: TestClient) -> None:
    assert 'rel="icon"' in client.get("/check").text
