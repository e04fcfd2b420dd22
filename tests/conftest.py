"""Shared fixtures. Tests that need ../shared/data skip with a reason when it is absent."""

from __future__ import annotations

from pathlib import Path

import pytest

from unspun.evaluate.data import shared_data_dir

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The shared benchmark data (../shared/data), or skip: a user's clone has none."""
    path = shared_data_dir()
    if not path.is_dir():
        pytest.skip(f"shared data not found at {path} (set $UNSPUN_DATA to run this test)")
    return path


@pytest.fixture(scope="session")
def seeds_dir(shared_data: Path) -> Path:
    path = shared_data / "seeds"
    if not (path / "gold.json").exists():
        pytest.skip(f"seed documents not found in {path}")
    return path


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    return FIXTURES
