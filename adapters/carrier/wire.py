"""The protocol's JSON: strict in what we send, lenient in what we read.

Unknown fields are ignored, statuses are compared case-insensitively, and a value of the wrong
type reads as absent rather than failing the whole answer.
"""
from __future__ import annotations

from dataclasses import asdict
from decimal import Decimal, InvalidOperation
from typing import Any

from adapters.carrier.values import (Address, Label, LabelFormat, LabelStatus, Parcel, Quote, Rate, Service,
                                     ShipmentRequest, VoidResult, VoidStatus)

_LABEL_STATUSES = {"QUEUED": LabelStatus.PENDING, "WAITING": LabelStatus.PENDING, "SUCCESS": LabelStatus.READY,
                   "ERROR": LabelStatus.FAILED, "REFUNDED": LabelStatus.VOIDED,
                   "REFUNDPENDING": LabelStatus.VOID_PENDING, "REFUNDREJECTED": LabelStatus.VOID_REJECTED}
_VOID_STATUSES = {"SUCCESS": VoidStatus.VOIDED, "QUEUED": VoidStatus.PENDING, "PENDING": VoidStatus.PENDING,
                  "ERROR": VoidStatus.REJECTED}
_VOID_FROM_LABEL = {LabelStatus.VOIDED: VoidStatus.VOIDED, LabelStatus.VOID_PENDING: VoidStatus.PENDING,
                    LabelStatus.VOID_REJECTED: VoidStatus.REJECTED}


def shipment_body(request: ShipmentRequest) -> dict[str, Any]:
    body: dict[str, Any] = {"address_from": _address(request.address_from),
                            "address_to": _address(request.address_to),
                            "parcels": [_parcel(p) for p in request.parcels], "async": False}
    if request.reference:
        body["metadata"] = request.reference
    if request.carrier_accounts:
        body["carrier_accounts"] = list(request.carrier_accounts)
    return body


def transaction_body(rate_id: str, label_format: LabelFormat, reference: str) -> dict[str, Any]:
    return {"rate": rate_id, "label_file_type": label_format.value, "metadata": reference, "async": False}


def _address(address: Address) -> dict[str, str]:
    return {k: v for k, v in asdict(address).items() if v}


def _parcel(parcel: Parcel) -> dict[str, str]:
    return {"length": str(parcel.length), "width": str(parcel.width), "height": str(parcel.height),
            "distance_unit": parcel.distance_unit, "weight": str(parcel.weight), "mass_unit": parcel.mass_unit}


def quote(data: dict[str, Any]) -> Quote:
    rates = tuple(rate(r) for r in _list(data.get("rates")) if isinstance(r, dict) and _text(r, "object_id"))
    return Quote(_text(data, "object_id"), rates, tuple(messages(data)))


def rate(data: dict[str, Any]) -> Rate:
    level = data.get("servicelevel") if isinstance(data.get("servicelevel"), dict) else {}
    days = data.get("estimated_days")
    return Rate(_text(data, "object_id"), _text(data, "provider"), _text(level, "token"), _text(level, "name"),
                _decimal(data.get("amount")), _text(data, "currency"),
                days if isinstance(days, int) and not isinstance(days, bool) else None,
                _text(data, "carrier_account"))


def label(data: dict[str, Any]) -> Label:
    raw = _text(data, "status").upper()
    status = _LABEL_STATUSES.get(raw, LabelStatus.UNKNOWN)
    tracking, url = _text(data, "tracking_number"), _text(data, "label_url")
    if status is LabelStatus.READY and not (tracking and url):
        status = LabelStatus.PENDING  # a success without its number or document is not usable yet
    notes = messages(data)
    if status is LabelStatus.UNKNOWN:
        notes.insert(0, f"The carrier answered an unknown label status {raw or '(none)'!r}.")
    rate_value = data.get("rate")
    rate_id = rate_value if isinstance(rate_value, str) else _text(rate_value or {}, "object_id")
    return Label(_text(data, "object_id"), status, _text(data, "metadata"), rate_id, tracking, url,
                 _text(data, "label_file_type"), " ".join(notes), raw)


def void(data: dict[str, Any]) -> VoidResult:
    status = _VOID_STATUSES.get(_text(data, "status").upper(), VoidStatus.UNKNOWN)
    return VoidResult(_text(data, "transaction"), status, _text(data, "object_id"))


def void_from_label(current: Label) -> VoidResult | None:
    """What a label's own status says about a void already asked for; None if none was."""
    status = _VOID_FROM_LABEL.get(current.status)
    return VoidResult(current.transaction_id, status) if status else None


def services(data: dict[str, Any]) -> list[Service]:
    found = []
    for account in _list(data.get("results")):
        if not isinstance(account, dict) or account.get("active") is False:
            continue
        for level in _list(account.get("service_levels")):
            if isinstance(level, dict) and _text(level, "token"):
                found.append(Service(_text(account, "object_id"), _text(account, "carrier"),
                                     _text(level, "token"), _text(level, "name")))
    return found


def messages(data: dict[str, Any]) -> list[str]:
    return [_text(m, "text") for m in _list(data.get("messages")) if isinstance(m, dict) and _text(m, "text")]


def results(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [r for r in _list(data.get("results")) if isinstance(r, dict)]


def _text(data: Any, name: str) -> str:
    value = data.get(name) if isinstance(data, dict) else None
    return value.strip() if isinstance(value, str) else ""


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _decimal(value: Any) -> Decimal | None:
    try:
        return Decimal(str(value)) if isinstance(value, (str, int, float)) and not isinstance(value, bool) else None
    except InvalidOperation:
        return None
