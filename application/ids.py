"""Identifiers the application hands out."""
from __future__ import annotations

import os
import time
import uuid


def time_ordered_uuid() -> str:
    """A UUID version 7 (RFC 9562 §5.7): 48 bits of Unix milliseconds, then random bits.

    Ids made later sort later, so rows inserted in bulk land at the end of the primary-key index
    instead of all over it, and they stay as unguessable as version 4 within a millisecond (74
    random bits).
    """
    raw = bytearray((time.time_ns() // 1_000_000).to_bytes(6, "big") + os.urandom(10))
    raw[6] = (raw[6] & 0x0F) | 0x70  # version 7
    raw[8] = (raw[8] & 0x3F) | 0x80  # RFC 9562 variant
    return str(uuid.UUID(bytes=bytes(raw)))
