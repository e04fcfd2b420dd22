"""``unspun batch``: a corpus on Apache Spark; ``unspun import``: its output into a library."""

from __future__ import annotations

import json
import time
from pathlib import Path

import click

from unspun.cli.common import open_library
from unspun.cli.library import _attach_index, extract_config
from unspun.errors import UnspunError


def register(group: click.Group) -> None:
    group.add_command(batch)
    group.add_command(import_)


@click.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option(
    "--out",
    "out",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Output folder: Parquet tables (see docs/batch.md).",
)
@click.option(
    "--master",
    default="local[*]",
    show_default=True,
    help="Spark master: local[N], spark://host:7077, yarn, k8s://...",
)
@click.option(
    "--conf",
    "confs",
    multiple=True,
    metavar="KEY=VALUE",
    help="A Spark setting, e.g. --conf spark.executor.memory=4g (repeatable).",
)
@click.option(
    "--stop-after",
    type=click.Choice(["read", "articles", "candidates", "pairs", "families", "checks"]),
    help="Stop after this stage (run again to go on: finished stages are skipped).",
)
@click.option(
    "--no-model",
    is_flag=True,
    help="Check on lexical evidence only (no sentence model in the checks stage).",
)
@click.option(
    "--column",
    "columns",
    multiple=True,
    metavar="FIELD=NAME",
    help="CSV/JSONL column mapping, as for `unspun add`.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the stage report as JSON.")
def batch(
    inputs: tuple[str, ...],
    out: Path,
    master: str,
    confs: tuple[str, ...],
    stop_after: str | None,
    no_model: bool,
    columns: tuple[str, ...],
    as_json: bool,
) -> None:
    """Every reuse pair, what changed, and the story families of a whole corpus, on Spark.

    Reads INPUTS as `unspun add` does, writes Parquet tables (articles, pairs, families,
    verdicts, sources, alignments, changes, rejected) under --out. A stage whose output is
    there is skipped, so a stopped run goes on where it stopped.
    """
    from unspun.batch.records import BatchConfig
    from unspun.batch.spark import BatchRun, session, stop

    conf = []
    for item in confs:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise click.BadParameter(f"{item!r}: expected KEY=VALUE", param_hint="--conf")
        conf.append((key, value))
    cfg = BatchConfig(extract=extract_config(columns), model=not no_model)
    started = time.perf_counter()
    say = (lambda line: None) if as_json else (lambda line: click.echo(line, err=True))
    try:
        spark = session(master, conf)
    except UnspunError as exc:
        raise click.ClickException(str(exc)) from exc
    try:
        report = BatchRun(spark, inputs, out, cfg, progress=say).run(stop_after)
    except UnspunError as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        stop(spark)
    seconds = round(time.perf_counter() - started, 1)
    if as_json:
        stages = [
            {"stage": s.name, "rows": s.rows, "seconds": round(s.seconds, 1), "skipped": s.skipped}
            for s in report.stages
        ]
        click.echo(
            json.dumps(
                {"out": report.out, "stages": stages, "seconds": seconds, **report.counts}, indent=2
            )
        )
        return
    click.echo(
        f"batch written to {out} in {seconds} s; load it into a library with: unspun import {out}"
    )


@click.command("import")
@click.argument("out", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.pass_context
def import_(ctx: click.Context, out: Path) -> None:
    """Load a batch output folder into the library (then check, stories and serve use it)."""
    from unspun.batch.load import import_batch

    with open_library(ctx, create=True) as store:
        _attach_index(store)
        summary = import_batch(store, out)
    families = (
        f"{summary.families:,} story families ({summary.links:,} links) as the batch found them"
        if summary.families
        else "story families to be placed by `unspun stories`"
    )
    click.echo(
        f"imported {summary.added:,} articles ({summary.present:,} already present, "
        f"{summary.failed:,} failed); {families}"
    )
    if summary.failed:
        ctx.exit(1)
