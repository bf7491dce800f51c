"""The HTTP control API under ``/sandbox/``: lets tests and the demo drive a sandbox that runs
in another process. JSON in and out; bad input is HTTP 400 ``{"error": "..."}``.
"""
from __future__ import annotations

import json
from typing import Any, Callable

from sandboxes.carrier.store import CarrierStore, Missing
from sandboxes.kit.control import query_fields, unrouted

Route = Callable[[CarrierStore, dict[str, Any]], dict[str, Any]]


def _index(s: CarrierStore, d: dict[str, Any]) -> dict[str, Any]:
    return {"endpoints": sorted(f"{m} {p}" for m, p in ROUTES), **_stats(s, d)}


def _stats(s: CarrierStore, d: dict[str, Any]) -> dict[str, Any]:
    with s.lock:
        return {"labels_bought": dict(s.labels_bought), "transactions": len(s.transactions),
                "refunds": len(s.refunds), "calls": dict(s.calls), "busy_s": round(s.busy_s, 6),
                "busy_wall_s": round(s.busy_wall_s, 6),
                "faults": [f.to_json() for f in s.faults.all()],
                "time_to_track": {"polls": s.track_after_polls, "seconds": s.track_after_s}}


def _labels(s: CarrierStore, d: dict[str, Any]) -> dict[str, Any]:
    reference = _text(d, "metadata")
    with s.lock:
        return {"metadata": reference, "count": s.labels_bought[reference]}


def _tokens(s: CarrierStore, d: dict[str, Any]) -> dict[str, Any]:
    token = _text(d, "token")
    with s.lock:
        s.tokens.add(token)
    return {"token": token}


def _time_to_track(s: CarrierStore, d: dict[str, Any]) -> dict[str, Any]:
    s.set_time_to_track(int(d.get("polls", 0)), float(d.get("seconds", 0)))
    return {"polls": s.track_after_polls, "seconds": s.track_after_s}


def _refuse(s: CarrierStore, d: dict[str, Any]) -> dict[str, Any]:
    message = d.get("message") or "The carrier refused the label: the address could not be verified."
    s.refuse_labels(int(d.get("count", 1)), str(message))
    return {"pending_refusals": len(s.refusals)}


def _in_transit(s: CarrierStore, d: dict[str, Any]) -> dict[str, Any]:
    s.mark_in_transit(_text(d, "transaction"))
    return {"transaction": d["transaction"], "tracking_status": "TRANSIT"}


def _add_fault(s: CarrierStore, d: dict[str, Any]) -> dict[str, Any]:
    known = ("path", "method", "times", "after_calls", "status", "retry_after_s", "delay_s", "effect", "value")
    unknown = set(d) - {"kind", *known}
    if unknown:
        raise ValueError(f"Unknown fault fields: {', '.join(sorted(unknown))}.")
    return {"fault_id": s.faults.inject(_text(d, "kind"), **{k: d[k] for k in known if k in d})}


def _clear_faults(s: CarrierStore, d: dict[str, Any]) -> dict[str, Any]:
    s.faults.clear()
    return {"faults": []}


def _advance_clock(s: CarrierStore, d: dict[str, Any]) -> dict[str, Any]:
    s.clock.advance(float(d["seconds"]))
    return {"now": s.clock.time()}


def _reset(s: CarrierStore, d: dict[str, Any]) -> dict[str, Any]:
    s.reset()
    return {"reset": True}


ROUTES: dict[tuple[str, str], Route] = {
    ("GET", "/sandbox"): _index,
    ("GET", "/sandbox/stats"): _stats,
    ("GET", "/sandbox/labels"): _labels,
    ("POST", "/sandbox/tokens"): _tokens,
    ("POST", "/sandbox/time-to-track"): _time_to_track,
    ("POST", "/sandbox/refuse-labels"): _refuse,
    ("POST", "/sandbox/in-transit"): _in_transit,
    ("POST", "/sandbox/faults"): _add_fault,
    ("DELETE", "/sandbox/faults"): _clear_faults,
    ("POST", "/sandbox/clock/advance"): _advance_clock,
    ("POST", "/sandbox/reset"): _reset,
}


def handle(store: CarrierStore, method: str, path: str, query: str, body: bytes) -> tuple[int, dict[str, Any]]:
    route = ROUTES.get((method, path))
    if route is None:
        return unrouted(ROUTES, method, path)
    try:
        return 200, route(store, _read(method, query, body))
    except Missing as error:
        return 404, {"error": f"No transaction {error}."}
    except (KeyError, TypeError, ValueError) as error:
        return 400, {"error": str(error) if not isinstance(error, KeyError) else f"{error} is required."}


def _read(method: str, query: str, body: bytes) -> dict[str, Any]:
    if method in ("GET", "DELETE"):
        return query_fields(query)
    data = json.loads(body) if body.strip() else {}
    if not isinstance(data, dict):
        raise ValueError("The body must be a JSON object.")
    return data


def _text(d: dict[str, Any], name: str) -> str:
    value = d.get(name)
    if not isinstance(value, str) or not value:
        raise ValueError(f"{name} is required and must be a non-empty string.")
    return value
