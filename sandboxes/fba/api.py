"""The SP-API side: route a request to its operation, authorize, throttle, fault, validate, serve."""
from __future__ import annotations

import json
import re
import uuid
from dataclasses import dataclass, field
from typing import Any, Callable
from urllib.parse import parse_qs, unquote_plus

from sandboxes.fba import operations
from sandboxes.fba.registry import FbaRegistry

_OUT = "/fba/outbound/2020-07-01/fulfillmentOrders"
ROUTES: list[tuple[str, re.Pattern[str], str]] = [
    ("POST", re.compile(f"^{_OUT}/preview$"), "getFulfillmentPreview"),
    ("POST", re.compile(f"^{_OUT}$"), "createFulfillmentOrder"),
    ("GET", re.compile(f"^{_OUT}$"), "listAllFulfillmentOrders"),
    ("GET", re.compile(f"^{_OUT}/(?P<id>[^/]+)$"), "getFulfillmentOrder"),
    ("PUT", re.compile(f"^{_OUT}/(?P<id>[^/]+)/cancel$"), "cancelFulfillmentOrder"),
    ("GET", re.compile("^/fba/outbound/2020-07-01/tracking$"), "getPackageTrackingDetails"),
    ("GET", re.compile("^/fba/inventory/v1/summaries$"), "getInventorySummaries"),
]
HANDLERS: dict[str, Callable[..., tuple[int, dict[str, Any]]]] = {
    "getFulfillmentPreview": operations.preview, "createFulfillmentOrder": operations.create,
    "listAllFulfillmentOrders": operations.list_all, "getFulfillmentOrder": operations.get,
    "cancelFulfillmentOrder": operations.cancel, "getPackageTrackingDetails": operations.tracking,
    "getInventorySummaries": operations.inventory,
}
_RATE_HEADER_STATUSES = (200, 400, 404, 429)


@dataclass(slots=True)
class Reply:
    status: int
    payload: Any = None
    raw: bytes | None = None  # a body that is not JSON, sent as is
    headers: dict[str, str] = field(default_factory=dict)
    delay_s: float = 0.0  # wait before answering
    lose_after_s: float | None = None  # hold the connection, then close it unanswered


def errors(code: str, message: str, details: str = "") -> dict[str, Any]:
    return {"errors": [{"code": code, "message": message, "details": details}]}


def route(method: str, path: str) -> tuple[str, dict[str, str]] | None:
    for verb, pattern, operation in ROUTES:
        match = pattern.match(path)
        if match and verb == method:
            # The live service decodes '+' in the path as a space (selling-partner-api-models#5374).
            return operation, {k: unquote_plus(v) for k, v in match.groupdict().items()}
    return None


def handle(registry: FbaRegistry, method: str, path: str, query: str, token: str | None,
           body: bytes) -> Reply:
    found = route(method, path)
    if found is None:
        return Reply(404, errors("NotFound", "The requested resource was not found.", f"{method} {path}"))
    operation, params = found
    with registry.lock:
        reply = _serve(registry, operation, params, query, token, body)
        if reply.status in _RATE_HEADER_STATUSES:
            reply.headers["x-amzn-RateLimit-Limit"] = registry.throttle.limit_header(operation)
    reply.headers["x-amzn-RequestId"] = str(uuid.uuid4())
    registry.note_call(operation, reply.status)
    return reply


def _serve(registry: FbaRegistry, operation: str, params: dict[str, str], query: str, token: str | None,
           body: bytes) -> Reply:
    now = registry.clock.time()
    denied = registry.lwa.authorize(token, now)
    if denied is not None:
        return Reply(denied[0], errors("Unauthorized", "Access to requested resource is denied.", denied[1]))
    seller = registry.lwa.seller_of(token or "")
    if not registry.throttle.admit(seller, operation):
        return _throttled()
    fault = registry.faults.fire(operation)
    if fault is not None and fault.kind == "refuse":
        return Reply(fault.status, errors(fault.code, fault.message))
    if fault is not None and fault.kind == "throttle":
        return _throttled()
    if fault is not None and fault.kind == "malformed":
        return Reply(200, raw=b"<html><body>Service temporarily unavailable</body></html>",
                     headers={"Content-Type": "text/html"})
    try:
        data = _json(body) if body.strip() else None
    except ValueError:
        status, payload = 400, errors("InvalidInput", "The request body is not valid JSON.")
    else:
        request = operations.Request(registry, seller, params, {k: v[-1] for k, v in parse_qs(query).items()},
                                     data, now)
        status, payload = HANDLERS[operation](request)
    reply = Reply(status, payload)
    if fault is not None and fault.kind == "delay":
        reply.delay_s = fault.seconds
    if fault is not None and fault.kind == "lose":
        reply.lose_after_s = fault.seconds
    return reply


def _throttled() -> Reply:
    return Reply(429, errors("QuotaExceeded", "You exceeded your quota for the requested resource."))


def _json(body: bytes) -> Any:
    return json.loads(body.decode("utf-8"))
