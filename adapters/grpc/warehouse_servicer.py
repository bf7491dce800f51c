"""``erp.v1.WarehouseService``: protobuf -> command -> use case -> protobuf, nothing more.

Errors are raised, never turned into statuses here: the error interceptor does that.
"""
from __future__ import annotations

import grpc

from adapters.grpc import warehouse_requests as requests
from adapters.grpc.call_context import current_principal
from adapters.grpc.gen.erp.v1 import warehouse_service_pb2 as pb
from adapters.grpc.gen.erp.v1 import warehouse_service_pb2_grpc as pb_grpc
from adapters.grpc.provider_servicer import ProviderAccountMethods
from adapters.grpc.server_factory import ExtraService
from adapters.grpc.shop_requests import field_aliases
from adapters.grpc.warehouse_mappers import (
    WAREHOUSE_KINDS, account_to_proto, channel_to_proto, service_to_proto, sku_mapping_to_proto,
    warehouse_to_proto,
)
from application.warehouses.facade import WarehouseUseCases

Context = grpc.ServicerContext
WAREHOUSE_SERVICE = pb.DESCRIPTOR.services_by_name["WarehouseService"].full_name


class WarehouseServicer(ProviderAccountMethods, pb_grpc.WarehouseServiceServicer):
    def __init__(self, warehouses: WarehouseUseCases) -> None:
        self._w = warehouses

    def AddCarrierAccount(self, request: pb.AddCarrierAccountRequest, context: Context) -> pb.AddCarrierAccountResponse:
        view = self._w.add_carrier_account.execute(requests.add_account_command(request, current_principal()))
        return pb.AddCarrierAccountResponse(carrier_account=account_to_proto(view))

    def UpdateCarrierCredentials(self, request: pb.UpdateCarrierCredentialsRequest,
                                 context: Context) -> pb.UpdateCarrierCredentialsResponse:
        cmd = requests.replace_credentials_command(request, current_principal())
        view = self._w.replace_carrier_credentials.execute(cmd)
        return pb.UpdateCarrierCredentialsResponse(carrier_account=account_to_proto(view))

    def ListCarrierAccounts(self, request: pb.ListCarrierAccountsRequest,
                            context: Context) -> pb.ListCarrierAccountsResponse:
        requests.checked_page(request.page_size, request.page_token, request.owner)
        page = self._w.queries.carrier_accounts(current_principal(), request.page_size, request.page_token,
                                                request.owner)
        return pb.ListCarrierAccountsResponse(carrier_accounts=[account_to_proto(v) for v in page.items],
                                              next_page_token=page.next_page_token, total_size=page.total_size)

    def ListCarrierServices(self, request: pb.ListCarrierServicesRequest,
                            context: Context) -> pb.ListCarrierServicesResponse:
        account_id = requests.checked_page(0, "", required={"carrier_account": (request.carrier_account, "carrierAccounts")})
        services = self._w.list_carrier_services.execute(current_principal(), account_id["carrier_account"])
        return pb.ListCarrierServicesResponse(services=[service_to_proto(s) for s in services])

    def RegisterWarehouse(self, request: pb.RegisterWarehouseRequest,
                          context: Context) -> pb.RegisterWarehouseResponse:
        cmd = requests.register_command(request, current_principal())
        with field_aliases({"name": "display_name"}):
            view = self._w.register_warehouse.execute(cmd)
        return pb.RegisterWarehouseResponse(warehouse=warehouse_to_proto(view))

    def GetWarehouse(self, request: pb.GetWarehouseRequest, context: Context) -> pb.GetWarehouseResponse:
        view = self._w.get_warehouse.execute(current_principal(), requests.warehouse_id(request.name))
        return pb.GetWarehouseResponse(warehouse=warehouse_to_proto(view))

    def ListWarehouses(self, request: pb.ListWarehousesRequest, context: Context) -> pb.ListWarehousesResponse:
        requests.checked_page(request.page_size, request.page_token, request.owner)
        kind = WAREHOUSE_KINDS.from_proto(request.kind, "kind")
        page = self._w.queries.warehouses(current_principal(), kind, request.active_only, request.page_size,
                                          request.page_token, request.owner)
        return pb.ListWarehousesResponse(warehouses=[warehouse_to_proto(v) for v in page.items],
                                         next_page_token=page.next_page_token, total_size=page.total_size)

    def DeactivateWarehouse(self, request: pb.DeactivateWarehouseRequest,
                            context: Context) -> pb.DeactivateWarehouseResponse:
        view = self._w.set_warehouse_active.execute(requests.set_active_command(request.name, current_principal(), False))
        return pb.DeactivateWarehouseResponse(warehouse=warehouse_to_proto(view))

    def ActivateWarehouse(self, request: pb.ActivateWarehouseRequest, context: Context) -> pb.ActivateWarehouseResponse:
        view = self._w.set_warehouse_active.execute(requests.set_active_command(request.name, current_principal(), True))
        return pb.ActivateWarehouseResponse(warehouse=warehouse_to_proto(view))

    def EnableChannel(self, request: pb.EnableChannelRequest, context: Context) -> pb.EnableChannelResponse:
        cmd = requests.enable_channel_command(request, current_principal())
        with field_aliases({"name": "display_name"}):
            view = self._w.enable_channel.execute(cmd)
        return pb.EnableChannelResponse(channel=channel_to_proto(view))

    def DisableChannel(self, request: pb.DisableChannelRequest, context: Context) -> pb.DisableChannelResponse:
        view = self._w.disable_channel.execute(requests.disable_channel_command(request, current_principal()))
        return pb.DisableChannelResponse(channel=channel_to_proto(view))

    def ListChannels(self, request: pb.ListChannelsRequest, context: Context) -> pb.ListChannelsResponse:
        ids = requests.checked_page(request.page_size, request.page_token, required={"warehouse": (request.warehouse, "warehouses")})
        page = self._w.queries.channels(current_principal(), ids["warehouse"], request.page_size, request.page_token)
        return pb.ListChannelsResponse(channels=[channel_to_proto(v) for v in page.items],
                                       next_page_token=page.next_page_token, total_size=page.total_size)

    def SetSkuMappings(self, request: pb.SetSkuMappingsRequest, context: Context) -> pb.SetSkuMappingsResponse:
        count = self._w.set_sku_mappings.execute(requests.set_sku_command(request, current_principal()))
        return pb.SetSkuMappingsResponse(set_count=count)

    def ListSkuMappings(self, request: pb.ListSkuMappingsRequest, context: Context) -> pb.ListSkuMappingsResponse:
        ids = requests.checked_page(request.page_size, request.page_token, request.owner,
                                    optional={"shop": (request.shop, "shops")})
        page = self._w.queries.sku_mappings(current_principal(), ids["shop"], request.temu_sku_id, request.page_size,
                                            request.page_token, request.owner)
        return pb.ListSkuMappingsResponse(mappings=[sku_mapping_to_proto(m) for m in page.items],
                                          next_page_token=page.next_page_token, total_size=page.total_size)

    def DeleteSkuMappings(self, request: pb.DeleteSkuMappingsRequest,
                          context: Context) -> pb.DeleteSkuMappingsResponse:
        count = self._w.delete_sku_mappings.execute(requests.delete_sku_command(request, current_principal()))
        return pb.DeleteSkuMappingsResponse(deleted_count=count)


def warehouse_services(warehouses: WarehouseUseCases) -> list[ExtraService]:
    """``erp.v1.WarehouseService``, ready for ``create_server(..., extra_services=...)``."""
    return [ExtraService(WAREHOUSE_SERVICE, lambda server: pb_grpc.add_WarehouseServiceServicer_to_server(
        WarehouseServicer(warehouses), server))]
