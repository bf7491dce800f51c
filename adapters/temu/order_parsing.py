"""Temu order JSON (docs/temu-protocol.md §10, §11, §13) into ``PlatformOrder``s, robust to bad data.

Rules:
- A parent without a readable ``parentOrderSn``, ``parentOrderStatus`` or ``updateTime`` cannot
  be stored: it raises ``Unreadable`` and the page lists it as skipped.
- Every other problem is tolerated, clamped and recorded in ``PlatformOrder.problems`` as a short
  code (``UNKNOWN_STATUS_7``, ``NEGATIVE_QUANTITY:211-…``, ``MISSING_LINES``).
- Seller SKU: cross-border (semi) shops use ``productList[0].extCode``, else its
  ``productSkuId``; local shops use ``skuId``.
"""
from __future__ import annotations

import re
from datetime import datetime

from adapters.temu.order_lines import Problems, parse_labels, parse_lines, parse_warnings
from adapters.temu.values import CODE_LIMIT, as_code, as_int, as_small_int, as_text, as_time
from domain.platform_order import Address, PlatformOrder, TemuStatus
from domain.shop_kinds import ShopKind

_REGION_IN_SN = re.compile(r"PO-(\d{1,9})-")


class Unreadable(Exception):
    """An order that cannot be stored; ``sn`` is ``"?"`` when even its number is unreadable."""

    def __init__(self, sn: str, reason: str):
        super().__init__(f"{sn}: {reason}")
        self.sn, self.reason = sn, reason


def parse_parent(item: object, kind: ShopKind) -> PlatformOrder:
    """One ``{parentOrderMap, orderList}`` item. Raises only ``Unreadable``."""
    parent = _parent_map(item)
    if parent is None:
        raise Unreadable("?", "MISSING_PARENT_ORDER_MAP")
    sn = as_code(parent.get("parentOrderSn"))
    if sn is None:
        raise Unreadable("?", "BAD_PARENT_ORDER_SN")
    status = as_small_int(parent.get("parentOrderStatus"))
    if status is None:
        raise Unreadable(sn, "BAD_PARENT_ORDER_STATUS")
    updated_at = as_time(parent.get("updateTime"))
    if updated_at is None:
        raise Unreadable(sn, "BAD_UPDATE_TIME")
    problems = Problems()
    if TemuStatus.parse(status) is None:
        problems.add(f"UNKNOWN_STATUS_{status}")
    created_at = as_time(parent.get("parentOrderTime"))
    if created_at is None:
        problems.add("MISSING_CREATE_TIME")
    lines = parse_lines(item.get("orderList"), kind, status, problems)
    return PlatformOrder(
        parent_order_sn=sn, status=status, region_id=_region_id(parent, sn, problems),
        site_id=as_small_int(parent.get("siteId")), created_at=created_at or updated_at,
        updated_at=updated_at, ship_by=_ship_by(parent.get("expectShipLatestTime"), problems), lines=lines,
        labels=parse_labels(parent.get("parentOrderLabel"), problems),
        warnings=parse_warnings(parent.get("fulfillmentWarning"), problems), problems=problems.codes())


def parse_page(result: object, kind: ShopKind) -> tuple[list[PlatformOrder], list[tuple[str, str]], int | None]:
    """``(orders, skipped, totalItemNum)`` of a ``bg.order.list.v2.get`` result; never raises."""
    items, total = page_items(result)
    orders, skipped = parse_items(items, kind)
    return orders, skipped, total


def page_items(result: object) -> tuple[list, int | None]:
    """The unread items of a ``bg.order.list.v2.get`` result, and its ``totalItemNum``."""
    result = result if isinstance(result, dict) else {}
    items = result.get("pageItems")
    return items if isinstance(items, list) else [], as_int(result.get("totalItemNum"), 0)


def parse_items(items: list, kind: ShopKind) -> tuple[list[PlatformOrder], list[tuple[str, str]]]:
    """``(orders, skipped)``: one bad item never costs the rest of the page; never raises."""
    orders: list[PlatformOrder] = []
    skipped: list[tuple[str, str]] = []
    for item in items:
        try:
            orders.append(parse_parent(item, kind))
        except Unreadable as bad:
            skipped.append((bad.sn, bad.reason))
        except Exception as exc:  # NOTE: one bad item must never cost the rest of the page.
            skipped.append((_sn_guess(item), f"UNEXPECTED_{type(exc).__name__}"))
    return orders, skipped


def update_times(items: list) -> tuple[int, ...]:
    """The readable ``updateTime`` of each item (Unix seconds), without reading the rest."""
    times = []
    for item in items:
        parent = _parent_map(item)
        moment = as_time(parent.get("updateTime")) if parent is not None else None
        if moment is not None:
            times.append(int(moment.timestamp()))
    return tuple(times)


def _region_id(parent: dict, sn: str, problems: Problems) -> int:
    region = as_small_int(parent.get("regionId"))
    if region is not None:
        return region
    from_sn = _REGION_IN_SN.match(sn)
    problems.add("MISSING_REGION")
    return int(from_sn.group(1)) if from_sn else 0


def _ship_by(value: object, problems: Problems) -> datetime | None:
    ship_by = as_time(value)
    if ship_by is None and value is not None:
        problems.add("BAD_SHIP_BY_TIME")
    return ship_by


def _sn_guess(item: object) -> str:
    parent = _parent_map(item)
    return (as_code(parent.get("parentOrderSn")) if parent is not None else None) or "?"


def _parent_map(item: object) -> dict | None:
    """An item's ``parentOrderMap`` when it is an object, else None."""
    parent = item.get("parentOrderMap") if isinstance(item, dict) else None
    return parent if isinstance(parent, dict) else None


def parse_address(result: object) -> Address | None:
    """The masked address of ``bg.order.shippinginfo.v2.get`` (docs/temu-protocol.md §12); None when
    Temu sent no address at all."""
    if not isinstance(result, dict):
        return None
    text = result.get
    address = Address(
        name=as_text(text("receiptName")), phone=as_text(text("mobile"), CODE_LIMIT),
        email=as_text(text("mail")), country=as_text(text("regionName1")), state=as_text(text("regionName2")),
        city=as_text(text("regionName3")), district=as_text(text("regionName4")),
        line1=as_text(text("addressLine1")), line2=as_text(text("addressLine2")),
        line3=as_text(text("addressLine3")), post_code=as_text(text("postCode"), CODE_LIMIT))
    return None if address == Address() else address
