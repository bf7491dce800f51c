"""Temu's logistics JSON (docs/temu-protocol.md §16–§20): requests built strictly, answers read leniently.

Requests carry only documented fields, with the documented JSON types (ids as numbers, tracking
and warehouse ids as strings) and no empty optional fields. Answers tolerate missing, extra and
mistyped fields: an entry without its key field is dropped, anything else becomes a default.
"""
from __future__ import annotations

from typing import Any

from adapters.temu.values import CODE_LIMIT, as_code, as_id, as_list, as_small_int, as_text
from application.ports.temu_logistics import (
    BoxAtTemu, LogisticsProvider, PackageAtTemu, PackageDelivery, SellerWarehouse, TrackingWarning)
from application.ports.temu_shipments import (
    BuyerRequestOverride, Parcel, ShipmentConfirmation, ShipmentKind, ShippedItem, Tracking, TrackingChange)

SEND_TYPES = {ShipmentKind.SINGLE: 0, ShipmentKind.SPLIT: 1, ShipmentKind.MERGED: 2}
ACCEPTANCE = {BuyerRequestOverride.REFUSE_CANCELLATION: "DENY_CANCELLATION",
              BuyerRequestOverride.REFUSE_ADDRESS_CHANGE: "DENY_ADDRESS_CHANGE",
              BuyerRequestOverride.IGNORE_RISK_ALERT: "DENY_PARENT_RISK_WARNING"}
DELIVERY = {1: PackageDelivery.SELLER, 2: PackageDelivery.SELLER_TEMU_LABEL,
            3: PackageDelivery.COOPERATIVE_WAREHOUSE, 4: PackageDelivery.COOPERATIVE_WAREHOUSE_TEMU_LABEL}
WARNING = {0: TrackingWarning.NONE, 1: TrackingWarning.NO_TRACKING_INFO, 2: TrackingWarning.MAYBE_WRONG,
           3: TrackingWarning.ADDRESS_MISMATCH, 4: TrackingWarning.NOT_COLLECTED_IN_TIME}
MAX_ENTRIES = 5000  # no answer of these types is near this; a bigger one is cut, not trusted whole


# -- requests ----------------------------------------------------------------------------------

def confirm_params(confirmation: ShipmentConfirmation) -> dict[str, Any]:
    return {"sendType": SEND_TYPES[confirmation.kind],
            "sendRequestList": [_send_request(p) for p in confirmation.parcels]}


def _send_request(parcel: Parcel) -> dict[str, Any]:
    request: dict[str, Any] = _tracked(parcel.tracking, parcel.warehouse_id)
    request["orderSendInfoList"] = [_item(i) for i in parcel.items]
    if parcel.overrides:
        request["confirmAcceptance"] = sorted(ACCEPTANCE[o] for o in parcel.overrides)
    if parcel.extra_boxes:
        request["subSendRequests"] = [_tracked(box, parcel.warehouse_id) for box in parcel.extra_boxes]
    return request


def _tracked(tracking: Tracking, warehouse_id: str | None) -> dict[str, Any]:
    fields: dict[str, Any] = {"carrierId": tracking.carrier_id, "trackingNumber": tracking.number}
    if warehouse_id:
        fields["selfShippingWarehouseId"] = warehouse_id
    return fields


def _item(item: ShippedItem) -> dict[str, Any]:
    fields: dict[str, Any] = {"parentOrderSn": item.parent_order_sn, "orderSn": item.order_sn,
                              "quantity": item.quantity}
    if item.goods_id is not None:
        fields["goodsId"] = item.goods_id
    if item.sku_id is not None:
        fields["skuId"] = item.sku_id
    return fields


def tracking_change_params(changes: tuple[TrackingChange, ...]) -> dict[str, Any]:
    return {"editPackageRequestList": [_edit(c) for c in changes]}


def _edit(change: TrackingChange) -> dict[str, Any]:
    fields: dict[str, Any] = {"packageSn": change.package_sn, "trackingNumber": change.tracking.number,
                              "shipCompanyId": change.tracking.carrier_id}
    if change.warehouse_id:
        fields["selfShippingWarehouseId"] = change.warehouse_id
    return fields


# -- answers -----------------------------------------------------------------------------------

def parse_carriers(result: object) -> tuple[LogisticsProvider, ...]:
    """``result`` is an array of carriers (Partner pages) or ``{"items": [...]}`` (Go SDK, CN
    doc); both are read. Entries without a usable ``logisticsServiceProviderId`` are dropped."""
    entries = result.get("items") if isinstance(result, dict) else result
    carriers = []
    for entry in _dicts(entries):
        carrier_id = as_id(entry.get("logisticsServiceProviderId"))
        if carrier_id is not None:
            carriers.append(LogisticsProvider(carrier_id, as_text(entry.get("logisticsServiceProviderName")),
                                              as_text(entry.get("logisticsBrandName"))))
    return tuple(carriers)


def parse_warehouses(result: object) -> tuple[SellerWarehouse, ...]:
    entries = result.get("warehouseList") if isinstance(result, dict) else None
    warehouses = []
    for entry in _dicts(entries):
        warehouse_id = as_code(entry.get("warehouseId"), CODE_LIMIT)
        if warehouse_id is not None:
            warehouses.append(SellerWarehouse(
                warehouse_id, as_text(entry.get("warehouseName")), entry.get("defaultWarehouse") is True,
                as_small_int(entry.get("regionId1")), as_text(entry.get("warehouseBrand")),
                as_small_int(entry.get("warehouseManagementType")), entry.get("enableBuyShippingLabel") is True))
    return tuple(warehouses)


def parse_packages(result: object) -> tuple[PackageAtTemu, ...]:
    entries = result.get("shipmentInfoDTO") if isinstance(result, dict) else None
    packages = []
    for entry in _dicts(entries):
        package_sn = as_code(entry.get("packageSn"))
        if package_sn is None:
            continue
        packages.append(PackageAtTemu(
            package_sn, _tracking(entry), as_text(entry.get("carrierName")), as_id(entry.get("skuId")),
            as_small_int(entry.get("quantity")),
            DELIVERY.get(as_small_int(entry.get("packageDeliveryType")), PackageDelivery.UNKNOWN),
            _warning(entry.get("trackingWarningLabel")), _boxes(entry.get("subPackageShipmentInfoList"))))
    return tuple(packages)


def parse_outcome_fields(result: object) -> tuple[tuple[str, ...], str]:
    """(warningMessage, assistantAgreementText) of a confirm answer."""
    result = result if isinstance(result, dict) else {}
    warnings = tuple(text for w in _list(result.get("warningMessage")) if (text := as_text(w)))
    return warnings, as_text(result.get("assistantAgreementText"), 2000)


def _boxes(raw: object) -> tuple[BoxAtTemu, ...]:
    return tuple(BoxAtTemu(sn, _tracking(e), as_text(e.get("carrierName")))
                 for e in _dicts(raw) if (sn := as_code(e.get("packageSn"))) is not None)


def _tracking(entry: dict) -> Tracking | None:
    carrier_id, number = as_id(entry.get("carrierId")), as_text(entry.get("trackingNumber"), CODE_LIMIT)
    return Tracking(carrier_id, number) if carrier_id is not None and number else None


def _warning(raw: object) -> TrackingWarning:
    if raw is None:
        return TrackingWarning.NONE
    value = as_small_int(raw)
    return TrackingWarning.UNKNOWN if value is None else WARNING.get(value, TrackingWarning.UNKNOWN)


def _dicts(raw: object) -> list[dict]:
    return [e for e in _list(raw)[:MAX_ENTRIES] if isinstance(e, dict)]


def _list(raw: object) -> list:
    return as_list(raw) or []
