"""Where the synchronous servicers run under the ``grpc.aio`` server: a bounded thread pool.

The use cases block (SQLAlchemy, httpx to Temu), so they never run on the event loop. The call
context (:mod:`adapters.grpc.call_context`) is a ``ContextVar``: a pool thread runs the servicer
inside a copy of the calling task's context, so it sees the request id and principal.

Servicers get a :class:`SyncServicerContext`, the synchronous face of the aio context: its
``abort`` raises :class:`HandlerAborted`, which the call interceptor turns into the status.
"""
from __future__ import annotations

import asyncio
import contextvars
from collections.abc import Callable, Sequence
from concurrent.futures import Executor
from typing import Any, NoReturn, TypeVar

import grpc

T = TypeVar("T")
Metadata = Sequence[tuple[str, str | bytes]]


class Dispatch:
    """Runs a blocking function for a call in ``executor``."""

    def __init__(self, executor: Executor) -> None:
        self._executor = executor

    async def run(self, fn: Callable[..., T], *args: Any) -> T:
        """``fn(*args)`` in the pool, inside a copy of this context."""
        run = contextvars.copy_context().run
        return await asyncio.get_running_loop().run_in_executor(self._executor, run, fn, *args)


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
