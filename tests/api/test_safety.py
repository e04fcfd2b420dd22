"""Size limits, the write token, no file paths and nothing loaded from another host."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from unspun.api import Settings, create_app
from unspun.api.settings import is_loopback

WRITE = {"text": "Bridge reopens\n\nThe Mill Street bridge reopened to traffic on Monday."}


_MADE: list[TestClient] = []  # clients made without `with` (no lifespan): their workers


@pytest.fixture(autouse=True)
def _stop_workers() -> Iterator[None]:
    yield
    while _MADE:
        _MADE.pop().app.state.unspun.pool.close()  # type: ignore[attr-defined]


def _client(library: Path, **kw: object) -> TestClient:
    client = TestClient(create_app(Settings(db_path=str(library), use_model=False, **kw)))  # type: ignore[arg-type]
    _MADE.append(client)
    return client


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


# -- the token off loopback ----------------------------------------------------------------


def test_off_loopback_adding_needs_the_right_token(library: Path) -> None:
    client = _client(library, host="192.168.1.4", token="s3cret")
    body = {"text": "Mill reopens\n\nThe old paper mill reopened on Tuesday with forty jobs."}
    assert client.post("/api/articles", json=body).status_code == 401
    wrong = {"Authorization": "Bearer s3cre"}
    assert client.post("/api/articles", json=body, headers=wrong).status_code == 401
    basic = {"Authorization": "Basic s3cret"}
    assert client.post("/api/articles", json=body, headers=basic).status_code == 401
    right = {"Authorization": "Bearer s3cret"}
    assert client.post("/api/articles", json=body, headers=right).status_code == 201
    assert client.post("/check", data={"text": body["text"]}).status_code == 200  # no write


# -- upload and body limits ----------------------------------------------------------------


def test_several_uploads_together_over_the_limit_are_413(library: Path) -> None:
    client = _client(library, max_upload_bytes=3_000)
    files = [("files", (f"part{i}.txt", b"word " * 300, "text/plain")) for i in range(3)]
    r = client.post("/api/articles/upload", files=files)
    assert r.status_code == 413 and r.json()["error"]["kind"] == "too-large"
    r = client.post("/api/check/upload", files={"file": ("big.txt", b"word " * 1_000)})
    assert r.status_code == 413


def test_a_batch_over_its_article_limit_is_400(library: Path) -> None:
    client = _client(library, max_batch=3)
    batch = {"articles": [{"text": f"Note {i}\n\nA short note, number {i}."} for i in range(4)]}
    r = client.post("/api/articles/batch", json=batch)
    assert r.status_code == 400 and "over the limit of 3" in r.json()["error"]["message"]


def test_an_article_over_the_limit_in_a_small_body_is_refused(library: Path) -> None:
    client = _client(library, max_upload_bytes=6_000)  # gzip: a small body, a large page
    import gzip

    page = gzip.compress(b"word " * 10_000)
    assert len(page) < 6_000
    r = client.post("/api/articles/upload", files={"files": ("page.txt.gz", page)})
    assert r.status_code == 413, r.text


# -- article text escaped on every page ----------------------------------------------------

HOSTILE_TITLE = "Ferry <script>alert('title')</script> aground"
HOSTILE_LINE = (
    "Witnesses on the quay said the council had voted <script>alert('text')</script> twice, "
    "and the clerk wrote <img src=x onerror=alert(1)> in the minutes of the meeting."
)


BODY = " ".join(
    f"The {place} council met on {day} and voted {n} to {9 - n} on the {thing} plan."
    for place, day, n, thing in zip(
        ("Marlow", "Ashby", "Corran", "Tillet", "Brenna", "Oskar", "Fenwick", "Dunmore"),
        ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "noon"),
        range(1, 9),
        ("ferry", "harbour", "bridge", "school", "library", "park", "road", "market"),
        strict=True,
    )
)


def _hostile_story(client: TestClient) -> list[str]:
    """Two copies of one story (so that it makes a family) with markup in title and text."""
    body = BODY
    ids = []
    for site in ("one.example", "two.example"):
        text = f"{HOSTILE_LINE} {body} Reported for {site} by the harbour desk."
        r = client.post("/api/articles", json={"text": text, "title": HOSTILE_TITLE, "site": site})
        assert r.status_code == 201, r.text
        ids.append(r.json()["id"])
    return ids


def test_article_text_is_escaped_on_every_page(client: TestClient) -> None:
    first, second = _hostile_story(client)
    family = client.get(f"/api/stories/{first}").json()["id"]
    pages = {
        "article": client.get(f"/articles/{first}"),
        "articles": client.get("/articles"),
        "search": client.get("/search", params={"q": "ferry"}),
        "stories": client.get("/stories", params={"min_size": 1}),
        "story": client.get(f"/stories/{family}"),
        "check": client.post("/check", data={"text": f"{HOSTILE_TITLE}\n\n{HOSTILE_LINE}"}),
        "compare": client.post("/compare", data={"copy_id": first, "source_id": second}),
    }
    for name, r in pages.items():
        assert r.status_code == 200, (name, r.status_code)
        assert "<script>alert" not in r.text and "<img src=x" not in r.text, name
        assert "&lt;script&gt;alert(" in r.text, name


# -- no file read by a path the user gives -------------------------------------------------


@pytest.mark.parametrize(
    "ref", ["/etc/passwd", "../../etc/passwd", "..%2F..%2Fetc%2Fpasswd", "~/.ssh/id_rsa"]
)
def test_an_id_is_never_a_path(client: TestClient, ref: str) -> None:
    for r in (
        client.get(f"/api/articles/{ref}"),
        client.post("/api/check", json={"id": ref}),
        client.post("/compare", data={"copy_text": "A few words here.", "source_id": ref}),
    ):
        assert r.status_code in (404, 422), (ref, r.status_code)
        assert "root:" not in r.text


def test_static_files_stay_in_their_folder(client: TestClient) -> None:
    for path in ("/static/../../../../etc/passwd", "/static/%2e%2e/%2e%2e/etc/passwd"):
        r = client.get(path)
        assert r.status_code == 404 and "root:" not in r.text


def test_a_url_is_stored_never_fetched(client: TestClient) -> None:
    body = {
        "text": "Dam inspected\n\nEngineers inspected the dam on Friday.",
        "url": "file:///etc/passwd",
    }
    r = client.post("/api/articles", json=body)
    assert r.status_code == 201
    got = client.get(f"/api/articles/{r.json()['id']}").json()
    assert got["url"] == "file:///etc/passwd" and "root:" not in got["text"]
