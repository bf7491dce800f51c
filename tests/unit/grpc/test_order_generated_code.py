"""The generated OrderService code uses googleapis' long-running operations under their real name."""
from __future__ import annotations

import pytest
from google.longrunning import operations_pb2
from google.protobuf import descriptor_pool

from adapters.grpc.gen.erp.v1 import order_service_pb2
from proto import generate


def test_the_generated_module_imports_the_operations_module_that_googleapis_ships():
    source = (generate.OUT / "erp" / "v1" / "order_service_pb2.py").read_text()
    assert "from google.longrunning import operations_pb2 " in source
    assert "google/longrunning/operations.proto" in [d.name for d in order_service_pb2.DESCRIPTOR.dependencies]


@pytest.mark.parametrize("method", ["SyncShopOrders", "ReplayShopOrders"])
def test_each_sync_rpc_returns_an_operation_whose_declared_types_exist(method):
    rpc = order_service_pb2.DESCRIPTOR.services_by_name["OrderService"].methods_by_name[method]
    info = rpc.GetOptions().Extensions[operations_pb2.operation_info]
    pool = descriptor_pool.Default()
    assert rpc.output_type.full_name == "google.longrunning.Operation"
    assert pool.FindMessageTypeByName(info.response_type).name == "SyncOrdersResult"
    assert pool.FindMessageTypeByName(info.metadata_type).name == "SyncOrdersMetadata"
