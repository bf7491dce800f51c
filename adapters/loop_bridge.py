"""Synchronous code that may wait for I/O without blocking the event loop it runs on.

``run_bridged(fn, ...)`` (a coroutine) runs the plain function ``fn`` in a greenlet of its own;
anything ``fn`` calls may ``await_(awaitable)``: the greenlet pauses, the event loop goes on
serving other calls while the awaitable completes, and ``fn`` resumes with its result (or its
exception). Outside ``run_bridged``, ``can_await()`` is False and callers do their I/O the
blocking way. The same technique lets SQLAlchemy run its synchronous core over asyncio drivers.

The greenlet runs in the calling task's ``contextvars`` context (request id, principal).

Greenlets are reused: creating one costs ~8 µs, as much as a GetShop answered from the shop
cache spends in our code otherwise; switching into a parked one costs ~1 µs. Each thread keeps
its own parked greenlets (a greenlet belongs to the thread that made it).
"""
from __future__ import annotations

import threading
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import greenlet

T = TypeVar("T")
MAX_PARKED = 64
_AWAIT, _RETURNED, _RAISED = object(), object(), object()
_parked = threading.local()


class _Bridged(greenlet.greenlet):
    """A greenlet of ``run_bridged``: its parent is the event loop's. It runs one function after
    another, telling its parent each time whether it needs an awaitable awaited, returned or
    raised."""


def _serve(job: tuple[Callable[..., Any], tuple]) -> None:
    while True:
        fn, args = job
        try:
            outcome = (_RETURNED, fn(*args))
        except greenlet.GreenletExit:
            raise  # NOTE: a parked greenlet being collected
        except BaseException as err:  # noqa: BLE001 - re-raised by run_bridged, in the caller
            outcome = (_RAISED, err)
        del fn, args
        job = greenlet.getcurrent().parent.switch(outcome)


async def run_bridged(fn: Callable[..., T], *args: Any) -> T:
    """``fn(*args)``, letting it ``await_`` on this event loop."""
    current = greenlet.getcurrent()
    idle = _idle()
    child = idle.pop() if idle else _Bridged(_serve, current)
    if child.parent is not current:  # NOTE: parked by a call from another greenlet of this thread
        child.parent = current
    child.gr_context = current.gr_context
    kind, value = child.switch((fn, args))
    while kind is _AWAIT:
        try:
            result = await value
        except BaseException as err:  # noqa: BLE001 - handed to fn, which may handle it
            kind, value = child.throw(err)
        else:
            kind, value = child.switch(result)
    if len(idle) < MAX_PARKED:
        idle.append(child)
    if kind is _RAISED:
        raise value
    return value


def can_await() -> bool:
    """True inside ``run_bridged``: ``await_`` may be called."""
    return isinstance(greenlet.getcurrent(), _Bridged)


def await_(awaitable: Awaitable[T]) -> T:
    """The result of ``awaitable``, awaited by the event loop while this greenlet pauses."""
    current = greenlet.getcurrent()
    if not isinstance(current, _Bridged):
        raise RuntimeError("await_ outside run_bridged: use the blocking path")
    return current.parent.switch((_AWAIT, awaitable))


def _idle() -> list[_Bridged]:
    try:
        return _parked.greenlets
    except AttributeError:
        _parked.greenlets = []
        return _parked.greenlets
