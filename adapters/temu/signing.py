"""Temu request signing (docs/temu-protocol.md §4): MD5 over secret + sorted key+value pairs + secret.

Values are rendered exactly as they are sent: strings raw, numbers as digits, booleans as
``true``/``false``, objects and arrays as compact JSON in the key order sent. The body is then
serialised with the same rule, so the signed bytes and the sent bytes agree.
"""
from __future__ import annotations

import hashlib
import json
from typing import Any, Mapping


def render_value(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    # NOTE: the official signer strips the surrounding quotes of the JSON text, so a string
    # with characters JSON escapes is signed in its escaped form.
    return text[1:-1] if isinstance(value, str) else text


def string_to_sign(params: Mapping[str, Any], app_secret: str) -> str:
    body = "".join(f"{k}{render_value(params[k])}" for k in sorted(params) if k != "sign")
    return f"{app_secret}{body}{app_secret}"


def sign(params: Mapping[str, Any], app_secret: str) -> str:
    return hashlib.md5(string_to_sign(params, app_secret).encode("utf-8")).hexdigest().upper()


def encode_body(params: Mapping[str, Any]) -> bytes:
    """The body bytes, serialised exactly as the signer rendered nested values."""
    return json.dumps(params, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
