"""The HTTP control API under ``/sandbox/``: the registry's methods as JSON endpoints.

Lets the demo and users' own tests drive a sandbox that runs in another process. Every answer
is JSON; bad input is HTTP 400 ``{"error": "..."}`` saying what to fix.
"""
from __future__ import annotations

from dataclasses import asdict
from typing import Any

from sandboxes.kit import control
from sandboxes.kit.control import Input, InvalidInput
from sandboxes.temu.catalog import GATEWAYS
from sandboxes.temu.registry import SandboxRegistry
from sandboxes.temu.seed import seed_demo

Route = control.Route[SandboxRegistry]


def _apps(r: SandboxRegistry, i: Input) -> dict[str, Any]:
    r.add_app(i.text("app_key"), i.text("app_secret"), qps=i.integer("qps", 20))
    return {"app_key": i.text("app_key")}


def _malls(r: SandboxRegistry, i: Input) -> dict[str, Any]:
    return {"mall_id": r.add_mall(i.integer("mall_type"), i.text("name", ""), i.integer("mall_id", None))}


def _tokens(r: SandboxRegistry, i: Input) -> dict[str, Any]:
    return {"token": r.issue_token(
        i.integer("mall_id"), gateway=i.text("gateway"), region_id=i.integer("region_id"),
        kind=i.text("kind"), app_key=i.text("app_key"), scopes=i.texts("scopes", None),
        expired_time=i.integer("expired_time", ..., nullable=True), token=i.text("token", None))}


def _revoke(r: SandboxRegistry, i: Input) -> dict[str, Any]:
    r.revoke_token(i.text("token"))
    return {"token": i.text("token"), "state": "revoked"}


def _create_order(r: SandboxRegistry, i: Input) -> dict[str, Any]:
    return {"parent_order_sn": r.create_order(
        i.integer("mall_id"), i.integer("region_id"), status=i.integer("status", 2),
        created_at=i.integer("created_at", None), lines=i.integer("lines", 1),
        quantity=i.integer("quantity", 1), seller_sku=i.text("seller_sku", None),
        parent_order_sn=i.text("parent_order_sn", None), updated_at=i.integer("updated_at", None))}


def _generate(r: SandboxRegistry, i: Input) -> dict[str, Any]:
    mix = i.mapping("mix", None)
    sns = r.generate_orders(i.integer("mall_id"), i.integer("region_id"), i.integer("count"),
                            days=i.integer("days", 30), seed=i.integer_or_text("seed", 0), mix=mix)
    return {"parent_order_sns": sns, "count": len(sns)}


def _advance(r: SandboxRegistry, i: Input) -> dict[str, Any]:
    sn = i.text("parent_order_sn")
    return {"parent_order_sn": sn, "status": r.advance_order(sn, i.integer("to_status", None))}


def _cancel(r: SandboxRegistry, i: Input) -> dict[str, Any]:
    r.cancel_order(i.text("parent_order_sn"))
    return {"parent_order_sn": i.text("parent_order_sn"), "status": 3}


def _partial_cancel(r: SandboxRegistry, i: Input) -> dict[str, Any]:
    sn = i.text("parent_order_sn")
    r.partial_cancel_order(sn, i.text("order_sn", None), i.integer("quantity", 1))
    return {"parent_order_sn": sn}


def _change_address(r: SandboxRegistry, i: Input) -> dict[str, Any]:
    r.change_address(i.text("parent_order_sn"))
    return {"parent_order_sn": i.text("parent_order_sn")}


def _spoil(r: SandboxRegistry, i: Input) -> dict[str, Any]:
    r.spoil_order(i.text("parent_order_sn"), parent_fields=i.mapping("parent_fields", None),
                  line_fields=i.mapping("line_fields", None))
    return {"parent_order_sn": i.text("parent_order_sn")}


def _orders(r: SandboxRegistry, i: Input) -> dict[str, Any]:
    orders = r.orders(i.integer("mall_id", None), i.integer("region_id", None))
    return {"orders": orders, "count": len(orders)}


def _add_warehouse(r: SandboxRegistry, i: Input) -> dict[str, Any]:
    return {"warehouse_id": r.add_warehouse(
        i.integer("mall_id"), i.text("name"), region_id=i.integer("region_id", 211),
        warehouse_id=i.text("warehouse_id", None))}


def _flag_pending(r: SandboxRegistry, i: Input) -> dict[str, Any]:
    r.flag_pending(i.text("parent_order_sn"), i.text("request"))
    return {"parent_order_sn": i.text("parent_order_sn"), "pending": i.text("request")}


def _carrier_shape(r: SandboxRegistry, i: Input) -> dict[str, Any]:
    r.set_carrier_list_shape(i.text("shape"))
    return {"shape": i.text("shape")}


def _confirmations(r: SandboxRegistry, i: Input) -> dict[str, Any]:
    confirmations = r.confirmations(i.integer("mall_id", None))
    return {"confirmations": confirmations, "count": len(confirmations),
            "refused": r.refused_confirmations(i.integer("mall_id", None)), "tracking_edits": r.tracking_edits()}


def _add_fault(r: SandboxRegistry, i: Input) -> dict[str, Any]:
    return {"fault_id": r.inject_fault(
        error_code=i.integer("error_code"), type=i.text("type", None),
        access_token=i.text("access_token", None), after_calls=i.integer("after_calls", 0),
        times=i.integer("times", None), error_msg=i.text("error_msg", None))}


def _clear_faults(r: SandboxRegistry, i: Input) -> dict[str, Any]:
    r.clear_faults()
    return {"faults": []}


def _latency(r: SandboxRegistry, i: Input) -> dict[str, Any]:
    if i.text("mode", "delay") == "freeze":
        r.latency.freeze()
    else:
        r.latency.delay(i.number("seconds"))
    return {"latency": i.text("mode", "delay")}


def _thaw(r: SandboxRegistry, i: Input) -> dict[str, Any]:
    r.latency.thaw()
    return {"latency": "none"}


def _calls(r: SandboxRegistry, i: Input) -> dict[str, Any]:
    return {"calls": [c.to_json() for c in r.call_log(i.text("app_key", None))]}


def _stats(r: SandboxRegistry, i: Input) -> dict[str, Any]:
    return r.stats(i.text("app_key", None))


def _advance_clock(r: SandboxRegistry, i: Input) -> dict[str, Any]:
    return {"now": r.clock.advance(i.number("seconds")), "offset": r.clock.offset}


def _clock(r: SandboxRegistry, i: Input) -> dict[str, Any]:
    return {"now": r.clock.now(), "offset": r.clock.offset}


def _reset(r: SandboxRegistry, i: Input) -> dict[str, Any]:
    seed = i.text("seed", None)
    if seed not in (None, "demo"):
        raise InvalidInput("seed must be \"demo\" or absent.")
    r.reset()
    return {"reset": True, "seed": asdict(seed_demo(r)) if seed else None}


def _index(r: SandboxRegistry, i: Input) -> dict[str, Any]:
    return {**r.summary(), "faults": r.faults(),
            "gateways": {g: f"/{g}/openapi/router" for g in GATEWAYS},
            "endpoints": sorted(f"{m} {p}" for m, p in ROUTES)}


ROUTES: dict[tuple[str, str], Route] = {
    ("GET", "/sandbox"): _index,
    ("POST", "/sandbox/apps"): _apps,
    ("POST", "/sandbox/malls"): _malls,
    ("POST", "/sandbox/tokens"): _tokens,
    ("POST", "/sandbox/tokens/revoke"): _revoke,
    ("POST", "/sandbox/orders"): _create_order,
    ("GET", "/sandbox/orders"): _orders,
    ("POST", "/sandbox/orders/generate"): _generate,
    ("POST", "/sandbox/orders/advance"): _advance,
    ("POST", "/sandbox/orders/cancel"): _cancel,
    ("POST", "/sandbox/orders/partial-cancel"): _partial_cancel,
    ("POST", "/sandbox/orders/change-address"): _change_address,
    ("POST", "/sandbox/orders/spoil"): _spoil,
    ("POST", "/sandbox/warehouses"): _add_warehouse,
    ("POST", "/sandbox/orders/pending"): _flag_pending,
    ("POST", "/sandbox/carriers/shape"): _carrier_shape,
    ("GET", "/sandbox/confirmations"): _confirmations,
    ("POST", "/sandbox/faults"): _add_fault,
    ("DELETE", "/sandbox/faults"): _clear_faults,
    ("POST", "/sandbox/latency"): _latency,
    ("DELETE", "/sandbox/latency"): _thaw,
    ("GET", "/sandbox/calls"): _calls,
    ("GET", "/sandbox/stats"): _stats,
    ("GET", "/sandbox/clock"): _clock,
    ("POST", "/sandbox/clock/advance"): _advance_clock,
    ("POST", "/sandbox/reset"): _reset,
}


def handle(registry: SandboxRegistry, method: str, path: str, query: str, body: bytes) -> tuple[int, dict[str, Any]]:
    """Run one control request; returns (HTTP status, JSON payload)."""
    return control.handle(ROUTES, registry, method, path, query, body)

