"""``unspun check ARTICLE``, ``unspun search QUERY`` and ``unspun index``: the library asked
where an article came from, searched by words, and its source index brought up to date."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

import click

from unspun.cli.common import html_option, open_library
from unspun.cli.compare import load_article
from unspun.store import SqliteStore

if TYPE_CHECKING:
    from unspun.pipeline import CheckResult

log = logging.getLogger(__name__)


@click.command("check")
@click.argument("article_name", metavar="ARTICLE")
@click.option("--json", "as_json", is_flag=True, help="Print the JSON report (unspun.check/1).")
@html_option
@click.option(
    "-k",
    "align_top",
    type=click.IntRange(1, 100),
    default=6,
    show_default=True,
    help=(
        "Align at least this many of the best candidates with the article "
        "(more while they keep adding sources)."
    ),
)
@click.option("--no-model", is_flag=True, help="Lexical evidence only; skip the sentence model.")
@click.option("--brief", is_flag=True, help="Terminal report: verdict and sources only.")
@click.option(
    "--unexplained",
    is_flag=True,
    help="Terminal report: list every sentence no source explains (else the first 3).",
)
@click.pass_context
def check(
    ctx: click.Context,
    article_name: str,
    as_json: bool,
    html_path: Path | None,
    align_top: int,
    no_model: bool,
    brief: bool,
    unexplained: bool,
) -> None:
    """Find the sources of ARTICLE in the library, verbatim or spun, best first.

    ARTICLE is a file (text or HTML), - for standard input, or the id (or a unique id
    prefix) of an article in the library. Articles the index lacks (added by other tools)
    are indexed first; sentence vectors still missing (`unspun add --no-vectors`) are
    computed for up to 2,000 of them (run `unspun index` for more).
    """
    from unspun.pipeline import CheckConfig, check_article, load_resources, sync_index
    from unspun.retrieve.index import SourceIndex
    from unspun.retrieve.sync import pending_vectors

    db_path = (ctx.obj or {}).get("db_path", "unspun.db")
    article = load_article(article_name, db_path)
    cfg = CheckConfig(align_top=align_top)
    resources = load_resources(cfg, use_model=not no_model)
    for note in resources.notes:
        click.echo(f"unspun: {note}", err=True)
    with open_library(ctx) as store:
        index = SourceIndex(store.conn, cfg.retrieve, resources.embedder)
        sync_index(store, index, vectors=cfg.lazy_vectors)
        if resources.embedder is not None and (left := pending_vectors(index)):
            click.echo(
                f"unspun: {left} library articles have no sentence vectors yet; run "
                "`unspun index` so that paraphrased copies of them can be found",
                err=True,
            )
        result = check_article(article, store, index, resources, cfg)
    _report(result, as_json, html_path, brief, unexplained)


def _report(
    result: CheckResult,
    as_json: bool,
    html_path: Path | None,
    brief: bool,
    unexplained: bool = False,
) -> None:
    if html_path is not None:
        from unspun.report.check_html import render_check_html

        try:
            html_path.write_text(render_check_html(result), "utf-8")
        except OSError as exc:
            raise click.ClickException(f"{html_path}: cannot write ({exc.strerror})") from exc
        click.echo(f"HTML report written to {html_path}", err=True)
    if as_json:
        from unspun.report.check_json import check_report
        from unspun.report.json import dumps

        click.echo(dumps(check_report(result)))
        return
    from rich.console import Console

    from unspun.report.check_terminal import print_check

    print_check(Console(highlight=False), result, details=not brief, unexplained=unexplained)


@click.command("search")
@click.argument("query")
@click.option("--site", default="", help="Only articles of this site.")
@click.option("--since", default="", metavar="DATE", help="Only articles dated on or after DATE.")
@click.option("--until", default="", metavar="DATE", help="Only articles dated on or before DATE.")
@click.option(
    "-n", "--limit", type=click.IntRange(1, 1000), default=20, show_default=True, help="Hits."
)
@click.option("--no-group", is_flag=True, help="One row per article, not per story.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (unspun.search/1).")
@click.pass_context
def search(
    ctx: click.Context,
    query: str,
    site: str,
    since: str,
    until: str,
    limit: int,
    no_group: bool,
    as_json: bool,
) -> None:
    """Full-text search of the library: words and "quoted phrases", all required; a word
    ending in * is a prefix; OR between two terms makes either enough. Best match first,
    one row per story (the other copies of its family, or of its text, counted)."""
    from unspun.pipeline import SearchQuery, sync_index
    from unspun.pipeline.search_groups import search_grouped
    from unspun.retrieve.index import SourceIndex

    for name, value in (("--since", since), ("--until", until)):
        if value and not _is_date(value):
            raise click.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)", param_hint=name)
    with open_library(ctx) as store:
        sync_index(store, SourceIndex(store.conn))
        query_ = SearchQuery(query, site, since, until, limit)
        rows = search_grouped(store.conn, query_, grouped=not no_group)
    if as_json:
        import json

        from unspun.report.check_json import search_row

        out = {"schema": "unspun.search/1", "query": query, "hits": [search_row(r) for r in rows]}
        click.echo(json.dumps(out, indent=2, ensure_ascii=False))
        return
    from rich.console import Console

    from unspun.report.check_terminal import print_search

    print_search(Console(highlight=False), query, rows)


def _is_date(value: str) -> bool:
    import datetime as dt

    try:
        dt.date.fromisoformat(value[:10])
    except ValueError:
        return False
    return True


@click.command("index")
@click.option("--no-vectors", is_flag=True, help="Words only: skip the sentence vectors.")
@click.option("--rebuild", is_flag=True, help="Drop the source index and build it again.")
@click.pass_context
def index(ctx: click.Context, no_vectors: bool, rebuild: bool) -> None:
    """Bring the library's source index up to date: index articles added by older tools,
    compute the sentence vectors of articles added with `unspun add --no-vectors` (some
    4,000 sentences a second), and bring the vector index file beside the library along."""
    from unspun.errors import ModelUnavailable
    from unspun.pipeline import CheckConfig, sync_index
    from unspun.retrieve.index import SourceIndex
    from unspun.retrieve.static import load_static
    from unspun.retrieve.sync import drop_index, pending_vectors

    cfg = CheckConfig()
    embedder = None
    if not no_vectors:
        try:
            embedder = load_static()
        except ModelUnavailable as exc:
            click.echo(f"unspun: {exc}; indexing without sentence vectors", err=True)
    with open_library(ctx) as store:
        if rebuild:
            drop_index(store.conn)
            from unspun.retrieve.ann import ann_path

            if (path := ann_path(store.conn)) is not None:
                path.unlink(missing_ok=True)
        idx = SourceIndex(store.conn, cfg.retrieve, embedder)
        added = sync_index(store, idx)
        embedded = 0
        if embedder is not None:
            embedded = _embed_all(store, idx)
            idx.sync_ann()
        click.echo(
            f"source index: {len(idx)} articles ({added} newly indexed, {embedded} embedded, "
            f"{pending_vectors(idx)} without vectors)"
        )


def _embed_all(store: SqliteStore, idx: object, batch: int = 256) -> int:
    """Embed every pending article, a committed batch at a time, with a progress bar."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    from unspun.retrieve.index import SourceIndex
    from unspun.retrieve.sync import pending_vectors

    assert isinstance(idx, SourceIndex)
    total = pending_vectors(idx)
    done = 0
    columns = (BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, transient=True, disable=total < batch) as progress:
        task = progress.add_task("embedding", total=total)
        while True:
            store.conn.execute("BEGIN IMMEDIATE")
            try:
                n = idx.index_vectors(limit=batch)
            except BaseException:
                store.conn.execute("ROLLBACK")
                raise
            store.conn.execute("COMMIT")
            if n == 0:
                return done
            done += n
            progress.update(task, advance=n)


def register(group: click.Group) -> None:
    for command in (check, search, index):
        group.add_command(command)
