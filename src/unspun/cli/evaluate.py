"""``unspun eval ...``: scores on the real benchmarks, as text or one JSON object."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from unspun.errors import UnspunError
from unspun.evaluate.data import data_path, data_root


def _emit(result: dict[str, Any], as_json: bool) -> None:
    if as_json:
        click.echo(json.dumps(result, indent=2, ensure_ascii=False))
        return
    for key, value in result.items():
        if isinstance(value, dict | list):
            value = json.dumps(value, ensure_ascii=False)
        click.echo(f"{key}: {value}")


HELSINKI = "news/helsinki_articles.csv"


def _data_option(own: str | None) -> Callable[[Any], Any]:
    return click.option(
        "--data",
        "data",
        type=click.Path(path_type=Path),
        default=None,
        help="The shared data folder that holds seeds/, news/, pan13/, ... (default: "
        "$UNSPUN_DATA, else ../shared/data)" + (f"; or {own} itself." if own else "."),
    )


json_option = click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")


class _EvalGroup(click.Group):
    """An unspun error in any evaluation (missing data, a bad --data folder or option)
    becomes one line on stderr and exit code 1, as in the other commands."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except UnspunError as exc:
            raise click.ClickException(str(exc)) from exc


@click.group("eval", cls=_EvalGroup)
def eval_group() -> None:
    """Score unspun on the real benchmarks."""


@eval_group.command("seeds")
@_data_option("the seeds folder")
@json_option
def eval_seeds(data: Path | None, as_json: bool) -> None:
    """Check the seed pair against gold.json."""
    from unspun.evaluate.seeds import evaluate_seeds

    _emit(evaluate_seeds(data_path(data, "seeds")), as_json)


@eval_group.command("extraction")
@_data_option("the extraction folder")
@json_option
def eval_extraction(data: Path | None, as_json: bool) -> None:
    """Body extraction precision, recall and F1 on the extraction benchmark."""
    from unspun.evaluate.extraction import evaluate_extraction

    _emit(evaluate_extraction(data_path(data, "extraction")), as_json)


@eval_group.command("pan13")
@_data_option("a PAN13 folder")
@click.option(
    "--limit", type=int, default=None, help="Score a seeded sample of N pairs per category."
)
@click.option("--seed", type=int, default=13, show_default=True, help="Seed of the --limit sample.")
@click.option("--no-model", is_flag=True, help="Lexical evidence only (no embeddings).")
@json_option
def eval_pan13(
    data: Path | None, limit: int | None, seed: int, no_model: bool, as_json: bool
) -> None:
    """Passage alignment (PAN PlagDet) and reuse detection on PAN 2013 text alignment."""
    from unspun.evaluate.pan13 import evaluate_pan13

    result = evaluate_pan13(
        data_path(data, "pan13"), limit=limit, seed=seed, use_model=not no_model
    )
    _emit(result, as_json)


@eval_group.command("changes")
@_data_option("a CSV of the sources")
@click.option(
    "--devset",
    type=click.Path(path_type=Path),
    default=None,
    help="Folder of dev-set JSON files (default: devsets/changes in the repository).",
)
@click.option("--no-model", is_flag=True, help="Align on lexical evidence only (no embeddings).")
@json_option
def eval_changes(data: Path | None, devset: Path | None, no_model: bool, as_json: bool) -> None:
    """Recall of planted changes and false flags on the hand-written changes dev set."""
    from unspun.align import AlignConfig
    from unspun.evaluate.changes import DEFAULT_DEVSET, evaluate_changes

    cfg = AlignConfig(model="none") if no_model else AlignConfig()
    news = data_path(data, HELSINKI)
    _emit(evaluate_changes(devset or DEFAULT_DEVSET, news, cfg), as_json)


@eval_group.command("msrp")
@_data_option(None)
@click.option(
    "--train",
    type=click.Path(path_type=Path),
    default=None,
    help="Training split (default: msrp/msr_paraphrase_train.txt of the shared data folder).",
)
@click.option(
    "--test",
    type=click.Path(path_type=Path),
    default=None,
    help="Score on this split instead of cross-validating on the training split "
    "(--data FILE still means this).",
)
@click.option(
    "--predictions",
    type=click.Path(path_type=Path),
    default=None,
    help="Write one 0/1 decision per pair to this file.",
)
@click.option("--no-model", is_flag=True, help="Lexical evidence only (no embeddings).")
@json_option
def eval_msrp(
    data: Path | None,
    train: Path | None,
    test: Path | None,
    predictions: Path | None,
    no_model: bool,
    as_json: bool,
) -> None:
    """Paraphrase decision on MSRP: cross-validated on the training split, or on --test."""
    from unspun.evaluate.msrp import evaluate_msrp

    if data is not None and data.is_file():  # --data FILE: the split to score on, as before
        data, test = None, test or data
    train_path = train or data_path(data, "msrp/msr_paraphrase_train.txt")
    result = evaluate_msrp(train_path, test, predictions, use_model=not no_model)
    _emit(result, as_json)


@eval_group.command("retrieval")
@_data_option("a PAN13 folder")
@click.option(
    "--limit", type=int, default=None, help="Check a seeded sample of N documents per category."
)
@click.option("--seed", type=int, default=13, show_default=True, help="Seed of the --limit sample.")
@click.option(
    "--category",
    "categories",
    multiple=True,
    help="Check only the documents of this category (repeatable), e.g. no-plagiarism.",
)
@click.option("--no-model", is_flag=True, help="Lexical evidence only (no embeddings).")
@json_option
def eval_retrieval(
    data: Path | None,
    limit: int | None,
    seed: int,
    categories: tuple[str, ...],
    no_model: bool,
    as_json: bool,
) -> None:
    """`unspun check` on PAN 2013: every suspicious document against all source documents."""
    from unspun.evaluate.retrieval import evaluate_retrieval

    result = evaluate_retrieval(
        data_path(data, "pan13"),
        limit=limit,
        seed=seed,
        use_model=not no_model,
        categories=categories or None,
    )
    _emit(result, as_json)


@eval_group.command("wire")
@_data_option("the Helsinki CSV")
@click.option("--no-model", is_flag=True, help="Lexical evidence only (no embeddings).")
@json_option
def eval_wire(data: Path | None, no_model: bool, as_json: bool) -> None:
    """`unspun check` on Helsinki: is an AP/Reuters republication's first source another
    copy of the same wire story?"""
    from unspun.evaluate.retrieval import evaluate_wire

    news = data_path(data, HELSINKI)
    _emit(evaluate_wire(news, use_model=not no_model), as_json)


@eval_group.command("families")
@click.option(
    "--corpus",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="A synth corpus folder (articles.jsonl, truth.jsonl); default: make one of --size.",
)
@click.option("--size", type=int, default=1000, show_default=True, help="Articles to synthesise.")
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of the synth corpus.")
@_data_option(None)
@json_option
def eval_families(
    corpus: Path | None, size: int, seed: int, data: Path | None, as_json: bool
) -> None:
    """Story families on a synth corpus: membership precision and recall, direction accuracy."""
    import tempfile

    from unspun.evaluate.families import evaluate_families, make_corpus

    if corpus is not None:
        _emit(evaluate_families(corpus), as_json)
        return
    with tempfile.TemporaryDirectory(prefix="unspun-synth-") as tmp:
        try:
            made = make_corpus(Path(tmp), size, data_root(data), seed)
        except FileNotFoundError as exc:
            raise click.ClickException(str(exc)) from exc
        result = evaluate_families(made)
    result["corpus"] = f"synth --articles {size} --seed {seed}"
    _emit(result, as_json)


def _helsinki_command(name: str, evaluate: str, doc: str) -> None:
    """``unspun eval NAME``: one of the hand-labelled Helsinki dev sets, scored."""

    @eval_group.command(name, help=doc)
    @_data_option("the Helsinki CSV")
    @json_option
    def command(data: Path | None, as_json: bool) -> None:
        from unspun.evaluate import helsinki

        news = data_path(data, HELSINKI)
        _emit(getattr(helsinki, evaluate)(news), as_json)


for _name, _evaluate, _doc in (
    ("titles", "evaluate_titles", "Titles of Helsinki articles against hand-labelled headlines."),
    ("junk", "evaluate_junk", "Site furniture left in stored Helsinki bodies (hand-labelled)."),
    ("stories", "evaluate_stories", "Helsinki story families against hand-labelled families."),
):
    _helsinki_command(_name, _evaluate, _doc)


@eval_group.command("pairs")
@_data_option("the Helsinki CSV")
@click.option("--no-model", is_flag=True, help="Lexical evidence only (no embeddings).")
@json_option
def eval_pairs(data: Path | None, no_model: bool, as_json: bool) -> None:
    """Copied, or the same news? The reuse decision on hand-labelled Helsinki pairs."""
    from unspun.evaluate.helsinki import evaluate_pairs

    news = data_path(data, HELSINKI)
    _emit(evaluate_pairs(news, use_model=not no_model), as_json)


@eval_group.command("events")
@click.option("--size", type=int, default=1000, show_default=True, help="Articles to synthesise.")
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of the synth corpus.")
@_data_option(None)
@click.option("--no-model", is_flag=True, help="Lexical evidence only (no embeddings).")
@json_option
def eval_events(size: int, seed: int, data: Path | None, no_model: bool, as_json: bool) -> None:
    """The reuse decision on synth pairs: independent reports against their event's original,
    paraphrased copies against their parent."""
    import tempfile

    from unspun.evaluate.families import evaluate_event_pairs, make_corpus

    with tempfile.TemporaryDirectory(prefix="unspun-synth-") as tmp:
        try:
            made = make_corpus(Path(tmp), size, data_root(data), seed)
        except FileNotFoundError as exc:
            raise click.ClickException(str(exc)) from exc
        result = evaluate_event_pairs(made, use_model=not no_model)
    result["corpus"] = f"synth --articles {size} --seed {seed}"
    _emit(result, as_json)


def register(group: click.Group) -> None:
    group.add_command(eval_group)
