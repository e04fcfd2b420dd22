"""``unspun serve``: the web app and REST API over the library, with uvicorn."""

from __future__ import annotations

import logging
import os

import click


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option(
    "--token",
    default=lambda: os.environ.get("UNSPUN_TOKEN") or None,
    show_default="$UNSPUN_TOKEN",
    help="Bearer token for write endpoints (required when --host is not loopback).",
)
@click.option(
    "--max-upload",
    "max_upload_mb",
    default=5.0,
    show_default=True,
    type=click.FloatRange(min=0.001),
    help="Largest request body or upload, in MB (413 past it).",
)
@click.option(
    "--workers",
    default=0,
    show_default="one per core",
    type=click.IntRange(min=0),
    help="Worker processes that run checks and compares (pages and search never wait on them).",
)
@click.option(
    "--queue",
    default=0,
    show_default="16 per worker",
    type=click.IntRange(min=0),
    help="Checks that may wait for a worker; past it the server answers 429 with Retry-After.",
)
@click.option(
    "--check-seconds",
    default=30.0,
    show_default=True,
    type=click.FloatRange(min=0.1),
    help="Time limit of one check or compare: past it its worker is stopped and it answers 504.",
)
@click.option(
    "--max-words",
    default=20_000,
    show_default=True,
    type=click.IntRange(min=1),
    help="Largest article a check or compare accepts, in words (413 past it).",
)
@click.option("--no-model", is_flag=True, help="Lexical evidence only; skip the sentence model.")
@click.option(
    "--access-log/--no-access-log",
    default=True,
    show_default=True,
    help="Log each request on stderr: method, path, status, time (never a query or a text).",
)
@click.pass_context
def serve(
    ctx: click.Context,
    host: str,
    port: int,
    token: str | None,
    max_upload_mb: float,
    workers: int,
    queue: int,
    check_seconds: float,
    max_words: int,
    no_model: bool,
    access_log: bool,
) -> None:
    """Serve the pages and the REST API (docs at /api) over the library (--db)."""
    try:
        import uvicorn

        from unspun.api import Settings, create_app
    except ImportError as exc:
        raise click.ClickException(
            f"the web app needs the 'serve' extra ({exc.name} is missing): "
            "pip install 'unspun[serve]'"
        ) from exc

    settings = Settings(
        db_path=ctx.obj["db_path"],
        host=host,
        port=port,
        token=token,
        max_upload_bytes=int(max_upload_mb * 1_000_000),
        use_model=not no_model,
        workers=workers,
        queue=queue,
        check_seconds=check_seconds,
        max_check_words=max_words,
        start_workers=True,
    )
    try:
        app = create_app(settings)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from exc
    click.echo(
        f"unspun: serving {settings.db_path} at http://{host}:{port}/ ({settings.pool_workers} "
        f"check workers, {settings.pool_queue} queued at most, {check_seconds:g} s and "
        f"{max_words:,} words a check)",
        err=True,
    )
    logging.getLogger("unspun.access").setLevel(logging.INFO if access_log else logging.WARNING)
    # uvicorn's own access log would write query strings (search words): unspun's instead
    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)


def register(group: click.Group) -> None:
    group.add_command(serve)
