"""Settings of the web app and REST API: one frozen dataclass, built by the face that serves.

Nothing here reads the environment at import time: ``unspun serve`` (or a test) builds a
:class:`Settings` and hands it to :func:`unspun.api.app.create_app`.
"""

from __future__ import annotations

import ipaddress
import os
from dataclasses import dataclass

LOOPBACK_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost"}


@dataclass(frozen=True, slots=True)
class Settings:
    """What the server serves and how it guards itself."""

    db_path: str = "unspun.db"  # the library file
    host: str = "127.0.0.1"  # where the server listens (decides whether writes need a token)
    port: int = 8000
    token: str | None = None  # bearer token for write endpoints; required off loopback
    max_upload_bytes: int = 5_000_000  # request bodies (and each article) larger are 413
    max_batch: int = 200  # articles in one batch request
    use_model: bool = True  # sentence model for alignment (False: lexical evidence only)
    check_candidates: int = 20  # candidates the source index proposes for a check
    check_align: int = 6  # of those, how many at least are aligned with the article
    page_size: int = 50  # articles per page of the listing
    # Checks and compares run in a pool of worker processes (unspun.api.pool), so that the
    # pages, search and article reads never wait behind them.
    workers: int = 0  # worker processes (0: one per core)
    queue: int = 0  # jobs that may wait for a worker; past it 429 (0: 16 per worker)
    check_seconds: float = 30.0  # a check or compare running longer is stopped: 504
    max_check_words: int = 20_000  # words of an article a check accepts; past it 413
    start_workers: bool = False  # start the workers with the app (else on the first check)

    @property
    def loopback(self) -> bool:
        return is_loopback(self.host)

    @property
    def writes_need_token(self) -> bool:
        """A configured token is always required; off loopback one must be configured."""
        return self.token is not None or not self.loopback

    def validate(self) -> None:
        """Refuse settings that would serve an open library to the network."""
        if not self.loopback and not self.token:
            raise ValueError(
                f"the server would listen on {self.host}, beyond this machine, with no token "
                "for write endpoints: set a token (--token or $UNSPUN_TOKEN)"
            )
        if self.max_upload_bytes <= 0 or self.max_batch <= 0:
            raise ValueError("max_upload_bytes and max_batch must be positive")
        if self.workers < 0 or self.queue < 0:
            raise ValueError("workers and queue must be 0 (the default) or more")
        if self.check_seconds <= 0 or self.max_check_words <= 0:
            raise ValueError("check_seconds and max_check_words must be positive")

    @property
    def pool_workers(self) -> int:
        """Worker processes of the check pool: as set, or one per core."""
        return self.workers or default_workers()

    @property
    def pool_queue(self) -> int:
        """Jobs that may wait for a worker before the server answers 429."""
        return self.queue or 16 * self.pool_workers


def is_loopback(host: str) -> bool:
    """Whether ``host`` only accepts connections from this machine."""
    name = host.strip().strip("[]").lower()
    if name in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def default_workers() -> int:
    """One worker per core this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)
