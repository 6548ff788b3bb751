"""The one serialiser of the store: frozen dataclasses to SQLite rows and canonical JSON,
and back.

Datetimes are stored as UTC ISO-8601 text, dates as ISO dates, booleans as 0/1 and tuples of
plain values as JSON. The mapping is driven by the dataclass type hints, so a new field needs
a column (a migration) and nothing else. Each dataclass gets its converters made once from
its type hints (no `dataclasses.asdict` deep copies, no per-value type dispatch for plain
fields): a single save and an import of 100,000 records run the same code.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import types
import typing
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any, TypeVar, cast

import orjson

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
    """Column values for the plain fields of a dataclass (nested dataclasses, and tuples of
    them, are skipped: they are child rows). Each class and `exclude` gets its converter made
    once; each field gets the conversion `to_db_value` makes for its declared type."""
    key = (type(obj), exclude)
    convert = _ROW_CONVERTERS.get(key)
    if convert is None:
        convert = _ROW_CONVERTERS[key] = _row_converter(type(obj), exclude)
    return convert(obj)


_ROW_CONVERTERS: dict[tuple[type, frozenset[str]], Callable[[Any], dict[str, Any]]] = {}


def _row_converter(cls: type, exclude: frozenset[str]) -> Callable[[Any], dict[str, Any]]:
    hints = _hints(cls)
    names = tuple(f.name for f in dataclasses.fields(cls) if f.name not in exclude
                  and not _is_child(strip_optional(hints[f.name])))
    other = tuple((n, _column_converter(strip_optional(hints[n]))) for n in names
                  if strip_optional(hints[n]) not in (str, int, float))

    def convert(value: Any) -> dict[str, Any]:
        fields = getattr(value, "__dict__", None)
        if fields is None:  # a dataclass with slots
            fields = {name: getattr(value, name) for name in names}
        out = {name: fields[name] for name in names}
        for name, column in other:
            field = out[name]
            if field is not None:
                out[name] = column(field)
        return out

    return convert


def _is_child(hint: Any) -> bool:
    return dataclasses.is_dataclass(hint) or _is_dataclass_tuple(hint)


def _column_converter(hint: Any) -> Callable[[Any], Any]:
    """What `to_db_value` does to a value of this declared type."""
    if hint is datetime:
        return cached_dt_to_db
    if hint is bool:
        return int
    if typing.get_origin(hint) is tuple:
        return lambda values: to_db_value(values) if values else "[]"
    return to_db_value


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
    """Stable JSON of a dataclass (or plain value): sorted keys, UTC times, no spaces. The
    text the audit trail hashes and `piket verify` compares, so it never changes for a
    record that did not change. Plain values are written by orjson (4 us for a walk-in
    against 28 for json.dumps) where its text is json.dumps's."""
    if not (dataclasses.is_dataclass(value) and not isinstance(value, type)):
        return _dumps(value)
    plain = _converter(type(value))(value)
    if not _has_float(type(value)):
        try:
            return orjson.dumps(plain, option=_ORJSON_OPTIONS).decode("utf-8")
        except TypeError:  # orjson.JSONEncodeError: a lone surrogate, an int over 64 bits
            pass
    return _dumps(plain)


def _dumps(value: Any) -> str:
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
    return cast(T, _reader(cls)(orjson.loads(payload)))


_READERS: dict[Any, Callable[[Any], Any]] = {}


def _as_is(data: Any) -> Any:
    return data


_PLAIN: dict[type, bool] = {}


def plain_dataclass(cls: type) -> bool:
    """Whether instances of the dataclass `cls` may be made without its __init__ (their
    fields set straight into __dict__): no __post_init__, no slots, every field in __init__."""
    found = _PLAIN.get(cls)
    if found is None:
        found = _PLAIN[cls] = (not hasattr(cls, "__post_init__")
                               and not hasattr(cls, "__slots__")
                               and all(f.init for f in dataclasses.fields(cls)))
    return found


def quick_replace(obj: T, **changes: Any) -> T:
    """`dataclasses.replace` without re-running a frozen __init__ (one object.__setattr__ a
    field: a tenth of the time for a walk-in of 35 fields) when the class allows it
    (`plain_dataclass`)."""
    cls = type(obj)
    plain = _PLAIN.get(cls)
    if not (plain or (plain is None and plain_dataclass(cls))):
        return dataclasses.replace(obj, **changes)  # type: ignore[type-var]
    values = obj.__dict__
    if not changes.keys() <= values.keys():
        raise TypeError(f"{cls.__name__} has no field {sorted(changes.keys() - values.keys())[0]}")
    copy = object.__new__(cls)
    copy.__dict__.update(values, **changes)
    return cast(T, copy)


def _reader(hint: Any) -> Callable[[Any], Any]:
    """The function that rebuilds a value of type `hint` from its JSON (None stays None),
    made once per type: the Polres hub rebuilds thousands of records a review, and reading
    each one's type hints again took 0.6 ms a walk-in."""
    found = _READERS.get(hint)
    if found is not None:
        return found
    base = strip_optional(hint)
    convert: Callable[[Any], Any]
    if dataclasses.is_dataclass(base) and isinstance(base, type):
        cls = base
        all_fields = dataclasses.fields(cls)
        names = frozenset(f.name for f in all_fields)
        converting: list[tuple[str, Callable[[Any], Any]]] = []
        plain = plain_dataclass(cls)
        defaults = {f.name: f.default for f in all_fields
                    if f.default is not dataclasses.MISSING}
        factories = [(f.name, f.default_factory) for f in all_fields
                     if f.default_factory is not dataclasses.MISSING]

        def convert(data: Any) -> Any:
            if data is None:
                return None
            values = dict(data) if data.keys() <= names else \
                {k: v for k, v in data.items() if k in names}
            for name, field_reader in converting:  # plain values (most) are taken as they are
                if name in values:
                    values[name] = field_reader(values[name])
            if not plain:
                return cls(**values)
            if len(values) != len(names):
                values = {**defaults, **values}
                for name, factory in factories:
                    if name not in values:
                        values[name] = factory()
                if len(values) != len(names):
                    return cls(**values)  # raises the TypeError naming what is missing
            # made without the frozen __init__ (one object.__setattr__ a field): a tenth of
            # the time of reading a walk-in (the Polres mirror reads 100,000s)
            made = object.__new__(cls)
            made.__dict__.update(values)
            return made

        _READERS[hint] = convert  # before the fields: a type may contain itself
        hints = _hints(cls)
        for f in all_fields:
            field_reader = _reader(hints[f.name])
            if field_reader is not _as_is:
                converting.append((f.name, field_reader))
        return convert
    if typing.get_origin(base) is tuple:
        item = _reader(typing.get_args(base)[0])

        def convert(data: Any) -> Any:
            return None if data is None else tuple(item(i) for i in data)
    elif base is datetime:
        def convert(data: Any) -> Any:
            return None if data is None else dt_from_db(data)
    elif base is date:
        def convert(data: Any) -> Any:
            return None if data is None else date_from_db(data)
    else:
        convert = _as_is
    _READERS[hint] = convert
    return convert


# A record's times are converted for its row and again for its audit JSON: remember them.
cached_dt_to_db = functools.lru_cache(maxsize=4096)(dt_to_db)


# Sorted keys and no spaces, as canonical_json; no datetime or dataclass written orjson's way
# (the converters make them plain first: one left over fails, as it fails json.dumps). With
# these, orjson's text is json.dumps(..., ensure_ascii=False)'s: the same escapes (\u001f,
# \n; none from 0x7f up), keys sorted by code point (UTF-8 bytes sort the same). Floats are
# the exception (1e+16 against 1e16): classes with a float field take json.dumps.
_ORJSON_OPTIONS = (orjson.OPT_SORT_KEYS | orjson.OPT_PASSTHROUGH_DATETIME
                   | orjson.OPT_PASSTHROUGH_DATACLASS | orjson.OPT_PASSTHROUGH_SUBCLASS)


_FLOATS: dict[type, bool] = {}


def _has_float(cls: type) -> bool:
    """Whether a float can occur in the converted value of this dataclass."""
    found = _FLOATS.get(cls)
    if found is None:
        found = _FLOATS[cls] = _hint_has_float(cls, set())
    return found


def _hint_has_float(hint: Any, seen: set[Any]) -> bool:
    if hint in seen:
        return False
    seen.add(hint)
    base = strip_optional(hint)
    if base is float:
        return True
    if isinstance(base, type) and dataclasses.is_dataclass(base):
        return any(_hint_has_float(h, seen) for h in typing.get_type_hints(base).values())
    args = [a for a in typing.get_args(base) if a is not Ellipsis]
    if args:
        return any(_hint_has_float(a, seen) for a in args)
    return base is Any or not isinstance(base, type)  # anything may hold a float


_CONVERTERS: dict[Any, Callable[[Any], Any] | None] = {}


def _converter(hint: Any) -> Callable[[Any], Any]:
    found = _field_converter(hint)
    return found if found is not None else (lambda value: value)


def _field_converter(hint: Any) -> Callable[[Any], Any] | None:
    """None for values JSON takes as they are; else a function that makes them plain."""
    if hint in _CONVERTERS:
        return _CONVERTERS[hint]
    base = strip_optional(hint)
    convert: Callable[[Any], Any] | None
    if base in (str, int, bool, float):
        convert = None
    elif base is datetime:
        convert = cached_dt_to_db
    elif base is date:
        convert = _date
    elif typing.get_origin(base) is tuple:
        item = _field_converter(typing.get_args(base)[0])
        convert = list if item is None else (lambda values: [item(v) for v in values])
    elif isinstance(base, type) and dataclasses.is_dataclass(base):
        convert = _dataclass_converter(base)
    else:
        convert = _plain_any
    _CONVERTERS[hint] = convert
    return convert


def _dataclass_converter(cls: type) -> Callable[[Any], Any]:
    _CONVERTERS[cls] = lambda value: converter(value)  # recursion guard
    hints = typing.get_type_hints(cls)
    names = [f.name for f in dataclasses.fields(cls)]
    converters = [(name, _field_converter(hints[name])) for name in names]
    other = tuple((name, convert) for name, convert in converters if convert is not None)

    count = len(names)

    def converter(value: Any) -> Any:
        if value is None:
            return None
        fields = getattr(value, "__dict__", None)
        if fields is not None and len(fields) == count:
            out = dict(fields)  # a plain dataclass: its fields, copied at C speed
        else:
            out = {name: getattr(value, name) for name in names}
        for name, convert in other:
            field = out[name]
            out[name] = None if field is None else convert(field)
        return out

    _CONVERTERS[cls] = converter  # the guard's extra call no more, once made
    return converter


def _date(value: date) -> str:
    return value.isoformat()


def _plain_any(value: Any) -> Any:
    """Fallback for a field typed Any or a union: the same rules as canonical_json."""
    if isinstance(value, datetime):
        return dt_to_db(value)
    if isinstance(value, date):
        return value.isoformat()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return _converter(type(value))(value)
    if isinstance(value, tuple | list):
        return [_plain_any(v) for v in value]
    if isinstance(value, frozenset | set):
        return sorted(value)
    return value
