"""Records to plain dicts and back, for JSON output, the library file and the API.

``to_dict`` turns any record of :mod:`unspun.model` into plain JSON values (an Enum becomes its
value, a tuple a list, a nested record a dict). ``from_dict`` rebuilds a record from such a
dict, guided by the record's type hints, so ``from_dict(type(r), to_dict(r)) == r``.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from enum import Enum
from functools import cache
from typing import Any, TypeVar, cast

from unspun import model
from unspun.model import Article

T = TypeVar("T")


def to_dict(record: Any) -> dict[str, Any]:
    """A record as a dict of plain JSON values (fields only, in declaration order)."""
    if not dataclasses.is_dataclass(record) or isinstance(record, type):
        raise TypeError(f"to_dict expects a record, not {type(record).__name__}")
    return {f.name: _plain(getattr(record, f.name)) for f in dataclasses.fields(record)}


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return to_dict(value)
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def from_dict(cls: type[T], data: dict[str, Any]) -> T:
    """Rebuild a record of type ``cls`` from :func:`to_dict` output.

    Missing keys take the field's default; an unknown key or a value of the wrong shape raises
    ValueError naming the field.
    """
    if not isinstance(data, dict):
        raise ValueError(f"{cls.__name__}: expected an object, got {type(data).__name__}")
    hints = _hints(cast(Any, cls))
    unknown = set(data) - set(hints)
    if unknown:
        raise ValueError(f"{cls.__name__}: unknown field(s) {', '.join(sorted(unknown))}")
    kwargs = {}
    for name, value in data.items():
        try:
            kwargs[name] = _build(hints[name], value)
        except (TypeError, ValueError) as exc:
            raise ValueError(f"{cls.__name__}.{name}: {exc}") from exc
    try:
        return cls(**kwargs)
    except TypeError as exc:  # a required field is missing
        raise ValueError(f"{cls.__name__}: {exc}") from exc


def article_from_dict(data: dict[str, Any]) -> Article:
    """An :class:`Article` from :func:`to_dict` output (a stored or JSON-exported article)."""
    return from_dict(Article, data)


@cache
def _hints(cls: Any) -> dict[str, Any]:
    if not dataclasses.is_dataclass(cls):
        raise TypeError(f"{cls.__name__} is not a record")
    hints = typing.get_type_hints(cls, vars(model))
    return {f.name: hints[f.name] for f in dataclasses.fields(cls)}


def _build(hint: Any, value: Any) -> Any:
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin is tuple:
        if not isinstance(value, list | tuple):
            raise ValueError(f"expected a list, got {type(value).__name__}")
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_build(args[0], v) for v in value)
        return tuple(_build(a, v) for a, v in zip(args, value, strict=True))
    if origin in (typing.Union, types.UnionType):
        if value is None and type(None) in args:
            return None
        errors = []
        for arg in (a for a in args if a is not type(None)):
            try:
                return _build(arg, value)
            except (TypeError, ValueError) as exc:
                errors.append(str(exc))
        raise ValueError("; ".join(errors) or "no type matches")
    if origin is typing.Literal:
        if value not in args:
            raise ValueError(f"{value!r} is not one of {', '.join(map(repr, args))}")
        return value
    if isinstance(hint, type):
        if dataclasses.is_dataclass(hint):
            return from_dict(hint, value)
        if issubclass(hint, Enum):
            return hint(value)
        if hint is float and isinstance(value, int) and not isinstance(value, bool):
            return float(value)
        if not isinstance(value, hint) or (hint is int and isinstance(value, bool)):
            raise ValueError(f"expected {hint.__name__}, got {type(value).__name__}")
        return value
    return value


__all__ = ["article_from_dict", "from_dict", "to_dict"]
