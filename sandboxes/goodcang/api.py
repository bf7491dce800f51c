"""Goodcang's OMS endpoints under ``/public_open/``: one handler per path, each checking its
request as Goodcang documents it and answering the V1 envelope (``ask``), or ``code`` on the
tracking call. Handlers run under the registry lock."""
from __future__ import annotations

import time
from typing import Any, Callable, Mapping

from sandboxes.goodcang.create_request import read_create
from sandboxes.goodcang.errors import GoodcangError, bad_params, success
from sandboxes.goodcang.fields import count, text, texts
from sandboxes.goodcang.model import Account
from sandboxes.goodcang.orders import Order
from sandboxes.goodcang.registry import GoodcangRegistry

Handler = Callable[[GoodcangRegistry, Account, Mapping[str, Any]], dict[str, Any]]
TRACKING_PATH = "order/batch_query_tracking_status"
CODE_TYPES = ("order_code", "reference_no", "tracking_number")


def _warehouses(r: GoodcangRegistry, a: Account, body: Mapping[str, Any]) -> dict[str, Any]:
    return success(data=[w.to_wire() for w in r.warehouses.values()])


def _shipping_methods(r: GoodcangRegistry, a: Account, body: Mapping[str, Any]) -> dict[str, Any]:
    warehouse = text(body, "warehouseCode", 32)
    return success(data=[m.to_wire() for m in r.methods if warehouse in ("", m.warehouse_code)])


def _inventory(r: GoodcangRegistry, a: Account, body: Mapping[str, Any]) -> dict[str, Any]:
    page, size = count(body, "page", 1, 1_000_000), count(body, "pageSize", 1, 200)
    sku, skus = text(body, "product_sku", 24), texts(body, "product_sku_arr", 200, 24)
    warehouse = text(body, "warehouse_code", 32)
    _refresh_all(r, a)
    rows = [stock.to_wire(s, w, a.customer_code) for (w, s), stock in sorted(a.stock.items())
            if warehouse in ("", w) and (not sku or s == sku) and (not skus or s in skus)]
    start = ((page or 1) - 1) * (size or 1)
    return success(count=str(len(rows)), data=rows[start:start + (size or 1)])


def _create(r: GoodcangRegistry, a: Account, body: Mapping[str, Any]) -> dict[str, Any]:
    order = r.order_book.create(a, read_create(body), r.warehouses, r.methods)
    return success(order_code=order.order_code, data={"order_code": order.order_code})


def _by_code(r: GoodcangRegistry, a: Account, body: Mapping[str, Any]) -> dict[str, Any]:
    return success(data=r.order_book.find(a, text(body, "order_code", 50, required=True)).to_wire())


def _by_reference(r: GoodcangRegistry, a: Account, body: Mapping[str, Any]) -> dict[str, Any]:
    reference = text(body, "reference_no", 50, required=True)
    return success(data=r.order_book.find_by_reference(a, reference).to_wire())


def _cancel(r: GoodcangRegistry, a: Account, body: Mapping[str, Any]) -> dict[str, Any]:
    code = text(body, "order_code", 50, required=True)
    text(body, "reason", 500)
    order = r.order_book.cancel(a, code)
    return success(order_code=order.order_code, cancel_status=2)


def _tracking(r: GoodcangRegistry, a: Account, body: Mapping[str, Any]) -> dict[str, Any]:
    values = texts(body, "value_list", 50, 50, required=True)
    code_type = text(body, "code_type", 20, required=True)
    if code_type not in CODE_TYPES:
        raise bad_params(f"code_type取值错误,可选值: {', '.join(CODE_TYPES)} (unknown code_type)")
    _refresh_all(r, a)
    mine = [o for o in r.order_book.orders.values() if o.app_key == a.app_key and o.tracking_numbers]
    found = [o for o in mine if _matches(o, code_type, values)]
    return {"code": 0, "message": "success", "data": [_trajectory(o) for o in found]}


def _matches(order: Order, code_type: str, values: list[str]) -> bool:
    if code_type == "order_code":
        return order.order_code in values
    if code_type == "reference_no":
        return order.reference_no in values
    return any(number in values for number in order.tracking_numbers)


def _trajectory(order: Order) -> dict[str, Any]:
    moment = order.shipped_at or 0.0
    event = {"utc_time": _stamp(moment), "date_time": _stamp(moment + 8 * 3600),
             "info": "Shipment information received", "location": order.request.fields["warehouse_code"],
             "code": "TMS_OC", "code_info": "订单创建"}
    return {"order_code": order.order_code, "code": order.request.fields["shipping_method"],
            "trajectory_information": [{"tracking_number": n, "item": [event]} for n in order.tracking_numbers]}


def _refresh_all(r: GoodcangRegistry, a: Account) -> None:
    for order in list(r.order_book.orders.values()):
        if order.app_key == a.app_key:
            r.order_book.refresh(order, a)


def _stamp(moment: float) -> str:
    return time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(moment))


HANDLERS: dict[str, Handler] = {
    "base_data/get_warehouse": _warehouses,
    "base_data/get_shipping_method": _shipping_methods,
    "inventory/get_product_inventory": _inventory,
    "order/create_order": _create,
    "order/get_order_by_code": _by_code,
    "order/get_order_by_ref_code": _by_reference,
    "order/cancel_order": _cancel,
    TRACKING_PATH: _tracking,
}


def serve(registry: GoodcangRegistry, account: Account, path: str, body: Mapping[str, Any]) -> dict[str, Any]:
    """The envelope for one authenticated call; refusals come back as Goodcang's failure shape."""
    try:
        return HANDLERS[path](registry, account, body)
    except GoodcangError as error:
        return error.envelope(tracking=path == TRACKING_PATH)
