"""The provider-account RPCs of ``erp.v1.WarehouseService`` (issue 11), mixed into
``WarehouseServicer``: protobuf -> command -> use case -> protobuf."""
from __future__ import annotations

import grpc

from adapters.grpc.call_context import current_principal
from adapters.grpc.mappers import timestamp
from adapters.grpc.gen.erp.v1 import provider_account_pb2 as ppb
from adapters.grpc.shop_requests import Checks
from adapters.grpc.warehouse_mappers import channel_to_proto, id_from_name, warehouse_to_proto
from adapters.grpc.warehouse_requests import MAX_PRINCIPAL_ID, checked_page
from application.ports.providers import AmazonCredentials, GoodcangCredentials
from application.warehouses.facade import WarehouseUseCases
from application.warehouses.provider_accounts import AuthorizeProviderAccountCommand
from application.warehouses.provider_adoption import AdoptProviderWarehouseCommand
from application.warehouses.views import ProviderAccountView
from domain.errors import FieldViolation, ValidationFailed

Context = grpc.ServicerContext
KINDS = {"GOODCANG": ppb.PROVIDER_KIND_GOODCANG, "AMAZON": ppb.PROVIDER_KIND_AMAZON}
MAX_CODES = 100


def provider_account_to_proto(v: ProviderAccountView) -> ppb.ProviderAccount:
    return ppb.ProviderAccount(name=f"providerAccounts/{v.id}", display_name=v.display_name, kind=KINDS[v.kind],
                               marketplace_id=v.marketplace_id, owner=v.owner_id,
                               verify_time=timestamp(v.verified_at), active=v.active,
                               create_time=timestamp(v.created_at))


def authorize_command(req: ppb.AuthorizeProviderAccountRequest, principal) -> AuthorizeProviderAccountCommand:
    c = Checks()
    if len(req.owner) > MAX_PRINCIPAL_ID or not req.owner.isprintable():
        c.add("owner", f"a principal id, at most {MAX_PRINCIPAL_ID} printable characters")
    request_id = c.request_id(req.request_id)
    which = req.WhichOneof("credentials")
    if which is None:
        c.add("credentials", "set goodcang or amazon")
    c.done()
    if which == "goodcang":
        g = req.goodcang
        credentials = GoodcangCredentials(g.app_key, g.app_token, g.base_url)
    else:
        a = req.amazon
        credentials = AmazonCredentials(a.client_id, a.client_secret, a.refresh_token, a.marketplace_id, a.endpoint,
                                        a.lwa_url)
    return AuthorizeProviderAccountCommand(principal, req.display_name, credentials, owner_id=req.owner or None,
                                           request_id=request_id)


def _account_id(name: str) -> str:
    return id_from_name(name, "providerAccounts", "provider_account")


class ProviderAccountMethods:
    _w: WarehouseUseCases

    def AuthorizeProviderAccount(self, request: ppb.AuthorizeProviderAccountRequest,
                                 context: Context) -> ppb.AuthorizeProviderAccountResponse:
        view = self._w.authorize_provider_account.execute(authorize_command(request, current_principal()))
        return ppb.AuthorizeProviderAccountResponse(provider_account=provider_account_to_proto(view))

    def ListProviderAccounts(self, request: ppb.ListProviderAccountsRequest,
                             context: Context) -> ppb.ListProviderAccountsResponse:
        checked_page(request.page_size, request.page_token, request.owner)
        page = self._w.queries.provider_accounts(current_principal(), request.page_size, request.page_token,
                                                 request.owner)
        return ppb.ListProviderAccountsResponse(provider_accounts=[provider_account_to_proto(v) for v in page.items],
                                                next_page_token=page.next_page_token, total_size=page.total_size)

    def ListProviderWarehouses(self, request: ppb.ListProviderWarehousesRequest,
                               context: Context) -> ppb.ListProviderWarehousesResponse:
        found = self._w.provider_queries.warehouses(current_principal(), _account_id(request.provider_account))
        return ppb.ListProviderWarehousesResponse(
            warehouses=[ppb.ProviderWarehouse(code=w.code, display_name=w.name, country_code=w.country_code)
                        for w in found.warehouses],
            channels=[ppb.ProviderChannel(code=c.code, display_name=c.name, warehouse_code=c.warehouse_code)
                      for c in found.channels])

    def AdoptProviderWarehouse(self, request: ppb.AdoptProviderWarehouseRequest,
                               context: Context) -> ppb.AdoptProviderWarehouseResponse:
        c = Checks()
        account_id = c.check(lambda: _account_id(request.provider_account))
        request_id = c.request_id(request.request_id)
        if len(request.channel_codes) > MAX_CODES:
            c.add("channel_codes", f"at most {MAX_CODES}")
        c.done()
        adopted = self._w.adopt_provider_warehouse.execute(AdoptProviderWarehouseCommand(
            current_principal(), account_id, request.warehouse_code, request.display_name,
            tuple(request.channel_codes), request_id))
        return ppb.AdoptProviderWarehouseResponse(warehouse=warehouse_to_proto(adopted.warehouse),
                                                  channels=[channel_to_proto(v) for v in adopted.channels])

    def ListProviderStock(self, request: ppb.ListProviderStockRequest,
                          context: Context) -> ppb.ListProviderStockResponse:
        account_id = _account_id(request.provider_account)
        if any(len(s) > 128 for s in request.seller_skus):
            raise ValidationFailed("A seller SKU is at most 128 characters.",
                                   [FieldViolation("seller_skus", "each at most 128 characters")])
        stock = self._w.provider_queries.stock(current_principal(), account_id, list(request.seller_skus))
        return ppb.ListProviderStockResponse(stock=[
            ppb.ProviderStock(seller_sku=s.seller_sku, warehouse_code=s.warehouse_code, available=s.available,
                              total=s.total) for s in stock])
