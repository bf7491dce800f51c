"""Synchronous code that may wait for I/O without blocking the event loop it runs on.

``run_bridged(fn, ...)`` (a coroutine) runs the plain function ``fn`` in a greenlet of its own;
anything ``fn`` calls may ``await_(awaitable)``: the greenlet pauses, the event loop goes on
serving other calls while the awaitable completes, and ``fn`` resumes with its result (or its
exception). Outside ``run_bridged``, ``can_await()`` is False and callers do their I/O the
blocking way. The same technique lets SQLAlchemy run its synchronous core over asyncio drivers.

The greenlet runs in the calling task's ``contextvars`` context (request id, principal).
"""
from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import greenlet

T = TypeVar("T")


class _Bridged(greenlet.greenlet):
    """A greenlet started by ``run_bridged``: its parent is the event loop's."""


async def run_bridged(fn: Callable[..., T], *args: Any) -> T:
    """``fn(*args)``, letting it ``await_`` on this event loop."""
    current = greenlet.getcurrent()
    child = _Bridged(fn, current)
    child.gr_context = current.gr_context
    result = child.switch(*args)
    while not child.dead:
        try:
            value = await result
        except BaseException as err:  # noqa: BLE001 - handed to fn, which may handle it
            result = child.throw(err)
        else:
            result = child.switch(value)
    return result


def can_await() -> bool:
    """True inside ``run_bridged``: ``await_`` may be called."""
    return isinstance(greenlet.getcurrent(), _Bridged)


def await_(awaitable: Awaitable[T]) -> T:
    """The result of ``awaitable``, awaited by the event loop while this greenlet pauses."""
    current = greenlet.getcurrent()
    if not isinstance(current, _Bridged):
        raise RuntimeError("await_ outside run_bridged: use the blocking path")
    return current.parent.switch(awaitable)
