"""The HTTP control API under ``/sandbox/``: the registry's methods as JSON endpoints, so the
demo and tests in another process can drive the sandbox. Bad input is HTTP 400 ``{"error"}``."""
from __future__ import annotations

from collections import Counter
from typing import Any

from sandboxes.goodcang.registry import GoodcangRegistry
from sandboxes.goodcang.seed import seed_demo
from sandboxes.kit import control
from sandboxes.kit.control import Input, InvalidInput

Route = control.Route[GoodcangRegistry]


def _accounts(r: GoodcangRegistry, i: Input) -> dict[str, Any]:
    r.add_account(i.text("app_key"), i.text("app_token"), customer_code=i.text("customer_code", "G100"),
                  qps=i.integer("qps", 10))
    return {"app_key": i.text("app_key")}


def _warehouses(r: GoodcangRegistry, i: Input) -> dict[str, Any]:
    r.add_warehouse(i.text("warehouse_code"), i.text("warehouse_name", ""), i.text("country_code"))
    return {"warehouse_code": i.text("warehouse_code")}


def _methods(r: GoodcangRegistry, i: Input) -> dict[str, Any]:
    r.add_shipping_method(i.text("code"), i.text("warehouse_code"), i.text("name", ""))
    return {"code": i.text("code")}


def _stock(r: GoodcangRegistry, i: Input) -> dict[str, Any]:
    r.set_stock(i.text("app_key"), i.text("warehouse_code"), i.text("product_sku"), i.integer("sellable"))
    return {"product_sku": i.text("product_sku"), "sellable": i.integer("sellable")}


def _timing(r: GoodcangRegistry, i: Input) -> dict[str, Any]:
    r.set_timing(i.number("review_s"), i.number("pick_s"))
    return {"review_s": i.number("review_s"), "pick_s": i.number("pick_s")}


def _orders(r: GoodcangRegistry, i: Input) -> dict[str, Any]:
    orders = r.orders(i.text("reference_no", None))
    return {"orders": orders, "count": len(orders)}


def _references(r: GoodcangRegistry, i: Input) -> dict[str, Any]:
    reference = i.text("reference_no")
    return {"reference_no": reference, "created": r.created_count(reference, i.text("app_key", None))}


def _status(r: GoodcangRegistry, i: Input) -> dict[str, Any]:
    r.force_status(i.text("order_code"), i.text("status"))
    return {"order_code": i.text("order_code"), "status": i.text("status")}


def _add_fault(r: GoodcangRegistry, i: Input) -> dict[str, Any]:
    return {"fault_id": r.inject_fault(
        i.text("kind"), path=i.text("path", None), after_calls=i.integer("after_calls", 0),
        times=i.integer("times", None), code=i.integer_or_text("code", "500"), message=i.text("message", ""),
        seconds=i.number("seconds", 0.0), status=i.integer("status", 500))}


def _clear_faults(r: GoodcangRegistry, i: Input) -> dict[str, Any]:
    r.clear_faults()
    return {"faults": []}


def _calls(r: GoodcangRegistry, i: Input) -> dict[str, Any]:
    return {"calls": [c._asdict() for c in r.calls(i.text("path", None))]}


def _call_counts(r: GoodcangRegistry, i: Input) -> dict[str, Any]:
    """The calls so far counted by path and outcome: what a long run asks, without the whole log."""
    counts = Counter((call.path, call.outcome) for call in r.calls(i.text("path", None)))
    return {"counts": [{"path": path, "outcome": outcome, "count": n} for (path, outcome), n in sorted(counts.items())]}


def _clock(r: GoodcangRegistry, i: Input) -> dict[str, Any]:
    return {"now": r.clock.now(), "offset": r.clock.offset}


def _advance_clock(r: GoodcangRegistry, i: Input) -> dict[str, Any]:
    return {"now": r.clock.advance(i.number("seconds")), "offset": r.clock.offset}


def _reset(r: GoodcangRegistry, i: Input) -> dict[str, Any]:
    seed = i.text("seed", None)
    if seed not in (None, "demo"):
        raise InvalidInput('seed must be "demo" or absent.')
    r.reset()
    return {"reset": True, "seed": seed_demo(r) if seed else None}


def _index(r: GoodcangRegistry, i: Input) -> dict[str, Any]:
    return {**r.summary(), "endpoints": sorted(f"{m} {p}" for m, p in ROUTES)}


ROUTES: dict[tuple[str, str], Route] = {
    ("GET", "/sandbox"): _index,
    ("POST", "/sandbox/accounts"): _accounts,
    ("POST", "/sandbox/warehouses"): _warehouses,
    ("POST", "/sandbox/shipping-methods"): _methods,
    ("POST", "/sandbox/stock"): _stock,
    ("POST", "/sandbox/timing"): _timing,
    ("GET", "/sandbox/orders"): _orders,
    ("GET", "/sandbox/references"): _references,
    ("POST", "/sandbox/orders/status"): _status,
    ("POST", "/sandbox/faults"): _add_fault,
    ("DELETE", "/sandbox/faults"): _clear_faults,
    ("GET", "/sandbox/calls"): _calls,
    ("GET", "/sandbox/calls/counts"): _call_counts,
    ("GET", "/sandbox/clock"): _clock,
    ("POST", "/sandbox/clock/advance"): _advance_clock,
    ("POST", "/sandbox/reset"): _reset,
}


def handle(registry: GoodcangRegistry, method: str, path: str, query: str, body: bytes) -> tuple[int, dict[str, Any]]:
    """Run one control request; returns (HTTP status, JSON payload)."""
    return control.handle(ROUTES, registry, method, path, query, body)
