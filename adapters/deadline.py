"""How long the code serving a request may still wait on other systems.

The gRPC edge opens :func:`within` around a call that needs Temu, with the caller's remaining
time capped by a budget; the Temu client reads :func:`remaining` before each attempt and each
backoff, so no attempt outlives the caller and no retry starts after it gave up. A
``ContextVar``: it follows the call into the thread that serves it, and code outside a request
(the workers) has no deadline.
"""
from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

T = TypeVar("T")
_deadline: ContextVar[float | None] = ContextVar("erp_deadline", default=None)


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
