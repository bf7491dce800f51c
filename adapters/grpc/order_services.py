"""The order sync services, ready for ``create_server(..., extra_services=order_services(orders))``."""
from __future__ import annotations

from google.longrunning import operations_pb2_grpc

from adapters.grpc.gen.erp.v1 import order_service_pb2, order_service_pb2_grpc
from adapters.grpc.operations_servicer import OPERATIONS_SERVICE, OperationsServicer
from adapters.grpc.order_servicer import OrderServicer
from adapters.grpc.server_factory import ExtraService
from application.orders.facade import OrderUseCases

ORDER_SERVICE = order_service_pb2.DESCRIPTOR.services_by_name["OrderService"].full_name


def order_services(orders: OrderUseCases) -> list[ExtraService]:
    """``erp.v1.OrderService`` and ``google.longrunning.Operations``, both over ``orders``."""
    return [
        ExtraService(ORDER_SERVICE, lambda server: order_service_pb2_grpc.add_OrderServiceServicer_to_server(
            OrderServicer(orders), server)),
        ExtraService(OPERATIONS_SERVICE, lambda server: operations_pb2_grpc.add_OperationsServicer_to_server(
            OperationsServicer(orders), server)),
    ]
