"""``/api/articles``: add (text, HTML, upload, batch), list, get and delete library articles."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Query, Response, UploadFile
from starlette.concurrency import run_in_threadpool

from unspun.api.deps import State, require_json, require_token
from unspun.api.errors import RequestError
from unspun.api.schemas import ArticleIn, BatchIn, errors
from unspun.api.service import read_inline, read_upload
from unspun.api.state import AppState
from unspun.codec import to_dict
from unspun.errors import InputError
from unspun.model import Article, Rejected

router = APIRouter(prefix="/api", tags=["articles"])
write = [Depends(require_token)]
ONE = '{"text": "..."} or {"html": "..."}'


def _added(article: Article, added: bool) -> dict[str, Any]:
    return {
        "id": article.id,
        "added": added,
        "title": article.title,
        "words": len(article.text.split()),
    }


@router.post(
    "/articles",
    dependencies=[*write, Depends(require_json(ONE))],
    status_code=201,
    summary="Add one article",
    responses={**errors(400, 401, 413, 415, 422), 200: {"description": "Already present"}},
)
def add_article(item: ArticleIn, state: State, response: Response) -> dict[str, Any]:
    """Add an article given as ``text`` or ``html``: 201 when added, 200 with ``added``
    false when the library already holds it."""
    article = read_inline(item, state.extract_config)
    with state.store(write=True) as store:
        added = store.add(article)
    response.status_code = 201 if added else 200
    return _added(article, added)


@router.post(
    "/articles/upload",
    dependencies=write,
    status_code=201,
    summary="Upload files",
    responses=errors(401, 413, 422),
)
async def upload_articles(
    files: Annotated[list[UploadFile], File(description="Text or HTML files, optionally gzipped")],
    state: State,
    response: Response,
) -> dict[str, Any]:
    """Add uploaded files, one article each; files that cannot be read are listed as failed.
    201 when some article was added, else 200."""
    limit = state.settings.max_upload_bytes
    named = [(await f.read(limit + 1), f.filename or "upload") for f in files]
    return _created(response, await run_in_threadpool(_add_uploads, state, named))


def _add_uploads(state: AppState, named: list[tuple[bytes, str]]) -> dict[str, Any]:
    items: list[Article | Rejected] = []
    for data, filename in named:
        try:
            items.append(read_upload(data, filename, state.extract_config))
        except InputError as exc:
            if len(named) == 1:
                raise
            items.append(Rejected(exc.origin, exc.reason, exc.kind))
    return _add_many(state, items)


@router.post(
    "/articles/batch",
    dependencies=[*write, Depends(require_json('{"articles": [{"text": "..."}, ...]}'))],
    status_code=201,
    summary="Add a batch",
    responses=errors(400, 401, 413, 415, 422),
)
def add_batch(batch: BatchIn, state: State, response: Response) -> dict[str, Any]:
    """Add many articles in one request; one bad article never stops the others.
    201 when some article was added, else 200."""
    if len(batch.articles) > state.settings.max_batch:
        raise RequestError(
            f"{len(batch.articles)} articles in one batch, over the limit of "
            f"{state.settings.max_batch}: split it"
        )
    items: list[Article | Rejected] = []
    for i, item in enumerate(batch.articles):
        try:
            items.append(read_inline(item, state.extract_config, origin=f"articles[{i}]"))
        except (InputError, RequestError) as exc:
            reason = exc.reason if isinstance(exc, InputError) else str(exc)
            items.append(Rejected(f"articles[{i}]", reason, getattr(exc, "kind", "request")))
    return _created(response, _add_many(state, items))


def _created(response: Response, answer: dict[str, Any]) -> dict[str, Any]:
    response.status_code = 201 if answer["added"] else 200
    return answer


def _add_many(state: AppState, items: list[Article | Rejected]) -> dict[str, Any]:
    outcomes: list[dict[str, Any]] = []

    def progress(item: Article | Rejected, outcome: str) -> None:
        if isinstance(item, Article):
            outcomes.append(_added(item, outcome == "added"))

    with state.store(write=True) as store:
        summary = store.add_many(items, progress=progress)
    return {
        "added": summary.added,
        "present": summary.present,
        "articles": outcomes,
        "failed": [asdict(r) for r in summary.failed],
    }


@router.get("/articles", summary="List articles", responses=errors(422))
def list_articles(
    state: State,
    site: Annotated[str | None, Query(description="Only articles of this site")] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> dict[str, Any]:
    """Articles newest first (by date published, else fetched)."""
    with state.store() as store:
        rows = store.list(site=site, limit=limit, offset=offset)
        total = store.count(site)
    return {
        "total": total,
        "offset": offset,
        "limit": limit,
        "articles": [asdict(r) for r in rows],
    }


@router.get("/articles/{article_id}", summary="Get an article", responses=errors(404, 409))
def get_article(article_id: str, state: State) -> dict[str, Any]:
    """The whole article record, by id or unique id prefix."""
    with state.store() as store:
        return to_dict(store.get(article_id))


@router.delete(
    "/articles/{article_id}",
    dependencies=write,
    summary="Delete an article",
    responses=errors(401, 404, 409),
)
def delete_article(article_id: str, state: State) -> dict[str, Any]:
    """Remove an article from the library; answers what was removed."""
    with state.store(write=True) as store:
        article = store.remove(article_id)
    return {"id": article.id, "removed": True, "title": article.title}


@router.get("/library", summary="Library summary", tags=["library"])
def library(state: State) -> dict[str, Any]:
    """What the library holds: counts by site, wire credit, format, dates."""
    with state.store() as store:
        summary = store.summary()
    summary.pop("library", None)  # the server's file path is nobody's business
    return summary
