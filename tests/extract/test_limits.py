"""The per-page time limit: a page that would take seconds is stopped at the limit, in the
main thread and in a worker thread alike, and a batch goes on past it."""

from __future__ import annotations

import contextlib
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from unspun.config import ExtractConfig
from unspun.errors import TooSlow
from unspun.extract.html import extract_html
from unspun.extract.limits import within
from unspun.extract.sources import read_inputs
from unspun.model import Article, Rejected

# 200,000 tiny elements in 2.8 MB: about 7 s to extract on the 2-core test machine.
SLOW_PAGE = b"<html><body><article>" + b"<span>a</span>" * 200_000 + b"</article></body></html>"
FAST = ExtractConfig(page_seconds=0.5)


def _timed_extract(cfg: ExtractConfig) -> tuple[BaseException | Article, float]:
    started = time.perf_counter()
    try:
        result: BaseException | Article = extract_html(SLOW_PAGE, origin="slow.html", cfg=cfg)
    except TooSlow as exc:
        result = exc
    return result, time.perf_counter() - started


def test_a_slow_page_is_stopped_at_the_limit() -> None:
    result, seconds = _timed_extract(FAST)
    assert isinstance(result, TooSlow)
    assert result.origin == "slow.html" and "over 0.5 s" in result.reason
    assert seconds < 3  # not the page's own 7 s


def test_the_limit_holds_in_a_worker_thread() -> None:
    with ThreadPoolExecutor(1) as pool:
        result, seconds = pool.submit(_timed_extract, FAST).result()
    assert isinstance(result, TooSlow) and seconds < 3


def test_a_page_done_in_time_is_not_touched_later() -> None:
    assert within(5, "x", lambda: 42) == 42
    time.sleep(0.1)
    assert within(0.05, "x", lambda: "done") == "done"
    time.sleep(0.2)  # the watchdog has long gone: nothing may be raised here


def test_nothing_is_raised_after_the_limit_when_the_page_ended_first() -> None:
    """Pages that end right at the limit, many times over: never a stray exception."""
    for _ in range(200):
        with contextlib.suppress(TooSlow):
            within(0.001, "edge", lambda: sum(range(3000)))
        for _ in range(2000):  # bytecodes where a stray exception would surface
            pass


def test_a_batch_goes_on_past_a_slow_page(tmp_path: Path) -> None:
    (tmp_path / "a_slow.html").write_bytes(SLOW_PAGE)
    (tmp_path / "b_fine.txt").write_text("A fine headline\n\nThe council met on Friday.\n")
    items = list(read_inputs([str(tmp_path)], FAST))
    assert isinstance(items[0], Rejected) and items[0].kind == "too-slow"
    assert items[0].origin.endswith("a_slow.html")
    assert isinstance(items[1], Article) and "council" in items[1].text


def test_no_limit_when_set_to_zero() -> None:
    assert within(0, "x", lambda: 7) == 7
