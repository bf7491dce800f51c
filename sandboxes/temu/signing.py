"""How Temu checks a request's ``sign`` (docs/temu-protocol.md §4), written here apart
from the client's signer so that a mistake in one is not mirrored by the other.

The expected value is the upper-case MD5 of: app secret, then every parameter but ``sign`` in
key order as key followed by value, then the app secret again. A string value counts as its JSON
text without the quotes (so escapes stay escaped); any other value (number, boolean, object,
array) as compact JSON.
"""
from __future__ import annotations

import hashlib
import json
from typing import Any, Mapping


def _as_signed(value: Any) -> str:
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)[1:-1]
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def expected_sign(params: Mapping[str, Any], app_secret: str) -> str:
    pairs = "".join(key + _as_signed(params[key]) for key in sorted(params) if key != "sign")
    return hashlib.md5(f"{app_secret}{pairs}{app_secret}".encode("utf-8")).hexdigest().upper()
