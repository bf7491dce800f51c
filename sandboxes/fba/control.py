"""The HTTP control API under ``/sandbox/``: the registry's levers as JSON endpoints.

Lets the demo and tests in another process drive the sandbox. Every answer is JSON; bad input
is HTTP 400 ``{"error": "..."}`` saying what to fix.
"""
from __future__ import annotations

from typing import Any

from sandboxes.fba.registry import FbaRegistry
from sandboxes.kit import control
from sandboxes.kit.control import Input

Route = control.Route[FbaRegistry]


def _clients(r: FbaRegistry, i: Input) -> dict[str, Any]:
    token = r.add_client(i.text("client_id"), i.text("client_secret"), i.text("refresh_token", None))
    return {"client_id": i.text("client_id"), "refresh_token": token}


def _expire(r: FbaRegistry, i: Input) -> dict[str, Any]:
    return {"expired": r.expire_tokens()}


def _stock(r: FbaRegistry, i: Input) -> dict[str, Any]:
    r.set_stock(i.text("sku"), i.integer("quantity"))
    return {"sku": i.text("sku"), "quantity": i.integer("quantity")}


def _stages(r: FbaRegistry, i: Input) -> dict[str, Any]:
    r.set_stages(i.number("received_s"), i.number("planning_s"), i.number("processing_s"))
    return {"stages": list(r.orders.stages)}


def _status(r: FbaRegistry, i: Input) -> dict[str, Any]:
    r.set_status(i.text("seller_fulfillment_order_id"), i.text("status", None))
    return {"seller_fulfillment_order_id": i.text("seller_fulfillment_order_id"), "status": i.text("status", None)}


def _orders(r: FbaRegistry, i: Input) -> dict[str, Any]:
    with r.lock:
        return {"counts": r.orders.counts_json()}


def _plan(r: FbaRegistry, i: Input) -> dict[str, Any]:
    with r.lock:
        r.throttle.set_plan(i.text("operation"), i.number("rate"), i.integer("burst"))
    return {"operation": i.text("operation"), "rate": i.number("rate"), "burst": i.integer("burst")}


def _duplicate(r: FbaRegistry, i: Input) -> dict[str, Any]:
    with r.lock:
        r.duplicate_message = i.text("message")
    return {"message": r.duplicate_message}


def _add_fault(r: FbaRegistry, i: Input) -> dict[str, Any]:
    with r.lock:
        return {"fault_id": r.faults.inject(
            i.text("kind"), i.text("operation", None), after_calls=i.integer("after_calls", 0),
            times=i.integer("times", 1, nullable=True), status=i.integer("status", 500),
            code=i.text("code", "InternalFailure"),
            message=i.text("message", "We encountered an internal error. Please try again."),
            seconds=i.number("seconds", 5.0))}


def _clear_faults(r: FbaRegistry, i: Input) -> dict[str, Any]:
    with r.lock:
        r.faults.clear()
    return {"faults": []}


def _advance(r: FbaRegistry, i: Input) -> dict[str, Any]:
    return {"now": r.clock.advance(i.number("seconds")), "offset": r.clock.offset}


def _reset(r: FbaRegistry, i: Input) -> dict[str, Any]:
    r.reset()
    return {"reset": True}


def _index(r: FbaRegistry, i: Input) -> dict[str, Any]:
    return {**r.summary(), "endpoints": sorted(f"{m} {p}" for m, p in ROUTES)}


ROUTES: dict[tuple[str, str], Route] = {
    ("GET", "/sandbox"): _index,
    ("POST", "/sandbox/clients"): _clients,
    ("POST", "/sandbox/tokens/expire"): _expire,
    ("POST", "/sandbox/stock"): _stock,
    ("POST", "/sandbox/stages"): _stages,
    ("POST", "/sandbox/orders/status"): _status,
    ("GET", "/sandbox/orders"): _orders,
    ("POST", "/sandbox/usage-plans"): _plan,
    ("POST", "/sandbox/duplicate-message"): _duplicate,
    ("POST", "/sandbox/faults"): _add_fault,
    ("DELETE", "/sandbox/faults"): _clear_faults,
    ("POST", "/sandbox/clock/advance"): _advance,
    ("POST", "/sandbox/reset"): _reset,
}


def handle(registry: FbaRegistry, method: str, path: str, query: str, body: bytes) -> tuple[int, dict[str, Any]]:
    """Run one control request; returns (HTTP status, JSON payload)."""
    return control.handle(ROUTES, registry, method, path, query, body)
