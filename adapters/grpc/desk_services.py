"""The order desk service, ready for ``create_server(..., extra_services=desk_services(desk))``."""
from __future__ import annotations

from adapters.grpc.desk_servicer import OrderDeskServicer
from adapters.grpc.gen.erp.v1 import order_desk_service_pb2, order_desk_service_pb2_grpc
from adapters.grpc.server_factory import ExtraService
from application.desk.facade import DeskUseCases

DESK_SERVICE = order_desk_service_pb2.DESCRIPTOR.services_by_name["OrderDeskService"].full_name


def desk_services(desk: DeskUseCases) -> list[ExtraService]:
    return [ExtraService(DESK_SERVICE, lambda server: order_desk_service_pb2_grpc.add_OrderDeskServiceServicer_to_server(
        OrderDeskServicer(desk), server))]
