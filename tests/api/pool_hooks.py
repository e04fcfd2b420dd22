"""Job hooks for the pool tests: run in the worker process before each job.

A check whose text holds one of these words behaves so, deterministically:

- ``SLEEP``: sleeps a minute (far past any time limit the tests set);
- ``HOLD <path>``: waits until the file ``path`` exists (the test releases it);
- ``CRASH``: the worker process dies at once.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any


def misbehave(name: str, args: tuple[Any, ...]) -> None:
    text = str(getattr(args[0], "text", "") or "") if args else ""
    if "SLEEP" in text:
        time.sleep(60)
    if "CRASH" in text:
        os._exit(3)
    if "HOLD " in text:
        release = Path(text.split("HOLD ", 1)[1].split()[0])
        deadline = time.monotonic() + 60
        while not release.exists() and time.monotonic() < deadline:
            time.sleep(0.02)
