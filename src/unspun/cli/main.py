"""The ``unspun`` command: a click group; each command group lives in its own module."""

from __future__ import annotations

import click

from unspun import __version__
from unspun.cli.common import accept_global_options, configure_logging, db_option, verbose_option


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@db_option
@verbose_option
@click.version_option(__version__, prog_name="unspun")
@click.pass_context
def cli(ctx: click.Context, db_path: str, verbose: int) -> None:
    """unspun: where did a news article come from, how much of it was copied or
    paraphrased, and what did the copy change?

    The global options (--db, -v) may also follow the command: unspun add --db lib.db FILE.
    """
    ctx.ensure_object(dict)
    ctx.obj["db_path"] = db_path
    ctx.obj["verbose"] = verbose
    configure_logging(verbose)


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
    accept_global_options(cli)


_register()


def main() -> None:
    cli(prog_name="unspun")


if __name__ == "__main__":
    main()
