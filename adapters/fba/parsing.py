"""Reading SP-API answers leniently: unknown fields ignored, status values in any case, missing
optional parts empty. Only what we act on must be present.
"""
from __future__ import annotations

from typing import Any

from adapters.fba.values import FbaOrder, FbaPackage, FbaShipment, FbaStatus, Line, PreviewResult, StockLevel

_STATUSES = {s.value.lower(): s for s in FbaStatus}


def status(raw: object) -> FbaStatus:
    """``Complete``, ``COMPLETE``, ``complete_partialled``: all read; anything else is UNKNOWN."""
    key = str(raw or "").replace("_", "").replace(" ", "").lower()
    return _STATUSES.get(key, FbaStatus.UNKNOWN)


def order(payload: Any) -> FbaOrder | None:
    """The order in a ``GetFulfillmentOrderResult``; None when it carries none."""
    if not isinstance(payload, dict) or not isinstance(payload.get("fulfillmentOrder"), dict):
        return None
    header = payload["fulfillmentOrder"]
    raw = str(header.get("fulfillmentOrderStatus", ""))
    return FbaOrder(str(header.get("sellerFulfillmentOrderId", "")), status(raw), raw,
                    tuple(_shipment(s) for s in _dicts(payload.get("fulfillmentShipments"))),
                    tuple(_line(i) for i in _dicts(payload.get("fulfillmentOrderItems"))))


def headers(orders: Any) -> list[FbaOrder]:
    """The ``FulfillmentOrder`` headers of a ``listAllFulfillmentOrders`` page."""
    found = []
    for header in _dicts(orders):
        raw = str(header.get("fulfillmentOrderStatus", ""))
        if header.get("sellerFulfillmentOrderId"):
            found.append(FbaOrder(str(header["sellerFulfillmentOrderId"]), status(raw), raw, (), ()))
    return found


def _shipment(data: dict[str, Any]) -> FbaShipment:
    packages = tuple(FbaPackage(_int(p.get("packageNumber")), str(p.get("carrierCode", "")),
                                str(p.get("trackingNumber") or p.get("amazonFulfillmentTrackingNumber") or ""))
                     for p in _dicts(data.get("fulfillmentShipmentPackage")))
    return FbaShipment(str(data.get("amazonShipmentId", "")), str(data.get("fulfillmentShipmentStatus", "")).upper(),
                       packages)


def _line(data: dict[str, Any]) -> Line:
    return Line(str(data.get("sellerSku", "")), _int(data.get("quantity")),
                str(data.get("sellerFulfillmentOrderItemId", "")))


def stock_levels(payload: Any) -> list[StockLevel]:
    summaries = _dicts(payload.get("inventorySummaries")) if isinstance(payload, dict) else []
    levels = []
    for s in summaries:
        details = s.get("inventoryDetails") if isinstance(s.get("inventoryDetails"), dict) else {}
        levels.append(StockLevel(str(s.get("sellerSku", "")), _int(details.get("fulfillableQuantity")),
                                 _int(s.get("totalQuantity"))))
    return levels


def previews(payload: Any) -> list[PreviewResult]:
    found = _dicts(payload.get("fulfillmentPreviews")) if isinstance(payload, dict) else []
    return [PreviewResult(str(p.get("shippingSpeedCategory", "")), p.get("isFulfillable") is True,
                          tuple(str(i.get("sellerSku", "")) for i in _dicts(p.get("unfulfillablePreviewItems"))))
            for p in found]


def _dicts(value: Any) -> list[dict[str, Any]]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _int(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0
