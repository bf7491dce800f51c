"""The carrier, Goodcang and FBA sandboxes beside the e2e stack, and a seller's own warehouse
with a PDF channel on it."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from adapters.grpc.gen.erp.v1 import fulfillment_service_pb2_grpc, warehouse_pb2 as w
from adapters.grpc.gen.erp.v1 import warehouse_service_pb2 as wpb, warehouse_service_pb2_grpc
from sandboxes.carrier import CarrierSandbox
from sandboxes.fba import FbaSandbox
from sandboxes.goodcang import GoodcangSandbox, seed_demo
from tests.e2e.warehouses.test_provider_accounts import CLIENT_ID, CLIENT_SECRET
from tests.e2e.warehouses.test_warehouse_service import own_warehouse

SKU = "DEMO-MUG-01"  # stocked at both provider sandboxes


@pytest.fixture
def carrier() -> Iterator[CarrierSandbox]:
    with CarrierSandbox() as sandbox:
        yield sandbox


@pytest.fixture
def goodcang() -> Iterator[GoodcangSandbox]:
    with GoodcangSandbox() as sandbox:
        seed_demo(sandbox.registry, qps=1000)
        yield sandbox


@pytest.fixture
def fba() -> Iterator[tuple[FbaSandbox, str]]:
    sandbox = FbaSandbox().start()
    try:
        refresh = sandbox.registry.add_client(CLIENT_ID, CLIENT_SECRET)
        sandbox.registry.set_stock(SKU, 20)
        yield sandbox, refresh
    finally:
        sandbox.stop()


@dataclass
class Route:
    warehouse: str
    channel: str


@pytest.fixture
def fulfillment(stack) -> fulfillment_service_pb2_grpc.FulfillmentServiceStub:
    return fulfillment_service_pb2_grpc.FulfillmentServiceStub(stack.channel)


def pdf_route(stack, carrier, md) -> Route:
    warehouses = warehouse_service_pb2_grpc.WarehouseServiceStub(stack.channel)
    warehouse = own_warehouse(warehouses, carrier, md)
    channel = warehouses.EnableChannel(wpb.EnableChannelRequest(
        warehouse=warehouse.name, service_token="usps_ground_advantage", label_format=w.LABEL_FORMAT_PDF_4X6,
        temu_carriers=[w.TemuCarrier(region_id=211, carrier_id=5001, carrier_name="USPS")]), metadata=md).channel
    return Route(warehouse.name, channel.name)
