"""A time limit on reading one page, that works in any thread of any process.

A watchdog timer thread, when the limit passes, raises an exception in the thread that reads
the page (CPython's ``PyThreadState_SetAsyncExc``), which :func:`within` turns into
:class:`TooSlow` naming the page. Unlike ``SIGALRM`` this needs no main thread: it works in
the API's worker threads, in a batch worker's process, and beside a test runner's own alarm.

What it cannot do: the exception is raised between two Python bytecodes, so one long call
into C (lxml parsing 20 MB of markup in one go) finishes before the page is stopped; the
size limit (``ExtractConfig.max_bytes``) bounds those calls. The reader's work is on its own
data only (the page, its tree), so stopping it part-way leaves nothing half-changed.
"""

from __future__ import annotations

import ctypes
import threading
from collections.abc import Callable
from typing import TypeVar

from unspun.errors import TooSlow

T = TypeVar("T")
_local = threading.local()


class _Expired(BaseException):
    """Raised in the reading thread when its time is up. A BaseException, so that a
    library's ``except Exception`` cannot swallow it."""


def _raise_in(thread_id: int, exc: type[BaseException] | None) -> None:
    """Raise ``exc`` in the thread at its next bytecode (None: cancel a pending one)."""
    ctypes.pythonapi.PyThreadState_SetAsyncExc(
        ctypes.c_ulong(thread_id), ctypes.py_object(exc) if exc else ctypes.c_void_p(0)
    )


class _Watch:
    """The watchdog of one page: fires once, unless stopped first."""

    def __init__(self, seconds: float) -> None:
        self.thread_id = threading.get_ident()
        self.lock = threading.Lock()
        self.armed = True
        self.fired = False
        self.timer = threading.Timer(seconds, self._expire)
        self.timer.daemon = True

    def _expire(self) -> None:
        with self.lock:
            if self.armed:
                self.fired = True
                _raise_in(self.thread_id, _Expired)

    def stop(self) -> None:
        """After this returns no exception is raised, nor left pending, in the reader."""
        with self.lock:
            self.armed = False
            if self.fired:  # raised too late to stop the page, which is done: take it back
                _raise_in(self.thread_id, None)
        self.timer.cancel()


def within(seconds: float, origin: str, read: Callable[[], T]) -> T:
    """``read()``, or TooSlow naming ``origin`` when it takes over ``seconds`` (0: no limit).

    A call inside another's limit runs under the outer limit only.
    """
    if seconds <= 0 or getattr(_local, "watched", False):
        return read()
    watch = _Watch(seconds)
    _local.watched = True
    try:
        try:  # every bytecode where _Expired may arrive lies inside this try
            watch.timer.start()
            return read()
        finally:
            watch.stop()
    except _Expired:
        raise TooSlow(
            origin,
            f"reading it took over {seconds:g} s (the per-page time limit): "
            "a pathological page, or raise the limit",
        ) from None
    finally:
        _local.watched = False
