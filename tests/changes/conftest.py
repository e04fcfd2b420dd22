"""Fixtures of the changes tests."""

from __future__ import annotations

import pytest

from tests.changes.changes_build import article, one_pair


@pytest.fixture
def pair_changes():
    from unspun.changes import ChangeConfig, detect_changes

    def run(copy_text: str, source_text: str, **cfg):
        copy, source = article(copy_text), article(source_text)
        return detect_changes(copy, source, one_pair(copy, source), ChangeConfig(**cfg))

    return run
