"""Row values and canonical JSON of records, fast: each dataclass gets its converters made
once from its type hints (no `dataclasses.asdict` deep copies, no per-value type dispatch
for plain fields). The same values as `serialize.to_row` and `serialize.canonical_json`
(bulk writes check this on their first record); used where records come by the thousand:
bulk writes (visit_bulk) and `piket verify`."""

from __future__ import annotations

import dataclasses
import functools
import json
import typing
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

import orjson

from app.store.serialize import dt_to_db, strip_optional, to_db_value, to_row

_ROW_CONVERTERS: dict[tuple[type, frozenset[str]], Callable[[Any], dict[str, Any]]] = {}


def plain_row(obj: Any, exclude: frozenset[str] = frozenset()) -> dict[str, Any]:
    """`to_row(obj, exclude=...)` without its per-call type-hint walk: the plain fields of a
    class are found once (with `to_row` itself) and each gets the conversion `to_db_value`
    makes for its declared type."""
    key = (type(obj), exclude)
    convert = _ROW_CONVERTERS.get(key)
    if convert is None:
        convert = _ROW_CONVERTERS[key] = _row_converter(obj, exclude)
    return convert(obj)


def _row_converter(obj: Any, exclude: frozenset[str]) -> Callable[[Any], dict[str, Any]]:
    hints = typing.get_type_hints(type(obj))
    names = tuple(to_row(obj, exclude=exclude))
    other = tuple((n, _column_converter(strip_optional(hints[n]))) for n in names
                  if strip_optional(hints[n]) not in (str, int, float))

    def convert(value: Any) -> dict[str, Any]:
        fields = value.__dict__
        out = {name: fields[name] for name in names}
        for name, column in other:
            field = out[name]
            if field is not None:
                out[name] = column(field)
        return out

    return convert


def _column_converter(hint: Any) -> Callable[[Any], Any]:
    """What `to_db_value` does to a value of this declared type."""
    if hint is datetime:
        return cached_dt_to_db
    if hint is bool:
        return int
    if typing.get_origin(hint) is tuple:
        return lambda values: to_db_value(values) if values else "[]"
    return to_db_value


# A record's times are converted for its row and again for its audit JSON: remember them.
cached_dt_to_db = functools.lru_cache(maxsize=4096)(dt_to_db)


def canonical_json_fast(value: Any) -> str:
    """The JSON `serialize.canonical_json` gives for a record, several times faster: each
    dataclass gets a converter made once from its type hints (no `dataclasses.asdict` deep
    copies, no per-value type dispatch for plain fields), and the plain values are written
    by orjson (4 us for a walk-in against 28 for json.dumps)."""
    plain = _converter(type(value))(value)
    if not _has_float(type(value)):
        try:
            return orjson.dumps(plain, option=_ORJSON_OPTIONS).decode("utf-8")
        except TypeError:  # orjson.JSONEncodeError: a lone surrogate, an int over 64 bits
            pass
    return json.dumps(plain, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


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
