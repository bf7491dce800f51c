"""One call to ``/public_open/<path>``: checked in a fixed order, then served.

Order (ours; Goodcang documents none): known path → ``app-key`` and ``app-token`` headers name an
account → the account's rate limit → injected faults that act before serving → the body is a
JSON object → the path's handler. Every call lands in the call log.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Mapping

from sandboxes.goodcang import errors as e
from sandboxes.goodcang.api import HANDLERS, TRACKING_PATH, serve
from sandboxes.goodcang.errors import GoodcangError
from sandboxes.goodcang.faults import AFTER_SERVING, Fault
from sandboxes.goodcang.registry import Call, GoodcangRegistry

RETRY_AFTER_S = 1


@dataclass(slots=True)
class Reply:
    status: int
    payload: dict[str, Any]
    headers: dict[str, str] = field(default_factory=dict)
    fault: Fault | None = None  # a fault that acts on the answer (delay, lose_response, malformed)


class Gateway:
    def __init__(self, registry: GoodcangRegistry) -> None:
        self.registry = registry

    def handle(self, path: str, headers: Mapping[str, str], body: bytes) -> Reply:
        app_key = headers.get("app-key")
        reply = self._reply(path, app_key, headers.get("app-token"), body)
        outcome = str(reply.payload.get("ask", reply.payload.get("code", "")))
        self.registry.record(Call(self.registry.clock.time(), app_key, path, f"{reply.status} {outcome}"))
        return reply

    def _reply(self, path: str, app_key: str | None, app_token: str | None, body: bytes) -> Reply:
        tracking = path == TRACKING_PATH
        if path not in HANDLERS:
            return Reply(404, GoodcangError(e.BAD_PARAMS, f"接口不存在: {path} (no such API)").envelope())
        registry = self.registry
        with registry.lock:
            account = registry.accounts.get(app_key or "")
            if account is None or not app_token or account.app_token != app_token:
                return Reply(200, GoodcangError(e.AUTH_FAILED, "app-key或app-token错误 "
                                                "(unknown app-key or wrong app-token)").envelope(tracking=tracking))
            if not registry.limiter.admit(account.app_key, account.qps):
                return _throttled(tracking)
            fault = registry.fault_book.fire(path)
            early = _early(fault, tracking)
            if early is not None:
                return early
            try:
                params = _parse(body)
            except GoodcangError as error:
                return Reply(200, error.envelope(tracking=tracking))
            payload = serve(registry, account, path, params)
            registry.fault_book.note_success(path)
        return Reply(200, payload, fault=fault)


def _early(fault: Fault | None, tracking: bool) -> Reply | None:
    if fault is None or fault.kind in AFTER_SERVING:
        return None
    if fault.kind == "rate_limit":
        return _throttled(tracking)
    error = GoodcangError(fault.code, fault.message)
    status = fault.status if fault.kind == "server_error" else 200
    return Reply(status, error.envelope(tracking=tracking))


def _throttled(tracking: bool) -> Reply:
    error = GoodcangError(e.RATE_LIMITED, "请求过于频繁,请稍后重试 (too many requests)")
    return Reply(429, error.envelope(tracking=tracking), {"Retry-After": str(RETRY_AFTER_S)})


def _parse(body: bytes) -> dict[str, Any]:
    if not body.strip():
        return {}
    try:
        params = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise e.bad_params("请求参数不是有效的JSON (the body is not valid JSON)") from None
    if not isinstance(params, dict):
        raise e.bad_params("请求参数必须是JSON对象 (the body must be a JSON object)")
    return params
