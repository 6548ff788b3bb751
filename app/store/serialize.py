"""Mapping between frozen dataclasses and SQLite rows / canonical JSON.

Datetimes are stored as UTC ISO-8601 text, dates as ISO dates, booleans as 0/1 and tuples of
plain values as JSON. The mapping is driven by the dataclass type hints, so a new field needs
a column (a migration) and nothing else.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any, TypeVar

T = TypeVar("T")


def dt_to_db(value: datetime | None) -> str | None:
    if value is None:
        return None
    if value.tzinfo is None:
        raise ValueError("naive datetime given to the store; times must be timezone-aware")
    return value.astimezone(UTC).isoformat(timespec="seconds")


def dt_from_db(value: str | None) -> datetime | None:
    if value is None or value == "":
        return None
    parsed = datetime.fromisoformat(value)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def date_from_db(value: str | None) -> date | None:
    if not value:
        return None
    return date.fromisoformat(value)


_HINTS: dict[type, dict[str, Any]] = {}


def _hints(cls: type) -> dict[str, Any]:
    """Type hints of a dataclass, resolved once per class."""
    found = _HINTS.get(cls)
    if found is None:
        found = _HINTS[cls] = typing.get_type_hints(cls)
    return found


def strip_optional(hint: Any) -> Any:
    """Strip Optional[...] (X | None) from a type hint."""
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        if len(args) == 1:
            return args[0]
    return hint


def to_row(obj: Any, *, exclude: frozenset[str] = frozenset()) -> dict[str, Any]:
    """Column values for the plain fields of a dataclass (nested dataclasses are skipped)."""
    row: dict[str, Any] = {}
    for f in dataclasses.fields(obj):
        if f.name in exclude:
            continue
        value = getattr(obj, f.name)
        base = strip_optional(_hints(type(obj))[f.name])
        if dataclasses.is_dataclass(base) or _is_dataclass_tuple(base):
            continue
        row[f.name] = to_db_value(value)
    return row


def _is_dataclass_tuple(hint: Any) -> bool:
    if typing.get_origin(hint) is tuple:
        args = typing.get_args(hint)
        return bool(args) and dataclasses.is_dataclass(args[0])
    return False


def to_db_value(value: Any) -> Any:
    if isinstance(value, datetime):
        return dt_to_db(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, tuple):
        return json.dumps(list(value), ensure_ascii=False)
    return value


def from_row(cls: type[T], row: dict[str, Any], **extra: Any) -> T:
    """Build dataclass `cls` from a row; `extra` supplies nested values (children, meta)."""
    kwargs: dict[str, Any] = {}
    for name, convert in _reading_plan(cls):
        if name in extra:
            kwargs[name] = extra[name]
        elif name in row:
            value = row[name]
            kwargs[name] = value if value is None or convert is None else convert(value)
    return cls(**kwargs)


# cls -> ((field, converter or None), ...): the type hints are looked at once per class, not
# for every value of every row (they were most of the time of reading a million records)
_PLANS: dict[type, tuple[tuple[str, Callable[[Any], Any] | None], ...]] = {}


def _reading_plan(cls: type) -> tuple[tuple[str, Callable[[Any], Any] | None], ...]:
    plan = _PLANS.get(cls)
    if plan is None:
        hints = _hints(cls)
        plan = _PLANS[cls] = tuple(
            (f.name, _reader_for(strip_optional(hints[f.name])))
            for f in dataclasses.fields(cls))
    return plan


def _reader_for(hint: Any) -> Callable[[Any], Any] | None:
    """How a stored value (not None) becomes the value of a field typed `hint`."""
    if hint is datetime:
        return dt_from_db
    if hint is date:
        return date_from_db
    if hint is bool:
        return bool
    if typing.get_origin(hint) is tuple:
        return _tuple_from_json
    if hint is str:
        return str
    return None


def _tuple_from_json(value: Any) -> tuple[Any, ...]:
    return tuple(json.loads(value)) if value else ()


def canonical_json(value: Any) -> str:
    """Stable JSON of a dataclass (or plain value): sorted keys, UTC times, no spaces."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        value = dataclasses.asdict(value)
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"),
                      default=_json_default)


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime):
        return dt_to_db(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, frozenset | set):
        return sorted(value)
    raise TypeError(f"cannot serialise {type(value).__name__}")


def to_json_payload(obj: Any) -> str:
    """JSON of a dataclass for drafts; see `from_json_payload`."""
    return canonical_json(obj)


def from_json_payload(cls: type[T], payload: str) -> T:
    """Rebuild a (possibly nested) dataclass from `to_json_payload` output."""
    return _build(cls, json.loads(payload))


def _build(hint: Any, data: Any) -> Any:
    hint = strip_optional(hint)
    if data is None:
        return None
    if dataclasses.is_dataclass(hint) and isinstance(hint, type):
        hints = _hints(hint)
        names = {f.name for f in dataclasses.fields(hint)}
        return hint(**{k: _build(hints[k], v) for k, v in data.items() if k in names})
    if typing.get_origin(hint) is tuple:
        args = typing.get_args(hint)
        return tuple(_build(args[0], item) for item in data)
    if hint is datetime:
        return dt_from_db(data)
    if hint is date:
        return date_from_db(data)
    return data
