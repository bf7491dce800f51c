"""A slow carrier holds only the calls that wait on it, and only as long as their callers wait:
the calls that only use the database are served by threads of their own meanwhile (the lane of
docs/operations.md, "Threads of the server")."""
from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor

import grpc

from adapters.grpc.gen.erp.v1 import order_service_pb2, order_service_pb2_grpc
from adapters.grpc.gen.erp.v1 import warehouse_service_pb2 as pb
from domain.principal import Role
from tests.e2e.warehouses.test_warehouse_service import add_account

CARRIER_DELAY_S = 4.0


def test_carrier_calls_waiting_on_a_slow_carrier_leave_order_lists_answered_meanwhile(stack, carrier, warehouses):
    _, seller = stack.key_for("Seller", Role.SHOP_OWNER)
    md = stack.md(seller)
    account = add_account(warehouses, carrier, md).name
    waiting_calls = stack.app.settings.grpc_threads + stack.app.settings.upstream_rpc_threads
    carrier.store.faults.inject("delay", path="/", times=None, delay_s=CARRIER_DELAY_S)
    fault = carrier.store.faults.all()[0]
    orders = order_service_pb2_grpc.OrderServiceStub(stack.channel)

    def list_services() -> grpc.StatusCode:
        try:
            warehouses.ListCarrierServices(pb.ListCarrierServicesRequest(carrier_account=account),
                                           metadata=md, timeout=60)
            return grpc.StatusCode.OK
        except grpc.RpcError as err:
            return err.code()

    with ThreadPoolExecutor(waiting_calls) as pool:
        waiting = [pool.submit(list_services) for _ in range(waiting_calls)]
        end = time.monotonic() + CARRIER_DELAY_S / 2
        while fault.seen < stack.app.settings.upstream_rpc_threads and time.monotonic() < end:
            time.sleep(0.02)
        assert fault.seen >= 1, "no call reached the carrier"
        lists = [orders.ListOrders(order_service_pb2.ListOrdersRequest(), metadata=md, timeout=30)
                 for _ in range(20)]
        finished_meanwhile = sum(f.done() for f in waiting)
        carrier.store.faults.clear()
        codes = [f.result() for f in waiting]
    assert len(lists) == 20 and all(page.total_size == 0 for page in lists)
    assert finished_meanwhile == 0, "a call waiting on the slow carrier ended before the order lists did"
    assert fault.seen <= stack.app.settings.upstream_rpc_threads, \
        f"{fault.seen} calls reached the carrier at once; the lane has {stack.app.settings.upstream_rpc_threads} threads"
    assert set(codes) <= {grpc.StatusCode.OK, grpc.StatusCode.RESOURCE_EXHAUSTED}


def test_callers_that_give_up_on_a_slow_carrier_free_the_lane_for_the_next_calls(stack, carrier,
                                                                                    warehouses):
    """Each call in the lane keeps to its caller's deadline down to the carrier's HTTP timeout, so
    a thread is free again when its caller gives up, not when the carrier finally answers."""
    _, seller = stack.key_for("Seller", Role.SHOP_OWNER)
    md = stack.md(seller)
    account = add_account(warehouses, carrier, md).name
    lane = stack.app.settings.upstream_rpc_threads
    carrier.store.faults.inject("delay", path="/", times=None, delay_s=3 * CARRIER_DELAY_S)

    def list_services(timeout_s: float) -> grpc.StatusCode:
        try:
            warehouses.ListCarrierServices(pb.ListCarrierServicesRequest(carrier_account=account),
                                           metadata=md, timeout=timeout_s)
            return grpc.StatusCode.OK
        except grpc.RpcError as err:
            return err.code()

    with ThreadPoolExecutor(lane) as pool:
        impatient = list(pool.map(list_services, [1.0] * lane))  # every thread of the lane taken
    assert impatient == [grpc.StatusCode.DEADLINE_EXCEEDED] * lane
    carrier.store.faults.clear()
    assert list_services(CARRIER_DELAY_S) is grpc.StatusCode.OK, \
        "the lane's threads still waited on the carrier after their callers gave up"
