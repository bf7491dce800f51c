"""Domain value objects to and from JSON-ready structures: enums by value, datetimes as ISO 8601 UTC.

Plain functions, so the column types stay one-liners and the round trips are easy to test.
"""
from __future__ import annotations

from datetime import datetime, timezone
from decimal import Decimal
from typing import Any

from domain.order import StateChange
from domain.order_amounts import LineAmounts, Money, OrderAmounts
from domain.package import PackageLine
from domain.platform_order import Address, Label, OrderLine
from domain.shop_kinds import TokenKind
from domain.token import Credential
from domain.warehouse import PostalAddress, TemuCarrier


def iso(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).isoformat()


def from_iso(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(timezone.utc)


def credentials_to_json(creds: dict[TokenKind, Credential]) -> dict[str, Any]:
    return {kind.value: {
        "fingerprint": c.fingerprint, "scopes": sorted(c.scopes), "expires_at": iso(c.expires_at),
        "expiry_from_temu": c.expiry_from_temu, "first_seen_at": iso(c.first_seen_at),
        "last_verified_at": iso(c.last_verified_at), "revoked": c.revoked,
    } for kind, c in sorted(creds.items(), key=lambda kv: kv[0].value)}


def credentials_from_json(data: dict[str, Any]) -> dict[TokenKind, Credential]:
    return {TokenKind(kind): Credential(
        kind=TokenKind(kind), fingerprint=c["fingerprint"], scopes=frozenset(c["scopes"]),
        expires_at=from_iso(c["expires_at"]), expiry_from_temu=c["expiry_from_temu"],
        first_seen_at=from_iso(c["first_seen_at"]), last_verified_at=from_iso(c["last_verified_at"]),
        revoked=c.get("revoked", False),
    ) for kind, c in data.items()}


def labels_to_json(labels: tuple[Label, ...]) -> list[dict[str, Any]]:
    return [{"name": label.name, "value": label.value} for label in labels]


def labels_from_json(data: list[dict[str, Any]]) -> tuple[Label, ...]:
    return tuple(Label(d["name"], d["value"]) for d in data)


def lines_to_json(lines: tuple[OrderLine, ...]) -> list[dict[str, Any]]:
    return [{
        "order_sn": x.order_sn, "goods_id": x.goods_id, "sku_id": x.sku_id,
        "product_sku_id": x.product_sku_id, "seller_sku": x.seller_sku, "goods_name": x.goods_name,
        "spec": x.spec, "original_quantity": x.original_quantity,
        "cancelled_before_shipment": x.cancelled_before_shipment, "quantity": x.quantity,
        "status": x.status, "fulfillment_type": x.fulfillment_type,
        "labels": labels_to_json(x.labels), "warnings": list(x.warnings),
    } for x in lines]


def lines_from_json(data: list[dict[str, Any]]) -> tuple[OrderLine, ...]:
    return tuple(OrderLine(
        order_sn=d["order_sn"], goods_id=d["goods_id"], sku_id=d["sku_id"],
        product_sku_id=d["product_sku_id"], seller_sku=d["seller_sku"], goods_name=d["goods_name"],
        spec=d["spec"], original_quantity=d["original_quantity"],
        cancelled_before_shipment=d["cancelled_before_shipment"], quantity=d["quantity"],
        status=d["status"], fulfillment_type=d.get("fulfillment_type", ""),
        labels=labels_from_json(d.get("labels", [])), warnings=tuple(d.get("warnings", [])),
    ) for d in data)


_ADDRESS_FIELDS = tuple(Address.__dataclass_fields__)


def address_to_json(address: Address) -> dict[str, str]:
    return {name: getattr(address, name) for name in _ADDRESS_FIELDS}


def address_from_json(data: dict[str, str]) -> Address:
    return Address(**{name: data.get(name, "") for name in _ADDRESS_FIELDS})


def _money_to_json(m: Money | None) -> list[str] | None:
    return None if m is None else [m.currency, str(m.amount)]


def _money_from_json(data: list[str] | None) -> Money | None:
    return None if data is None else Money(data[0], Decimal(data[1]))


def amounts_to_json(a: OrderAmounts) -> dict[str, Any]:
    return {"currency": a.currency, "goods": _money_to_json(a.goods), "shipping": _money_to_json(a.shipping),
            "revenue": _money_to_json(a.revenue),
            "lines": [[x.order_sn, _money_to_json(x.unit_price), _money_to_json(x.goods), _money_to_json(x.shipping)]
                      for x in a.lines]}


def amounts_from_json(data: dict[str, Any]) -> OrderAmounts:
    return OrderAmounts(
        currency=data["currency"], goods=_money_from_json(data["goods"]),
        shipping=_money_from_json(data["shipping"]), revenue=_money_from_json(data["revenue"]),
        lines=tuple(LineAmounts(sn, *(_money_from_json(m) for m in money)) for sn, *money in data["lines"]))


def package_lines_to_json(lines: tuple[PackageLine, ...]) -> list[list[Any]]:
    return [[x.order_id, x.order_sn, x.seller_sku, x.quantity] for x in lines]


def package_lines_from_json(data: list[list[Any]]) -> tuple[PackageLine, ...]:
    return tuple(PackageLine(*d) for d in data)


def history_to_json(history: tuple[StateChange, ...]) -> list[dict[str, str]]:
    return [{"at": iso(h.at), "from": h.from_state, "to": h.to_state, "reason": h.reason} for h in history]


def history_from_json(data: list[dict[str, str]]) -> tuple[StateChange, ...]:
    return tuple(StateChange(from_iso(d["at"]), d["from"], d["to"], d["reason"]) for d in data)


_POSTAL_FIELDS = tuple(PostalAddress.__dataclass_fields__)


def postal_address_to_json(address: PostalAddress) -> dict[str, str]:
    return {name: getattr(address, name) for name in _POSTAL_FIELDS}


def postal_address_from_json(data: dict[str, str]) -> PostalAddress:
    return PostalAddress(**{name: data.get(name, "") for name in _POSTAL_FIELDS})


def temu_carriers_to_json(carriers: tuple[TemuCarrier, ...]) -> list[dict[str, Any]]:
    return [{"region_id": c.region_id, "carrier_id": c.carrier_id, "carrier_name": c.carrier_name} for c in carriers]


def temu_carriers_from_json(data: list[dict[str, Any]]) -> tuple[TemuCarrier, ...]:
    return tuple(TemuCarrier(d["region_id"], d["carrier_id"], d.get("carrier_name", "")) for d in data)
