"""What the interceptors know about the RPC being served: its request id and its caller.

The request-id interceptor opens a :func:`call_scope` around each handler (in the handler's
own thread), the auth interceptor records the principal in it, and servicers read it with
:func:`current_principal`.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from domain.principal import Principal


@dataclass(slots=True)
class CallInfo:
    request_id: str
    principal: Principal | None = None


_current: ContextVar[CallInfo | None] = ContextVar("erp_grpc_call", default=None)


@contextmanager
def call_scope(request_id: str) -> Iterator[CallInfo]:
    """Make ``request_id`` (and later the principal) visible to the code of this RPC."""
    token = _current.set(CallInfo(request_id))
    try:
        yield _current.get()
    finally:
        _current.reset(token)


def current_call() -> CallInfo | None:
    return _current.get()


def current_request_id() -> str:
    """The request id of the RPC being served, or ``""`` outside an RPC."""
    call = _current.get()
    return call.request_id if call else ""


def current_principal() -> Principal:
    """The authenticated caller of the RPC being served.

    Raises ``RuntimeError`` outside an authenticated RPC: that is a wiring bug (a servicer
    registered without the auth interceptor, or on an auth-exempt service).
    """
    call = _current.get()
    if call is None or call.principal is None:
        raise RuntimeError("no authenticated principal: is the auth interceptor installed?")
    return call.principal


def set_principal(principal: Principal) -> None:
    call = _current.get()
    if call is None:
        raise RuntimeError("no call scope: the request-id interceptor must run before auth")
    call.principal = principal
