"""Hypothesis settings of the fuzz tests, and the count of generated cases.

``make test`` runs each property a few dozen times (the ``ci`` profile: the whole folder in
well under a minute). ``make fuzz`` sets ``UNSPUN_FUZZ_EXAMPLES`` for a long run; the count
of cases each property ran is printed at the end, and written to ``$UNSPUN_FUZZ_REPORT``.

No deadline per example: a busy machine would make it flaky. A hang is caught instead by the
readers' own time limit, set low here (:data:`FUZZ_CONFIG`), and a TooSlow on the small
inputs generated here fails the test.
"""

from __future__ import annotations

import json
import os
from collections import Counter

import pytest
from hypothesis import HealthCheck, settings

from unspun.config import ExtractConfig

CASES: Counter[str] = Counter()
FUZZ_CONFIG = ExtractConfig(page_seconds=5.0, max_bytes=200_000)

settings.register_profile(
    "unspun",
    max_examples=int(os.environ.get("UNSPUN_FUZZ_EXAMPLES", "150")),
    deadline=None,
    derandomize="UNSPUN_FUZZ_EXAMPLES" not in os.environ,  # CI: the same cases every run
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    database=None,
)
settings.load_profile("unspun")


def count(kind: str) -> None:
    CASES[kind] += 1


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not CASES:
        return
    failed = len(terminalreporter.stats.get("failed", []))
    total = sum(CASES.values())
    by_kind = ", ".join(f"{k} {n:,}" for k, n in sorted(CASES.items()))
    terminalreporter.write_line(
        f"fuzz: {total:,} generated cases ({by_kind}); {failed} failing properties"
    )
    report = os.environ.get("UNSPUN_FUZZ_REPORT")
    if report:
        with open(report, "w", encoding="utf-8") as out:
            json.dump({"cases": total, "by_kind": dict(CASES), "failed": failed}, out, indent=2)
