"""The exception tree of unspun.

Every error unspun raises on purpose is an :class:`UnspunError`; its message says what was
wrong and, where it helps, what to do about it::

    UnspunError
     ├── InputError            an input could not be read as an article (names the input)
     │    ├── EmptyDocument     nothing left after decoding and cleaning
     │    ├── UnsupportedFormat binary data, an unknown file type, a broken container
     │    ├── TooLarge          over the configured size limit
     │    ├── TooSlow           reading it took longer than the per-page time limit
     │    ├── DecodeError       bytes that no text encoding explains
     │    └── MissingColumn     a CSV/JSONL input without the column it was told to read
     ├── StoreError            the library file could not be opened, read or written
     │    ├── NotFound          no article with that id
     │    │    └── AmbiguousId  an id prefix that several articles share (lists them)
     │    └── SchemaError       the file is not an unspun library, or is newer than this code
     └── ModelUnavailable      an optional model (embeddings, NLP) is not installed

Batch work never lets one bad input stop the rest: readers turn an :class:`InputError` into a
:class:`unspun.model.Rejected` record and carry on.
"""

from __future__ import annotations


class UnspunError(Exception):
    """Base class of every error unspun raises on purpose."""


class InputError(UnspunError):
    """An input could not be read as an article.

    ``origin`` names the input (a path, ``path#row``, ``path@offset``, ``<stdin>``), ``reason``
    says what was wrong with it.
    """

    kind = "input"

    def __init__(self, origin: str, reason: str) -> None:
        self.origin = origin
        self.reason = reason
        super().__init__(f"{origin}: {reason}")


class EmptyDocument(InputError):
    kind = "empty"


class UnsupportedFormat(InputError):
    kind = "unsupported"


class TooLarge(InputError):
    kind = "too-large"


class TooSlow(InputError):
    kind = "too-slow"


class DecodeError(InputError):
    kind = "decode"


class MissingColumn(InputError):
    kind = "missing-column"


class StoreError(UnspunError):
    """The library file could not be opened, read or written."""


class NotFound(StoreError):
    """No article in the library has that id (or id prefix)."""


class AmbiguousId(NotFound):
    """An id prefix that several articles share; ``matches`` lists (some of) their ids."""

    def __init__(self, message: str, matches: list[str]) -> None:
        self.matches = matches
        super().__init__(message)


class SchemaError(StoreError):
    """The file is not an unspun library, or was written by a newer unspun."""


class ModelUnavailable(UnspunError):
    """An optional model is not installed; the message names the package to install."""
