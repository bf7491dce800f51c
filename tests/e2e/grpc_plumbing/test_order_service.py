"""OrderService and Operations through a real server on 127.0.0.1:0 over fake use cases:
paging, NOT_FOUND, and a sync followed from start to done (or failure) with GetOperation."""
from __future__ import annotations

import grpc
import pytest
from google.longrunning import operations_pb2, operations_pb2_grpc
from google.rpc import code_pb2
from grpc_health.v1 import health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha.proto_reflection_descriptor_database import ProtoReflectionDescriptorDatabase

from adapters.grpc.gen.erp.v1 import order_service_pb2 as pb, order_service_pb2_grpc as pb_grpc
from adapters.grpc.order_services import order_services
from tests.e2e.grpc_plumbing.conftest import start, stop
from tests.unit.grpc.fake_order_use_cases import FakeOrderUseCases
from tests.unit.grpc.rich_status import rich_status

ALICE = [("x-api-key", "alice-key-0001")]
BOB = [("x-api-key", "bob-key-0001")]


@pytest.fixture
def orders() -> FakeOrderUseCases:
    return FakeOrderUseCases()


@pytest.fixture
def running(orders):
    running = start(extra_services=order_services(orders))
    yield running
    stop(running)


@pytest.fixture
def stub(running) -> pb_grpc.OrderServiceStub:
    return pb_grpc.OrderServiceStub(running.channel)


@pytest.fixture
def operations(running) -> operations_pb2_grpc.OperationsStub:
    return operations_pb2_grpc.OperationsStub(running.channel)


def error_of(call, request, metadata=ALICE) -> grpc.RpcError:
    with pytest.raises(grpc.RpcError) as err:
        call(request, metadata=metadata, timeout=5)
    return err.value


def metadata_of(op: operations_pb2.Operation) -> pb.SyncOrdersMetadata:
    meta = pb.SyncOrdersMetadata()
    assert op.metadata.Unpack(meta)
    return meta


def test_both_services_are_served_healthy_and_reflected(running):
    health = health_pb2_grpc.HealthStub(running.channel)
    for service in ("erp.v1.OrderService", "google.longrunning.Operations"):
        reply = health.Check(health_pb2.HealthCheckRequest(service=service), timeout=5)
        assert reply.status == health_pb2.HealthCheckResponse.SERVING
    db = ProtoReflectionDescriptorDatabase(running.channel)
    assert {"erp.v1.OrderService", "google.longrunning.Operations"} <= set(db.get_services())
    assert db.FindFileContainingSymbol("erp.v1.SyncOrdersMetadata").name == "erp/v1/order_service.proto"


def test_list_orders_pages_through_every_order_once_newest_first(stub):
    names, token, pages = [], "", 0
    while True:
        reply = stub.ListOrders(pb.ListOrdersRequest(page_size=2, page_token=token), metadata=ALICE, timeout=5)
        names += [o.name for o in reply.orders]
        token, pages = reply.next_page_token, pages + 1
        assert reply.total_size == 5
        if not token:
            break
    assert pages == 3 and names == [f"orders/o{i}" for i in range(5)]


def test_a_page_token_the_api_did_not_issue_is_invalid_argument(stub):
    err = error_of(stub.ListOrders, pb.ListOrdersRequest(page_token="forged"))
    status, details = rich_status(err)
    assert err.code() is grpc.StatusCode.INVALID_ARGUMENT
    assert details["ErrorInfo"].reason == "INVALID_PAGE_TOKEN"
    assert [v.field for v in details["BadRequest"].field_violations] == ["page_token"]


def test_a_shop_owner_lists_only_their_own_orders(stub):
    reply = stub.ListOrders(pb.ListOrdersRequest(), metadata=BOB, timeout=5)
    assert [o.name for o in reply.orders] == ["orders/b0"]


def test_get_order_returns_the_whole_order(stub):
    order = stub.GetOrder(pb.GetOrderRequest(name="orders/o2"), metadata=ALICE, timeout=5).order
    assert order.shop == "shops/alice-1" and len(order.history) == 2 and order.shipping_address.country == "US"


@pytest.mark.parametrize("name, who", [("orders/nope", ALICE), ("orders/o1", BOB)], ids=["absent", "not-yours"])
def test_an_order_that_is_absent_or_not_yours_is_not_found(stub, name, who):
    err = error_of(stub.GetOrder, pb.GetOrderRequest(name=name), who)
    _, details = rich_status(err)
    assert err.code() is grpc.StatusCode.NOT_FOUND
    assert details["ErrorInfo"].reason == "ORDER_NOT_FOUND" and details["ResourceInfo"].resource_name == name


def test_a_sync_is_followed_from_its_start_to_its_result(stub, operations, orders):
    started = stub.SyncShopOrders(pb.SyncShopOrdersRequest(shop="shops/alice-1"), metadata=ALICE, timeout=5)
    assert started.name.startswith("operations/") and not started.done
    assert metadata_of(started).state == pb.SYNC_STATE_PENDING

    run_id = started.name.removeprefix("operations/")
    orders.advance(run_id, status="RUNNING", pages_done=2, pages_estimate=5, orders_seen=200, percent=40.0)
    progress = operations.GetOperation(operations_pb2.GetOperationRequest(name=started.name), metadata=ALICE,
                                       timeout=5)
    meta = metadata_of(progress)
    assert not progress.done and (meta.state, meta.pages_done, meta.pages_estimate, meta.percent) == (
        pb.SYNC_STATE_RUNNING, 2, 5, 40.0)

    orders.advance(run_id, status="SUCCEEDED", pages_done=5, orders_seen=480, created=400, percent=100.0)
    done = operations.GetOperation(operations_pb2.GetOperationRequest(name=started.name), metadata=ALICE, timeout=5)
    result = pb.SyncOrdersResult()
    assert done.done and done.response.Unpack(result)
    assert (result.orders_seen, result.orders_created, result.pages_done) == (480, 400, 5)


def test_a_failed_replay_is_done_with_an_error_and_a_waiting_one_is_not_done(stub, operations, orders):
    window = pb.ReplayShopOrdersRequest(shop="shops/alice-1")
    window.start_time.FromSeconds(1_790_000_000)
    window.end_time.FromSeconds(1_790_086_400)
    failed = stub.ReplayShopOrders(window, metadata=ALICE, timeout=5)
    waiting = stub.ReplayShopOrders(window, metadata=ALICE, timeout=5)
    orders.advance(failed.name.removeprefix("operations/"), status="FAILED", errors=("the shop is disabled or gone",))
    orders.advance(waiting.name.removeprefix("operations/"), status="WAITING_REAUTH")
    get = lambda op: operations.GetOperation(operations_pb2.GetOperationRequest(name=op.name),  # noqa: E731
                                             metadata=ALICE, timeout=5)
    failed, waiting = get(failed), get(waiting)
    assert failed.done and failed.error.code == code_pb2.ABORTED and "disabled" in failed.error.message
    assert not waiting.done and metadata_of(waiting).state == pb.SYNC_STATE_WAITING_REAUTH


def test_a_sync_of_a_shop_whose_token_expired_is_failed_precondition(stub):
    err = error_of(stub.SyncShopOrders, pb.SyncShopOrdersRequest(shop="shops/alice-expired"))
    assert err.code() is grpc.StatusCode.FAILED_PRECONDITION
    assert rich_status(err)[1]["ErrorInfo"].reason == "SHOP_REAUTHORIZATION_REQUIRED"


def test_someone_elses_operation_is_not_found(stub, operations):
    started = stub.SyncShopOrders(pb.SyncShopOrdersRequest(shop="shops/alice-1"), metadata=ALICE, timeout=5)
    err = error_of(operations.GetOperation, operations_pb2.GetOperationRequest(name=started.name), BOB)
    assert err.code() is grpc.StatusCode.NOT_FOUND
    assert rich_status(err)[1]["ErrorInfo"].reason == "OPERATION_NOT_FOUND"


@pytest.mark.parametrize("method, request_", [
    ("CancelOperation", operations_pb2.CancelOperationRequest(name="operations/run-1")),
    ("DeleteOperation", operations_pb2.DeleteOperationRequest(name="operations/run-1")),
    ("WaitOperation", operations_pb2.WaitOperationRequest(name="operations/run-1")),
])
def test_the_other_operations_methods_are_unimplemented_and_say_why(operations, method, request_):
    err = error_of(getattr(operations, method), request_)
    assert err.code() is grpc.StatusCode.UNIMPLEMENTED
    assert f"google.longrunning.Operations.{method} is not implemented:" in err.details()


def test_order_calls_without_an_api_key_are_unauthenticated(stub, operations):
    for call, request in ((stub.ListOrders, pb.ListOrdersRequest()),
                          (operations.GetOperation, operations_pb2.GetOperationRequest(name="operations/x"))):
        assert error_of(call, request, metadata=()).code() is grpc.StatusCode.UNAUTHENTICATED
