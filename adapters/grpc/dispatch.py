"""Where the synchronous servicers run under the ``grpc.aio`` server: on the event loop or in a
bounded thread pool.

The use cases block (SQLAlchemy, httpx to the providers). A method named in ``inline`` runs on the event
loop itself, inside SQLAlchemy's ``greenlet_spawn``: no thread hop, no GIL hand-over (see
bench/README.md for what that is worth), and a PostgreSQL read that awaits its round trip
(:mod:`adapters.persistence.loop_reads`) leaves the loop to other calls meanwhile; any other
work of it holds the loop. Every other method runs in the pool, so a slow call (Temu, a write, a
paged list) never stalls the loop. Only reads that take well under a millisecond belong in
``inline``.

The call context (:mod:`adapters.grpc.call_context`) is a ``ContextVar``: a pool thread runs the
servicer inside a copy of the calling task's context, so it sees the request id and principal.

Methods that wait on a provider (Temu, the carrier, a warehouse provider) run in an
:class:`UpstreamLane` of their own, bounded, each under the caller's deadline.

Servicers get a :class:`SyncServicerContext`, the synchronous face of the aio context: its
``abort`` raises :class:`HandlerAborted`, which the call interceptor turns into the status.
"""
from __future__ import annotations

import asyncio
import contextvars
import threading
from collections.abc import Callable, Collection, Sequence
from concurrent.futures import Executor, ThreadPoolExecutor
from typing import Any, NoReturn, TypeVar

import grpc
from sqlalchemy.util import greenlet_spawn

from adapters.deadline import run_within
from domain.errors import RateLimited

T = TypeVar("T")
Metadata = Sequence[tuple[str, str | bytes]]
UPSTREAM_RETRY_AFTER_S = 5.0


class UpstreamLane:
    """The methods that wait on a provider, in a pool of their own so that a slow or dead provider
    cannot take the threads that serve the database.

    At most ``threads`` run and ``queue`` wait; a call beyond that is refused at once with
    ``RateLimited`` (RESOURCE_EXHAUSTED and RetryInfo) rather than queued without end. Each runs
    under a deadline (:mod:`adapters.deadline`): the caller's remaining time, at most
    ``budget_s``, counted from its admission.
    """

    def __init__(self, methods: Collection[str], threads: int, queue: int, budget_s: float) -> None:
        self.methods, self._budget_s = frozenset(methods), budget_s
        self._pool = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="grpc-upstream")
        self._slots = threading.BoundedSemaphore(threads + queue)

    async def run(self, time_left: float | None, fn: Callable[..., T], *args: Any) -> T:
        if not self._slots.acquire(blocking=False):
            raise RateLimited("Too many requests are waiting on Temu or a warehouse provider; retry later.",
                              reason="UPSTREAM_CALLS_AT_CAPACITY", retry_after_s=UPSTREAM_RETRY_AFTER_S)
        seconds = self._budget_s if time_left is None else min(time_left, self._budget_s)
        try:
            future = self._pool.submit(contextvars.copy_context().run, run_within, seconds, fn, *args)
        except BaseException:
            self._slots.release()
            raise
        # NOTE: released when the thread is done, not when the caller gives up: a thread still
        # waiting on a provider still holds its slot.
        future.add_done_callback(lambda _: self._slots.release())
        return await asyncio.wrap_future(future)

    def shutdown(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)


class Dispatch:
    """Runs a blocking function for the call of ``method``: inline, in ``executor``, or in the
    ``upstream`` lane for the methods it names."""

    def __init__(self, executor: Executor, inline: Collection[str] = (), upstream: UpstreamLane | None = None) -> None:
        self._executor, self._inline, self._upstream = executor, frozenset(inline), upstream

    def is_inline(self, method: str) -> bool:
        return method in self._inline

    def is_upstream(self, method: str) -> bool:
        return self._upstream is not None and method in self._upstream.methods

    async def run(self, inline: bool, fn: Callable[..., T], *args: Any) -> T:
        """``fn(*args)``: here when ``inline``, else in the pool inside a copy of this context."""
        if inline:
            return await greenlet_spawn(fn, *args)
        run = contextvars.copy_context().run
        return await asyncio.get_running_loop().run_in_executor(self._executor, run, fn, *args)

    async def run_upstream(self, time_left: float | None, fn: Callable[..., T], *args: Any) -> T:
        """``fn(*args)`` in the upstream lane, under the caller's ``time_left`` (seconds)."""
        assert self._upstream is not None  # NOTE: only for methods ``is_upstream`` named
        return await self._upstream.run(time_left, fn, *args)


class HandlerAborted(Exception):
    """A servicer ended the call with a status of its own (``context.abort``)."""

    def __init__(self, code: grpc.StatusCode, details: str, trailing_metadata: Metadata = ()) -> None:
        super().__init__(code, details)
        self.code, self.details, self.trailing_metadata = code, details, tuple(trailing_metadata)


class SyncServicerContext:
    """The part of ``grpc.ServicerContext`` a synchronous servicer may use, over an aio context.

    Every method but ``abort`` only reads or sets fields of the call, which is safe from a pool
    thread; ``abort`` raises :class:`HandlerAborted` instead of sending the status itself.
    """

    __slots__ = ("_context",)

    def __init__(self, context: grpc.aio.ServicerContext) -> None:
        self._context = context

    def invocation_metadata(self) -> Metadata:
        return self._context.invocation_metadata() or ()

    def peer(self) -> str:
        return self._context.peer()

    def time_remaining(self) -> float | None:
        return self._context.time_remaining()

    def set_code(self, code: grpc.StatusCode) -> None:
        self._context.set_code(code)

    def set_details(self, details: str) -> None:
        self._context.set_details(details)

    def code(self) -> grpc.StatusCode | None:
        return self._context.code()

    def details(self) -> str:
        return self._context.details()

    def set_trailing_metadata(self, metadata: Metadata) -> None:
        self._context.set_trailing_metadata(metadata)

    def trailing_metadata(self) -> Metadata:
        return self._context.trailing_metadata() or ()

    def abort(self, code: grpc.StatusCode, details: str = "") -> NoReturn:
        raise HandlerAborted(code, details)

    def abort_with_status(self, status: grpc.Status) -> NoReturn:
        raise HandlerAborted(status.code, status.details, status.trailing_metadata)
