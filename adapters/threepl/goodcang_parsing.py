"""Goodcang's answers read leniently: unknown fields ignored, numbers that arrive as strings
accepted, status letters read case-insensitively (an unknown letter is kept, not fatal)."""
from __future__ import annotations

from typing import Any, Iterable

from adapters.threepl.goodcang_values import (
    STATUS_LETTERS, GoodcangChannel, GoodcangWarehouse, OutboundOrder, OutboundStatus, ParcelTracking, StockLevel)

LAST_MILE_TYPES = ("", "0")  # get_shipping_method also lists return, first-leg and pick-up products


def order(raw: Any) -> OutboundOrder | None:
    if not isinstance(raw, dict) or not _text(raw.get("order_code")):
        return None
    letter = _text(raw.get("order_status")).upper()
    boxes = raw.get("orderBoxInfo") if isinstance(raw.get("orderBoxInfo"), list) else []
    numbers = [_text(raw.get("tracking_no"))] + [_text(b.get("tracking_number")) for b in boxes if isinstance(b, dict)]
    return OutboundOrder(
        order_code=_text(raw.get("order_code")), reference_no=_text(raw.get("reference_no")),
        status=STATUS_LETTERS.get(letter, OutboundStatus.UNKNOWN), raw_status=letter,
        warehouse_code=_text(raw.get("warehouse_code")), channel_code=_text(raw.get("shipping_method")),
        tracking_numbers=tuple(dict.fromkeys(n for n in numbers if n)),
        problem=_text(raw.get("abnormal_problem_reason")), shipped_at=_text(raw.get("date_shipping")))


def warehouses(data: Any) -> list[GoodcangWarehouse]:
    return [GoodcangWarehouse(_text(w.get("warehouse_code")), _text(w.get("warehouse_name")),
                              _text(w.get("country_code")).upper())
            for w in _rows(data) if _text(w.get("warehouse_code"))]


def channels(data: Any) -> list[GoodcangChannel]:
    return [GoodcangChannel(_text(m.get("code")), _text(m.get("name_en")) or _text(m.get("name")),
                            _text(m.get("warehouse_code")))
            for m in _rows(data) if _text(m.get("code")) and _text(m.get("type")) in LAST_MILE_TYPES]


def stock_levels(data: Any) -> list[StockLevel]:
    return [StockLevel(_text(s.get("product_sku")), _text(s.get("warehouse_code")), _int(s.get("sellable")),
                       _int(s.get("reserved")), _int(s.get("onway")))
            for s in _rows(data) if _text(s.get("product_sku"))]


def trackings(data: Any) -> list[ParcelTracking]:
    found = []
    for entry in _rows(data):
        for parcel in entry.get("trajectory_information") or []:
            if isinstance(parcel, dict) and _text(parcel.get("tracking_number")):
                events = [e for e in _events(parcel) if isinstance(e, dict)]
                last = max(events, key=lambda e: _text(e.get("utc_time")), default={})
                found.append(ParcelTracking(_text(entry.get("order_code")), _text(parcel["tracking_number"]),
                                            _text(last.get("code")), _text(last.get("info"))))
    return found


def _events(parcel: dict[str, Any]) -> Iterable[Any]:
    """The example answer names the events ``item``, the field table ``status_list``."""
    events = parcel.get("item", parcel.get("status_list"))
    return events if isinstance(events, list) else []


def created_order_code(envelope: dict[str, Any] | None) -> str:
    """``order_code`` at the top (the example answer) or under ``data`` (the field table)."""
    data = envelope.get("data") if envelope else None
    code = (envelope or {}).get("order_code") or (data.get("order_code") if isinstance(data, dict) else "")
    return _text(code)


def count(envelope: dict[str, Any]) -> int:
    return _int(envelope.get("count"))


def _rows(data: Any) -> list[dict[str, Any]]:
    return [row for row in data if isinstance(row, dict)] if isinstance(data, list) else []


def _text(value: Any) -> str:
    if value is None or isinstance(value, (dict, list, bool)):
        return ""
    return str(value).strip()


def _int(value: Any) -> int:
    text = _text(value)
    try:
        return int(float(text)) if text else 0
    except ValueError:
        return 0
