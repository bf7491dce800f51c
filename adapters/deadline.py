"""How long the code serving a request may still wait on other systems.

The gRPC edge opens :func:`within` around a call that needs a provider (Temu, the carrier,
Goodcang, Amazon), with the caller's remaining time capped by the lane's budget. Every provider
client keeps to it the same way: each attempt's HTTP timeout is :func:`http_timeout` (its own
timeouts, shortened to the time left), no retry or rate wait starts unless :func:`room_for` it,
and a client's own deadline for an operation is :func:`bounded` by it. So a caller that gives up
frees the thread that served it, and no attempt reaches a provider after the caller stopped
waiting. A ``ContextVar``: it follows the call into the thread that serves it, and code outside a
request (the workers) has no deadline and keeps to the clients' own timeouts.
"""
from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

import httpx

from domain.errors import UpstreamUnavailable

T = TypeVar("T")
_deadline: ContextVar[float | None] = ContextVar("erp_deadline", default=None)
RETRY_AFTER_S = 5.0


@contextmanager
def within(seconds: float) -> Iterator[None]:
    """Code inside may spend at most ``seconds`` more (a deadline already set stays if sooner)."""
    end = time.monotonic() + seconds
    current = _deadline.get()
    token = _deadline.set(end if current is None else min(current, end))
    try:
        yield
    finally:
        _deadline.reset(token)


def run_within(seconds: float, fn: Callable[..., T], *args: Any) -> T:
    with within(seconds):
        return fn(*args)


def remaining() -> float | None:
    """Seconds left (0 or less once passed), or ``None`` when there is no deadline."""
    end = _deadline.get()
    return None if end is None else end - time.monotonic()


def bounded(seconds: float) -> float:
    """``seconds``, or the time left when that is sooner (0 or less once the deadline passed)."""
    left = remaining()
    return seconds if left is None else min(seconds, left)


def room_for(wait_s: float) -> bool:
    """Whether something that starts after waiting ``wait_s`` would still start before the deadline."""
    left = remaining()
    return left is None or wait_s < left


def http_timeout(timeout_s: float, connect_s: float, provider: str) -> httpx.Timeout:
    """One attempt's timeout: the client's own, shortened to the time left. Raises
    :func:`out_of_time` when none is left, so that nothing is sent."""
    left = remaining()
    if left is None:
        return httpx.Timeout(timeout_s, connect=connect_s)
    if left <= 0:
        raise out_of_time(provider)
    return httpx.Timeout(min(timeout_s, left), connect=min(connect_s, left))


def out_of_time(provider: str) -> UpstreamUnavailable:
    return UpstreamUnavailable(f"{provider} did not answer within the time this request may wait for it; "
                               "try again later.", reason="UPSTREAM_DEADLINE", retry_after_s=RETRY_AFTER_S)
