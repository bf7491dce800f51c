"""Authenticate: an API key in, the calling principal out (AUTH-12)."""
from __future__ import annotations

import hashlib
import threading
import time
from typing import Callable

from application.ports.unit_of_work import UnitOfWorkFactory
from domain.principal import Principal

CACHE_SECONDS = 10.0
CACHE_SIZE = 10_000


class Authenticate:
    """- Keys are looked up by hash; a known key is remembered for ``CACHE_SECONDS`` so that every
      call does not open a transaction (a revoked key stops working within that time).
    - Unknown keys are not remembered: a new key works at once.
    """

    def __init__(self, uow: UnitOfWorkFactory, monotonic: Callable[[], float] = time.monotonic) -> None:
        self._uow = uow
        self._monotonic = monotonic
        self._cache: dict[str, tuple[Principal, float]] = {}
        self._lock = threading.Lock()

    def execute(self, api_key: str) -> Principal | None:
        if not api_key or len(api_key) > 256:
            return None
        digest = hashlib.sha256(api_key.encode()).hexdigest()
        now = self._monotonic()
        hit = self._cache.get(digest)
        if hit is not None and hit[1] > now:
            return hit[0]
        with self._uow() as uow:
            principal = uow.principals.by_api_key(api_key)
        if principal is not None:
            with self._lock:
                if len(self._cache) >= CACHE_SIZE:
                    self._cache.clear()
                self._cache[digest] = (principal, now + CACHE_SECONDS)
        return principal
