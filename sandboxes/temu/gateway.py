"""``POST /{gateway}/openapi/router``: verify a call exactly as Temu does, then serve it.

Checks run in one fixed order and the first failure answers (docs/temu-protocol.md §6): body JSON →
type → timestamp → data_type → app_key → rate limit → sign → access_token (exists, same app,
still valid, issued for this gateway, scope covers the type) → injected faults → the type's
handler. Every call, accepted or refused, lands in the call log.
"""
from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from typing import Any, Mapping

from sandboxes.temu import errors as e
from sandboxes.temu.errors import TemuError, bad_params
from sandboxes.temu.handlers import Caller, Handler, handler_for
from sandboxes.temu.model import App, Token
from sandboxes.temu.registry import SandboxRegistry
from sandboxes.temu.traffic import CallRecord
from sandboxes.temu.signing import expected_sign

TIMESTAMP_TOLERANCE = 300


@dataclass(slots=True)
class _Seen:
    """What the call log learns about a call as it is read."""

    time: float
    app_key: str | None = None
    type: str | None = None


class Gateway:
    """Temu's gateways (all of them, told apart by name) over one ``SandboxRegistry``."""

    def __init__(self, registry: SandboxRegistry) -> None:
        self.registry = registry

    def handle(self, gateway: str, body: bytes) -> dict[str, Any]:
        """The JSON envelope Temu would answer (always with HTTP 200)."""
        request_id, seen = f"{gateway}-{uuid.uuid4()}", _Seen(self.registry.clock.time())
        code = e.SYSTEM_EXCEPTION  # what the log says if the sandbox itself crashes
        try:
            try:
                result = self._serve(gateway, body, seen)
            except TemuError as error:
                code = error.code
                return {"success": False, "errorCode": code, "errorMsg": error.message,
                        "requestId": request_id}
            code = e.SUCCESS
            return {"success": True, "errorCode": code, "errorMsg": "", "requestId": request_id,
                    "result": result}
        finally:
            self.registry.call_book.record(CallRecord(
                seen.time, seen.app_key, seen.type, gateway, code))

    def _serve(self, gateway: str, body: bytes, seen: _Seen) -> Any:
        params = _parse(body)
        seen.type = params["type"] if isinstance(params.get("type"), str) else None
        seen.app_key = params["app_key"] if isinstance(params.get("app_key"), str) else None
        type_, handler = _type(params, gateway)
        _check_timestamp(params, self.registry.clock.now())
        _check_data_type(params)
        app = self._app(params)
        admitted = self.registry.limiter.admit(app.key, app.qps)
        seen.time = self.registry.clock.time()  # the moment the quota was checked
        if not admitted:
            raise TemuError(e.RATE_LIMITED)
        _check_sign(params, app.secret)
        return self._answer(params, app, gateway, type_, handler)

    def _answer(self, params: Mapping[str, Any], app: App, gateway: str, type_: str,
                handler: Handler) -> Any:
        """Check the token, let an injected fault fire, else run the type's handler."""
        registry = self.registry
        with registry.lock:
            token = self._token(params, app, gateway, type_)
            fault = registry.fault_book.fire(type_, token.value)
            if fault is not None:
                raise TemuError(fault.error_code, message=fault.error_msg)
            caller = Caller(token, registry.malls[token.mall_id], gateway, registry.order_book,
                            registry.shipment_book, registry.clock.now())
            result = handler(caller, params)
            registry.fault_book.note_success(type_, token.value)
            return result

    def _app(self, params: Mapping[str, Any]) -> App:
        key = params.get("app_key")
        if key is None or key == "":
            raise TemuError(e.NO_APP_KEY)
        app = self.registry.apps.get(key) if isinstance(key, str) else None
        if app is None:
            raise TemuError(e.APP_KEY_NOT_EXISTS)
        return app

    def _token(self, params: Mapping[str, Any], app: App, gateway: str, type_: str) -> Token:
        value = params.get("access_token")
        if value is None or value == "":
            raise TemuError(e.NO_ACCESS_TOKEN)
        token = self.registry.tokens.get(value) if isinstance(value, str) else None
        if token is None:
            raise TemuError(e.TOKEN_NOT_EXISTS)
        if token.app_key != app.key:
            raise TemuError(e.TOKEN_APP_MISMATCH)
        if not token.is_usable(self.registry.clock.now()):
            raise TemuError(e.TOKEN_EXPIRED)
        if token.gateway != gateway:
            raise TemuError(e.TYPE_NOT_EXISTS)  # as Temu: a token only exists on its gateway
        if type_ not in token.scopes:
            raise TemuError(e.TOKEN_SCOPE_MISSING)
        return token


def _parse(body: bytes) -> dict[str, Any]:
    try:
        params = json.loads(body.decode("utf-8"), parse_constant=_no_constants)
    except (UnicodeDecodeError, ValueError) as error:
        raise bad_params(f"the body is not valid UTF-8 JSON ({error})") from None
    if not isinstance(params, dict):
        raise bad_params("the body must be a JSON object")
    return params


def _no_constants(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def _type(params: Mapping[str, Any], gateway: str) -> tuple[str, Handler]:
    type_ = params.get("type")
    if type_ is None or type_ == "":
        raise TemuError(e.NO_TYPE)
    handler = handler_for(type_, gateway) if isinstance(type_, str) else None
    if handler is None:
        raise TemuError(e.TYPE_NOT_EXISTS)
    return type_, handler


def _check_timestamp(params: Mapping[str, Any], now: int) -> None:
    raw = params.get("timestamp")
    if raw is None or raw == "":
        raise TemuError(e.NO_TIMESTAMP)
    if isinstance(raw, int) and not isinstance(raw, bool):
        stamp = raw
    elif isinstance(raw, str) and raw.isascii() and raw.isdigit():
        stamp = int(raw)
    else:
        raise TemuError(e.TIMESTAMP_INVALID)
    if abs(stamp - now) > TIMESTAMP_TOLERANCE:
        raise TemuError(e.TIMESTAMP_EXPIRED)


def _check_data_type(params: Mapping[str, Any]) -> None:
    data_type = params.get("data_type")
    if data_type is None or data_type == "":
        raise TemuError(e.NO_DATA_TYPE)
    if not isinstance(data_type, str) or data_type.upper() != "JSON":
        raise TemuError(e.DATA_TYPE_INVALID)


def _check_sign(params: Mapping[str, Any], secret: str) -> None:
    given = params.get("sign")
    if given is None or given == "":
        raise TemuError(e.NO_SIGN)
    if not isinstance(given, str) or given != expected_sign(params, secret):
        raise TemuError(e.SIGN_INVALID)
