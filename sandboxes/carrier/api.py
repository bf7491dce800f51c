"""The Shippo-style REST endpoints: path and body in, (HTTP status, JSON) out.

Auth and faults are the HTTP layer's; this module checks the request itself.
"""
from __future__ import annotations

import json
from typing import Any
from urllib.parse import parse_qs, urlencode

from sandboxes.carrier import validation
from sandboxes.carrier.catalog import TRACKING_STATUSES, TRANSACTION_STATUSES, CarrierAccount
from sandboxes.carrier.store import CarrierStore, Missing
from sandboxes.carrier.validation import Invalid

NOT_FOUND = (404, {"detail": "Not found."})
MAX_RESULTS = 100


def handle(store: CarrierStore, method: str, path: str, query: str, body: bytes,
           base_url: str) -> tuple[int, Any]:
    parts = [p for p in path.split("/") if p]
    if not parts or parts[0] not in _COLLECTIONS or len(parts) > 2:
        return NOT_FOUND
    allowed = _COLLECTIONS[parts[0]][len(parts) - 1]
    if method not in allowed:
        return 405, {"detail": f'Method "{method}" not allowed.'}
    params = {k: v[-1] for k, v in parse_qs(query).items()}
    try:
        if method == "POST":
            return 201, _create(store, parts[0], _json(body), base_url)
        if len(parts) == 2:
            return 200, _one(store, parts[0], parts[1], params, base_url)
        return 200, _list(store, parts[0], params, base_url + path)
    except Invalid as error:
        return 400, error.errors
    except Missing:
        return NOT_FOUND


# collection → (methods on the collection, methods on one object)
_COLLECTIONS = {"shipments": (("POST",), ("GET",)), "transactions": (("POST", "GET"), ("GET",)),
                "refunds": (("POST", "GET"), ("GET",)), "carrier_accounts": (("GET",), ("GET",))}


def _create(store: CarrierStore, collection: str, body: Any, base_url: str) -> Any:
    body = validation.json_object(body)
    if collection == "shipments":
        return store.create_shipment(body).to_json()
    if collection == "transactions":
        return store.create_transaction(body).to_json(base_url)
    return store.create_refund(body).to_json()


def _one(store: CarrierStore, collection: str, object_id: str, params: dict[str, str], base_url: str) -> Any:
    with store.lock:
        if collection == "shipments":
            if object_id not in store.shipments:
                raise Missing(object_id)
            return store.shipments[object_id].to_json()
        if collection == "transactions":
            return store.get_transaction(object_id).to_json(base_url)
        if collection == "refunds":
            return store.get_refund(object_id).to_json()
        if object_id not in store.accounts:
            raise Missing(object_id)
        return _account(store.accounts[object_id], with_levels=True)


def _list(store: CarrierStore, collection: str, params: dict[str, str], url: str) -> Any:
    page, size = _integer(params, "page", 1), _integer(params, "results", 5 if collection == "carrier_accounts" else 25)
    if collection == "transactions":
        status = _choice(params, "object_status", TRANSACTION_STATUSES)
        tracking = _choice(params, "tracking_status", TRACKING_STATUSES)
        found = store.list_transactions(params.get("rate"), status, tracking)
        items = [t.to_json(url.rsplit("/transactions", 1)[0]) for t in found]
    elif collection == "refunds":
        with store.lock:
            items = [r.to_json() for r in reversed(store.refunds.values())]
    else:
        levels = params.get("service_levels", "").lower() in ("true", "1")
        with store.lock:
            items = [_account(a, levels) for a in store.accounts.values()
                     if params.get("carrier") in (None, a.carrier)
                     and params.get("account_id") in (None, a.account_id)]
    return _paginate(items, page, min(size, MAX_RESULTS), url, params)


def _paginate(items: list[Any], page: int, size: int, url: str, params: dict[str, str]) -> dict[str, Any]:
    start = (page - 1) * size

    def link(to: int) -> str:
        return f"{url}?{urlencode({**params, 'page': to, 'results': size})}"

    return {"next": link(page + 1) if start + size < len(items) else None,
            "previous": link(page - 1) if page > 1 else None, "results": items[start:start + size]}


def _account(account: CarrierAccount, with_levels: bool) -> dict[str, Any]:
    answer = {"object_id": account.object_id, "carrier": account.carrier, "carrier_name": account.carrier_name,
              "account_id": "****", "active": account.active, "test": True, "is_shippo_account": False,
              "metadata": "", "parameters": {}, "object_owner": "sandbox@example.com"}
    if with_levels:
        answer["service_levels"] = [{"token": s.token, "name": s.name, "supports_return_labels": False}
                                    for s in account.service_levels]
    return answer


def _json(body: bytes) -> Any:
    try:
        return json.loads(body or b"null")
    except ValueError as error:
        raise Invalid({"detail": f"JSON parse error - {error}"}) from None


def _integer(params: dict[str, str], name: str, default: int) -> int:
    text = params.get(name)
    if text is None:
        return default
    if not text.isdigit() or int(text) < 1:
        raise Invalid({name: ["A valid integer is required."]})
    return int(text)


def _choice(params: dict[str, str], name: str, allowed: tuple[str, ...]) -> str | None:
    value = params.get(name)
    if value is not None and value not in allowed:
        raise Invalid({name: [f"Select a valid choice. {value} is not one of the available choices."]})
    return value
