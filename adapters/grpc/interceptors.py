"""The server interceptor (sync ``grpc.server``): request id, access log, error mapping, auth.

One interceptor does the four jobs, in this order from the outside in:

1. request id: taken from ``x-request-id`` (or a fresh UUID), published to the call context
   (:mod:`adapters.grpc.call_context`) and echoed in the trailing metadata, on success and on
   error;
2. access log: one line per call at INFO (method, code, duration, request id, principal;
   never a body or the metadata);
3. errors: every exception of the handler becomes a status through ``errors.ERROR_TABLE``;
4. auth: the API key must resolve to a principal (``auth.caller_of``), published to the call
   context. Errors sit outside auth, so a rejected key, or an authenticator that fails
   (database down), goes through the same table as every other error.

The code runs in the handler's worker thread, where the call context is visible to the
servicer. grpcio runs interceptors on its one polling thread for every call, so the wrapping
is done once per method and cached; the per-call work is one plain function.

The infrastructure services (health, reflection) are left alone: they are grpcio's own code,
must answer without an API key, and the health ``Watch`` relies on grpcio calling its
unwrapped behaviour.
"""
from __future__ import annotations

import logging
import re
import time
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import grpc

from adapters.grpc.auth import Authenticate, caller_of
from adapters.grpc.call_context import CallInfo, close_call, metadata_value, open_call
from adapters.grpc.errors import abort_with_error
from adapters.grpc.redaction import secrets_of

INFRASTRUCTURE_SERVICES = frozenset({
    "grpc.health.v1.Health", "grpc.reflection.v1alpha.ServerReflection",
    "grpc.reflection.v1.ServerReflection",
})
REQUEST_ID_KEY = "x-request-id"
_REQUEST_ID_OK = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")
_NOT_ENDED = (None, grpc.StatusCode.OK)
access_log = logging.getLogger("erp.grpc.access")

_MAKERS = {
    "unary_unary": (grpc.unary_unary_rpc_method_handler, False),
    "unary_stream": (grpc.unary_stream_rpc_method_handler, True),
    "stream_unary": (grpc.stream_unary_rpc_method_handler, False),
    "stream_stream": (grpc.stream_stream_rpc_method_handler, True),
}


def service_of(method: str) -> str:
    """``/erp.v1.ShopService/GetShop`` -> ``erp.v1.ShopService``."""
    return method.lstrip("/").split("/", 1)[0]


class CallInterceptor(grpc.ServerInterceptor):
    """Request id, access log, errors and auth around every call of the application's services."""

    def __init__(self, authenticate: Authenticate) -> None:
        self._authenticate = authenticate
        self._wrapped: dict[str, tuple[grpc.RpcMethodHandler, grpc.RpcMethodHandler]] = {}

    def intercept_service(self, continuation: Callable, details: grpc.HandlerCallDetails):
        handler = continuation(details)
        known = self._wrapped.get(details.method)
        if known is not None and known[0] is handler:
            return known[1]
        if handler is None:
            return None
        wrapped = handler
        if service_of(details.method) not in INFRASTRUCTURE_SERVICES:
            wrapped = wrap_handler(handler, details.method, self._authenticate)
        self._wrapped[details.method] = (handler, wrapped)
        return wrapped


def wrap_handler(handler: grpc.RpcMethodHandler, method: str,
                 authenticate: Authenticate) -> grpc.RpcMethodHandler:
    """The same handler, with each call of its behaviour run inside a :class:`_Call`."""
    for attr, (make, streams_responses) in _MAKERS.items():
        behaviour = getattr(handler, attr)
        if behaviour is not None:
            wrap = _streaming if streams_responses else _single
            return make(wrap(behaviour, method, authenticate), request_deserializer=handler.request_deserializer,
                        response_serializer=handler.response_serializer)
    raise TypeError(f"method handler without behaviour: {handler!r}")


def _single(behaviour: Callable, method: str, authenticate: Authenticate) -> Callable:
    def call(request: Any, context: grpc.ServicerContext) -> Any:
        with _Call(method, request, context) as info:
            info.principal = caller_of(context.invocation_metadata(), authenticate)
            return behaviour(request, context)
    return call


def _streaming(behaviour: Callable, method: str, authenticate: Authenticate) -> Callable:
    def call(request: Any, context: grpc.ServicerContext) -> Iterator[Any]:
        with _Call(method, request, context) as info:
            info.principal = caller_of(context.invocation_metadata(), authenticate)
            yield from behaviour(request, context)
    return call


class _Call:
    """The scope of one call: opens the call context with its request id on entry; on exit maps
    an exception to a status, echoes the request id, writes the access-log line and closes."""

    __slots__ = ("_method", "_request", "_context", "_started", "_info", "_token")

    def __init__(self, method: str, request: Any, context: grpc.ServicerContext) -> None:
        self._method, self._request, self._context = method, request, context

    def __enter__(self) -> CallInfo:
        self._started = time.monotonic()
        given = metadata_value(self._context.invocation_metadata(), REQUEST_ID_KEY)
        request_id = given if given and _REQUEST_ID_OK.match(given) else str(uuid.uuid4())
        self._info, self._token = open_call(request_id)
        return self._info

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: object) -> None:
        context = self._context
        try:
            if isinstance(exc, Exception) and context.code() in _NOT_ENDED:
                metadata = context.invocation_metadata() or ()
                abort_with_error(context, exc, secrets_of(self._request, metadata))
        finally:
            trailing = tuple(context.trailing_metadata() or ())
            context.set_trailing_metadata((*trailing, (REQUEST_ID_KEY, self._info.request_id)))
            if access_log.isEnabledFor(logging.INFO):
                self._log(exc is not None)
            close_call(self._token)

    def _log(self, failed: bool) -> None:
        code = self._context.code() or (grpc.StatusCode.UNKNOWN if failed else grpc.StatusCode.OK)
        principal = self._info.principal.id if self._info.principal else "-"
        elapsed_ms = (time.monotonic() - self._started) * 1000
        access_log.info(
            "rpc %s %s %.1fms request_id=%s principal=%s", self._method, code.name, elapsed_ms,
            self._info.request_id, principal,
            extra={"rpc_method": self._method, "rpc_code": code.name, "duration_ms": round(elapsed_ms, 1),
                   "principal": principal})
