"""Authenticate: an API key in, the calling principal out (AUTH-12)."""
from __future__ import annotations

from application.ports.readers import ApiKeyLookup
from domain.principal import Principal

MAX_API_KEY_LENGTH = 256


class Authenticate:
    """- Every call looks its key up (one indexed read); nothing is remembered, so a revoked key
      is refused at once by every server process, and a new key works at once.
    - Unknown, revoked and over-long keys give ``None``.
    """

    def __init__(self, keys: ApiKeyLookup) -> None:
        self._keys = keys

    def execute(self, api_key: str) -> Principal | None:
        if not api_key or len(api_key) > MAX_API_KEY_LENGTH:
            return None
        return self._keys.by_api_key(api_key)
