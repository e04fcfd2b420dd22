"""What several commands share: the --html option, and opening the library for one command."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from unspun.config import StoreConfig
from unspun.errors import StoreError, UnspunError
from unspun.store import SqliteStore, open_store

html_option = click.option(
    "--html",
    "html_path",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    default=None,
    help="Also write a self-contained HTML page to FILE.",
)


@contextmanager
def open_library(ctx: click.Context, *, create: bool = False) -> Iterator[SqliteStore]:
    """The library at ``--db`` for one command, closed after it.

    A missing library (unless ``create``), a foreign file, or any unspun error raised while
    the command works becomes one line on stderr and exit code 1.
    """
    path = (ctx.obj or {}).get("db_path", "unspun.db")
    try:
        store = open_store(path, StoreConfig(path=path), create=create)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from exc
    try:
        yield store
    except UnspunError as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        store.close()
