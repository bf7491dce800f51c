"""Where each method runs is chosen by its full name: a misspelt name would silently send a
method that waits on a provider to the pool that serves the database."""
from __future__ import annotations

from adapters.grpc.gen.erp.v1 import (access_service_pb2, event_service_pb2, fulfillment_service_pb2,
                                      mark_shipped_service_pb2, order_desk_service_pb2, order_service_pb2,
                                      shop_service_pb2, warehouse_service_pb2)
from adapters.grpc.server_factory import INLINE_METHODS, UPSTREAM_METHODS

MODULES = (access_service_pb2, event_service_pb2, fulfillment_service_pb2, mark_shipped_service_pb2,
           order_desk_service_pb2, order_service_pb2, shop_service_pb2, warehouse_service_pb2)


def _served_methods() -> set[str]:
    return {f"/{service.full_name}/{method.name}"
            for module in MODULES for service in module.DESCRIPTOR.services_by_name.values()
            for method in service.methods}


def test_every_method_named_for_the_loop_or_the_provider_lane_is_one_our_services_serve():
    served = _served_methods()
    assert "/erp.v1.WarehouseService/ListCarrierServices" in served  # the names are built as gRPC routes them
    assert INLINE_METHODS <= served, sorted(INLINE_METHODS - served)
    assert UPSTREAM_METHODS <= served, sorted(UPSTREAM_METHODS - served)
    assert not INLINE_METHODS & UPSTREAM_METHODS
