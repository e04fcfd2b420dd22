"""``unspun synth``: a benchmark corpus with planted reuse and its ground truth."""

from __future__ import annotations

import json
import time
from pathlib import Path

import click

from unspun.evaluate.data import shared_data_dir
from unspun.evaluate.synth import SynthConfig, load_pool, write_corpus


@click.command()
@click.argument("out_dir", type=click.Path(file_okay=False, path_type=Path))
@click.option("-n", "--articles", default=10_000, show_default=True, help="Articles to write.")
@click.option("--seed", default=0, show_default=True, help="Random seed (same seed, same corpus).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "txt"]),
    default="jsonl",
    show_default=True,
    help="jsonl: one articles.jsonl that `unspun add` reads; txt: one file per article.",
)
@click.option(
    "--data",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Where the real sentences come from (default: ../shared/data): Helsinki CSV, "
    "PAN13 source documents, MSRP.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
def synth(
    out_dir: Path, articles: int, seed: int, fmt: str, data: Path | None, as_json: bool
) -> None:
    """Write a corpus of ARTICLES articles with planted copies, and truth.jsonl.

    Built from real sentences; families of an original and its verbatim, truncated,
    near-verbatim and paraphrased copies (some copying a copy), and independent same-event
    reports. truth.jsonl gives each article's family, event, parent and kind.
    """
    if articles < 1:
        raise click.BadParameter("must be at least 1", param_hint="--articles")
    started = time.perf_counter()
    try:
        pool = load_pool(data or shared_data_dir())
    except FileNotFoundError as exc:
        raise click.ClickException(str(exc)) from exc
    meta = write_corpus(out_dir, SynthConfig(articles=articles, seed=seed), pool, fmt)
    meta["seconds"] = round(time.perf_counter() - started, 1)
    meta["out_dir"] = str(out_dir)
    if as_json:
        click.echo(json.dumps(meta, indent=2))
        return
    counts = ", ".join(f"{n:,} {kind}" for kind, n in meta["counts"].items())
    target = out_dir / ("articles.jsonl" if fmt == "jsonl" else "articles")
    click.echo(f"wrote {articles:,} articles to {target} ({counts}) in {meta['seconds']} s")
    click.echo(f"ground truth: {out_dir / 'truth.jsonl'}; add them with: unspun add {target}")


def register(group: click.Group) -> None:
    group.add_command(synth)
