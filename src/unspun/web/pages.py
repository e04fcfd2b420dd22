"""The pages: check, compare, the library listing, one article, the API description."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, File, Form, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse
from starlette.concurrency import run_in_threadpool

from unspun.api.deps import State
from unspun.api.errors import RequestError
from unspun.api.jobs import limit_words
from unspun.api.schemas import ArticleRef
from unspun.api.service import family_number, search, story_families, story_family
from unspun.api.state import AppState
from unspun.pipeline import SearchQuery
from unspun.web import jobs as web_jobs
from unspun.web.render import render

router = APIRouter(include_in_schema=False)
ISO_DATE_OR_EMPTY = r"^(\d{4}-\d{2}-\d{2})?$"
TICKET = r"^[A-Za-z0-9_-]*$"  # the name the page's script gives a check to follow it


def _page(template: str, **context: Any) -> HTMLResponse:
    context.setdefault("report", None)
    return HTMLResponse(render(template, **context))


@router.get("/")
def home() -> RedirectResponse:
    return RedirectResponse("/check", status_code=307)


@router.get("/check", response_class=HTMLResponse)
def check_form(state: State) -> HTMLResponse:
    with state.store() as store:
        size = store.count()
    return _page("check.html", nav="check", library_size=size, text="", result=None)


@router.post("/check", response_class=HTMLResponse)
async def check_page(
    state: State,
    text: Annotated[str, Form()] = "",
    article_id: Annotated[str, Form()] = "",
    file: Annotated[UploadFile | None, File()] = None,
    ticket: Annotated[str, Form(max_length=64, pattern=TICKET)] = "",
) -> HTMLResponse:
    """The check runs in the check pool; the page's script follows it (/api/jobs/...)."""
    upload = None
    if file is not None and file.filename:
        upload = (await file.read(state.settings.max_upload_bytes + 1), file.filename)
    elif not article_id.strip() and text.strip():  # refused before it takes a worker
        limit_words(text, state.settings.max_check_words, "<article>")
    found = await state.run(web_jobs.check_page, text, article_id, upload, ticket=ticket)
    return await run_in_threadpool(_page, "check.html", nav="check", text=text, **found)


@router.get("/compare", response_class=HTMLResponse)
def compare_form(state: State) -> HTMLResponse:
    return _compare_page(state)


@router.post("/compare", response_class=HTMLResponse)
async def compare_page(
    state: State,
    copy_text: Annotated[str, Form()] = "",
    copy_title: Annotated[str, Form()] = "",
    copy_id: Annotated[str, Form()] = "",
    source_text: Annotated[str, Form()] = "",
    source_id: Annotated[str, Form()] = "",
    ticket: Annotated[str, Form(max_length=64, pattern=TICKET)] = "",
) -> HTMLResponse:
    """The alignment runs in the check pool, as a check does."""
    copy, source = _ref(copy_text, copy_id, "copy"), _ref(source_text, source_id, "source")
    for side, ref in (("copy", copy), ("source", source)):
        if ref.text is not None:
            limit_words(ref.text, state.settings.max_check_words, f"<{side}>")
    fragment = await state.run(web_jobs.compare_page, copy, source, copy_title, ticket=ticket)
    values = (copy_text, copy_id, source_text, source_id)
    return await run_in_threadpool(_compare_page, state, *values, report=fragment)


def _ref(text: str, article_id: str, side: str) -> ArticleRef:
    if article_id.strip():
        return ArticleRef(id=article_id.strip())
    if not text.strip():
        raise RequestError(f"{side}: paste its text or give a library id")
    return ArticleRef(text=text)


def _compare_page(state: AppState, *values: str, report: Any = None) -> HTMLResponse:
    copy_text, copy_id, source_text, source_id = (*values, "", "", "", "")[:4]
    with state.store() as store:
        choices = store.list(limit=4 * state.settings.page_size)
    return _page(
        "compare.html",
        nav="compare",
        copy_text=copy_text,
        copy_id=copy_id,
        source_text=source_text,
        source_id=source_id,
        choices=choices,
        report=report,
    )


@router.get("/articles", response_class=HTMLResponse)
def articles_page(state: State, site: str | None = None, offset: int = 0) -> HTMLResponse:
    size = state.settings.page_size
    offset = max(offset, 0)
    with state.store() as store:
        rows = store.list(site=site, limit=size, offset=offset)
        total = store.count(site)

    def url(at: int) -> str:
        query = {k: v for k, v in (("site", site), ("offset", at)) if v}
        return "/articles" + ("?" + urlencode(query) if query else "")

    return _page(
        "articles.html",
        nav="articles",
        rows=rows,
        total=total,
        site=site,
        prev_url=url(max(offset - size, 0)) if offset > 0 else None,
        next_url=url(offset + size) if offset + size < total else None,
    )


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(article_id: str, state: State) -> HTMLResponse:
    with state.store() as store:
        article = store.get(article_id)
        family = family_number(store, article.id)
    paragraphs = [p for p in article.text.split("\n\n") if p.strip()]
    return _page(
        "article.html", nav="articles", article=article, paragraphs=paragraphs, family=family
    )


@router.get("/search", response_class=HTMLResponse)
def search_page(
    state: State,
    q: str = "",
    site: str = "",
    date_from: Annotated[str, Query(pattern=ISO_DATE_OR_EMPTY)] = "",
    date_to: Annotated[str, Query(pattern=ISO_DATE_OR_EMPTY)] = "",
) -> HTMLResponse:
    hits: list[dict[str, Any]] = []
    if q.strip():
        query = SearchQuery(q[:500], site=site.strip(), since=date_from, until=date_to)
        with state.store() as store:
            found = search(state, store, query)
        hits = [
            {
                **asdict(g.hit),
                "segments": _segments(g.hit.snippet, g.hit.marks),
                "more": [asdict(h) for h in g.more],
            }
            for g in found
        ]
    return _page(
        "search.html",
        nav="search",
        q=q,
        site=site,
        date_from=date_from,
        date_to=date_to,
        hits=hits,
    )


def _segments(text: str, marks: tuple[tuple[int, int], ...]) -> list[tuple[str, bool]]:
    """The snippet cut into (text, is a query word) pieces, for the template to escape."""
    out, pos = [], 0
    for start, end in marks:
        out += [(text[pos:start], False), (text[start:end], True)]
        pos = end
    out.append((text[pos:], False))
    return out


@router.get("/stories", response_class=HTMLResponse)
def stories_page(state: State, min_size: int = 2) -> HTMLResponse:
    with state.store() as store:
        families = story_families(state, store, max(min_size, 1), 4 * state.settings.page_size)
    return _page("stories.html", nav="stories", families=families)


@router.get("/stories/{ref}", response_class=HTMLResponse)
def story_page(ref: str, state: State) -> HTMLResponse:
    with state.store() as store:
        family = story_family(state, store, ref)
    return _page("story.html", nav="stories", family=family)


@router.get("/api", response_class=HTMLResponse)
def api_page(request: Request, state: State) -> HTMLResponse:
    spec = request.app.openapi()
    operations = []
    for path, methods in spec.get("paths", {}).items():
        for method, op in methods.items():
            body = op.get("requestBody", {}).get("content", {})
            operations.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "summary": op.get("summary", ""),
                    "description": op.get("description", ""),
                    "params": [p["name"] for p in op.get("parameters", [])],
                    "body": ", ".join(body),
                }
            )
    return _page(
        "api.html",
        nav="api",
        operations=operations,
        openapi_url=request.app.openapi_url,
        openapi_version=spec.get("openapi", ""),
        writes_need_token=state.settings.writes_need_token,
    )
