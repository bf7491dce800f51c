"""Secrets out of logs and error messages, one rule for every kind: shop tokens, Temu's app
secret and signatures, and our callers' API keys.

``redact`` masks the secret values it is given and every field that carries a secret;
``SecretRedactingFilter`` applies it to every log record (the entry points put it on the root
handlers).
"""
from __future__ import annotations

import logging
import re
from collections.abc import Iterable

MASK = "[REDACTED]"
MIN_SECRET_LENGTH = 4  # shorter values are not secrets worth hiding, and would mangle text

# key=value, key: value, "key":"value" and header forms of the fields that carry a secret.
_SECRET_FIELD = re.compile(
    r"""(?i)(\b(?:access_token|app_secret|sign|toa-access-token|toa-sign|x-api-key|authorization)\b"""
    r"""["']?\s*[:=]\s*["']?(?:bearer\s+)?)[^"'&,;\s})\]]+""")


def redact(text: str, secrets: Iterable[str] = ()) -> str:
    """``text`` with each of ``secrets`` (as given and stripped) and each secret field masked."""
    values = {v for s in secrets for v in (s, s.strip()) if len(v) >= MIN_SECRET_LENGTH}
    for secret in sorted(values, key=len, reverse=True):
        text = text.replace(secret, MASK)
    return _SECRET_FIELD.sub(lambda m: m.group(1) + MASK, text)


class SecretRedactingFilter(logging.Filter):
    """Masks secret fields in a record's rendered message, in case one slipped in."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # NOTE: a malformed record must not break logging; leave it alone.
            return True
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True
