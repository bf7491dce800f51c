"""What the interceptors know about the RPC being served: its request id and its caller.

The call interceptor opens a call around each handler (in the RPC's own asyncio task; a servicer
run in a pool thread runs in a copy of the task's context), records the authenticated principal
in it, and servicers read it with :func:`current_principal`.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
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
    info = CallInfo(request_id)
    token = _current.set(info)
    try:
        yield info
    finally:
        _current.reset(token)


def open_call(request_id: str) -> CallInfo:
    """:func:`call_scope` without an end, for the interceptor: only for a context that ends
    with the call (the aio server runs each RPC in its own asyncio task)."""
    info = CallInfo(request_id)
    _current.set(info)
    return info


def metadata_value(metadata: Iterable[tuple[str, str | bytes]] | None, key: str) -> str | None:
    """The first text value of ``key`` in the call's metadata, or ``None``."""
    for k, v in metadata or ():
        if k == key and isinstance(v, str):
            return v
    return None


def current_call() -> CallInfo | None:
    return _current.get()


def current_request_id() -> str:
    """The request id of the RPC being served, or ``""`` outside an RPC."""
    call = _current.get()
    return call.request_id if call else ""


def current_principal() -> Principal:
    """The authenticated caller of the RPC being served.

    Raises ``RuntimeError`` outside an authenticated RPC: that is a wiring bug (a servicer
    registered without the call interceptor, or on an auth-exempt service).
    """
    call = _current.get()
    if call is None or call.principal is None:
        raise RuntimeError("no authenticated principal: is the call interceptor installed?")
    return call.principal


def set_principal(principal: Principal) -> None:
    call = _current.get()
    if call is None:
        raise RuntimeError("no call scope: set the principal inside call_scope")
    call.principal = principal
