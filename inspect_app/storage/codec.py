"""Turning record dataclasses into table rows and back, by the type of each field."""

from __future__ import annotations

import json
import types
import typing
import dataclasses
from dataclasses import fields
from datetime import date, datetime
from enum import Enum
from functools import lru_cache
from typing import Any, Callable

from ..domain.local_time import from_utc_text, to_utc_text


def _base(hint: Any) -> Any:
    """int | None -> int; tuple[str, ...] -> tuple."""
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        return _base(args[0])
    return typing.get_origin(hint) or hint


def _encoder(kind: Any) -> Callable[[Any], Any]:
    if kind is datetime:
        return to_utc_text
    if kind is date:
        return date.isoformat
    if kind is bool:
        return int
    if kind is tuple:  # of text, or of enumeration members (stored by their spelling)
        return lambda v: json.dumps([x.value if isinstance(x, Enum) else x for x in v], ensure_ascii=False)
    if isinstance(kind, type) and issubclass(kind, Enum):
        return lambda v: v.value
    return lambda v: v


def _element(hint: Any) -> Any:
    """tuple[Independence, ...] -> Independence; anything else -> None."""
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        return _element(next(a for a in typing.get_args(hint) if a is not type(None)))
    args = typing.get_args(hint) if typing.get_origin(hint) is tuple else ()
    return args[0] if args and isinstance(args[0], type) and issubclass(args[0], Enum) else None


def _decoder(kind: Any, element: Any = None) -> Callable[[Any], Any] | None:
    if kind is tuple and element is not None:
        return lambda v: tuple(element(x) for x in json.loads(v))
    if kind is datetime:
        return from_utc_text
    if kind is date:
        return date.fromisoformat
    if kind is bool:
        return bool
    if kind is tuple:
        return lambda v: tuple(json.loads(v))
    if isinstance(kind, type) and issubclass(kind, Enum):
        return kind
    return None  # stored as it is


@lru_cache(maxsize=None)
def _plan(cls: type, skip: frozenset[str]) -> tuple[tuple[str, Callable, Callable], ...]:
    hints = typing.get_type_hints(cls)
    return tuple(
        (f.name, _encoder(_base(hints[f.name])), _decoder(_base(hints[f.name]), _element(hints[f.name])))
        for f in fields(cls)
        if f.name not in skip
    )


def to_row(record: Any, skip: frozenset[str] = frozenset(), rename: dict[str, str] | None = None) -> dict[str, Any]:
    rename = rename or {}
    row = {}
    for name, encode, _ in _plan(type(record), skip):
        value = getattr(record, name)
        row[rename.get(name, name)] = None if value is None else encode(value)
    return row


def from_row(cls: type, row: dict[str, Any], skip: frozenset[str] = frozenset(),
             rename: dict[str, str] | None = None, **extra: Any) -> Any:
    plain, decoded = _reading(cls, skip, tuple(rename.items()) if rename else ())
    values = {name: row[column] for name, column in plain}
    for name, column, decode in decoded:
        value = row[column]
        values[name] = None if value is None else decode(value)
    values.update(extra)
    if len(values) == _field_count(cls):  # every field from the row: filled in directly (see _field_count)
        record = object.__new__(cls)
        record.__dict__.update(values)
        return record
    return cls(**values)


@lru_cache(maxsize=None)
def _reading(cls: type, skip: frozenset[str], renamed: tuple[tuple[str, str], ...]) -> tuple[tuple, tuple]:
    """from_row's plan: the fields stored as they are (field, column), and those decoded (field, column, decoder),
    worked out once: a compliance run for a provider decodes thousands of records (SPEC 10)."""
    rename = dict(renamed)
    plan = _plan(cls, skip)
    return (tuple((name, rename.get(name, name)) for name, _, decode in plan if decode is None),
            tuple((name, rename.get(name, name), decode) for name, _, decode in plan if decode is not None))


@lru_cache(maxsize=None)
def _field_count(cls: type) -> int:
    """How many fields a record has, or -1 where its own __init__ must run. A frozen dataclass's __init__ sets each
    field through object.__setattr__, a third of the time of decoding a measure; a record read back with every field
    is a plain dataclass (no __post_init__, no __slots__) whose fields are all there, so they are filled in at once:
    tests/storage/test_codec.py checks the result equals the record built by its __init__."""
    plain = (dataclasses.is_dataclass(cls) and not hasattr(cls, "__post_init__")
             and "__slots__" not in cls.__dict__ and not any(f.init is False for f in fields(cls)))
    return len(fields(cls)) if plain else -1
