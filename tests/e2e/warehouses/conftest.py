"""The carrier sandbox over real HTTP beside the e2e stack, and WarehouseService stubs per caller."""
from __future__ import annotations

from collections.abc import Iterator

import pytest

from adapters.grpc.gen.erp.v1 import warehouse_service_pb2_grpc
from sandboxes.carrier import CarrierSandbox


@pytest.fixture
def carrier() -> Iterator[CarrierSandbox]:
    with CarrierSandbox() as sandbox:
        yield sandbox


@pytest.fixture
def warehouses(stack) -> warehouse_service_pb2_grpc.WarehouseServiceStub:
    return warehouse_service_pb2_grpc.WarehouseServiceStub(stack.channel)
