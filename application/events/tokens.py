"""The change feed's resume tokens: opaque text naming a feed position, the same for every filter.

Not the keyset page tokens of the lists (``adapters/persistence/cursors.py``): those are bound to
the filter they were issued for, while a feed reader may resume with other filters, and ListEvents
and WatchEvents share their tokens.
"""
from __future__ import annotations

import base64

from domain.errors import FieldViolation, ValidationFailed

_PREFIX = "feed1:"


def feed_token(position: int) -> str:
    return base64.urlsafe_b64encode(f"{_PREFIX}{position}".encode()).decode().rstrip("=")


def feed_position(token: str, field: str = "resume_token") -> int:
    """The position a :func:`feed_token` names; ``ValidationFailed`` (INVALID_RESUME_TOKEN) for
    any other text."""
    try:
        text = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode()
        digits = text.removeprefix(_PREFIX)
        if digits == text or not digits.isdigit() or not digits.isascii():
            raise ValueError(token)
        return int(digits)
    except ValueError:
        raise ValidationFailed("The resume_token is not one this API issued: use the resume_token of an "
                               "event or response, or leave it empty to start from the oldest event kept.",
                               [FieldViolation(field, "not a resume token of this API")],
                               reason="INVALID_RESUME_TOKEN") from None
