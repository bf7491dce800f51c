"""Defensive readers for values in Temu's JSON: each returns a clean value or None, never raises."""
from __future__ import annotations

import re
from datetime import datetime, timezone

NAME_LIMIT = 512
CODE_LIMIT = 128

INT32_MAX = 2**31 - 1
INT64_MAX = 2**63 - 1
_EARLIEST = datetime(2000, 1, 1, tzinfo=timezone.utc).timestamp()
_LATEST = datetime(2100, 1, 1, tzinfo=timezone.utc).timestamp()
_INTEGER_TEXT = re.compile(r"-?\d{1,19}")
_CODE = re.compile(r"[\x21-\x7e]+")  # printable ASCII, no spaces


def as_int(value: object, low: int = -INT64_MAX, high: int = INT64_MAX) -> int | None:
    """An integer in [low, high]: ints and integer strings; booleans and floats are not integers."""
    if type(value) is int:  # the common case first: a history sync reads ~20 per order
        return value if low <= value <= high else None
    if isinstance(value, str) and _INTEGER_TEXT.fullmatch(value.strip()):
        value = int(value.strip())
    if isinstance(value, bool) or not isinstance(value, int):
        return None
    return value if low <= value <= high else None


def as_id(value: object) -> int | None:
    """A Temu numeric id (goodsId, skuId…): a positive 64-bit integer."""
    return as_int(value, 1, INT64_MAX)


def as_small_int(value: object) -> int | None:
    """A status, region or site number: fits a 32-bit column."""
    return as_int(value, 0, INT32_MAX)


def as_time(value: object) -> datetime | None:
    """Unix seconds between 2000 and 2100 as an aware UTC datetime."""
    seconds = as_int(value)
    if seconds is None or not _EARLIEST <= seconds < _LATEST:
        return None
    return datetime.fromtimestamp(seconds, tz=timezone.utc)


def as_text(value: object, limit: int = NAME_LIMIT) -> str:
    """Printable text cut to ``limit`` characters; numbers become their digits, anything else ''.

    Control characters, NULs and lone surrogates (which JSON allows but databases refuse) become
    spaces."""
    if type(value) is str and len(value) <= limit and value.isprintable():  # the common case
        return value.strip()
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        return ""
    cut = value[: limit * 2]
    if cut.isprintable():  # the common case, checked in C
        return cut.strip()[:limit]
    return "".join(ch if ch.isprintable() else " " for ch in cut).strip()[:limit]


def as_code(value: object, limit: int = CODE_LIMIT) -> str | None:
    """An identifier such as ``PO-211-…``: 1 to ``limit`` printable ASCII characters, no spaces."""
    if isinstance(value, str) and len(value) <= limit and _CODE.fullmatch(value):
        return value
    return None


def as_list(value: object) -> list | None:
    return value if isinstance(value, list) else None
