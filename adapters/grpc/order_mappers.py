"""Protobuf <-> order read models: resource names, Temu statuses, ``Order`` and its parts.

Temu's status numbers are the proto enum numbers (``TEMU_ORDER_STATUS_PARTIALLY_SHIPPED = 41``);
a number Temu adds later is sent as UNSPECIFIED, with the raw number in ``temu_status_code``.
"""
from __future__ import annotations

import re
from decimal import Decimal

from google.type import money_pb2

from adapters.grpc.gen.erp.v1 import order_pb2, order_service_pb2
from adapters.grpc.mappers import EnumMap, moment, shop_id_from_name, shop_name, timestamp
from application.orders.views import OrderCounts, OrderDetail, OrderSummary
from domain.errors import FieldViolation, ValidationFailed
from domain.order import StateChange
from domain.order_amounts import AmountsStatus, LineAmounts, Money, OrderAmounts
from domain.order_states import OrderState
from domain.platform_order import Address, Label, OrderLine, TemuStatus

ORDER_STATES = EnumMap(OrderState, order_pb2.OrderState, "ORDER_STATE")
AMOUNTS_STATUSES = EnumMap(AmountsStatus, order_pb2.AmountsStatus, "AMOUNTS_STATUS")
NANOS = Decimal(10) ** 9
_RESOURCE_ID = "[A-Za-z0-9][A-Za-z0-9_.~-]{0,63}"
_KNOWN_TEMU_STATUSES = frozenset(int(m) for m in TemuStatus)


def _check_temu_numbers() -> None:
    """Fail at import when the proto enum stops matching Temu's numbers."""
    for member in TemuStatus:
        if order_pb2.TemuOrderStatus.Value(f"TEMU_ORDER_STATUS_{member.name}") != member.value:
            raise RuntimeError(f"TEMU_ORDER_STATUS_{member.name} is not Temu's number {member.value}")


_check_temu_numbers()


# -- resource names -------------------------------------------------------------------------

def id_from_name(name: str, collection: str, field: str) -> str:
    """``{collection}/{id}`` -> ``id``; ``ValidationFailed`` naming ``field`` when malformed."""
    match = re.fullmatch(f"{collection}/({_RESOURCE_ID})", name)
    if match is None:
        problem = "must be set" if not name else f"must look like {collection}/{{id}}"
        raise ValidationFailed(f"{field}: {problem}.", [FieldViolation(field, problem)])
    return match.group(1)


def order_name(order_id: str) -> str:
    return f"orders/{order_id}"


def order_id_from_name(name: str, field: str) -> str:
    return id_from_name(name, "orders", field)


def tag_id_from_name(name: str, field: str) -> str:
    return id_from_name(name, "tags", field)


# -- Temu statuses --------------------------------------------------------------------------

def temu_status_to_proto(code: int) -> int:
    """Temu's number when this API knows it, else UNSPECIFIED (0)."""
    return code if code in _KNOWN_TEMU_STATUSES else 0


def temu_status_from_proto(value: int, field: str) -> int:
    """A known Temu status number; ``ValidationFailed`` for UNSPECIFIED or an unknown number."""
    if value in _KNOWN_TEMU_STATUSES:
        return value
    problem = "must not be UNSPECIFIED" if value == 0 else f"unknown value {value}"
    raise ValidationFailed(f"{field}: {problem}.", [FieldViolation(field, problem)])


def _state_to_proto(state: str) -> int:
    """A stored state name; the empty name (before the first state) and unknown names are 0."""
    return ORDER_STATES.to_proto(OrderState(state)) if state in OrderState.__members__ else 0


def _state_from_proto(value: int) -> str:
    member = ORDER_STATES.from_proto(value, "history.state")
    return member.value if member else ""


# -- parts ----------------------------------------------------------------------------------

def _labels(labels: tuple[Label, ...]) -> list[order_pb2.Label]:
    return [order_pb2.Label(name=label.name, value=label.value) for label in labels]


def _optional(message, field: str) -> int | None:
    return getattr(message, field) if message.HasField(field) else None


def line_to_proto(line: OrderLine) -> order_pb2.OrderLine:
    return order_pb2.OrderLine(
        order_sn=line.order_sn, goods_id=line.goods_id, sku_id=line.sku_id,
        product_sku_id=line.product_sku_id, seller_sku=line.seller_sku, goods_name=line.goods_name,
        spec=line.spec, ordered_quantity=line.original_quantity,
        cancelled_before_shipment=line.cancelled_before_shipment, quantity_to_ship=line.quantity,
        temu_status=temu_status_to_proto(line.status), temu_status_code=line.status,
        fulfillment_type=line.fulfillment_type, labels=_labels(line.labels), warnings=list(line.warnings))


def line_from_proto(line: order_pb2.OrderLine) -> OrderLine:
    return OrderLine(
        order_sn=line.order_sn, goods_id=_optional(line, "goods_id"), sku_id=_optional(line, "sku_id"),
        product_sku_id=_optional(line, "product_sku_id"), seller_sku=line.seller_sku,
        goods_name=line.goods_name, spec=line.spec, original_quantity=line.ordered_quantity,
        cancelled_before_shipment=line.cancelled_before_shipment, quantity=line.quantity_to_ship,
        status=line.temu_status_code, fulfillment_type=line.fulfillment_type,
        labels=tuple(Label(label.name, label.value) for label in line.labels), warnings=tuple(line.warnings))


def address_to_proto(a: Address) -> order_pb2.Address:
    return order_pb2.Address(
        recipient_name=a.name, phone=a.phone, email=a.email, country=a.country, state=a.state,
        city=a.city, district=a.district, address_line1=a.line1, address_line2=a.line2,
        address_line3=a.line3, post_code=a.post_code)


def address_from_proto(a: order_pb2.Address) -> Address:
    return Address(name=a.recipient_name, phone=a.phone, email=a.email, country=a.country, state=a.state,
                   city=a.city, district=a.district, line1=a.address_line1, line2=a.address_line2,
                   line3=a.address_line3, post_code=a.post_code)


def change_to_proto(change: StateChange) -> order_pb2.StateChange:
    return order_pb2.StateChange(time=timestamp(change.at), from_state=_state_to_proto(change.from_state),
                                 to_state=_state_to_proto(change.to_state), reason=change.reason)


def change_from_proto(change: order_pb2.StateChange) -> StateChange:
    return StateChange(moment(change.time), _state_from_proto(change.from_state),
                       _state_from_proto(change.to_state), change.reason)


# -- Order ----------------------------------------------------------------------------------

def summary_to_proto(view: OrderSummary | OrderDetail) -> order_pb2.Order:
    """The fields a list row has (see the ``Order`` message for those it leaves out)."""
    order = order_pb2.Order(
        name=order_name(view.id), shop=shop_name(view.shop_id), parent_order_sn=view.parent_order_sn,
        temu_status=temu_status_to_proto(view.temu_status), temu_status_code=view.temu_status,
        state=ORDER_STATES.to_proto(view.state), region_id=view.region_id, site_id=view.site_id,
        create_time=timestamp(view.temu_created_at), update_time=timestamp(view.temu_updated_at),
        lines=[line_to_proto(line) for line in view.lines], exceptions=list(view.exceptions),
        sync_update_time=timestamp(view.updated_at), amounts_status=AMOUNTS_STATUSES.to_proto(view.amounts_status),
        tags=[order_pb2.OrderTag(tag=f"tags/{t.id}", display_name=t.name, color=t.color or "") for t in view.tags])
    if view.ship_by is not None:
        order.ship_by_time.CopyFrom(timestamp(view.ship_by))
    if view.amounts is not None and view.amounts_status is AmountsStatus.AVAILABLE:
        order.amounts.CopyFrom(amounts_to_proto(view.amounts))
    return order


def order_to_proto(view: OrderDetail) -> order_pb2.Order:
    """Every field of an order."""
    order = summary_to_proto(view)
    order.labels.extend(_labels(view.labels))
    order.warnings.extend(view.warnings)
    order.history.extend(change_to_proto(c) for c in view.history)
    order.sync_create_time.CopyFrom(timestamp(view.created_at))
    order.etag_version = view.version
    if view.address is not None:
        order.shipping_address.CopyFrom(address_to_proto(view.address))
    if view.address_fetched_at is not None:
        order.address_fetch_time.CopyFrom(timestamp(view.address_fetched_at))
    if order.HasField("amounts") and view.amounts_fetched_at is not None:
        order.amounts.fetch_time.CopyFrom(timestamp(view.amounts_fetched_at))
    return order


def order_from_proto(order: order_pb2.Order) -> OrderDetail:
    """The inverse of :func:`order_to_proto` (for clients and tests of this API)."""
    return OrderDetail(
        id=order_id_from_name(order.name, "order.name"), shop_id=shop_id_from_name(order.shop, "order.shop"),
        parent_order_sn=order.parent_order_sn, temu_status=order.temu_status_code,
        state=ORDER_STATES.from_proto(order.state, "order.state", required=True), region_id=order.region_id,
        site_id=_optional(order, "site_id"), temu_created_at=moment(order.create_time),
        temu_updated_at=moment(order.update_time),
        ship_by=moment(order.ship_by_time) if order.HasField("ship_by_time") else None,
        lines=tuple(line_from_proto(line) for line in order.lines),
        labels=tuple(Label(label.name, label.value) for label in order.labels), warnings=tuple(order.warnings),
        exceptions=tuple(order.exceptions),
        address=address_from_proto(order.shipping_address) if order.HasField("shipping_address") else None,
        address_fetched_at=moment(order.address_fetch_time) if order.HasField("address_fetch_time") else None,
        history=tuple(change_from_proto(c) for c in order.history), created_at=moment(order.sync_create_time),
        updated_at=moment(order.sync_update_time), version=order.etag_version,
        amounts=amounts_from_proto(order.amounts) if order.HasField("amounts") else None,
        amounts_fetched_at=moment(order.amounts.fetch_time) if order.amounts.HasField("fetch_time") else None,
        amounts_status=AMOUNTS_STATUSES.from_proto(order.amounts_status, "order.amounts_status", required=True))


def counts_to_proto(counts: OrderCounts) -> order_service_pb2.CountOrdersResponse:
    return order_service_pb2.CountOrdersResponse(
        state_counts=[order_service_pb2.OrderStateCount(state=ORDER_STATES.to_proto(s), order_count=n)
                      for s, n in counts.states.items()],
        exception_counts=[order_service_pb2.ExceptionReasonCount(reason=r, order_count=n)
                          for r, n in counts.exception_reasons.items()],
        total_size=counts.total)


# -- amounts --------------------------------------------------------------------------------

def money_to_proto(m: Money) -> money_pb2.Money:
    """``google.type.Money``: whole units and nanos of the same sign; digits past nanos are cut."""
    units = int(m.amount)  # toward zero, so the nanos keep the sign of the units
    return money_pb2.Money(currency_code=m.currency, units=units, nanos=int((m.amount - units) * NANOS))


def money_from_proto(m: money_pb2.Money) -> Money:
    return Money(m.currency_code, Decimal(m.units) + Decimal(m.nanos) / NANOS)


def amounts_to_proto(a: OrderAmounts) -> order_pb2.OrderAmounts:
    def money(m: Money | None) -> money_pb2.Money | None:
        return money_to_proto(m) if m is not None else None
    return order_pb2.OrderAmounts(
        currency_code=a.currency, goods_total=money(a.goods), shipping_total=money(a.shipping),
        estimated_revenue=money(a.revenue),
        lines=[order_pb2.LineAmounts(order_sn=x.order_sn, unit_price=money(x.unit_price), goods=money(x.goods),
                                     shipping=money(x.shipping)) for x in a.lines])


def amounts_from_proto(a: order_pb2.OrderAmounts) -> OrderAmounts:
    def money(holder, field: str) -> Money | None:
        return money_from_proto(getattr(holder, field)) if holder.HasField(field) else None
    return OrderAmounts(
        currency=a.currency_code, goods=money(a, "goods_total"), shipping=money(a, "shipping_total"),
        revenue=money(a, "estimated_revenue"),
        lines=tuple(LineAmounts(x.order_sn, money(x, "unit_price"), money(x, "goods"), money(x, "shipping"))
                    for x in a.lines))
