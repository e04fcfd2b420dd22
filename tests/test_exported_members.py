"""The public API is what unspun.__all__ says, and every name in it resolves."""

from __future__ import annotations

import unspun


def test_all_names_resolve() -> None:
    for name in unspun.__all__:
        assert hasattr(unspun, name), name


def test_public_names_are_exported() -> None:
    public = {name for name in vars(unspun) if not name.startswith("_")}
    modules = {name for name, value in vars(unspun).items() if type(value).__name__ == "module"}
    assert public - modules <= set(unspun.__all__)
