"""The ``unspun`` command: a click group; each command group lives in its own module."""

from __future__ import annotations

import logging
import os

import click

from unspun import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--db",
    "db_path",
    default=lambda: os.environ.get("UNSPUN_DB", "unspun.db"),
    show_default="./unspun.db or $UNSPUN_DB",
    help="The library file.",
)
@click.option("-v", "--verbose", count=True, help="More log output (-vv for debug).")
@click.version_option(__version__, prog_name="unspun")
@click.pass_context
def cli(ctx: click.Context, db_path: str, verbose: int) -> None:
    """unspun: where did a news article come from, how much of it was copied or
    paraphrased, and what did the copy change?"""
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
    if verbose < 2:
        # Third-party parsers warn about every malformed page; unspun reports what matters.
        for noisy in ("trafilatura", "htmldate", "courlan", "charset_normalizer"):
            logging.getLogger(noisy).setLevel(logging.ERROR)
    ctx.ensure_object(dict)
    ctx.obj["db_path"] = db_path


def _register() -> None:
    # Each face module adds its commands to the group; imported here so that
    # `import unspun.cli.main` stays cheap for --help.
    from unspun.cli import batch, check, compare, evaluate, library, serve, stories, synth

    library.register(cli)
    compare.register(cli)
    check.register(cli)
    evaluate.register(cli)
    serve.register(cli)
    stories.register(cli)
    synth.register(cli)
    batch.register(cli)


_register()


def main() -> None:
    cli(prog_name="unspun")


if __name__ == "__main__":
    main()
