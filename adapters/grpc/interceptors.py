"""The server interceptor (``grpc.aio``): request id, access log, error mapping, auth, dispatch.

One interceptor does these jobs, in this order from the outside in:

1. request id: taken from ``x-request-id`` (or a fresh UUID), published to the call context
   (:mod:`adapters.grpc.call_context`) and echoed in the trailing metadata, on success and on
   error;
2. access log and metrics: one line per call at INFO (method, code, duration, request id,
   principal; never a body or the metadata), and the call's duration in the RPC histogram
   (:mod:`adapters.grpc.metrics`) when metrics are on;
3. errors: every exception of the handler becomes a status through ``errors.ERROR_TABLE``
   (a servicer's own ``context.abort`` keeps its status);
4. auth: the API key must resolve to a principal (``auth.caller_of``), published to the call
   context; with a throttle, a peer address that failed too often is refused first
   (``auth_throttle``). Errors sit outside auth, so a rejected key, or an authenticator that
   fails (database down), goes through the same table as every other error;
5. admission: once the server is stopping new calls are refused (UNAVAILABLE) and the drain
   counts those being served; after auth, the caller's request rate is checked for the
   methods that start work (:mod:`adapters.grpc.admission`);
6. dispatch: auth and the synchronous servicer run together, on the event loop for the
   methods :class:`~adapters.grpc.dispatch.Dispatch` names inline, in the upstream lane for
   those that wait on Temu, in its thread pool for the others.

The wrapping is done once per method and cached; the per-call work is one coroutine. Each RPC
of the aio server runs in its own asyncio task, so the call context it opens dies with it.

The infrastructure services (health, reflection) are left alone: they are grpcio's own aio
code and must answer without an API key. Only unary-request methods can be wrapped (ours all
are); a client-streaming method is refused with ``TypeError`` when first called. A
server-streaming servicer returns an iterator (each step dispatched like a call) or, for a
stream that waits (WatchEvents), an async iterator, run on the loop after auth.
"""
from __future__ import annotations

import asyncio
import logging
import os
import re
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any, NoReturn

import grpc

from adapters.grpc.admission import Admission
from adapters.grpc.auth import Authenticator, caller_of
from adapters.grpc.auth_throttle import FailedAuthThrottle
from adapters.grpc.call_context import current_call, metadata_value, open_call
from adapters.grpc.dispatch import Dispatch, HandlerAborted, SyncServicerContext
from adapters.grpc.errors import error_status, secrets_of
from adapters.grpc.metrics import MethodMetrics, RpcMetrics
from domain.errors import FieldViolation, ValidationFailed

INFRASTRUCTURE_SERVICES = frozenset({
    "grpc.health.v1.Health", "grpc.reflection.v1alpha.ServerReflection",
    "grpc.reflection.v1.ServerReflection",
})
REQUEST_ID_KEY = "x-request-id"
_REQUEST_ID_OK = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")
_END = object()
access_log = logging.getLogger("erp.grpc.access")


def service_of(method: str) -> str:
    """``/erp.v1.ShopService/GetShop`` -> ``erp.v1.ShopService``."""
    return method.lstrip("/").split("/", 1)[0]


class CallInterceptor(grpc.aio.ServerInterceptor):
    """Request id, access log, errors, auth and dispatch around every call of the application's
    services."""

    def __init__(self, authenticate: Authenticator, dispatch: Dispatch, admission: Admission | None = None,
                 auth_throttle: FailedAuthThrottle | None = None, metrics: RpcMetrics | None = None) -> None:
        self._authenticate, self._dispatch = authenticate, dispatch
        self._admission, self._auth_throttle = admission or Admission(), auth_throttle
        self._metrics = metrics

    async def intercept_service(self, continuation: Callable[[grpc.HandlerCallDetails], Awaitable],
                                details: grpc.HandlerCallDetails) -> grpc.RpcMethodHandler | None:
        handler = await continuation(details)
        if handler is None or service_of(details.method) in INFRASTRUCTURE_SERVICES:
            return handler
        metrics = self._metrics.for_method(details.method) if self._metrics is not None else None
        return wrap_handler(handler, details.method, self._authenticate, self._dispatch, self._admission,
                            self._auth_throttle, metrics)


def wrap_handler(handler: grpc.RpcMethodHandler, method: str, authenticate: Authenticator,
                 dispatch: Dispatch, admission: Admission | None = None,
                 auth_throttle: FailedAuthThrottle | None = None,
                 metrics: MethodMetrics | None = None) -> grpc.RpcMethodHandler:
    """The same handler, its synchronous behaviour run by ``dispatch`` inside a :class:`_Call`."""
    serializers = {"request_deserializer": _tolerant(handler.request_deserializer),
                   "response_serializer": handler.response_serializer}
    admission = admission or Admission()
    if handler.unary_unary is not None:
        return grpc.unary_unary_rpc_method_handler(
            _single(handler.unary_unary, method, authenticate, dispatch, admission, auth_throttle, metrics),
            **serializers)
    if handler.unary_stream is not None:
        return grpc.unary_stream_rpc_method_handler(
            _streaming(handler.unary_stream, method, authenticate, dispatch, admission, auth_throttle, metrics),
            **serializers)
    raise TypeError(f"{method}: only unary-request methods can be served through the call interceptor")


def fresh_request_id() -> str:
    """A random (version 4) UUID, written out directly: ``str(uuid.uuid4())`` builds a ``UUID``
    object first, at twice the cost, on every call that brings no request id."""
    h = os.urandom(16).hex()
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{'89ab'[int(h[16], 16) & 3]}{h[17:20]}-{h[20:]}"


class _Undecodable:
    """A request body that did not parse. It is answered after auth, as a malformed request
    (INVALID_ARGUMENT)."""

    __slots__ = ()


_UNDECODABLE = _Undecodable()


def _tolerant(deserialize: Callable[[bytes], Any] | None) -> Callable[[bytes], Any] | None:
    """``deserialize`` that returns a marker instead of raising: grpcio's aio server would answer
    UNKNOWN (or INTERNAL), and skip the request id, the access log and auth."""
    if deserialize is None:
        return None

    def parse(raw: bytes) -> Any:
        try:
            return deserialize(raw)
        except Exception:
            return _UNDECODABLE
    return parse


def undecodable_request() -> ValidationFailed:
    return ValidationFailed("The request body is not a valid message of this method.",
                            [FieldViolation("request", "does not parse as the method's request message")],
                            reason="UNDECODABLE_REQUEST")


def _authorized(behaviour: Callable, authenticate: Authenticator, throttle: FailedAuthThrottle | None,
                rate_check: Callable[[str], None] | None = None) -> Callable:
    def run(request: Any, context: SyncServicerContext) -> Any:
        metadata = context.invocation_metadata()
        principal = current_call().principal = throttle.caller(metadata, context.peer(), authenticate) \
            if throttle else caller_of(metadata, authenticate)
        if rate_check is not None:
            rate_check(principal.id)
        if request is _UNDECODABLE:
            raise undecodable_request()
        return behaviour(request, context)
    return run


def _single(behaviour: Callable, method: str, authenticate: Authenticator, dispatch: Dispatch,
            admission: Admission, throttle: FailedAuthThrottle | None, metrics: MethodMetrics | None) -> Callable:
    run = _authorized(behaviour, authenticate, throttle, admission.rate_check(method))
    inline, upstream = dispatch.is_inline(method), dispatch.is_upstream(method)

    async def call(request: Any, context: grpc.aio.ServicerContext) -> Any:
        async with _Call(method, request, context, metrics):
            with admission.drain.call():
                if upstream:
                    return await dispatch.run_upstream(context.time_remaining(), run, request,
                                                       SyncServicerContext(context))
                return await dispatch.run(inline, run, request, SyncServicerContext(context))
    return call


def _streaming(behaviour: Callable, method: str, authenticate: Authenticator, dispatch: Dispatch,
               admission: Admission, throttle: FailedAuthThrottle | None,
               metrics: MethodMetrics | None) -> Callable:
    run = _authorized(behaviour, authenticate, throttle, admission.rate_check(method))
    inline = dispatch.is_inline(method)

    async def call(request: Any, context: grpc.aio.ServicerContext) -> AsyncIterator[Any]:
        async with _Call(method, request, context, metrics):
            with admission.drain.call():
                result = await dispatch.run(inline, run, request, SyncServicerContext(context))
                if not hasattr(result, "__aiter__"):
                    responses = iter(result)
                    while (response := await dispatch.run(inline, next, responses, _END)) is not _END:
                        yield response
                    return
            # NOTE: an async iterator (a watch) runs on the loop until the client leaves: outside
            # the drain, which would hold the shutdown for it to the end of the grace.
            async for response in result:
                yield response
    return call


class _Call:
    """The scope of one call: opens the call context with its request id; at the end echoes the
    request id, writes the access-log line and, on failure, aborts with the mapped status."""

    __slots__ = ("_method", "_request", "_context", "_started", "_info", "_metrics")

    def __init__(self, method: str, request: Any, context: grpc.aio.ServicerContext,
                 metrics: MethodMetrics | None = None) -> None:
        self._method, self._request, self._context, self._metrics = method, request, context, metrics
        self._started = time.monotonic()
        given = metadata_value(context.invocation_metadata(), REQUEST_ID_KEY)
        self._info = open_call(given if given and _REQUEST_ID_OK.match(given) else fresh_request_id())

    async def __aenter__(self) -> _Call:
        return self

    async def __aexit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: object) -> bool:
        """Success: echo and log. A handler's exception: abort with its mapped status (raises).
        Cancellation: log it and let it go on."""
        if exc is None:
            self.succeeded()
        elif isinstance(exc, asyncio.CancelledError):
            self.cancelled()
        elif isinstance(exc, Exception):
            await self.fail(exc)
        return False

    def succeeded(self) -> None:
        context = self._context
        context.set_trailing_metadata((*(context.trailing_metadata() or ()), self._echo()))
        self._log(context.code() or grpc.StatusCode.OK)

    async def fail(self, exc: Exception) -> NoReturn:
        if isinstance(exc, HandlerAborted):
            code, details, trailing = exc.code, exc.details, exc.trailing_metadata
        else:
            status = error_status(exc, secrets_of(self._request, self._context.invocation_metadata() or ()))
            code, details, trailing = status.code, status.details, status.trailing_metadata
        self._log(code)
        own = self._context.trailing_metadata() or ()
        await self._context.abort(code, details, (*own, *trailing, self._echo()))
        raise AssertionError("context.abort returned")  # NOTE: abort always raises

    def cancelled(self) -> None:
        self._log(grpc.StatusCode.CANCELLED)

    def _echo(self) -> tuple[str, str]:
        return REQUEST_ID_KEY, self._info.request_id

    def _log(self, code: grpc.StatusCode) -> None:
        elapsed = time.monotonic() - self._started
        if self._metrics is not None:
            self._metrics.observe(code, elapsed)
        if not access_log.isEnabledFor(logging.INFO):
            return
        principal = self._info.principal.id if self._info.principal else "-"
        elapsed_ms = elapsed * 1000
        access_log.info(
            "rpc %s %s %.1fms request_id=%s principal=%s", self._method, code.name, elapsed_ms,
            self._info.request_id, principal,
            extra={"rpc_method": self._method, "rpc_code": code.name, "duration_ms": round(elapsed_ms, 1),
                   "principal": principal})
