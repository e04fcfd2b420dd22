"""Where the shared benchmark data lives (never inside the repository).

One rule for every evaluation: ``--data`` and ``$UNSPUN_DATA`` both name the shared data
folder, the one that holds ``seeds/``, ``news/``, ``pan13/``, ...; each evaluation takes its
data set from there. ``--data`` may also name the data set itself (its folder or file), as it
did before.
"""

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


DATA_SETS = ("seeds", "news", "pan13", "extraction", "msrp")
HINT = (
    "pass --data DIR or set $UNSPUN_DATA to the shared data folder, the one that holds "
    "seeds/, news/, pan13/, ..."
)


def data_root(data: Path | None) -> Path:
    """The shared data folder: ``data`` (--data), else :func:`shared_data_dir`."""
    root = data or shared_data_dir()
    if not root.exists():
        raise InputError(str(root), f"shared data folder not found ({HINT})")
    return root


def data_path(data: Path | None, part: str) -> Path:
    """The data set ``part`` (``"seeds"``, ``"news/helsinki_articles.csv"``) of the shared
    data folder; or ``data`` itself when it names a data set rather than the shared folder."""
    root = data_root(data)
    if data is not None and not any((data / name).exists() for name in DATA_SETS):
        return data
    found = root / part
    if not found.exists():
        raise InputError(str(found), f"{part} not found in the shared data folder ({HINT})")
    return found


def require(path: Path, what: str) -> Path:
    """``path`` if it exists, else an InputError saying which data set is missing."""
    if not path.exists():
        raise InputError(str(path), f"{what} not found (set --data or $UNSPUN_DATA)")
    return path
