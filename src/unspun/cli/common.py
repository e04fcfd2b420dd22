"""What several commands share: the global options, the --html option, and opening the
library for one command."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from unspun.config import StoreConfig
from unspun.errors import StoreError, UnspunError
from unspun.store import SqliteStore, open_store

# Third-party parsers warn about every malformed page; unspun reports what matters.
_NOISY_LOGGERS = ("trafilatura", "htmldate", "courlan", "charset_normalizer")
_DB_HELP = "The library file."
_VERBOSE_HELP = "More log output (-vv for debug)."

db_option = click.option(
    "--db",
    "db_path",
    default=lambda: os.environ.get("UNSPUN_DB", "unspun.db"),
    show_default="./unspun.db or $UNSPUN_DB",
    help=_DB_HELP,
)
verbose_option = click.option("-v", "--verbose", count=True, help=_VERBOSE_HELP)


def configure_logging(verbose: int) -> None:
    """Log warnings (-v: info, -vv: debug, third-party parsers included) to stderr."""
    logging.basicConfig(format="%(levelname)s %(name)s: %(message)s")
    logging.getLogger().setLevel(logging.WARNING - 10 * min(verbose, 2))
    for noisy in _NOISY_LOGGERS:
        logging.getLogger(noisy).setLevel(logging.ERROR if verbose < 2 else logging.NOTSET)


def accept_global_options(group: click.Group) -> None:
    """Let every command under ``group`` also take the group's --db and -v after its name,
    as in ``unspun add --db lib.db FILE``; given in both places, the later one wins."""
    for command in group.commands.values():
        command.params.extend(_late_options())
        if isinstance(command, click.Group):
            accept_global_options(command)


def _late_options() -> list[click.Parameter]:
    db = click.Option(["--db"], expose_value=False, callback=_late_db, help=_DB_HELP)
    verbose = click.Option(
        ["-v", "--verbose"],
        count=True,
        expose_value=False,
        callback=_late_verbose,
        help=_VERBOSE_HELP,
    )
    return [db, verbose]


def _late_db(ctx: click.Context, _param: Any, value: str | None) -> None:
    if value is not None:
        ctx.ensure_object(dict)["db_path"] = value


def _late_verbose(ctx: click.Context, _param: Any, value: int) -> None:
    if value:
        obj = ctx.ensure_object(dict)
        obj["verbose"] = obj.get("verbose", 0) + value
        configure_logging(obj["verbose"])


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
