"""Distil the static sentence embedding of the vector retriever into the cache now.

unspun distils it from the packaged MiniLM the first time it is needed (some 15 s) and keeps
it in its cache folder (``unspun.retrieve.static``); this does it ahead of time, e.g. while
building a container image, and prints where it went.

    python scripts/distill_static.py
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from unspun.retrieve import static


def main() -> None:
    started = time.perf_counter()
    embedder = static.load_static()
    seconds = time.perf_counter() - started
    print(f"{embedder.table.shape[0]} tokens x {embedder.dim} in {seconds:.0f} s: "
          f"{static.cache_dir() / static._FILE}")  # fmt: skip


if __name__ == "__main__":
    main()
