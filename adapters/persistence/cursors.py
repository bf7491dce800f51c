"""Opaque keyset cursors: the sort key of the last row of a page, base64url JSON."""
from __future__ import annotations

import base64
import binascii
import json

from domain.errors import FieldViolation, ValidationFailed


def encode_cursor(*key: str) -> str:
    raw = json.dumps(list(key), separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str, parts: int) -> list[str]:
    """The key ``encode_cursor`` was given; ``ValidationFailed`` (INVALID_PAGE_TOKEN) otherwise."""
    try:
        key = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except (binascii.Error, ValueError, UnicodeDecodeError):
        key = None
    if not isinstance(key, list) or len(key) != parts or not all(isinstance(k, str) for k in key):
        raise invalid_page_token()
    return key


def invalid_page_token() -> ValidationFailed:
    return ValidationFailed("The page token is not one this API issued: start again without it.",
                            [FieldViolation("page_token", "invalid page token")], reason="INVALID_PAGE_TOKEN")
