"""Fast JSON for the adapters: orjson, with the standard library wherever orjson is not exact.

orjson is used because a sync spends much of its time decoding Temu's order pages, but it reads
integers beyond 64 bits as floats (losing digits) and refuses to write them. Both helpers hand such
documents to the standard library, so values always come back exactly.
"""
from __future__ import annotations

import json
from typing import Any

import orjson

# 2**63 has 19 digits: shorter integers fit in 64 bits. The test maps every ASCII digit to "0"
# and anything else to " ", then looks for nineteen "0"s in a row: a byte-wise table lookup and
# a substring search, where the regular expression \d{19} would retry at every digit of every
# number on the page.
_DIGITS_AS_ZEROS = bytes(0x30 if 0x30 <= b <= 0x39 else 0x20 for b in range(256))
_LONG_RUN = b"0" * 19


def has_long_digit_run(raw: bytes) -> bool:
    """True when ``raw`` holds 19 or more ASCII digits in a row (anywhere, strings included)."""
    return _LONG_RUN in raw.translate(_DIGITS_AS_ZEROS)


def loads(document: bytes | str) -> Any:
    """Raises ``ValueError`` for what is not JSON."""
    raw = document.encode() if isinstance(document, str) else document
    if not has_long_digit_run(raw):
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
