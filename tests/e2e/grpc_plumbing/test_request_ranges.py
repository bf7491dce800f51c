"""Every number and time of a request has a documented range, checked at the edge: its bound is
accepted and one past it is INVALID_ARGUMENT naming the field (never INTERNAL from deep inside,
never a negative timestamp sent to Temu). Undecodable bytes are INVALID_ARGUMENT too."""
from __future__ import annotations

import grpc
import pytest
from google.protobuf import timestamp_pb2
from google.protobuf.message import Message

from adapters.grpc.gen.erp.v1 import order_service_pb2 as opb, shop_pb2, shop_service_pb2 as spb
from adapters.grpc.order_services import order_services
from tests.e2e.grpc_plumbing.conftest import start, stop
from tests.unit.grpc.fake_order_use_cases import FakeOrderUseCases
from tests.unit.grpc.rich_status import rich_status

ADMIN = [("x-api-key", "admin-key-0001")]
Y2000 = 946684800  # 2000-01-01T00:00:00Z, the earliest time a request may carry
Y2100 = 4102444800  # 2100-01-01T00:00:00Z, the first time it may not


def at(seconds: int, nanos: int = 0) -> timestamp_pb2.Timestamp:
    return timestamp_pb2.Timestamp(seconds=seconds, nanos=nanos)


def rename(version: int) -> spb.UpdateShopRequest:
    return spb.UpdateShopRequest(shop=shop_pb2.Shop(name="shops/alice-1", display_name="N", etag_version=version))


def replay(start_s: int, end_s: int) -> opb.ReplayShopOrdersRequest:
    return opb.ReplayShopOrdersRequest(shop="shops/alice-1", start_time=at(start_s), end_time=at(end_s))


SHOPS, ORDERS = "/erp.v1.ShopService/", "/erp.v1.OrderService/"
# (field, method, the request at its bound, the request one past it)
BOUNDS: list[tuple[str, str, Message, Message]] = [
    ("expiring_within_days", SHOPS + "ListShops", spb.ListShopsRequest(expiring_within_days=3650),
     spb.ListShopsRequest(expiring_within_days=3651)),
    ("expiring_within_days", SHOPS + "ListShops", spb.ListShopsRequest(expiring_within_days=0),
     spb.ListShopsRequest(expiring_within_days=-1)),
    ("page_size", SHOPS + "ListShops", spb.ListShopsRequest(page_size=0), spb.ListShopsRequest(page_size=-1)),
    ("shop.etag_version", SHOPS + "UpdateShop", rename(0), rename(-1)),
    ("shop.etag_version", SHOPS + "UpdateShop", rename(2**31 - 1), rename(2**31)),
    ("page_size", ORDERS + "ListOrders", opb.ListOrdersRequest(page_size=0), opb.ListOrdersRequest(page_size=-1)),
    ("ship_by_before", ORDERS + "ListOrders", opb.ListOrdersRequest(ship_by_before=at(Y2000)),
     opb.ListOrdersRequest(ship_by_before=at(Y2000 - 1))),
    ("ship_by_before", ORDERS + "ListOrders", opb.ListOrdersRequest(ship_by_before=at(Y2100 - 1)),
     opb.ListOrdersRequest(ship_by_before=at(Y2100))),
    ("ship_by_before", ORDERS + "ListOrders", opb.ListOrdersRequest(ship_by_before=at(Y2000, 999_999_999)),
     opb.ListOrdersRequest(ship_by_before=at(Y2000, 1_000_000_000))),
    ("create_time_range.start_time", ORDERS + "ListOrders",
     opb.ListOrdersRequest(create_time_range=opb.TimeRange(start_time=at(Y2000))),
     opb.ListOrdersRequest(create_time_range=opb.TimeRange(start_time=at(Y2000 - 1)))),
    ("update_time_range.end_time", ORDERS + "ListOrders",
     opb.ListOrdersRequest(update_time_range=opb.TimeRange(end_time=at(Y2100 - 1))),
     opb.ListOrdersRequest(update_time_range=opb.TimeRange(end_time=at(Y2100)))),
    ("start_time", ORDERS + "ReplayShopOrders", replay(Y2000, Y2000 + 3600), replay(Y2000 - 1, Y2000 + 3600)),
    ("end_time", ORDERS + "ReplayShopOrders", replay(Y2000, Y2000 + 3600), replay(Y2000, -62135596800)),
]


@pytest.fixture(scope="module")
def running():
    running = start(extra_services=order_services(FakeOrderUseCases()))
    yield running
    stop(running)


def code_of(running, method: str, payload: bytes) -> tuple[grpc.StatusCode, grpc.RpcError | None]:
    try:
        running.channel.unary_unary(method)(payload, metadata=ADMIN, timeout=10)
        return grpc.StatusCode.OK, None
    except grpc.RpcError as err:
        return err.code(), err


@pytest.mark.parametrize("field,method,inside,outside", BOUNDS, ids=[f"{b[1].rsplit('/')[-1]}-{b[0]}-{i}"
                                                                     for i, b in enumerate(BOUNDS)])
def test_a_field_at_its_bound_passes_the_edge_and_one_past_it_is_invalid_argument_naming_it(
        running, field, method, inside, outside):
    code, err = code_of(running, method, inside.SerializeToString())
    violations = rich_status(err)[1].get("BadRequest") if code is grpc.StatusCode.INVALID_ARGUMENT else None
    assert code is not grpc.StatusCode.INVALID_ARGUMENT, violations
    code, err = code_of(running, method, outside.SerializeToString())
    assert code is grpc.StatusCode.INVALID_ARGUMENT
    assert field in [v.field for v in rich_status(err)[1]["BadRequest"].field_violations]


def test_the_expiry_filter_that_overflowed_the_reader_is_invalid_argument(running):
    code, err = code_of(running, SHOPS + "ListShops", spb.ListShopsRequest(expiring_within_days=2_930_000)
                        .SerializeToString())
    assert code is grpc.StatusCode.INVALID_ARGUMENT
    assert rich_status(err)[1]["BadRequest"].field_violations[0].field == "expiring_within_days"


@pytest.mark.parametrize("method", [SHOPS + "GetShop", SHOPS + "ListShops", ORDERS + "ListOrders",
                                    "/google.longrunning.Operations/GetOperation"])
def test_bytes_that_are_not_the_request_message_are_invalid_argument(running, method):
    code, err = code_of(running, method, b"\xff\xff\xff\xff")
    assert code is grpc.StatusCode.INVALID_ARGUMENT
    status, details = rich_status(err)
    assert details["ErrorInfo"].reason == "UNDECODABLE_REQUEST"
    assert details["BadRequest"].field_violations[0].field == "request"
