"""Where the shared benchmark data lives (never inside the repository)."""

from __future__ import annotations

import os
from pathlib import Path

from unspun.errors import InputError


def shared_data_dir() -> Path:
    """``$UNSPUN_DATA``, else ``../shared/data`` from the working directory or the repo root."""
    env = os.environ.get("UNSPUN_DATA")
    if env:
        return Path(env)
    repo_root = Path(__file__).resolve().parents[3]
    for base in (Path.cwd(), repo_root):
        candidate = base.parent / "shared" / "data"
        if candidate.is_dir():
            return candidate
    return Path.cwd().parent / "shared" / "data"


def require(path: Path, what: str) -> Path:
    """``path`` if it exists, else an InputError saying which data set is missing."""
    if not path.exists():
        raise InputError(str(path), f"{what} not found (set --data or $UNSPUN_DATA)")
    return path
