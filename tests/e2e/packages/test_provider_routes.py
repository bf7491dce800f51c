"""The 3PL and FBA routes end to end (issue 11, acceptance 1): a real gRPC server and the
in-process workers and scheduler, an order synced from the Temu sandbox, assigned to a Goodcang
or an FBA warehouse adopted over gRPC, audited, pushed to the provider's sandbox over real HTTP;
the sandbox's clock is advanced through its control API and the package follows it, accepted
then shipped, with its tracking numbers (GetPackage). SQLite and PostgreSQL."""
from __future__ import annotations

import uuid

import httpx

from adapters.grpc.gen.erp.v1 import fulfillment_service_pb2 as pb
from adapters.grpc.gen.erp.v1 import order_pb2, provider_account_pb2 as ppb, warehouse_service_pb2_grpc
from tests.e2e.orders.sync_helpers import all_orders, authorize, eventually, sandbox_shop, wait_done
from tests.e2e.packages.test_fulfillment_service import has_address
from tests.e2e.packages.conftest import SKU
from tests.e2e.warehouses.test_provider_accounts import amazon_request, goodcang_request


def adopted_route(stack, md, request: ppb.AuthorizeProviderAccountRequest, code: str, channel: str):
    """The provider's warehouse and one of its channels, adopted as the seller would."""
    warehouses = warehouse_service_pb2_grpc.WarehouseServiceStub(stack.channel)
    account = warehouses.AuthorizeProviderAccount(request, metadata=md).provider_account
    adopted = warehouses.AdoptProviderWarehouse(ppb.AdoptProviderWarehouseRequest(
        provider_account=account.name, warehouse_code=code), metadata=md)
    [chosen] = [c.name for c in adopted.channels if c.service_token == channel]
    return adopted.warehouse.name, chosen


def synced_orders(stack, count: int = 1, lines: int = 2):
    """``count`` to-ship orders of ``lines`` lines of the stocked SKU, with their addresses, from
    the Temu sandbox, in one shop."""
    mall, token = sandbox_shop(stack)
    for _ in range(count):
        stack.temu.create_order(mall, 211, status=2, lines=lines, quantity=1, seller_sku=SKU)
    shop = authorize(stack, "Provider route US", token)
    wait_done(stack, shop.history_sync_operation)

    def with_addresses():
        found = all_orders(stack, shop.shop.name, states=[order_pb2.ORDER_STATE_TO_REVIEW])
        return found if len(found) == count and all(has_address(stack, o.name) for o in found) else None
    orders = eventually(with_addresses)
    assert orders, f"{count} order(s) synced with their addresses"
    return orders


def audited_package(stack, fulfillment, md, warehouse: str, channel: str, order=None) -> str:
    order = order or synced_orders(stack)[0]
    assigned = fulfillment.AssignFulfillment(pb.AssignFulfillmentRequest(
        orders=[order.name], warehouse=warehouse, channel=channel, request_id=str(uuid.uuid4())), metadata=md)
    assert assigned.results[0].status.code == 0, assigned.results[0].status.message
    audited = fulfillment.AuditOrders(pb.AuditOrdersRequest(orders=[order.name]), metadata=md)
    assert audited.results[0].status.code == 0, audited.results[0].status.message
    [package] = audited.results[0].packages
    return package


def follow(fulfillment, md, package: str, state, timeout: float = 60.0):
    def reached():
        got = fulfillment.GetPackage(pb.GetPackageRequest(name=package), metadata=md).package
        return got if got.state == state else None
    found = eventually(reached, timeout=timeout)
    last = fulfillment.GetPackage(pb.GetPackageRequest(name=package), metadata=md).package
    assert found, f"{package} never reached {pb.PackageState.Name(state)}: {last}"
    return found


def advance(sandbox, seconds: float) -> None:
    httpx.post(f"{sandbox.root_url}/sandbox/clock/advance", json={"seconds": seconds}, timeout=10).raise_for_status()


def test_a_synced_order_goes_through_goodcang_from_accepted_to_shipped_with_a_tracking_number_per_box(
        stack, fulfillment, goodcang):
    md = stack.md()
    warehouse, channel = adopted_route(stack, md, goodcang_request(goodcang), "USEA", "UPS-GROUND")
    package = audited_package(stack, fulfillment, md, warehouse, channel)

    accepted = follow(fulfillment, md, package, pb.PACKAGE_STATE_PUSHED)
    assert accepted.provider_ref and not accepted.tracking_numbers
    assert "ACCEPTED" in follow_message(fulfillment, md, package, "ACCEPTED")
    advance(goodcang, 3600)  # reviewed, picked and shipped on the warehouse's clock

    shipped = follow(fulfillment, md, package, pb.PACKAGE_STATE_SHIPPED)
    assert len(shipped.tracking_numbers) == 2 and all(shipped.tracking_numbers)  # one box per line
    [order] = httpx.get(f"{goodcang.root_url}/sandbox/orders", timeout=10).json()["orders"]
    assert order["order_code"] == shipped.provider_ref
    created = httpx.get(f"{goodcang.root_url}/sandbox/references",
                        params={"reference_no": order["reference_no"]}, timeout=10).json()["created"]
    assert created == 1


def test_a_synced_order_goes_through_fba_from_received_to_complete_with_its_tracking_numbers(stack, fulfillment, fba):
    md = stack.md()
    sandbox, _ = fba
    warehouse, channel = adopted_route(stack, md, amazon_request(fba), "", "Standard")
    package = audited_package(stack, fulfillment, md, warehouse, channel)

    accepted = follow(fulfillment, md, package, pb.PACKAGE_STATE_PUSHED)
    assert accepted.provider_ref and not accepted.tracking_numbers
    follow_message(fulfillment, md, package, "ACCEPTED")
    advance(sandbox, 3600)  # planned, processed, complete on Amazon's clock

    shipped = follow(fulfillment, md, package, pb.PACKAGE_STATE_SHIPPED)
    assert shipped.tracking_numbers and all(shipped.tracking_numbers)
    counts = httpx.get(f"{sandbox.root_url}/sandbox/orders", timeout=10).json()["counts"]
    assert [c["created"] for c in counts.values()] == [1]  # one fulfillment order, however many looks


def follow_message(fulfillment, md, package: str, words: str) -> str:
    def said():
        got = fulfillment.GetPackage(pb.GetPackageRequest(name=package), metadata=md).package
        return got.last_message if words in got.last_message else None
    message = eventually(said, timeout=30)
    assert message, f"{package} never said {words!r}"
    return message
