"""``erp.v1.OrderService``: protobuf -> query or command -> use case -> protobuf, nothing more.

Errors are raised, never turned into statuses here: the error interceptor does that.
"""
from __future__ import annotations

import grpc
from google.longrunning import operations_pb2

from adapters.grpc import order_requests as requests
from adapters.grpc.call_context import current_principal
from adapters.grpc.gen.erp.v1 import order_service_pb2 as pb, order_service_pb2_grpc as pb_grpc
from adapters.grpc.order_mappers import counts_to_proto, order_to_proto, summary_to_proto
from adapters.grpc.order_operation_mappers import operation_to_proto
from application.orders.facade import OrderUseCases


class OrderServicer(pb_grpc.OrderServiceServicer):
    def __init__(self, orders: OrderUseCases) -> None:
        self._orders = orders

    def ListOrders(self, request: pb.ListOrdersRequest, context: grpc.ServicerContext) -> pb.ListOrdersResponse:
        page = self._orders.list_orders(requests.list_query(request, current_principal()))
        return pb.ListOrdersResponse(orders=[summary_to_proto(v) for v in page.items],
                                     next_page_token=page.next_page_token, total_size=page.total_size,
                                     missing_order_sns=page.missing)

    def CountOrders(self, request: pb.CountOrdersRequest, context: grpc.ServicerContext) -> pb.CountOrdersResponse:
        return counts_to_proto(self._orders.count_orders(requests.count_query(request, current_principal())))

    def GetOrder(self, request: pb.GetOrderRequest, context: grpc.ServicerContext) -> pb.GetOrderResponse:
        detail = self._orders.get_order(current_principal(), requests.order_id(request))
        return pb.GetOrderResponse(order=order_to_proto(detail))

    def SyncShopOrders(self, request: pb.SyncShopOrdersRequest,
                       context: grpc.ServicerContext) -> operations_pb2.Operation:
        shop_id, request_id = requests.sync_args(request)
        run = self._orders.sync_now(current_principal(), shop_id, request_id)
        return operation_to_proto(run)

    def ReplayShopOrders(self, request: pb.ReplayShopOrdersRequest,
                         context: grpc.ServicerContext) -> operations_pb2.Operation:
        args = requests.replay_args(request)
        run = self._orders.replay(current_principal(), args.shop_id, args.start, args.end, args.request_id)
        return operation_to_proto(run)
