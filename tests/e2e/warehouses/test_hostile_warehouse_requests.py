"""Hostile WarehouseService requests: every answer is a status a caller can act on, naming what
is wrong; never UNKNOWN or INTERNAL. Carrier accounts point at the carrier sandbox only (an empty
base_url would mean the provider's public endpoint)."""
from __future__ import annotations

import random

import grpc

from adapters.grpc.gen.erp.v1 import warehouse_pb2 as w
from adapters.grpc.gen.erp.v1 import warehouse_service_pb2 as pb

NAMES = ["", "warehouses/", "warehouses/../x", "channels/ok", "warehouses/" + "x" * 500, "shops/1",
         "carrierAccounts/\x00", "warehouses/unknown-id", "channels/unknown-id", "carrierAccounts/unknown"]
TEXT = ["", " ", "\x00", "x" * 10_000, "ünï©ødé", "A", "US", "usa", "9" * 30]
ACCEPTABLE = {grpc.StatusCode.INVALID_ARGUMENT, grpc.StatusCode.NOT_FOUND, grpc.StatusCode.ALREADY_EXISTS,
              grpc.StatusCode.FAILED_PRECONDITION, grpc.StatusCode.PERMISSION_DENIED}


def address(rng: random.Random) -> w.PostalAddress:
    return w.PostalAddress(**{f: rng.choice(TEXT) for f in ("name", "street1", "city", "zip", "country", "state")})


def hostile_calls(stub, rng: random.Random, carrier_url: str):
    pick = rng.choice
    yield stub.RegisterWarehouse, pb.RegisterWarehouseRequest(
        display_name=pick(TEXT), kind=pick([0, 1, 2, 3, 77]), address=address(rng), carrier_account=pick(NAMES),
        provider_account_id=pick(TEXT), provider_warehouse_code=pick(TEXT), request_id=pick(TEXT))
    yield stub.AddCarrierAccount, pb.AddCarrierAccountRequest(
        display_name=pick(TEXT), provider=pick(["", "shippo", "fedex"]), api_token=pick(TEXT),
        base_url=pick([carrier_url, "ftp://x", "http://", "x" * 300]), owner=pick(TEXT))
    yield stub.RegisterWarehouse, pb.RegisterWarehouseRequest(
        display_name="W", kind=pick([2, 3]), provider_account_id=pick(TEXT), provider_warehouse_code=pick(TEXT),
        owner=pick(["", "o" * 65, "\x00"]))
    yield stub.EnableChannel, pb.EnableChannelRequest(
        warehouse=pick(NAMES), service_token=pick(TEXT), label_format=pick([0, 1, 2, -5]),
        temu_carriers=[w.TemuCarrier(region_id=rng.randint(-3, 3), carrier_id=rng.randint(-2**40, 2**40))
                       for _ in range(rng.randint(0, 60))])
    yield stub.UpdateCarrierCredentials, pb.UpdateCarrierCredentialsRequest(
        carrier_account=pick(NAMES), api_token=pick(TEXT), base_url=pick([carrier_url, "ftp://x", "x" * 300]))
    yield stub.DisableChannel, pb.DisableChannelRequest(name=pick(NAMES))
    yield stub.GetWarehouse, pb.GetWarehouseRequest(name=pick(NAMES))
    yield stub.ListCarrierServices, pb.ListCarrierServicesRequest(carrier_account=pick(NAMES))
    yield stub.ListWarehouses, pb.ListWarehousesRequest(page_size=rng.randint(-2**31, 2**31 - 1),
                                                        page_token=pick(TEXT), kind=pick([0, 5, -1]))
    yield stub.ListChannels, pb.ListChannelsRequest(warehouse=pick(NAMES), page_token=pick(TEXT))
    yield stub.ListSkuMappings, pb.ListSkuMappingsRequest(shop=pick(NAMES), page_token=pick(TEXT),
                                                          temu_sku_id=rng.randint(-5, 5))
    mappings = [w.SkuMapping(owner=pick(["", "someone-else", "o" * 65]), shop=pick(["", *NAMES]),
                             temu_sku_id=rng.randint(-2, 3), temu_seller_sku=pick(["", *TEXT]),
                             seller_sku=pick(TEXT)) for _ in range(pick([0, 1, 3, 500, 501]))]
    yield stub.SetSkuMappings, pb.SetSkuMappingsRequest(mappings=mappings)
    yield stub.DeleteSkuMappings, pb.DeleteSkuMappingsRequest(mappings=mappings)


def test_hostile_requests_get_actionable_statuses_only(stack, carrier, warehouses):
    rng, codes = random.Random(20261202), []
    for _ in range(25):
        for method, request in hostile_calls(warehouses, rng, carrier.base_url):
            try:
                method(request, metadata=stack.md(), timeout=10)
                codes.append(grpc.StatusCode.OK)
            except grpc.RpcError as err:
                assert err.code() in ACCEPTABLE, (method, request, err.code(), err.details())
                assert err.details(), (method, request)
                codes.append(err.code())
    assert grpc.StatusCode.INVALID_ARGUMENT in codes and grpc.StatusCode.NOT_FOUND in codes
