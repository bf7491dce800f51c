"""Keep secrets of a request (Temu tokens, the caller's API key) out of errors and logs."""
from __future__ import annotations

from collections.abc import Iterable

from google.protobuf.message import Message

REDACTED = "[REDACTED]"
SECRET_FIELDS = frozenset({"token"})
SECRET_METADATA = frozenset({"x-api-key", "authorization"})
MIN_SECRET_LENGTH = 4  # shorter values are not secrets worth hiding, and would mangle text


class Scrubber:
    """Replaces every occurrence of the given secrets in a text by ``[REDACTED]``."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        variants = {v for s in secrets for v in (s, s.strip()) if len(v) >= MIN_SECRET_LENGTH}
        self._secrets = sorted(variants, key=len, reverse=True)

    def __call__(self, text: str) -> str:
        for secret in self._secrets:
            text = text.replace(secret, REDACTED)
        return text


def secrets_of(request: object, metadata: Iterable[tuple[str, str | bytes]] = ()) -> list[str]:
    """The secret values a request carries: its ``token`` fields and its credentials metadata.

    For ``authorization: Bearer <key>`` both the whole value and the key are returned.
    """
    found = [value for key, value in metadata
             if key.lower() in SECRET_METADATA and isinstance(value, str)]
    found += [v.split(None, 1)[1] for v in found if len(v.split(None, 1)) == 2]
    if isinstance(request, Message):
        found += [value for field, value in request.ListFields()
                  if field.name in SECRET_FIELDS and isinstance(value, str)]
    return found
