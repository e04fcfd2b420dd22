"""The check pool: CPU-heavy requests (check, compare) run in a few worker processes.

The event loop and its threads serve the cheap requests (pages, search, article reads); a
check never runs there, so it cannot hold them up, whatever its size. The pool is bounded
three ways, each with a clear answer:

- ``workers`` processes, each with its own copy of the sentence model and of the vectors;
- a queue of at most ``queue`` waiting jobs: past it the request is refused at once
  (:class:`PoolBusy`, 429 with ``Retry-After``) rather than left to stall;
- ``seconds`` per job: past it the worker is killed, so it stops burning CPU, and replaced
  (:class:`JobTimedOut`, 504).

A worker that dies (killed, out of memory, a crash in native code) is replaced: the job it
held answers :class:`WorkerLost`, the next one runs on the new worker. A job is a plain
module-level function ``job(state, note, *args)`` run in the worker with that worker's
:class:`~unspun.api.state.AppState`; ``note(stage)`` reports how far it has got, which the
parent shows on :meth:`WorkerPool.progress` (the check page polls it).

Errors a job raises on purpose (:class:`~unspun.errors.UnspunError`) come back as
:class:`JobFailed` carrying the status, kind and message the server would have answered.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import math
import multiprocessing as mp
import os
import signal
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any

from unspun.api.errors import JobFailed, JobTimedOut, PoolBusy, WorkerLost, failure_of
from unspun.api.settings import Settings

log = logging.getLogger(__name__)

Note = Callable[[str], None]
Hook = Callable[[str, tuple[Any, ...]], None]  # (job name, its arguments), before each job

# A worker computes with one thread: its numpy/BLAS would start one per core, and the workers
# are already one per core.
WORKER_ENV = {name: "1" for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")}
_ENV_LOCK = threading.Lock()  # the environment a worker starts with is set around its start
START_SECONDS = 300.0  # a new worker loads the sentence model: allow it this long
KEPT_JOBS = 1000  # finished jobs remembered for progress queries


@dataclass(slots=True)
class JobStatus:
    """Where a job is: queued, running (with its stage), done or failed."""

    ticket: str
    name: str  # what it does, in a word: "check", "compare"
    state: str = "queued"
    stage: str = ""
    queued_at: float = field(default_factory=time.monotonic)
    started_at: float | None = None
    ended_at: float | None = None
    error: str = ""

    def as_dict(self, position: int | None, limit: float) -> dict[str, Any]:
        now = time.monotonic()
        running = (self.ended_at or now) - self.started_at if self.started_at else 0.0
        data: dict[str, Any] = {
            "ticket": self.ticket,
            "job": self.name,
            "state": self.state,
            "stage": self.stage,
            "waited_s": round((self.started_at or self.ended_at or now) - self.queued_at, 1),
            "running_s": round(running, 1),
            "limit_s": limit,
        }
        if position is not None:
            data["position"] = position
        if self.error:
            data["error"] = self.error
        return data


class _Worker:
    """One worker process and the parent's end of its pipe."""

    def __init__(self, ctx: Any, settings: Settings, hook: Hook | None) -> None:
        self.conn, child = ctx.Pipe()
        self.process: BaseProcess = ctx.Process(
            target=_serve, args=(child, settings, hook), name="unspun-worker", daemon=True
        )
        with _ENV_LOCK:
            saved = {name: os.environ.get(name) for name in WORKER_ENV}
            os.environ.update(WORKER_ENV)
            try:
                self.process.start()
            finally:
                for name, value in saved.items():
                    if value is None:
                        os.environ.pop(name, None)
                    else:
                        os.environ[name] = value
        child.close()
        self.ready = False

    @property
    def pid(self) -> int | None:
        return self.process.pid

    def wait_ready(self) -> None:
        if self.ready:
            return
        if not self.conn.poll(START_SECONDS):
            raise RuntimeError(f"a worker did not start within {START_SECONDS:.0f} s")
        kind, value = self.conn.recv()  # EOFError when it died starting
        if kind != "ready":
            raise RuntimeError(f"a worker failed to start: {value}")
        self.ready = True

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.conn.close()


class WorkerPool:
    """``workers`` processes running jobs, ``queue`` jobs waiting at most, ``seconds`` each."""

    def __init__(
        self,
        settings: Settings,
        workers: int,
        queue: int,
        seconds: float,
        hook: Hook | None = None,
    ) -> None:
        if workers < 1 or queue < 0 or seconds <= 0:
            raise ValueError("a pool needs workers >= 1, queue >= 0 and seconds > 0")
        self.settings = settings
        self.size = workers
        self.queue = queue
        self.seconds = seconds
        self.hook = hook
        self._ctx = mp.get_context("spawn")  # no fork of a threaded server
        self._lock = threading.Lock()
        self._workers: list[_Worker] = []
        self._idle: asyncio.Queue[_Worker] | None = None
        self._threads: ThreadPoolExecutor | None = None
        # Touched on the event loop's thread only: jobs waiting for a worker, in order, and
        # the last jobs by ticket (a ticket given twice follows the later job).
        self._waiting: OrderedDict[int, JobStatus] = OrderedDict()
        self._jobs: OrderedDict[str, JobStatus] = OrderedDict()
        self._numbers = itertools.count(1)
        self._mean_seconds = 1.0  # a running mean of job times, for Retry-After
        self.closed = False

    # -- life --------------------------------------------------------------------------

    def start(self) -> None:
        """Start the worker processes (the first job does it otherwise)."""
        with self._lock:
            if self._threads is not None or self.closed:
                return
            self._threads = ThreadPoolExecutor(self.size, thread_name_prefix="unspun-pool")
            self._workers = [self._spawn() for _ in range(self.size)]

    def _spawn(self) -> _Worker:
        return _Worker(self._ctx, self.settings, self.hook)

    def close(self) -> None:
        """Stop every worker (a job still running answers WorkerLost)."""
        with self._lock:
            self.closed = True
            workers, self._workers = self._workers, []
        for worker in workers:
            worker.stop()
        if self._threads is not None:
            self._threads.shutdown(wait=False, cancel_futures=True)

    @property
    def pids(self) -> list[int]:
        """The worker processes' ids (for tests and the status endpoint)."""
        with self._lock:
            return [w.pid for w in self._workers if w.pid is not None]

    # -- jobs --------------------------------------------------------------------------

    async def run(self, job: Callable[..., Any], *args: Any, ticket: str = "") -> Any:
        """Run ``job(state, note, *args)`` in a worker and return what it returns.

        Raises PoolBusy when ``queue`` jobs already wait, JobTimedOut past ``seconds``,
        WorkerLost when the worker died, JobFailed for an error the job raised.
        """
        self.start()
        idle = self._idle_queue()
        if idle.empty() and len(self._waiting) >= self.queue:
            raise PoolBusy(self._busy_message(), retry_after=self.retry_after())
        number = next(self._numbers)
        status = JobStatus(ticket or f"job-{number}", job.__name__.split("_")[0])
        self._remember(status)
        self._waiting[number] = status
        try:
            worker = await idle.get()
        except BaseException:
            status.state, status.ended_at = "cancelled", time.monotonic()
            raise
        finally:
            self._waiting.pop(number, None)
        status.state, status.started_at = "running", time.monotonic()
        loop = asyncio.get_running_loop()
        assert self._threads is not None
        return await loop.run_in_executor(
            self._threads, self._execute, loop, worker, status, job, args
        )

    def _idle_queue(self) -> asyncio.Queue[_Worker]:
        if self._idle is None:
            self._idle = asyncio.Queue()
            for worker in self._workers:
                self._idle.put_nowait(worker)
        return self._idle

    def _execute(
        self,
        loop: asyncio.AbstractEventLoop,
        worker: _Worker,
        status: JobStatus,
        job: Callable[..., Any],
        args: tuple[Any, ...],
    ) -> Any:
        """In a pool thread: hand the job to ``worker``, wait for its answer, give the
        worker (or its replacement) back to the idle queue whatever happens."""
        try:
            worker = self._alive(worker)
            worker.wait_ready()
            started = time.monotonic()
            status.started_at = started
            worker.conn.send((job, args))
            value = self._answer(worker, status, started)
            self._mean_seconds = 0.8 * self._mean_seconds + 0.2 * (time.monotonic() - started)
            status.state = "done"
            return value
        except (JobTimedOut, WorkerLost, RuntimeError, OSError, EOFError) as exc:
            worker = self._replace(worker)
            status.state, status.error = "failed", str(exc)
            if isinstance(exc, JobTimedOut | WorkerLost):
                raise
            raise WorkerLost(f"the worker running this {status.name} stopped ({exc})") from exc
        except JobFailed as exc:
            status.state, status.error = "failed", exc.message
            raise
        finally:
            status.ended_at = time.monotonic()
            if not self.closed:
                idle = self._idle
                assert idle is not None
                loop.call_soon_threadsafe(idle.put_nowait, worker)

    def _answer(self, worker: _Worker, status: JobStatus, started: float) -> Any:
        while True:
            left = started + self.seconds - time.monotonic()
            if left <= 0 or not worker.conn.poll(left):
                raise JobTimedOut(
                    f"this {status.name} ran past the time limit of {self.seconds:g} s and "
                    "was stopped; send a shorter article, or ask the operator to raise the "
                    "limit (unspun serve --check-seconds)",
                    limit=self.seconds,
                )
            try:
                kind, value = worker.conn.recv()
            except (EOFError, OSError) as exc:
                worker.process.join(1)
                code = worker.process.exitcode
                raise WorkerLost(
                    f"the worker running this {status.name} stopped (exit code {code}); it "
                    "has been replaced: send the request again"
                ) from exc
            if kind == "note":
                status.stage = value
            elif kind == "ok":
                return value
            else:
                raise JobFailed(**value)

    def _alive(self, worker: _Worker) -> _Worker:
        """The worker, or a new one in its place when it died while idle."""
        return worker if worker.process.is_alive() else self._replace(worker)

    def _replace(self, worker: _Worker) -> _Worker:
        worker.stop()
        if self.closed:
            return worker
        new = self._spawn()
        with self._lock:
            self._workers = [new if w is worker else w for w in self._workers]
        log.warning("worker %s replaced by %s", worker.pid, new.pid)
        return new

    # -- status ------------------------------------------------------------------------

    def retry_after(self) -> int:
        """Seconds until a place in the queue is likely free (at least 1)."""
        ahead = len(self._waiting) + self.size
        return max(1, math.ceil(self._mean_seconds * ahead / self.size))

    def _busy_message(self) -> str:
        return (
            f"the server is busy: {self.size} checks running and {len(self._waiting)} waiting "
            f"(the most it queues); try again in {self.retry_after()} s"
        )

    def _remember(self, status: JobStatus) -> None:
        self._jobs.pop(status.ticket, None)
        self._jobs[status.ticket] = status
        while len(self._jobs) > KEPT_JOBS:
            self._jobs.popitem(last=False)

    def progress(self, ticket: str) -> dict[str, Any] | None:
        """Where the job with this ticket is, or None when it is unknown (call on the event
        loop's thread)."""
        status = self._jobs.get(ticket)
        if status is None:
            return None
        order = [id(s) for s in self._waiting.values()]
        position = order.index(id(status)) + 1 if id(status) in order else None
        return status.as_dict(position, self.seconds)

    def summary(self) -> dict[str, Any]:
        """The pool's size, limits and load (call on the event loop's thread)."""
        running = sum(1 for s in self._jobs.values() if s.state == "running")
        return {
            "workers": self.size,
            "queue": self.queue,
            "time_limit_s": self.seconds,
            "running": running,
            "waiting": len(self._waiting),
        }


def _serve(conn: Connection, settings: Settings, hook: Hook | None) -> None:
    """A worker process: load the models once, then run jobs until the pipe closes."""
    from unspun.api.state import AppState

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C stops the server, which stops us
    state = AppState(settings)
    try:
        state.resources()
    except Exception as exc:  # reported to the parent, which gives up on this worker
        conn.send(("failed", f"{type(exc).__name__}: {exc}"))
        return
    conn.send(("ready", os.getpid()))

    def note(stage: str) -> None:
        conn.send(("note", stage))

    while True:
        try:
            job, args = conn.recv()
        except (EOFError, OSError, KeyboardInterrupt):
            return
        try:
            if hook is not None:
                hook(job.__name__, args)
            conn.send(("ok", job(state, note, *args)))
        except Exception as exc:
            conn.send(("error", failure_of(exc)))
