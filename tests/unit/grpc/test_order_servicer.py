"""OrderServicer and OperationsServicer: requests become the right calls; bad shapes are refused
field by field, before the use cases see them."""
from __future__ import annotations

from datetime import timedelta

import pytest
from google.longrunning import operations_pb2
from google.protobuf import timestamp_pb2

from adapters.grpc.call_context import call_scope, set_principal
from adapters.grpc.gen.erp.v1 import order_pb2, order_service_pb2 as pb
from adapters.grpc.mappers import timestamp
from adapters.grpc.operations_servicer import OperationsServicer
from adapters.grpc.order_servicer import OrderServicer
from domain.errors import ValidationFailed
from domain.order_states import OrderState
from tests.unit.grpc.fake_order_use_cases import FakeOrderUseCases
from tests.unit.grpc.fake_shop_use_cases import ALICE, NOW

UUID = "3F2C1A9E-6B7D-4C1E-9A51-2B0E8D4F7C10"


@pytest.fixture
def orders() -> FakeOrderUseCases:
    return FakeOrderUseCases()


@pytest.fixture
def servicers(orders):
    with call_scope("req-1"):
        set_principal(ALICE)
        yield OrderServicer(orders), OperationsServicer(orders)


@pytest.fixture
def servicer(servicers) -> OrderServicer:
    return servicers[0]


def violations(err: pytest.ExceptionInfo) -> set[str]:
    return {v.field for v in err.value.violations}


def test_list_orders_turns_every_filter_into_the_query(servicer, orders):
    servicer.ListOrders(pb.ListOrdersRequest(
        page_size=20, shops=["shops/alice-1", "shops/alice-1"], states=[order_pb2.ORDER_STATE_TO_REVIEW],
        temu_statuses=[order_pb2.TEMU_ORDER_STATUS_PARTIALLY_SHIPPED],
        create_time_range=pb.TimeRange(start_time=timestamp(NOW - timedelta(days=1))),
        update_time_range=pb.TimeRange(end_time=timestamp(NOW)), seller_sku="MUG-WHT-11",
        parent_order_sn="PO-211-1", ship_by_before=timestamp(NOW + timedelta(days=1))), None)
    [(_, query)] = orders.calls
    assert (query.principal, query.page_size, query.shop_ids, query.states) == (
        ALICE, 20, ("alice-1",), (OrderState.TO_REVIEW,))
    assert query.temu_statuses == (41,)
    assert (query.created_from, query.created_to) == (NOW - timedelta(days=1), None)
    assert (query.updated_from, query.updated_to) == (None, NOW)
    assert (query.seller_sku, query.parent_order_sn, query.ship_by_before) == (
        "MUG-WHT-11", "PO-211-1", NOW + timedelta(days=1))


def test_an_empty_list_request_lists_the_callers_orders_with_defaults(servicer, orders):
    reply = servicer.ListOrders(pb.ListOrdersRequest(), None)
    [(_, query)] = orders.calls
    assert query.shop_ids == () and query.created_from is None and query.ship_by_before is None
    assert reply.total_size == 5 and {o.shop for o in reply.orders} == {"shops/alice-1"}


def test_a_bad_list_request_names_every_bad_field_at_once_and_reaches_no_use_case(servicer, orders):
    bad_time = timestamp_pb2.Timestamp(seconds=253402300800)
    request = pb.ListOrdersRequest(
        page_size=-1, page_token="x" * 2000, shops=["shops/alice-1", "alice-1"], states=[0, 99],
        temu_statuses=[6], create_time_range=pb.TimeRange(start_time=bad_time),
        update_time_range=pb.TimeRange(end_time=timestamp_pb2.Timestamp(nanos=-1)),
        seller_sku="a\x00b", parent_order_sn="p" * 129, ship_by_before=bad_time)
    with pytest.raises(ValidationFailed) as err:
        servicer.ListOrders(request, None)
    assert violations(err) == {
        "page_size", "page_token", "shops[1]", "states[0]", "states[1]", "temu_statuses[0]",
        "create_time_range.start_time", "update_time_range.end_time", "seller_sku", "parent_order_sn",
        "ship_by_before"}
    assert orders.calls == []


def test_a_filter_with_too_many_values_is_refused(servicer):
    with pytest.raises(ValidationFailed) as err:
        servicer.ListOrders(pb.ListOrdersRequest(shops=[f"shops/s{i}" for i in range(101)]), None)
    assert violations(err) == {"shops"}


def test_get_order_returns_every_field_of_the_order(servicer):
    order = servicer.GetOrder(pb.GetOrderRequest(name="orders/o1"), None).order
    assert order.name == "orders/o1" and order.history and order.HasField("shipping_address")


@pytest.mark.parametrize("name", ["", "o1", "orders/", "shops/alice-1", "orders/o1/x"])
def test_get_order_refuses_a_malformed_name(servicer, name):
    with pytest.raises(ValidationFailed) as err:
        servicer.GetOrder(pb.GetOrderRequest(name=name), None)
    assert violations(err) == {"name"}


def test_sync_shop_orders_starts_a_run_for_the_caller_and_returns_its_operation(servicer, orders):
    op = servicer.SyncShopOrders(pb.SyncShopOrdersRequest(shop="shops/alice-1", request_id=UUID), None)
    assert orders.calls == [("sync_now", ALICE, "alice-1")]
    assert op.name == "operations/run-1" and not op.done


def test_sync_shop_orders_refuses_a_malformed_shop_and_request_id_together(servicer, orders):
    with pytest.raises(ValidationFailed) as err:
        servicer.SyncShopOrders(pb.SyncShopOrdersRequest(shop="alice-1", request_id="not-a-uuid"), None)
    assert violations(err) == {"shop", "request_id"} and orders.calls == []


def test_replay_passes_the_window_as_times(servicer, orders):
    start, end = NOW - timedelta(days=3), NOW - timedelta(days=1)
    op = servicer.ReplayShopOrders(pb.ReplayShopOrdersRequest(
        shop="shops/alice-1", start_time=timestamp(start), end_time=timestamp(end)), None)
    assert orders.calls == [("replay", ALICE, "alice-1", start, end)]
    meta = pb.SyncOrdersMetadata()
    assert op.metadata.Unpack(meta) and meta.kind == pb.SYNC_KIND_REPLAY


def test_replay_needs_both_ends_of_the_window(servicer, orders):
    with pytest.raises(ValidationFailed) as err:
        servicer.ReplayShopOrders(pb.ReplayShopOrdersRequest(shop="shops/alice-1"), None)
    assert violations(err) == {"start_time", "end_time"} and orders.calls == []


def test_get_operation_shows_the_runs_progress(servicers, orders):
    order_servicer, operations = servicers
    started = order_servicer.SyncShopOrders(pb.SyncShopOrdersRequest(shop="shops/alice-1"), None)
    orders.advance("run-1", status="RUNNING", pages_done=2, percent=40.0)
    op = operations.GetOperation(operations_pb2.GetOperationRequest(name=started.name), None)
    meta = pb.SyncOrdersMetadata()
    assert op.metadata.Unpack(meta) and (meta.state, meta.pages_done, meta.percent) == (
        pb.SYNC_STATE_RUNNING, 2, 40.0)


@pytest.mark.parametrize("name", ["", "run-1", "operations/", "operations/a/b", "orders/run-1"])
def test_get_operation_refuses_a_malformed_name(servicers, name):
    with pytest.raises(ValidationFailed) as err:
        servicers[1].GetOperation(operations_pb2.GetOperationRequest(name=name), None)
    assert violations(err) == {"name"}
