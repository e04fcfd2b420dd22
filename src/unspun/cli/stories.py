"""``unspun stories`` and ``unspun story ID``: the library's story families.

Families are brought up to date first (articles added since the last look are placed, see
:func:`unspun.provenance.families.sync_families`), then listed or shown: in the terminal, as
one JSON object (``--json``) or as one self-contained HTML page (``--html FILE``).
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.markup import escape

from unspun.cli.common import html_option, open_library
from unspun.cli.tables import Column, fitted_table
from unspun.codec import to_dict
from unspun.errors import NotFound
from unspun.provenance.families import FamilyConfig, sync_families
from unspun.provenance.records import FamilyMember, StoryFamily
from unspun.provenance.stories import family_ids, family_of, load_family
from unspun.retrieve.config import RetrieveConfig
from unspun.retrieve.index import SourceIndex
from unspun.store import SqliteStore

SCHEMA = "unspun.stories/1"
json_option = click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")


def register(group: click.Group) -> None:
    group.add_command(stories)
    group.add_command(story)


@contextmanager
def _families(ctx: click.Context, rebuild: bool = False) -> Iterator[SqliteStore]:
    """The library with its story families brought up to date (new articles placed)."""
    with open_library(ctx) as store:
        index = SourceIndex(store.conn, RetrieveConfig())
        placed = sync_families(store, index, FamilyConfig(), rebuild=rebuild, progress=_progress)
        if placed:
            click.echo(f"placed {placed} articles in story families", err=True)
        yield store


def _progress(done: int, total: int) -> None:
    if done == 0:
        click.echo(f"placing {total} new articles in story families…", err=True)
    elif done < total:
        click.echo(f"  {done}/{total}", err=True)


@click.command()
@click.option("--min-size", type=int, default=2, show_default=True, help="Smallest family listed.")
@click.option("--limit", type=int, default=50, show_default=True, help="List at most this many.")
@click.option("--rebuild", is_flag=True, help="Rebuild every family from scratch.")
@json_option
@html_option
@click.pass_context
def stories(
    ctx: click.Context,
    min_size: int,
    limit: int,
    rebuild: bool,
    as_json: bool,
    html_path: Path | None,
) -> None:
    """List the story families: articles that share text, largest first."""
    with _families(ctx, rebuild) as store:
        families = [load_family(store, f) for f in family_ids(store.conn, min_size)[:limit]]
    if as_json:
        body = {"schema": SCHEMA, "families": [_family_dict(f) for f in families]}
        click.echo(json.dumps(body, indent=2, ensure_ascii=False))
    if html_path is not None:
        html_path.write_text(_page("Story families", _list_html(families)), "utf-8")
        click.echo(f"wrote {html_path}", err=True)
    if not as_json:
        _print_list(families)


@click.command()
@click.argument("ref")
@json_option
@html_option
@click.pass_context
def story(ctx: click.Context, ref: str, as_json: bool, html_path: Path | None) -> None:
    """Show one story family: REF is its number, or the id of one of its articles."""
    with _families(ctx) as store:
        family = load_family(store, _resolve(store, ref), growth=True)
    if as_json:
        click.echo(json.dumps({"schema": SCHEMA, **_family_dict(family)}, indent=2,
                              ensure_ascii=False))  # fmt: skip
    if html_path is not None:
        html_path.write_text(_page(family.title or "Story family", _story_html(family)), "utf-8")
        click.echo(f"wrote {html_path}", err=True)
    if not as_json:
        _print_story(family)


def _resolve(store: SqliteStore, ref: str) -> int:
    ref = ref.strip()
    if ref.isdigit() and len(ref) < 9:
        return int(ref)
    try:
        article_id = store.get(ref).id
    except NotFound as exc:
        raise click.ClickException(
            f"{ref}: neither a family number nor an article ({exc})"
        ) from exc
    return family_of(store.conn, article_id)


def _family_dict(family: StoryFamily) -> dict[str, Any]:
    data = to_dict(family)
    data["size"] = len(family)
    dates = [m.when for m in family.members if m.when]
    data["first"], data["last"] = (dates[0], dates[-1]) if dates else ("", "")
    return data


# -- terminal ------------------------------------------------------------------------------


_LIST_COLUMNS = (
    Column("family", right=True),
    Column("size", right=True),
    Column("title", flex=True, least=20, cap=100),
    Column("first seen", drop=1),
    Column("last seen", drop=2),
    Column("original", drop=3, cap=34),
)


def _print_list(families: list[StoryFamily]) -> None:
    console = Console()
    if not families:
        console.print("no story families yet (add articles with `unspun add`)")
        return
    rows = []
    for f in families:
        dates = [m.when[:16] for m in f.members if m.when] or [""]
        rows.append((str(f.id), str(len(f)), f.title, dates[0], dates[-1], _original(f)))
    console.print(fitted_table(console.width, _LIST_COLUMNS, rows))


def _original(f: StoryFamily) -> str:
    if not f.original:
        return f.original_label
    site = next((m.site for m in f.members if m.article_id == f.original), "")
    return f"{f.original[:12]} ({site})" if site else f.original[:12]


# The clock of a row's time, in one letter: published, the published day at its fetch time,
# the published day alone, fetched.
_CLOCKS = {
    "published": "P",
    "published that day, fetched at": "D",
    "published (day only)": "d",
    "fetched": "F",
}


_STORY_COLUMNS = (
    Column("when"),
    Column("id", drop=3, cap=12),
    Column("site", cap=30),
    Column("words", drop=2, right=True),
    Column("+words", drop=4, right=True),
    Column("layer"),
    Column("relation", flex=True, least=24, wrap=True, cap=60),
    Column("share", drop=1, right=True),
    Column("adds", drop=5, flex=True, least=12, cap=60),
)


def _print_story(f: StoryFamily) -> None:
    console = Console()
    console.print(f"[bold]family {f.id}[/bold]: {escape(f.title)}")
    console.print(f"original: {escape(_original(f))}")
    if f.wire:
        console.print(f"wire credits: {escape(', '.join(f.wire))}")
    rows = [_member_row(m) for m in f.members]
    console.print(fitted_table(console.width, _STORY_COLUMNS, rows))
    console.print("when: P published, D published that day (fetch time), d day only, F fetched")
    if f.events:
        console.print(f"same event, little shared text: {', '.join(e[:12] for e in f.events)}")


def _member_row(m: FamilyMember) -> tuple[str, ...]:
    when = f"{m.when[:16]} {_CLOCKS.get(m.clock, '')}".rstrip()
    share = f"{m.reuse_share:.0%}"
    return (
        when, m.article_id[:12], m.site, str(m.words), str(m.growth),
        m.layer.value, m.relation, share, m.adds,
    )  # fmt: skip


# -- html ----------------------------------------------------------------------------------

_STYLE = """
body{font:15px/1.45 system-ui,sans-serif;margin:2em auto;max-width:70em;color:#222}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.3em .5em;
text-align:left;vertical-align:top}th{background:#f4f4f4}.num{text-align:right}
.layer-original{background:#e8f3e8}.layer-exact-duplicate{background:#f7f7f7}
.muted{color:#777}
"""


def _page(title: str, body: str) -> str:
    return (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{html.escape(title)}</title><style>{_STYLE}</style></head>"
        f"<body>{body}</body></html>\n"
    )


def _list_html(families: list[StoryFamily]) -> str:
    e = html.escape
    rows = "".join(
        f"<tr><td class='num'>{f.id}</td><td class='num'>{len(f)}</td><td>{e(f.title)}</td>"
        f"<td>{e(_original(f))}</td><td>{e(f.members[0].when[:16])}</td></tr>"
        for f in families
    )
    return (
        f"<h1>Story families</h1><p class='muted'>{len(families)} families</p><table>"
        "<tr><th>family</th><th>size</th><th>title</th><th>original</th><th>first seen</th></tr>"
        f"{rows}</table>"
    )


def _story_html(f: StoryFamily) -> str:
    e = html.escape
    rows = "".join(
        f"<tr class='layer-{m.layer.value.replace(' ', '-')}'><td>{e(m.when[:16])}"
        f"<br><small class='muted'>{e(m.clock)}</small></td>"
        f"<td><code>{e(m.article_id)}</code></td><td>{e(m.site)}</td><td>{e(m.title)}</td>"
        f"<td class='num'>{m.words}</td><td class='num'>{m.growth}</td><td>{e(m.layer.value)}</td>"
        f"<td>{e(m.relation)}</td><td class='num'>{m.reuse_share:.0%}</td><td>{e(m.adds)}</td></tr>"
        for m in f.members
    )
    events = f"<p>Same event, little shared text: {e(', '.join(f.events))}</p>" if f.events else ""
    return (
        f"<h1>{e(f.title)}</h1><p>Family {f.id}: {len(f)} articles. Original: "
        f"{e(_original(f))}. Wire credits: {e(', '.join(f.wire) or 'none')}.</p>"
        "<h2>Timeline</h2><table><tr><th>when</th><th>id</th><th>site</th><th>title</th>"
        "<th>words</th><th>adds (words)</th><th>layer</th><th>relation</th><th>reuse</th>"
        f"<th>first added sentence</th></tr>{rows}</table>{events}"
    )
