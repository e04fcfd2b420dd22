"""``unspun compare COPY SOURCE``: align a copy with its source, sentence by sentence."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from unspun.cli.common import html_option
from unspun.config import ExtractConfig
from unspun.errors import InputError, ModelUnavailable, NotFound, StoreError
from unspun.model import Article

if TYPE_CHECKING:
    from unspun.pipeline.compare import Comparison

log = logging.getLogger(__name__)

STDIN = "-"


@click.command("compare")
@click.argument("copy_name", metavar="COPY")
@click.argument("source_name", metavar="SOURCE")
@click.option("--json", "as_json", is_flag=True, help="Print the JSON report (unspun.compare/1).")
@html_option
@click.option("--no-model", is_flag=True, help="Lexical evidence only; skip the sentence model.")
@click.pass_context
def compare(
    ctx: click.Context,
    copy_name: str,
    source_name: str,
    as_json: bool,
    html_path: Path | None,
    no_model: bool,
) -> None:
    """Align COPY with SOURCE and report, for every copy sentence, where it comes from.

    COPY and SOURCE are each a file (text or HTML), - for standard input (at most one),
    or the id (or a unique id prefix) of an article in the library.
    """
    if copy_name == STDIN and source_name == STDIN:
        raise click.UsageError("only one of COPY and SOURCE can be read from stdin (-)")
    db_path = (ctx.obj or {}).get("db_path", "unspun.db")
    copy = load_article(copy_name, db_path)
    source = load_article(source_name, db_path)
    c = _compare(copy, source, no_model)
    parts = (c.copy, c.source, c.alignment)
    if html_path is not None:
        from unspun.report.html import render_html

        try:
            html_path.write_text(
                render_html(*parts, model=c.model, changes=c.changes, provenance=c.provenance),
                "utf-8",
            )
        except OSError as exc:
            raise click.ClickException(f"{html_path}: cannot write ({exc.strerror})") from exc
        click.echo(f"HTML report written to {html_path}", err=True)
    if as_json:
        from unspun.report.json import compare_report, dumps

        click.echo(
            dumps(compare_report(*parts, model=c.model, changes=c.changes, provenance=c.provenance))
        )
        return
    from rich.console import Console

    from unspun.report.terminal import print_compare

    print_compare(
        Console(highlight=False), *parts, model=c.model, changes=c.changes, provenance=c.provenance
    )


def load_article(name: str, db_path: str) -> Article:
    """A file, stdin, or a library article; a ClickException naming the input otherwise."""
    from unspun.extract import read_bytes

    cfg = ExtractConfig()
    try:
        if name == STDIN:
            return read_bytes(sys.stdin.buffer.read(), "<stdin>", cfg)
        path = Path(name)
        if path.is_dir():
            raise click.ClickException(f"{name}: is a directory; name one article file")
        if path.exists():
            return _read_file(path, cfg)
        return _from_library(name, db_path)
    except InputError as exc:
        raise click.ClickException(f"{exc.origin}: {exc.reason}") from exc
    except OSError as exc:
        raise click.ClickException(f"{name}: {exc.strerror or exc}") from exc


def _read_file(path: Path, cfg: ExtractConfig) -> Article:
    from unspun.extract import read_inputs
    from unspun.model import Rejected

    found: Article | None = None
    for item in read_inputs([str(path)], cfg):
        if isinstance(item, Rejected):
            raise click.ClickException(f"{item.origin}: {item.reason}")
        if found is not None:
            raise click.ClickException(
                f"{path}: holds several articles; add it to the library and compare by id"
            )
        found = item
    if found is None:
        raise click.ClickException(f"{path}: no article found in it")
    return found


def _from_library(name: str, db_path: str) -> Article:
    if not Path(db_path).exists():
        raise click.ClickException(
            f"{name}: no such file, and no library at {db_path} to look it up as an id"
        )
    from unspun.store import open_store

    try:
        with open_store(db_path, create=False) as store:
            return store.get(name)
    except NotFound as exc:
        raise click.ClickException(f"{name}: no such file; and {exc}") from exc
    except StoreError as exc:
        raise click.ClickException(f"{name}: not a file, and the library failed: {exc}") from exc


def _compare(copy: Article, source: Article, no_model: bool) -> Comparison:
    """Compare with the sentence model, or lexically (asked for, or the model is missing)."""
    from unspun.align import load_embedder
    from unspun.pipeline.compare import CompareConfig, compare_articles

    cfg = CompareConfig()
    embedder = None
    if not no_model:
        try:
            embedder = load_embedder(cfg.align)
        except ModelUnavailable as exc:
            click.echo(f"unspun: {exc}; falling back to lexical alignment", err=True)
    return compare_articles(copy, source, cfg, embedder)


def register(group: click.Group) -> None:
    group.add_command(compare)
