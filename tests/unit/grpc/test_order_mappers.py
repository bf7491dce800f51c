"""Order <-> protobuf: round trips, every ERP state, Temu's numbers, unknown Temu statuses."""
from __future__ import annotations

from decimal import Decimal

import pytest

from adapters.grpc.gen.erp.v1 import order_pb2
from adapters.grpc.order_mappers import (
    ORDER_STATES, money_to_proto, order_from_proto, order_id_from_name, order_to_proto, summary_to_proto,
    temu_status_from_proto,
)
from domain.errors import ValidationFailed
from domain.order import StateChange
from domain.order_amounts import AmountsStatus, LineAmounts, Money, OrderAmounts
from domain.order_states import OrderState
from domain.platform_order import TemuStatus
from tests.unit.grpc.fake_order_use_cases import order_detail, order_line, summary_of
from tests.unit.grpc.fake_shop_use_cases import NOW


def test_an_order_with_every_field_set_survives_the_round_trip():
    detail = order_detail("3f2c1a9e-6b7d-4c1e-9a51-2b0e8d4f7c10", exceptions=("BAD_PLATFORM_DATA:x",))
    assert order_from_proto(order_to_proto(detail)) == detail


def test_absent_ids_times_and_address_stay_absent():
    detail = order_detail("o1", site_id=None, ship_by=None, address=None, address_fetched_at=None,
                          lines=(order_line("l1", goods_id=None, sku_id=None, product_sku_id=None),))
    proto = order_to_proto(detail)
    assert not any(proto.HasField(f) for f in ("site_id", "ship_by_time", "shipping_address", "address_fetch_time"))
    assert not proto.lines[0].HasField("goods_id")
    assert order_from_proto(proto) == detail


def test_an_id_of_zero_is_sent_as_present():
    proto = order_to_proto(order_detail("o1", site_id=0, lines=(order_line("l1", goods_id=0),)))
    assert proto.HasField("site_id") and proto.lines[0].HasField("goods_id")


@pytest.mark.parametrize("state", list(OrderState), ids=lambda s: s.value)
def test_every_erp_state_maps_to_its_own_proto_value_and_back(state):
    detail = order_detail("o1", state=state, history=(StateChange(NOW, "", state.value, "synced"),))
    proto = order_to_proto(detail)
    assert order_pb2.OrderState.Name(proto.state) == f"ORDER_STATE_{state.value}"
    assert proto.history[0].to_state == proto.state
    assert order_from_proto(proto) == detail


@pytest.mark.parametrize("status", list(TemuStatus), ids=lambda s: s.name)
def test_known_temu_statuses_keep_temus_numbers(status):
    proto = order_to_proto(order_detail("o1", temu_status=int(status), lines=(order_line("l1", status=int(status)),)))
    assert proto.temu_status == proto.temu_status_code == int(status)
    assert order_pb2.TemuOrderStatus.Name(proto.temu_status) == f"TEMU_ORDER_STATUS_{status.name}"
    assert proto.lines[0].temu_status == int(status)


def test_an_unknown_temu_status_is_unspecified_with_the_raw_number_kept():
    detail = order_detail("o1", temu_status=7, state=OrderState.EXCEPTION, exceptions=("BAD_PLATFORM_DATA",),
                          lines=(order_line("l1", status=61),))
    proto = order_to_proto(detail)
    assert (proto.temu_status, proto.temu_status_code) == (order_pb2.TEMU_ORDER_STATUS_UNSPECIFIED, 7)
    assert (proto.lines[0].temu_status, proto.lines[0].temu_status_code) == (0, 61)
    assert order_from_proto(proto) == detail


def test_the_first_history_entry_has_no_from_state():
    first = order_to_proto(order_detail("o1")).history[0]
    assert first.from_state == order_pb2.ORDER_STATE_UNSPECIFIED
    assert first.to_state == order_pb2.ORDER_STATE_AWAITING_PLATFORM


def test_a_list_row_carries_the_order_without_its_detail_only_fields():
    detail = order_detail("o1")
    row = summary_to_proto(summary_of(detail))
    assert row.name == "orders/o1" and row.shop == "shops/alice-1"
    assert row.lines == order_to_proto(detail).lines and row.HasField("sync_update_time")
    assert not row.history and not row.labels and not row.warnings and row.etag_version == 0
    assert not row.HasField("shipping_address") and not row.HasField("sync_create_time")


def test_line_quantities_are_named_for_what_they_mean():
    line = order_to_proto(order_detail("o1", lines=(order_line("l1"),))).lines[0]
    assert (line.ordered_quantity, line.cancelled_before_shipment, line.quantity_to_ship) == (3, 1, 2)


@pytest.mark.parametrize("name", ["", "o1", "orders/", "orders/o1/lines/2", "shops/o1", "orders/-x", "orders/a b"])
def test_a_malformed_order_name_is_invalid_and_names_the_field(name):
    with pytest.raises(ValidationFailed) as err:
        order_id_from_name(name, "name")
    assert [v.field for v in err.value.violations] == ["name"]


@pytest.mark.parametrize("value", [0, 6, 40, -1, 2**31 - 1])
def test_a_temu_status_filter_must_be_a_status_temu_has(value):
    with pytest.raises(ValidationFailed) as err:
        temu_status_from_proto(value, "temu_statuses[0]")
    assert [v.field for v in err.value.violations] == ["temu_statuses[0]"]


def test_unspecified_is_not_an_erp_state_when_one_is_required():
    with pytest.raises(ValidationFailed) as err:
        ORDER_STATES.from_proto(0, "states[0]", required=True)
    assert [v.field for v in err.value.violations] == ["states[0]"]


def test_amounts_survive_the_round_trip_exactly_as_google_type_money():
    usd = lambda text: Money("USD", Decimal(text))  # noqa: E731
    amounts = OrderAmounts("USD", goods=usd("12.34"), shipping=usd("0"), revenue=usd("-1.5"),
                           lines=(LineAmounts("211-1", usd("6.17"), usd("12.34")),))
    detail = order_detail("o1", amounts=amounts, amounts_fetched_at=NOW, amounts_status=AmountsStatus.AVAILABLE)
    proto = order_to_proto(detail)
    assert (proto.amounts.goods_total.units, proto.amounts.goods_total.nanos) == (12, 340_000_000)
    assert (money_to_proto(usd("-1.5")).units, money_to_proto(usd("-1.5")).nanos) == (-1, -500_000_000)
    assert order_from_proto(proto) == detail


def test_amounts_are_left_out_unless_available():
    detail = order_detail("o1", amounts=OrderAmounts("USD"), amounts_status=AmountsStatus.NONE_FROM_TEMU)
    proto = order_to_proto(detail)
    assert not proto.HasField("amounts") and proto.amounts_status == order_pb2.AMOUNTS_STATUS_NONE_FROM_TEMU
