"""CancelPackage end to end (issue 11, item 4): two orders synced from the Temu sandbox are pushed
to a Goodcang or an FBA warehouse over real HTTP; the first is cancelled while the provider
still allows it (back to audited, not pushed again by itself), the second once the warehouse is
picking: FAILED_PRECONDITION in the provider's words, and the package stays at the provider.
SQLite and PostgreSQL."""
from __future__ import annotations

import uuid

import grpc
import httpx
import pytest

from adapters.grpc.gen.erp.v1 import fulfillment_service_pb2 as pb
from tests.e2e.packages.test_provider_routes import adopted_route, advance, audited_package, follow, synced_orders
from tests.e2e.warehouses.test_provider_accounts import amazon_request, goodcang_request
from tests.e2e.warehouses.test_warehouse_service import refusal


def pushed_pair(stack, fulfillment, md, warehouse: str, channel: str) -> list[str]:
    orders = synced_orders(stack, count=2, lines=1)
    packages = [audited_package(stack, fulfillment, md, warehouse, channel, order) for order in orders]
    for package in packages:
        follow(fulfillment, md, package, pb.PACKAGE_STATE_PUSHED)
    return packages


def cancel(fulfillment, md, package: str) -> pb.Package:
    return fulfillment.CancelPackage(pb.CancelPackageRequest(name=package, request_id=str(uuid.uuid4())),
                                     metadata=md).package


def assert_back_to_audited_and_left_alone(stack, fulfillment, md, package: str) -> None:
    got = fulfillment.GetPackage(pb.GetPackageRequest(name=package), metadata=md).package
    assert got.state == pb.PACKAGE_STATE_AUDITED and not got.provider_ref and not got.tracking_numbers
    with stack.app.uow() as uow:  # not handed to the push worker again until audited again
        assert uow.packages.get(package.split("/")[1]).next_check_at is None


def refused_too_late(fulfillment, md, package: str) -> str:
    """The refusal's message; the package is still at its provider."""
    with pytest.raises(grpc.RpcError) as refused:
        fulfillment.CancelPackage(pb.CancelPackageRequest(name=package), metadata=md)
    assert refusal(refused.value)[:2] == (grpc.StatusCode.FAILED_PRECONDITION, "CANCEL_REFUSED")
    still = fulfillment.GetPackage(pb.GetPackageRequest(name=package), metadata=md).package
    assert still.state == pb.PACKAGE_STATE_PUSHED and still.provider_ref
    return refused.value.details()


def test_a_goodcang_package_is_cancelled_while_awaiting_review_and_refused_once_picking(stack, fulfillment, goodcang):
    md = stack.md()
    warehouse, channel = adopted_route(stack, md, goodcang_request(goodcang), "USEA", "UPS-GROUND")
    early, late = pushed_pair(stack, fulfillment, md, warehouse, channel)
    early_code = fulfillment.GetPackage(pb.GetPackageRequest(name=early), metadata=md).package.provider_ref

    assert cancel(fulfillment, md, early).state == pb.PACKAGE_STATE_AUDITED
    assert_back_to_audited_and_left_alone(stack, fulfillment, md, early)
    orders = {o["order_code"]: o for o in httpx.get(f"{goodcang.root_url}/sandbox/orders", timeout=10).json()["orders"]}
    assert orders[early_code]["order_status"] == "X"  # discarded at the warehouse

    advance(goodcang, 61)  # reviewed: the warehouse is picking
    words = refused_too_late(fulfillment, md, late)
    assert "picking" in words and "不允许取消" in words  # the warehouse's own words


def test_an_fba_package_is_cancelled_while_received_and_refused_once_processing(stack, fulfillment, fba):
    md = stack.md()
    sandbox, _ = fba
    warehouse, channel = adopted_route(stack, md, amazon_request(fba), "", "Standard")
    early, late = pushed_pair(stack, fulfillment, md, warehouse, channel)

    assert cancel(fulfillment, md, early).state == pb.PACKAGE_STATE_AUDITED
    assert_back_to_audited_and_left_alone(stack, fulfillment, md, early)

    advance(sandbox, 90)  # past Received and Planning: Amazon is processing it
    assert "processing" in refused_too_late(fulfillment, md, late).lower()
