"""``unspun add / ls / show / rm``: the library commands (filled in by the store work)."""

from __future__ import annotations

import click


def register(group: click.Group) -> None:
    """Add the library commands to the ``unspun`` group."""
