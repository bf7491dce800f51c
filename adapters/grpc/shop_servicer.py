"""``erp.v1.ShopService``: protobuf -> command -> use case -> protobuf, nothing more.

Errors are raised, never turned into statuses here: the error interceptor does that.
"""
from __future__ import annotations

import grpc

from adapters.grpc import shop_requests as requests
from adapters.grpc.call_context import current_principal
from adapters.grpc.gen.erp.v1 import shop_service_pb2 as pb
from adapters.grpc.gen.erp.v1 import shop_service_pb2_grpc as pb_grpc
from adapters.grpc.mappers import shop_to_proto
from adapters.grpc.order_operation_mappers import operation_name
from adapters.grpc.shop_requests import field_aliases
from application.ports.readers import ShopView
from application.shops.facade import ShopUseCases


class ShopServicer(pb_grpc.ShopServiceServicer):
    def __init__(self, shops: ShopUseCases) -> None:
        self._shops = shops

    def AuthorizeShop(self, request: pb.AuthorizeShopRequest,
                      context: grpc.ServicerContext) -> pb.AuthorizeShopResponse:
        cmd = requests.authorize_command(request, current_principal())
        with field_aliases({"name": "display_name"}):
            result = self._shops.authorize(cmd)
        history = operation_name(result.history_sync_id) if result.history_sync_id else ""
        return pb.AuthorizeShopResponse(shop=shop_to_proto(result.shop), history_sync_operation=history,
                                        product_token_reused=result.product_token_reused)

    def AddProductToken(self, request: pb.AddProductTokenRequest,
                        context: grpc.ServicerContext) -> pb.AddProductTokenResponse:
        cmd = requests.add_product_token_command(request, current_principal())
        return pb.AddProductTokenResponse(shop=shop_to_proto(self._shops.add_product_token(cmd)))

    def ReauthorizeShop(self, request: pb.ReauthorizeShopRequest,
                        context: grpc.ServicerContext) -> pb.ReauthorizeShopResponse:
        cmd = requests.reauthorize_command(request, current_principal())
        return pb.ReauthorizeShopResponse(shop=shop_to_proto(self._shops.reauthorize(cmd)))

    def GetShop(self, request: pb.GetShopRequest, context: grpc.ServicerContext) -> pb.GetShopResponse:
        view = self._shops.get(current_principal(), requests.get_shop_id(request))
        return pb.GetShopResponse(shop=shop_to_proto(view))

    def ListShops(self, request: pb.ListShopsRequest, context: grpc.ServicerContext) -> pb.ListShopsResponse:
        page = self._shops.list(requests.list_query(request, current_principal()))
        return pb.ListShopsResponse(shops=[shop_to_proto(v) for v in page.items],
                                    next_page_token=page.next_page_token, total_size=page.total_size)

    def UpdateShop(self, request: pb.UpdateShopRequest, context: grpc.ServicerContext) -> pb.UpdateShopResponse:
        cmd = requests.rename_command(request, current_principal())
        with field_aliases({"name": "shop.display_name"}):
            view = self._shops.rename(cmd)
        return pb.UpdateShopResponse(shop=shop_to_proto(view))

    def EnableShop(self, request: pb.EnableShopRequest, context: grpc.ServicerContext) -> pb.EnableShopResponse:
        cmd = requests.set_status_command(request, current_principal(), enabled=True)
        return pb.EnableShopResponse(shop=shop_to_proto(self._shops.set_status(cmd)))

    def DisableShop(self, request: pb.DisableShopRequest,
                    context: grpc.ServicerContext) -> pb.DisableShopResponse:
        cmd = requests.set_status_command(request, current_principal(), enabled=False)
        return pb.DisableShopResponse(shop=shop_to_proto(self._shops.set_status(cmd)))
