"""Renders sandbox records in Temu's wire shape (field names and nesting of the real API)."""
from __future__ import annotations

import hashlib
from typing import Any

from sandboxes.temu.catalog import EU_REGION_IDS, MALL_LOCAL, site_id_of
from sandboxes.temu.lifecycle import SHIPPED, UN_SHIPPING
from sandboxes.temu.model import Line, Mall, ParentOrder, Token

PARENT_LABELS = ("soon_to_be_overdue", "past_due", "pending_buyer_cancellation",
                 "pending_buyer_address_change", "pending_risk_control_alert")
LINE_LABELS = ("customized_products", "US_to_CA")
PENDING_LABELS = {"pending_buyer_cancellation": "cancellation",
                  "pending_buyer_address_change": "address_change",
                  "pending_risk_control_alert": "risk_alert"}
PHONE_VISIBLE_STATUSES = (UN_SHIPPING, SHIPPED)


def list_item(order: ParentOrder) -> dict[str, Any]:
    """One element of ``bg.order.list.v2.get``'s ``pageItems``, with any bad data a test asked for."""
    parent = _spoiled(_parent_map(order), order.bad_parent_fields)
    return {"parentOrderMap": parent,
            "orderList": [_spoiled(_line(order, line), order.bad_line_fields) for line in order.lines]}


def _spoiled(fields: dict[str, Any], bad: dict[str, Any]) -> dict[str, Any]:
    for key, value in bad.items():
        if value is None:
            fields.pop(key, None)
        else:
            fields[key] = value
    return fields


def detail(order: ParentOrder) -> dict[str, Any]:
    """``bg.order.detail.v2.get``'s result: a list item plus region names and packages."""
    item = list_item(order)
    address = order.address
    item["parentOrderMap"].update(
        regionName1=address.country, regionName2=address.state, regionName3=address.city)
    for wire_line, line in zip(item["orderList"], order.lines):
        wire_line["packageSnInfo"] = [
            {"packageSn": sn, "packageDeliveryType": 1, "callSuccess": True}
            for sn in line.package_sns]
    return item


def shipping_info(order: ParentOrder) -> dict[str, Any]:
    """``bg.order.shippinginfo.v2.get``'s result. The phone shows only in status 2 or 4."""
    a = order.address
    whole = ", ".join(p for p in (a.line1, a.line2, a.city, a.state, a.post_code) if p)
    return {
        "receiptName": f"{a.first_name} {a.last_name}", "receiptAdditionalName": "",
        "mobile": a.phone if order.status in PHONE_VISIBLE_STATUSES else "",
        "backupMobile": "", "mail": a.mail,
        "regionName1": a.country, "regionName2": a.state, "regionName3": a.city,
        "regionName4": a.district, "addressLine1": a.line1, "addressLine2": a.line2,
        "addressLine3": "", "addressLineAll": whole,
        "postCode": a.post_code,
        "addressExtra": {"firstName": a.first_name, "lastName": a.last_name,
                         "additionalFirstName": "", "additionalLastName": ""},
        "warning": {"isRestriction": False, "reason": None},
    }


def amounts(order: ParentOrder) -> dict[str, Any]:
    """``bg.order.amount.query``'s result: money as ``{amount: minor units, currency}``. The
    sandbox's prices are its own, derived from the child order numbers (stable across restarts)."""
    currency = "EUR" if order.region_id in EU_REGION_IDS else "USD"
    lines, total_goods, total_ship = [], 0, 0
    for i, line in enumerate(order.lines):
        unit = unit_price_cents(line.order_sn)
        ship = 299 if order.has_shipping_fee and i == 0 else 0
        total_goods, total_ship = total_goods + unit * line.quantity, total_ship + ship
        lines.append({"orderSn": line.order_sn, "quantity": line.quantity,
                      "unitBasePrice": _money(unit, currency), "basePrice": _money(unit * line.quantity, currency),
                      "shipAmountTotal": _money(ship, currency)})
    return {"parentOrderMap": {"parentOrderSn": order.sn, "basePriceTotal": _money(total_goods, currency),
                               "shippingAmountTotal": _money(total_ship, currency),
                               "estimatedRevenue": _money(total_goods + total_ship, currency)},
            "orderList": lines}


def unit_price_cents(order_sn: str) -> int:
    return 199 + int(hashlib.sha256(order_sn.encode()).hexdigest()[:8], 16) % 4800


def _money(minor: int, currency: str) -> dict[str, Any]:
    return {"amount": minor, "currency": currency}


def token_info(token: Token, mall: Mall, semi_unique_id: str | None) -> dict[str, Any]:
    """``bg.open.accesstoken.info.get``'s result (docs/temu-protocol.md §9)."""
    return {
        "mallId": mall.mall_id, "mallType": mall.mall_type, "semiUniqueId": semi_unique_id,
        "regionId": token.region_id, "expiredTime": token.expired_time,
        "apiScopeList": list(token.scopes), "appSubscribeEventCodeList": [],
        "appSubscribeStatus": 0, "authEventCodeList": [],
    }


def _parent_map(order: ParentOrder) -> dict[str, Any]:
    return {
        "parentOrderSn": order.sn, "parentOrderStatus": order.status,
        "regionId": order.region_id, "siteId": site_id_of(order.region_id),
        "parentOrderTime": order.created_at,
        "parentOrderPendingFinishTime": order.pending_finish_time,
        "expectShipLatestTime": order.expect_ship_latest_time,
        "parentShippingTime": order.shipping_time,
        "latestDeliveryTime": order.latest_delivery_time, "updateTime": order.update_time,
        "parentOrderLabel": [{"name": n, "value": int(PENDING_LABELS.get(n) in order.pending)}
                             for n in PARENT_LABELS],
        "fulfillmentWarning": list(order.warnings), "orderPaymentType": "PPD",
        "shippingMethod": 1, "hasShippingFee": order.has_shipping_fee,
        "batchOrderNumberList": None,
    }


def _line(order: ParentOrder, line: Line) -> dict[str, Any]:
    products = [] if order.mall_type == MALL_LOCAL else [{
        "productId": line.product_id, "productSkuId": line.product_sku_id, "soldFactor": 1,
        "extCode": line.ext_code}]
    return {
        "orderSn": line.order_sn, "goodsId": line.goods_id, "skuId": line.sku_id,
        "quantity": line.quantity, "originalOrderQuantity": line.original_quantity,
        "canceledQuantityBeforeShipment": line.canceled_quantity, "orderStatus": line.status,
        "fulfillmentType": "fulfillBySeller", "goodsName": line.goods_name,
        "originalGoodsName": line.goods_name, "spec": line.spec,
        "originalSpecName": line.original_spec, "thumbUrl": line.thumb_url,
        "orderLabel": [{"name": n, "value": 0} for n in LINE_LABELS],
        "fulfillmentWarning": [], "orderPaymentType": "PPD",
        "isCancelledDuringPending": line.cancelled_during_pending,
        "inventoryDeductionWarehouseId": None, "inventoryDeductionWarehouseName": None,
        "earliestTimeBuyShippingLabel": None, "earliestTimeGetShippingDocument": None,
        "productList": products,
    }
