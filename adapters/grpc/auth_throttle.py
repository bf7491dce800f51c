"""Failed authentications throttled per peer address.

After ``limit`` failed authentications (no key, a malformed, unknown or revoked one) from one
peer address within ``window_s``, every call from that address is refused with
RESOURCE_EXHAUSTED and a ``RetryInfo`` (reason TOO_MANY_FAILED_AUTHENTICATIONS) until the oldest
of those failures is ``window_s`` old, before its key is even looked up: a guesser gets at most
``limit`` guesses per window and costs no database read meanwhile. Callers behind one address (a
proxy, a NAT) share its count, so the limit is configurable.

The count is kept in this process: each server process counts for itself, so ``n`` processes
behind a balancer allow up to ``n × limit`` failures per window.
"""
from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable

from adapters.grpc.auth import Authenticator, Metadata, caller_of
from domain.errors import RateLimited, Unauthenticated
from domain.principal import Principal

MAX_PEERS = 10_000


def peer_address(peer: str) -> str:
    """``ipv4:10.0.0.7:51234`` -> ``ipv4:10.0.0.7``, ``ipv6:[::1]:5000`` -> ``ipv6:[::1]``:
    the port changes with every connection, the address does not."""
    if peer.startswith(("ipv4:", "ipv6:")):
        return peer.rpartition(":")[0]
    return peer


class FailedAuthThrottle:
    def __init__(self, limit: int = 20, window_s: float = 60.0,
                 monotonic: Callable[[], float] = time.monotonic) -> None:
        self._limit, self._window, self._monotonic = limit, window_s, monotonic
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def caller(self, metadata: Metadata | None, peer: str, authenticate: Authenticator) -> Principal:
        """:func:`~adapters.grpc.auth.caller_of`, refused first when ``peer`` failed too often."""
        address = peer_address(peer)
        self._check(address)
        try:
            return caller_of(metadata, authenticate)
        except Unauthenticated:
            self._failed(address)
            raise

    def _check(self, address: str) -> None:
        with self._lock:
            failures = self._recent(address)
            if failures is None or len(failures) < self._limit:
                return
            retry_after = failures[0] + self._window - self._monotonic()
        raise RateLimited(f"Too many failed authentications from your address: retry in {retry_after:.0f} s "
                          "with a valid API key.", retry_after_s=retry_after, reason="TOO_MANY_FAILED_AUTHENTICATIONS")

    def _failed(self, address: str) -> None:
        with self._lock:
            if len(self._failures) >= MAX_PEERS and address not in self._failures:
                self._forget_quiet_peers()
            self._failures.setdefault(address, deque(maxlen=self._limit)).append(self._monotonic())

    def _recent(self, address: str) -> deque[float] | None:
        failures = self._failures.get(address)
        horizon = self._monotonic() - self._window
        while failures and failures[0] <= horizon:
            failures.popleft()
        return failures

    def _forget_quiet_peers(self) -> None:
        """Bounded memory: peers with no failure in the window go; if every peer is recent (a
        flood from many addresses), all counts start again."""
        for address in [a for a in self._failures if not self._recent(a)]:
            del self._failures[address]
        if len(self._failures) >= MAX_PEERS:
            self._failures.clear()
