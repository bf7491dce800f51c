"""Server interceptors (sync ``grpc.server``): request id, access log, error mapping.

Each interceptor wraps the *behaviour* of the method handler, so its code runs in the
handler's worker thread, where the context variables of :mod:`adapters.grpc.call_context`
are visible to the servicer. ``server_factory`` installs them outermost first:
request id, logging, errors, auth. The error interceptor sits outside auth so that a
rejected API key, or an authenticator that fails (database down), goes through the same
table as every other error.

The infrastructure services (health, reflection) are left alone: they are grpcio's own
code, must answer without an API key, and the health ``Watch`` relies on grpcio calling its
unwrapped behaviour.
"""
from __future__ import annotations

import logging
import re
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import Any

import grpc

from adapters.grpc.call_context import call_scope, current_call
from adapters.grpc.errors import abort_with_error
from adapters.grpc.redaction import secrets_of

INFRASTRUCTURE_SERVICES = frozenset({
    "grpc.health.v1.Health", "grpc.reflection.v1alpha.ServerReflection",
    "grpc.reflection.v1.ServerReflection",
})
REQUEST_ID_KEY = "x-request-id"
_REQUEST_ID_OK = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")
access_log = logging.getLogger("erp.grpc.access")

Scope = Callable[[Any, grpc.ServicerContext], AbstractContextManager[None]]

_MAKERS = {
    "unary_unary": (grpc.unary_unary_rpc_method_handler, False),
    "unary_stream": (grpc.unary_stream_rpc_method_handler, True),
    "stream_unary": (grpc.stream_unary_rpc_method_handler, False),
    "stream_stream": (grpc.stream_stream_rpc_method_handler, True),
}


def service_of(method: str) -> str:
    """``/erp.v1.ShopService/GetShop`` -> ``erp.v1.ShopService``."""
    return method.lstrip("/").split("/", 1)[0]


def metadata_value(details: grpc.HandlerCallDetails, key: str) -> str | None:
    for k, v in details.invocation_metadata or ():
        if k == key and isinstance(v, str):
            return v
    return None


def wrap_handler(handler: grpc.RpcMethodHandler, scope: Scope) -> grpc.RpcMethodHandler:
    """The same handler, with each call of its behaviour run inside ``scope(request, context)``."""
    for attr, (make, streams_responses) in _MAKERS.items():
        behaviour = getattr(handler, attr)
        if behaviour is not None:
            wrapped = _streaming(behaviour, scope) if streams_responses else _single(behaviour, scope)
            return make(wrapped, request_deserializer=handler.request_deserializer,
                        response_serializer=handler.response_serializer)
    raise TypeError(f"method handler without behaviour: {handler!r}")


def _single(behaviour: Callable, scope: Scope) -> Callable:
    def call(request: Any, context: grpc.ServicerContext) -> Any:
        with scope(request, context):
            return behaviour(request, context)
    return call


def _streaming(behaviour: Callable, scope: Scope) -> Callable:
    def call(request: Any, context: grpc.ServicerContext) -> Iterator[Any]:
        with scope(request, context):
            yield from behaviour(request, context)
    return call


class ScopeInterceptor(grpc.ServerInterceptor):
    """Base: runs :meth:`scope` around every call of the application's services."""

    def intercept_service(self, continuation: Callable, details: grpc.HandlerCallDetails):
        handler = continuation(details)
        if handler is None or service_of(details.method) in INFRASTRUCTURE_SERVICES:
            return handler
        return wrap_handler(handler, lambda request, context: self.scope(details, request, context))

    def scope(self, details: grpc.HandlerCallDetails, request: Any,
              context: grpc.ServicerContext) -> AbstractContextManager[None]:
        raise NotImplementedError


class RequestIdInterceptor(ScopeInterceptor):
    """Takes ``x-request-id`` from the caller (or makes a UUID), publishes it to the call
    context and echoes it in the trailing metadata, on success and on error."""

    @contextmanager
    def scope(self, details, request, context) -> Iterator[None]:
        given = metadata_value(details, REQUEST_ID_KEY)
        request_id = given if given and _REQUEST_ID_OK.match(given) else str(uuid.uuid4())
        with call_scope(request_id):
            try:
                yield
            finally:
                trailing = tuple(context.trailing_metadata() or ())
                context.set_trailing_metadata((*trailing, (REQUEST_ID_KEY, request_id)))


class LoggingInterceptor(ScopeInterceptor):
    """One access-log line per RPC: method, code, duration, request id, principal id.
    Never the request or response body, never the metadata."""

    @contextmanager
    def scope(self, details, request, context) -> Iterator[None]:
        started, failed = time.monotonic(), False
        try:
            yield
        except BaseException:
            failed = True
            raise
        finally:
            code = context.code() or (grpc.StatusCode.UNKNOWN if failed else grpc.StatusCode.OK)
            call = current_call()
            principal = call.principal.id if call and call.principal else "-"
            elapsed_ms = (time.monotonic() - started) * 1000
            access_log.info(
                "rpc %s %s %.1fms request_id=%s principal=%s", details.method, code.name,
                elapsed_ms, call.request_id if call else "-", principal,
                extra={"rpc_method": details.method, "rpc_code": code.name,
                       "duration_ms": round(elapsed_ms, 1), "principal": principal})


class ErrorInterceptor(ScopeInterceptor):
    """Turns every exception of a handler into a status through ``errors.ERROR_TABLE``."""

    @contextmanager
    def scope(self, details, request, context) -> Iterator[None]:
        try:
            yield
        except Exception as exc:
            if context.code() not in (None, grpc.StatusCode.OK):
                raise  # NOTE: already ended with a status (context.abort): keep it
            abort_with_error(context, exc, secrets_of(request, details.invocation_metadata or ()))
