"""Keep Temu secrets (shop tokens, the app secret, signs) out of logs and error messages."""
from __future__ import annotations

import logging
import re
from typing import Iterable

MASK = "***"

# key=value, key: value, "key":"value" and header forms of the secret-bearing Temu fields.
_SECRET_FIELD = re.compile(
    r"""(?i)(\b(?:access_token|app_secret|sign|toa-access-token|toa-sign)\b["']?\s*[:=]\s*["']?)"""
    r"""[^"'&,;\s})\]]+""")


def redact(text: str, secrets: Iterable[str] = ()) -> str:
    """``text`` with every known secret value and every ``access_token=…``-like field masked."""
    for secret in secrets:
        if secret:
            text = text.replace(secret, MASK)
    return _SECRET_FIELD.sub(lambda m: m.group(1) + MASK, text)


def sanitize_upstream_text(text: object, secrets: Iterable[str] = (), limit: int = 200) -> str:
    """A message from Temu made safe to show: a string, secrets masked, no control characters,
    at most ``limit`` characters."""
    raw = text if isinstance(text, str) else ""
    printable = "".join(ch if ch.isprintable() else " " for ch in raw[: limit * 2])
    return redact(printable, secrets)[:limit].strip()


class SecretRedactingFilter(logging.Filter):
    """Masks secret-looking fields in a record's rendered message, in case one slipped in.

    Attach it to handlers (it then covers every logger) or to a logger (that logger only)."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # NOTE: a malformed record must not break logging; leave it alone.
            return True
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True
