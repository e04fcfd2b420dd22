"""The REST API fed generated JSON bodies and ids: an answer with a status the API
documents and an error body with a message; never a 500."""

from __future__ import annotations

import math
from collections.abc import Iterator
from urllib.parse import quote

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.fuzz.conftest import count
from tests.fuzz.test_readers import HTML, JSON_VALUE, TEXT

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient

from unspun.api import Settings, create_app

FIELDS = ["text", "html", "title", "url", "site", "published", "id"]
# what a client can send as JSON: no NaN or infinity (the JSON readers' own tests take them)
SENDABLE = JSON_VALUE.filter(lambda v: _finite(v))
ARTICLE = st.dictionaries(
    st.sampled_from(FIELDS),
    st.one_of(TEXT, HTML, SENDABLE),
    max_size=5,
)
BODY = st.one_of(
    ARTICLE,
    st.fixed_dictionaries({"articles": st.lists(ARTICLE, max_size=4)}),
    st.fixed_dictionaries({"copy": ARTICLE, "source": ARTICLE}),
    SENDABLE,
)


def _finite(value: object) -> bool:
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, list):
        return all(_finite(v) for v in value)
    if isinstance(value, dict):
        return all(_finite(v) for v in value.values())
    return True


DOCUMENTED = {200, 201, 400, 404, 405, 409, 413, 415, 422}


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    db = tmp_path_factory.mktemp("api-fuzz") / "lib.db"
    settings = Settings(db_path=str(db), use_model=False, max_upload_bytes=100_000)
    with TestClient(create_app(settings)) as test_client:
        yield test_client


def _check(answer: object) -> None:
    status = answer.status_code  # type: ignore[attr-defined]
    assert status in DOCUMENTED, answer.text[:500]  # type: ignore[attr-defined]
    if status >= 400:
        assert answer.json()["error"]["message"]  # type: ignore[attr-defined]


@given(
    st.sampled_from(["/api/articles", "/api/articles/batch", "/api/compare", "/api/check"]), BODY
)
def test_json_bodies(client: TestClient, path: str, body: object) -> None:
    count("api-body")
    _check(client.post(path, json=body))


@given(st.text(max_size=80))
def test_article_ids(client: TestClient, ref: str) -> None:
    count("api-id")
    _check(client.get("/api/articles/" + quote(ref, safe="")))
