"""The REST API of ``unspun serve`` (FastAPI): build it with :func:`create_app`."""

from unspun.api.app import create_app
from unspun.api.settings import Settings

__all__ = ["Settings", "create_app"]
