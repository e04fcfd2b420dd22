"""The app factory: ``create_app(settings)`` builds the REST API and the pages in one app."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from unspun import __version__
from unspun.api import errors
from unspun.api.access import AccessLog
from unspun.api.pool import Hook, WorkerPool
from unspun.api.routes import articles, check, compare, search, stories
from unspun.api.settings import Settings
from unspun.api.state import AppState

# Pages may load only what this server serves; inline style and script come from the report.
CSP = (
    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
    "base-uri 'none'"
)


def create_app(settings: Settings | None = None, job_hook: Hook | None = None) -> FastAPI:
    """The whole server over the library ``settings.db_path``.

    Checks and compares run in a pool of worker processes (:mod:`unspun.api.pool`), started
    with the app when ``settings.start_workers``, else by the first check, and stopped with
    the app. ``job_hook(name, args)``, a module-level function, runs in the worker before each
    job (tests make a check slow or crash with it).

    Raises ValueError for settings that would expose write endpoints without a token.
    """
    settings = settings or Settings()
    settings.validate()
    from unspun.web import favicon, pages
    from unspun.web.render import STATIC_DIR, error_page

    app = FastAPI(
        title="unspun",
        version=__version__,
        description="Where did a news article come from, how much of it was copied or "
        "paraphrased, and what did the copy change?",
        openapi_url="/api/openapi.json",
        docs_url=None,  # the stock docs pages load their scripts from a CDN: /api instead
        redoc_url=None,
        lifespan=_lifespan,
    )
    pool = WorkerPool(
        settings,
        workers=settings.pool_workers,
        queue=settings.pool_queue,
        seconds=settings.check_seconds,
        hook=job_hook,
    )
    app.state.unspun = AppState(settings, pool=pool)
    for router in (
        articles.router,
        compare.router,
        check.router,
        search.router,
        stories.router,
        pages.router,
        favicon.router,
    ):
        app.include_router(router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    errors.install(app, error_page)
    app.add_middleware(SecurityHeaders)
    app.add_middleware(BodyLimit, limit=settings.max_upload_bytes)
    app.add_middleware(AccessLog)  # the outermost: it sees every answer, a 413 included
    return app


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    state: AppState = app.state.unspun
    assert state.pool is not None
    if state.settings.start_workers:
        state.pool.start()
    try:
        yield
    finally:
        state.pool.close()


class BodyLimit:
    """Refuses (413) a request whose body is over ``limit`` bytes, declared or streamed."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length", b"")
        if declared.isdigit() and int(declared) > self.limit:
            await self._refuse(scope, send, int(declared))
            return
        seen, refused, started = 0, False, False

        async def counted() -> Message:
            nonlocal seen, refused
            if refused:
                return {"type": "http.disconnect"}
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.limit:  # the app sees a client gone; the client gets a 413
                refused = True
                return {"type": "http.disconnect"}
            return message

        async def guarded(message: Message) -> None:
            nonlocal started
            if refused:
                return
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted, guarded)
        except Exception:
            if not refused:
                raise
        if refused and not started:
            await self._refuse(scope, send, seen, declared=False)

    async def _refuse(self, scope: Scope, send: Send, size: int, declared: bool = True) -> None:
        over = f"of {size:,} bytes" if declared else "(sent without a length)"
        message = f"request body {over} over the limit of {self.limit:,} bytes"
        if scope.get("path", "").startswith("/api"):
            error = {"status": 413, "kind": "too-large", "message": message}
            body, kind = json.dumps({"error": error}).encode(), b"application/json"
        else:
            from unspun.web.render import error_page

            body, kind = error_page(413, message).encode(), b"text/html; charset=utf-8"
        headers = [(b"content-type", kind), (b"content-length", str(len(body)).encode())]
        await send({"type": "http.response.start", "status": 413, "headers": headers})
        await send({"type": "http.response.body", "body": body})


class SecurityHeaders:
    """No sniffing, no framing, and pages that load nothing from another host."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += [
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"no-referrer"),
                    (b"content-security-policy", CSP.encode()),
                ]
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, with_headers)
