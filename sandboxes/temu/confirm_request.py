"""Reading a ``bg.logistics.shipment.v2.confirm`` body strictly (docs/temu-protocol.md §18).

A field of the wrong JSON type, or a missing required one, is BAD_PARAMS; a blank tracking number
is 120014001 and more than 10 sub-packages 120011098, as Temu answers them.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

from sandboxes.temu.errors import TOO_MANY_SUB_PACKAGES, TRACKING_BLANK, TemuError, bad_params

ACCEPTANCES = {"DENY_CANCELLATION": "cancellation", "DENY_ADDRESS_CHANGE": "address_change",
               "DENY_PARENT_RISK_WARNING": "risk_alert"}
MAX_SUB_PACKAGES = 10


@dataclass(frozen=True, slots=True)
class Tracked:
    carrier_id: int
    tracking_number: str
    warehouse_id: str | None


@dataclass(frozen=True, slots=True)
class Item:
    parent_order_sn: str
    order_sn: str
    quantity: int


@dataclass(frozen=True, slots=True)
class SendRequest:
    main: Tracked
    items: tuple[Item, ...]
    accepted: frozenset[str]  # pending requests overridden: "cancellation", "address_change", "risk_alert"
    subs: tuple[Tracked, ...]


@dataclass(frozen=True, slots=True)
class ConfirmRequest:
    send_type: int
    parcels: tuple[SendRequest, ...]

    @property
    def parent_order_sns(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(i.parent_order_sn for p in self.parcels for i in p.items))

    @classmethod
    def parse(cls, params: Mapping[str, Any]) -> ConfirmRequest:
        send_type = params.get("sendType")
        if send_type not in (0, 1, 2) or isinstance(send_type, bool):
            raise bad_params("sendType must be 0, 1 or 2")
        parcels = tuple(_send_request(p) for p in _objects(params, "sendRequestList"))
        return cls(send_type, parcels)


def _send_request(raw: Mapping[str, Any]) -> SendRequest:
    subs = tuple(_tracked(s) for s in _objects(raw, "subSendRequests", required=False))
    if len(subs) > MAX_SUB_PACKAGES:
        raise TemuError(TOO_MANY_SUB_PACKAGES)
    accepted = raw.get("confirmAcceptance") or []
    if not isinstance(accepted, list) or any(a not in ACCEPTANCES for a in accepted):
        raise bad_params(f"confirmAcceptance values are {', '.join(ACCEPTANCES)}")
    items = tuple(_item(i) for i in _objects(raw, "orderSendInfoList"))
    return SendRequest(_tracked(raw), items, frozenset(ACCEPTANCES[a] for a in accepted), subs)


def _tracked(raw: Mapping[str, Any]) -> Tracked:
    carrier = raw.get("carrierId")
    # NOTE: the official signing example sends carrierId as a string of digits; accept both.
    if isinstance(carrier, str) and carrier.isascii() and carrier.isdigit():
        carrier = int(carrier)
    if isinstance(carrier, bool) or not isinstance(carrier, int):
        raise bad_params("carrierId must be a number")
    number = raw.get("trackingNumber")
    if number is None or (isinstance(number, str) and not number.strip()):
        raise TemuError(TRACKING_BLANK)
    if not isinstance(number, str):
        raise bad_params("trackingNumber must be a string")
    warehouse = raw.get("selfShippingWarehouseId")
    if warehouse is not None and not isinstance(warehouse, str):
        raise bad_params("selfShippingWarehouseId must be a string")
    return Tracked(carrier, number, warehouse or None)


def _item(raw: Mapping[str, Any]) -> Item:
    parent, child, quantity = raw.get("parentOrderSn"), raw.get("orderSn"), raw.get("quantity")
    if not isinstance(parent, str) or not parent or not isinstance(child, str) or not child:
        raise bad_params("parentOrderSn and orderSn are required strings")
    if isinstance(quantity, bool) or not isinstance(quantity, int) or quantity < 1:
        raise bad_params("quantity must be a positive integer")
    for name in ("goodsId", "skuId"):
        if raw.get(name) is not None and (isinstance(raw[name], bool) or not isinstance(raw[name], int)):
            raise bad_params(f"{name} must be a number")
    return Item(parent, child, quantity)


def _objects(raw: Mapping[str, Any], name: str, required: bool = True) -> list[Mapping[str, Any]]:
    value = raw.get(name)
    if value is None and not required:
        return []
    if not isinstance(value, list) or (required and not value) or not all(isinstance(v, dict) for v in value):
        raise bad_params(f"{name} must be a non-empty list of objects" if required else f"{name} must be a list")
    return value
