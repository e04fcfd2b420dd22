"""``unspun add / ls / show / rm / stats``: the library commands."""

from __future__ import annotations

import dataclasses
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table
from rich.text import Text

from unspun.cli.common import open_library
from unspun.codec import to_dict
from unspun.config import ExtractConfig
from unspun.extract.sources import STDIN, expand_paths, format_of, read_inputs
from unspun.model import Article, Rejected
from unspun.store import AddSummary, ArticleRow, SqliteStore

if TYPE_CHECKING:
    from unspun.retrieve.index import SourceIndex

PROGRESS_MIN_INPUTS = 20  # show a progress bar from this many files (or any CSV/JSONL/WARC)
json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON.")


def register(group: click.Group) -> None:
    """Add the library commands to the ``unspun`` group."""
    for command in (add, ls, show, rm, reclean, stats):
        group.add_command(command)


# -- add ---------------------------------------------------------------------------------


_COLUMN_FIELDS = {
    "text": "text_column",
    "id": "id_column",
    "title": "title_column",
    "url": "url_column",
    "site": "site_column",
    "date": "date_column",
    "fetched": "fetched_column",
}


def extract_config(columns: tuple[str, ...]) -> ExtractConfig:
    """ExtractConfig with the ``--column FIELD=NAME`` mappings applied."""
    mapping: dict[str, Any] = {}  # ExtractConfig's column fields are all str
    for item in columns:
        field, sep, name = item.partition("=")
        if not sep or field not in _COLUMN_FIELDS or not name:
            fields = ", ".join(_COLUMN_FIELDS)
            raise click.BadParameter(f"{item!r}: expected FIELD=NAME with FIELD one of {fields}")
        mapping[_COLUMN_FIELDS[field]] = name
    return ExtractConfig(**mapping)


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("-q", "--quiet", is_flag=True, help="Print only failures.")
@json_option
@click.option(
    "--column",
    "columns",
    multiple=True,
    metavar="FIELD=NAME",
    help="CSV/JSONL column mapping, e.g. --column text=body --column site=source "
    "(fields: text, id, title, url, site, date, fetched).",
)
@click.option(
    "--no-vectors",
    is_flag=True,
    help="Skip the sentence vectors (a third faster); `unspun index` computes them later.",
)
@click.pass_context
def add(
    ctx: click.Context,
    paths: tuple[str, ...],
    quiet: bool,
    as_json: bool,
    columns: tuple[str, ...],
    no_vectors: bool,
) -> None:
    """Add articles to the library: files, directories, globs, or - for stdin.

    Text, HTML, CSV, JSONL and WARC (optionally gzipped). Each article is stored, indexed
    for the shingle and full-text retrievers, and 8 of its sentences embedded for the
    paraphrase retriever (unless --no-vectors). Adding the same content again is a no-op.
    Exits 1 when some input could not be added.
    """
    cfg = extract_config(columns)
    total, many = _count_inputs(paths)
    if total == 0 and STDIN not in paths:
        raise click.ClickException(f"no input files found in {' '.join(paths)}")
    items = read_inputs(paths, cfg)
    with open_library(ctx, create=True) as store:
        index = _attach_index(store, vectors=not no_vectors)
        if many and not as_json and sys.stderr.isatty():
            summary = _add_with_progress(store, items, total)
        else:
            summary = store.add_many(items)
        index.sync_ann()
        if as_json:
            click.echo(json.dumps(_summary_dict(summary, store), indent=2, ensure_ascii=False))
        else:
            _print_summary(summary, store, quiet)
    if summary.interrupted:
        ctx.exit(130)
    if summary.failed:
        ctx.exit(1)


def _attach_index(store: SqliteStore, vectors: bool = True) -> SourceIndex:
    """Keep the source index (shingles, full text and, with ``vectors``, the sentence vectors
    of the static embedding) in step as articles are added or removed. Call the index's
    ``sync_ann()`` once the changes are committed, to bring the vector index file along."""
    from unspun.errors import ModelUnavailable
    from unspun.retrieve.config import RetrieveConfig
    from unspun.retrieve.index import SourceIndex
    from unspun.retrieve.static import load_static

    embedder = None
    if vectors:
        try:
            embedder = load_static()
        except ModelUnavailable as exc:
            click.echo(f"unspun: {exc}; adding without sentence vectors", err=True)
    index = SourceIndex(store.conn, RetrieveConfig(), embedder)
    index.ensure_schema()
    store.attach(index)
    return index


def _count_inputs(paths: tuple[str, ...]) -> tuple[int | None, bool]:
    """(how many documents, if known; whether there are enough for a progress bar)."""
    files = 0
    for item in expand_paths(paths):
        if item == STDIN:
            continue
        if isinstance(item, Path) and format_of(item) in ("csv", "jsonl", "warc"):
            return None, True
        files += 1
    return files, files >= PROGRESS_MIN_INPUTS


class _RateColumn(ProgressColumn):
    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:,.0f} articles/s" if speed else "", style="progress.data.speed")


def _add_with_progress(store: SqliteStore, items: Any, total: int | None) -> AddSummary:
    console = Console(stderr=True)
    columns = (
        SpinnerColumn(),
        TextColumn("adding"),
        BarColumn(),
        MofNCompleteColumn(),
        _RateColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.fields[failed]} failed"),
    )
    with Progress(*columns, console=console, transient=False) as progress:
        task = progress.add_task("add", total=total, failed=0)
        failed = 0

        def tick(item: Article | Rejected, outcome: str) -> None:
            nonlocal failed
            failed += outcome == "failed"
            progress.update(task, advance=1, failed=failed)

        summary = store.add_many(items, progress=tick)
        progress.update(task, total=progress.tasks[0].completed)
    return summary


def _print_summary(summary: AddSummary, store: SqliteStore, quiet: bool) -> None:
    for rejected in summary.failed:
        click.echo(f"failed: {rejected.origin}: {rejected.reason}", err=True)
    if summary.interrupted:
        click.echo(
            "interrupted: the articles added so far are complete; "
            "run the same command again to add the rest",
            err=True,
        )
    if quiet:
        return
    done = summary.added + summary.present + len(summary.failed)
    repeats = (
        f" ({summary.repeats:,} the same article as an earlier input of this batch)"
        if summary.repeats
        else ""
    )
    click.echo(
        f"added {summary.added:,}, already present {summary.present:,}{repeats}, "
        f"failed {len(summary.failed):,} ({done:,} in {summary.seconds:.1f} s, "
        f"{summary.rate:,.0f}/s)"
    )
    if summary.new_boilerplate:
        click.echo(
            f"site boilerplate: {summary.new_boilerplate} new line(s) recognised, "
            f"{summary.cleaned} stored article(s) cleaned"
        )
    _print_stats(store.summary(), brief=True)


def _summary_dict(summary: AddSummary, store: SqliteStore) -> dict[str, Any]:
    return {
        "added": summary.added,
        "present": summary.present,
        "repeats": summary.repeats,
        "failed": [to_dict(r) for r in summary.failed],
        "new_boilerplate": summary.new_boilerplate,
        "cleaned": summary.cleaned,
        "interrupted": summary.interrupted,
        "seconds": round(summary.seconds, 3),
        "library": store.summary(),
    }


# -- ls ----------------------------------------------------------------------------------


@click.command()
@click.option("--site", default=None, help="Only articles of this site.")
@click.option("-n", "--limit", type=click.IntRange(min=1), default=50, show_default=True)
@click.option("--offset", type=click.IntRange(min=0), default=0)
@click.option("--all", "show_all", is_flag=True, help="List every article (no limit).")
@json_option
@click.pass_context
def ls(
    ctx: click.Context,
    site: str | None,
    limit: int,
    offset: int,
    show_all: bool,
    as_json: bool,
) -> None:
    """List the articles in the library, newest first."""
    with open_library(ctx) as store:
        rows = store.list(site=site, limit=None if show_all else limit, offset=offset)
        total = store.count(site)
    if as_json:
        click.echo(json.dumps([to_dict(r) for r in rows], indent=2, ensure_ascii=False))
        return
    if not sys.stdout.isatty():  # piped: one tab-separated line per article
        for row in rows:
            fields = (
                row.id,
                row.site,
                row.date[:10],
                row.title,
                str(row.words),
                ",".join(row.wire),
            )
            click.echo("\t".join(f.replace("\t", " ") for f in fields))
        return
    _print_table(rows, offset, total)


def _print_table(rows: list[ArticleRow], offset: int, total: int) -> None:
    console = Console()
    table = Table(box=None, header_style="bold")
    table.add_column("id", no_wrap=True, min_width=16)
    table.add_column("site", no_wrap=True, min_width=12, max_width=18, overflow="ellipsis")
    table.add_column("date", no_wrap=True, min_width=10)
    title_width = max(16, console.width - 76)  # what the other columns leave
    table.add_column("title", no_wrap=True, overflow="ellipsis", max_width=title_width)
    table.add_column("words", justify="right", no_wrap=True, min_width=5)
    table.add_column("wire", no_wrap=True, min_width=4, max_width=14, overflow="ellipsis")
    for row in rows:
        table.add_row(
            row.id,
            escape(row.site),
            row.date[:10],
            escape(row.title or "(no title)"),
            f"{row.words:,}",
            ",".join(row.wire),
        )
    console.print(table)
    shown = f"{offset + 1}-{offset + len(rows)}" if rows else "none"
    console.print(f"[dim]{shown} of {total:,} article(s)[/dim]", highlight=False)


# -- show --------------------------------------------------------------------------------


@click.command()
@click.argument("article_id")
@json_option
@click.pass_context
def show(ctx: click.Context, article_id: str, as_json: bool) -> None:
    """Show one article: metadata, clean text, captions and removed boilerplate.

    ARTICLE_ID may be a unique prefix of the id.
    """
    with open_library(ctx) as store:
        article = store.get(article_id)
        seen = store.sightings(article.id)
    if as_json:
        click.echo(json.dumps(to_dict(article), indent=2, ensure_ascii=False))
        return
    _print_article(article, seen)


def _print_article(article: Article, seen: list[dict[str, str]]) -> None:
    console = Console(highlight=False)
    console.print(f"[bold]{escape(article.title or '(no title)')}[/bold]")
    fields = [
        ("id", article.id),
        ("site", article.site),
        ("url", article.url),
        ("byline", article.byline),
        ("published", article.published),
        ("fetched", article.fetched),
        ("language", article.language),
        ("format", article.format),
        ("origin", article.origin),
        ("external id", article.external_id),
        ("raw hash", article.raw_hash[:16]),
        ("words", f"{len(article.text.split()):,}"),
    ]
    for credit in article.credits:
        fields.append(("wire", f"{credit.agency} ({credit.where}: {credit.evidence})"))
    for name, value in fields:
        if value:
            console.print(f"[dim]{name:>12}[/dim]  {escape(value)}")
    for other in seen:
        where = other["url"] or other["origin"]
        console.print(f"[dim]{'also seen':>12}[/dim]  {escape(other['site'])} {escape(where)}")
    console.print()
    console.print(escape(article.text))
    _print_list(console, "Captions", [c.text for c in article.captions])
    _print_list(console, "Removed boilerplate", list(article.boilerplate))


def _print_list(console: Console, title: str, lines: list[str]) -> None:
    if not lines:
        return
    console.print(f"\n[bold]{title}[/bold] ({len(lines)})")
    for line in lines:
        console.print(f"  [dim]-[/dim] {escape(line)}")


# -- rm ----------------------------------------------------------------------------------


@click.command()
@click.argument("article_ids", nargs=-1, required=True)
@click.pass_context
def rm(ctx: click.Context, article_ids: tuple[str, ...]) -> None:
    """Remove articles from the library (by id or unique id prefix)."""
    with open_library(ctx) as store:
        index = _attach_index(store)
        for ref in article_ids:
            article = store.remove(ref)
            click.echo(f"removed {article.id} {article.title}".rstrip())
        index.sync_ann()


# -- reclean -----------------------------------------------------------------------------


@click.command()
@json_option
@click.pass_context
def reclean(ctx: click.Context, as_json: bool) -> None:
    """Apply this version's cleaning rules to every stored article.

    Titles that are no headline (a site name, a prompt) go, a site name glued to a headline
    is cut off, paragraphs that are boilerplate by their look go, and furniture repeated
    across the whole library is learnt again. Ids stay the same, and removed text stays
    listed by `unspun show`. Re-adding the original files applies every rule of extraction.
    """
    with open_library(ctx) as store:
        index = _attach_index(store)
        summary = store.reclean()
        index.sync_ann()
        placed = _replace_families(store) if summary.changed else 0
    if as_json:
        click.echo(json.dumps(dataclasses.asdict(summary), indent=2))
        return
    click.echo(
        f"re-cleaned {summary.articles} articles: {summary.changed} changed "
        f"({summary.titles} titles), {summary.library_lines} line(s) of furniture "
        "recognised across the library"
        + (f"; story families built again ({placed} articles placed)" if placed else "")
    )


def _replace_families(store: SqliteStore) -> int:
    """Build the story families again, if the library has any: their links were measured
    on the texts before they were cleaned."""
    from unspun.provenance.families import FamilyConfig, sync_families
    from unspun.retrieve.config import RetrieveConfig
    from unspun.retrieve.index import SourceIndex

    found = store.conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'fam_members'"
    ).fetchone()
    if found is None:
        return 0
    index = SourceIndex(store.conn, RetrieveConfig())
    return sync_families(store, index, FamilyConfig(), rebuild=True)


# -- stats -------------------------------------------------------------------------------


@click.command()
@click.option("--boilerplate", is_flag=True, help="Also list the recognised site boilerplate.")
@json_option
@click.pass_context
def stats(ctx: click.Context, boilerplate: bool, as_json: bool) -> None:
    """What the library holds: articles, sites, wire credits, formats, dates."""
    with open_library(ctx) as store:
        summary = store.summary()
        lines = store.site_boilerplate() if boilerplate else []
    if as_json:
        if boilerplate:
            summary["site_boilerplate"] = [
                {"site": site, "line": line, "articles": n} for site, line, n in lines
            ]
        click.echo(json.dumps(summary, indent=2, ensure_ascii=False))
        return
    _print_stats(summary, brief=False)
    for site, line, n in lines:
        click.echo(f"  {site}: {line!r} ({n} articles)")


def _print_stats(summary: dict[str, Any], brief: bool) -> None:
    echo: Callable[[str], None] = click.echo
    wire = ", ".join(f"{k} {v:,}" for k, v in summary["wire"].items()) or "none"
    echo(
        f"library {summary['library']}: {summary['articles']:,} articles, "
        f"{summary['sites']:,} sites, {summary['words']:,} words; wire credits: {wire}"
    )
    if brief:
        return
    if summary["first_date"]:
        echo(f"dates: {summary['first_date'][:10]} to {summary['last_date'][:10]} "
             f"({summary['dated']:,} dated)")  # fmt: skip
    echo("formats: " + ", ".join(f"{k} {v:,}" for k, v in summary["formats"].items()))
    if summary["top_sites"]:
        echo("top sites: " + ", ".join(f"{k} {v:,}" for k, v in summary["top_sites"].items()))
    echo(f"site boilerplate lines: {summary['boilerplate_lines']:,}")
