"""Settings of the web app and REST API: one frozen dataclass, built by the face that serves.

Nothing here reads the environment at import time: ``unspun serve`` (or a test) builds a
:class:`Settings` and hands it to :func:`unspun.api.app.create_app`.
"""

from __future__ import annotations

import ipaddress
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


def is_loopback(host: str) -> bool:
    """Whether ``host`` only accepts connections from this machine."""
    name = host.strip().strip("[]").lower()
    if name in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False
