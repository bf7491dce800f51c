"""The API types the sandbox serves, and on which gateways (docs/temu-protocol.md §2, §9–§12, §15–§20)."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any, Callable, Mapping

from sandboxes.temu import logistics, order_query, wire
from sandboxes.temu.catalog import AMOUNT_SCOPE, MALL_LOCAL, ORDER_GATEWAYS, serves_region
from sandboxes.temu.errors import ORDER_NOT_FOUND, TemuError, bad_params
from sandboxes.temu.model import Mall, ParentOrder, Token
from sandboxes.temu.orderbook import OrderBook
from sandboxes.temu.params import optional_int, required_str
from sandboxes.temu.shipments import ShipmentBook


@dataclass(frozen=True, slots=True)
class Caller:
    """Who is calling, already authenticated: the token, its mall and the gateway used; the
    books the call may read or change, and the sandbox time of the call."""

    token: Token
    mall: Mall
    gateway: str
    orders: OrderBook
    shipments: ShipmentBook
    now: int


Handler = Callable[[Caller, Mapping[str, Any]], Any]


def token_info(caller: Caller, params: Mapping[str, Any]) -> dict[str, Any]:
    return wire.token_info(caller.token, caller.mall, semi_unique_id(caller.mall))


def order_list(caller: Caller, params: Mapping[str, Any]) -> dict[str, Any]:
    query = order_query.OrderListQuery.parse(params, caller.gateway)
    return order_query.run(query, caller.orders, caller.mall.mall_id, caller.gateway)


def order_detail(caller: Caller, params: Mapping[str, Any]) -> dict[str, Any]:
    return wire.detail(_own_order(caller, params))


def shipping_info(caller: Caller, params: Mapping[str, Any]) -> dict[str, Any]:
    return wire.shipping_info(_own_order(caller, params))


def order_amounts(caller: Caller, params: Mapping[str, Any]) -> dict[str, Any]:
    return wire.amounts(_own_order(caller, params))


def stock_quantity(caller: Caller, params: Mapping[str, Any]) -> dict[str, Any]:
    """Minimal on purpose: enough to exercise a product token, no stock model behind it."""
    if optional_int(params, "productSkcId") is None:
        raise bad_params("productSkcId is required")
    return {"total": 0, "productSkuStockList": []}


def semi_unique_id(mall: Mall) -> str | None:
    if mall.mall_type == MALL_LOCAL:
        return None
    return hashlib.md5(f"semi:{mall.mall_id}".encode()).hexdigest()[:24]


def _own_order(caller: Caller, params: Mapping[str, Any]) -> ParentOrder:
    """The order named by ``parentOrderSn`` if this token may read it, else 140020002."""
    order = caller.orders.get(required_str(params, "parentOrderSn"))
    if order is None or order.mall_id != caller.mall.mall_id \
            or not serves_region(caller.gateway, order.region_id):
        raise TemuError(ORDER_NOT_FOUND)
    return order


_ORDER = frozenset(ORDER_GATEWAYS)

SERVED: dict[str, tuple[frozenset[str], Handler]] = {
    "bg.open.accesstoken.info.get": (_ORDER | {"cn"}, token_info),
    "bg.open.accesstoken.info.get.global": (frozenset({"pa"}), token_info),
    "bg.order.list.v2.get": (_ORDER, order_list),
    "bg.order.detail.v2.get": (_ORDER, order_detail),
    "bg.order.shippinginfo.v2.get": (_ORDER, shipping_info),
    AMOUNT_SCOPE: (_ORDER, order_amounts),
    "bg.btg.goods.stock.quantity.get": (frozenset({"pa"}), stock_quantity),
    "bg.logistics.companies.get": (_ORDER, logistics.companies),
    "bg.logistics.warehouse.list.get": (_ORDER, logistics.warehouses),
    "bg.logistics.shipment.v2.confirm": (_ORDER, logistics.confirm),
    "bg.logistics.shipment.v2.get": (_ORDER, logistics.shipment),
    "bg.logistics.shipment.shippingtype.update": (_ORDER, logistics.edit_tracking),
}


def handler_for(type_: str, gateway: str) -> Handler | None:
    """The handler of ``type_`` if it is served on ``gateway``."""
    served = SERVED.get(type_)
    return served[1] if served and gateway in served[0] else None
