"""Fast JSON for the adapters: orjson, with the standard library wherever orjson is not exact.

orjson reads a page of 100 Temu orders in under half the time of ``json``, but it reads integers
beyond 64 bits as floats (losing digits) and refuses to write them. Both helpers hand such
documents to the standard library, so values always come back exactly.
"""
from __future__ import annotations

import json
import re
from typing import Any

import orjson

_LONG_DIGITS = re.compile(rb"\d{19}")  # 2**63 has 19 digits: shorter integers fit in 64 bits


def loads(document: bytes | str) -> Any:
    """Raises ``ValueError`` for what is not JSON."""
    raw = document.encode() if isinstance(document, str) else document
    if _LONG_DIGITS.search(raw) is None:
        try:
            return orjson.loads(raw)
        except orjson.JSONDecodeError:
            pass  # other encodings, NaN…: the standard library reads what JSON allows
    return json.loads(raw)


def dumps(value: Any) -> str:
    """Compact text with sorted keys, as ``json.dumps(sort_keys=True, separators=(",", ":"),
    ensure_ascii=False)`` writes it."""
    try:
        return orjson.dumps(value, option=orjson.OPT_SORT_KEYS).decode()
    except TypeError:
        return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
