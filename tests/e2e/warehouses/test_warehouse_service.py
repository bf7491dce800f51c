"""WarehouseService end to end: a real gRPC server, the carrier sandbox as the carrier, SQLite and PostgreSQL."""
from __future__ import annotations

import uuid

import grpc
import pytest
from grpc_status import rpc_status

from adapters.grpc.gen.erp.v1 import warehouse_pb2 as w
from adapters.grpc.gen.erp.v1 import warehouse_service_pb2 as pb
from adapters.persistence.warehouse_tables import carrier_account_secrets
from domain.principal import Role
from google.rpc import error_details_pb2
from sandboxes.carrier import DEFAULT_TOKEN

ADDRESS = w.PostalAddress(name="Demo Warehouse", street1="100 Harbor Blvd", city="Long Beach", state="CA",
                          zip="90802", country="US", phone="+1 562 555 0100")


def refusal(err: grpc.RpcError) -> tuple[grpc.StatusCode, str, list[str]]:
    """The status, the ErrorInfo reason and the fields the BadRequest names."""
    status, reason, fields = rpc_status.from_call(err), "", []
    for detail in status.details:
        if detail.Is(error_details_pb2.ErrorInfo.DESCRIPTOR):
            info = error_details_pb2.ErrorInfo()
            detail.Unpack(info)
            reason = info.reason
        if detail.Is(error_details_pb2.BadRequest.DESCRIPTOR):
            bad = error_details_pb2.BadRequest()
            detail.Unpack(bad)
            fields = [v.field for v in bad.field_violations]
    return err.code(), reason, fields


def call_refused(method, request, md) -> tuple[grpc.StatusCode, str, list[str]]:
    with pytest.raises(grpc.RpcError) as refused:
        method(request, metadata=md)
    return refusal(refused.value)


def add_account(warehouses, carrier, md, token=DEFAULT_TOKEN):
    return warehouses.AddCarrierAccount(pb.AddCarrierAccountRequest(
        display_name="Sandbox carrier", provider="shippo", api_token=token, base_url=carrier.base_url,
        request_id=str(uuid.uuid4())), metadata=md).carrier_account


def own_warehouse(warehouses, carrier, md):
    account = add_account(warehouses, carrier, md)
    return warehouses.RegisterWarehouse(pb.RegisterWarehouseRequest(
        display_name="Long Beach", kind=w.WAREHOUSE_KIND_OWN, address=ADDRESS, carrier_account=account.name),
        metadata=md).warehouse


def test_a_seller_sets_up_an_own_warehouse_with_two_channels_from_the_carriers_services(stack, carrier, warehouses):
    owner, key = stack.key_for("seller", Role.SHOP_OWNER)
    md = stack.md(key)
    warehouse = own_warehouse(warehouses, carrier, md)
    account = warehouse.carrier_account
    services = warehouses.ListCarrierServices(pb.ListCarrierServicesRequest(carrier_account=account), metadata=md)
    tokens = {s.service_token for s in services.services}
    assert {"usps_ground_advantage", "ups_ground"} <= tokens

    pdf = warehouses.EnableChannel(pb.EnableChannelRequest(
        warehouse=warehouse.name, service_token="usps_ground_advantage", label_format=w.LABEL_FORMAT_PDF_4X6,
        temu_carriers=[w.TemuCarrier(region_id=211, carrier_id=5001, carrier_name="USPS")]), metadata=md).channel
    zpl = warehouses.EnableChannel(pb.EnableChannelRequest(
        warehouse=warehouse.name, service_token="ups_ground", display_name="UPS thermal",
        label_format=w.LABEL_FORMAT_ZPL), metadata=md).channel
    assert (pdf.carrier, pdf.temu_carriers[0].carrier_id) == ("usps", 5001)

    listed = warehouses.ListChannels(pb.ListChannelsRequest(warehouse=warehouse.name), metadata=md)
    assert {c.name: c.label_format for c in listed.channels} == {pdf.name: w.LABEL_FORMAT_PDF_4X6,
                                                                 zpl.name: w.LABEL_FORMAT_ZPL}
    got = warehouses.GetWarehouse(pb.GetWarehouseRequest(name=warehouse.name), metadata=md).warehouse
    assert (got.owner, got.address.city, got.return_address.zip) == (owner, "Long Beach", "90802")
    with stack.app.engine.connect() as conn:
        assert DEFAULT_TOKEN.encode() not in conn.execute(carrier_account_secrets.select()).one().ciphertext


def test_a_token_the_carrier_refuses_is_invalid_argument_in_the_carriers_words(stack, carrier, warehouses):
    with pytest.raises(grpc.RpcError) as refused:
        add_account(warehouses, carrier, stack.md(), token="shippo_test_wrong")
    code, reason, fields = refusal(refused.value)
    assert (code, reason, fields) == (grpc.StatusCode.INVALID_ARGUMENT, "CARRIER_CREDENTIALS_REFUSED", ["api_token"])
    assert "Invalid token" in refused.value.details()
    listed = warehouses.ListCarrierAccounts(pb.ListCarrierAccountsRequest(), metadata=stack.md())
    assert listed.total_size == 0


def test_bad_input_names_the_field(stack, carrier, warehouses):
    md = stack.md()
    bad_address = w.PostalAddress(name="W", street1="1 Main", city="X", zip="90802", country="usa")
    account = add_account(warehouses, carrier, md)
    assert call_refused(warehouses.RegisterWarehouse, pb.RegisterWarehouseRequest(
        display_name="W", kind=w.WAREHOUSE_KIND_OWN, address=bad_address, carrier_account=account.name), md
    ) == (grpc.StatusCode.INVALID_ARGUMENT, "INVALID_ARGUMENT", ["address.country"])
    assert call_refused(warehouses.RegisterWarehouse, pb.RegisterWarehouseRequest(
        display_name="W", kind=w.WAREHOUSE_KIND_OWN, carrier_account="nope"), md
    )[2] == ["address", "carrier_account"]
    warehouse = own_warehouse(warehouses, carrier, md)
    assert call_refused(warehouses.EnableChannel, pb.EnableChannelRequest(
        warehouse=warehouse.name, service_token="dhl_express"), md)[2] == ["label_format"]
    assert call_refused(warehouses.EnableChannel, pb.EnableChannelRequest(
        warehouse=warehouse.name, service_token="dhl_express", label_format=w.LABEL_FORMAT_ZPL), md
    ) == (grpc.StatusCode.INVALID_ARGUMENT, "SERVICE_NOT_OFFERED", ["service_token"])
    enable = pb.EnableChannelRequest(warehouse=warehouse.name, service_token="usps_priority",
                                     label_format=w.LABEL_FORMAT_ZPL)
    warehouses.EnableChannel(enable, metadata=md)
    assert call_refused(warehouses.EnableChannel, enable, md)[:2] == (grpc.StatusCode.ALREADY_EXISTS,
                                                                      "CHANNEL_ALREADY_ENABLED")
    assert call_refused(warehouses.SetSkuMappings, pb.SetSkuMappingsRequest(mappings=[
        w.SkuMapping(temu_sku_id=1, seller_sku="A"), w.SkuMapping(temu_sku_id=2, seller_sku=""),
        w.SkuMapping(temu_sku_id=3, temu_seller_sku="X", seller_sku="C")]), md
    )[2] == ["mappings[1].seller_sku", "mappings[2].temu_sku_id"]


def test_a_shop_owner_sees_only_their_own_and_an_admin_sees_all(stack, carrier, warehouses):
    _, alice = stack.key_for("alice", Role.SHOP_OWNER)
    _, bob = stack.key_for("bob", Role.SHOP_OWNER)
    alices = own_warehouse(warehouses, carrier, stack.md(alice))
    own_warehouse(warehouses, carrier, stack.md(bob))
    assert call_refused(warehouses.GetWarehouse, pb.GetWarehouseRequest(name=alices.name), stack.md(bob)
                        )[:2] == (grpc.StatusCode.NOT_FOUND, "WAREHOUSE_NOT_FOUND")
    assert call_refused(warehouses.ListChannels, pb.ListChannelsRequest(warehouse=alices.name), stack.md(bob)
                        )[0] == grpc.StatusCode.NOT_FOUND
    seen_by_bob = warehouses.ListWarehouses(pb.ListWarehousesRequest(), metadata=stack.md(bob))
    assert seen_by_bob.total_size == 1 and seen_by_bob.warehouses[0].name != alices.name
    assert warehouses.ListWarehouses(pb.ListWarehousesRequest(), metadata=stack.md()).total_size == 2
    assert warehouses.ListCarrierAccounts(pb.ListCarrierAccountsRequest(), metadata=stack.md(alice)).total_size == 1


def test_sku_mappings_are_set_listed_and_deleted_and_a_repeat_is_harmless(stack, warehouses):
    md, request_id = stack.md(), str(uuid.uuid4())
    batch = pb.SetSkuMappingsRequest(request_id=request_id, mappings=[
        w.SkuMapping(temu_sku_id=i, seller_sku=f"SELLER-{i}") for i in range(1, 501)])
    assert warehouses.SetSkuMappings(batch, metadata=md).set_count == 500
    assert warehouses.SetSkuMappings(batch, metadata=md).set_count == 500
    first = warehouses.ListSkuMappings(pb.ListSkuMappingsRequest(page_size=200), metadata=md)
    assert (first.total_size, len(first.mappings)) == (500, 200) and first.next_page_token
    gone = warehouses.DeleteSkuMappings(pb.DeleteSkuMappingsRequest(mappings=[
        w.SkuMapping(temu_sku_id=1), w.SkuMapping(temu_sku_id=9999)]), metadata=md)
    assert gone.deleted_count == 1
    assert warehouses.ListSkuMappings(pb.ListSkuMappingsRequest(temu_sku_id=1), metadata=md).total_size == 0
    too_many = pb.SetSkuMappingsRequest(mappings=[w.SkuMapping(temu_sku_id=i, seller_sku="S") for i in range(1, 502)])
    assert call_refused(warehouses.SetSkuMappings, too_many, md)[2] == ["mappings"]


def test_a_deactivated_warehouse_takes_no_new_channel(stack, carrier, warehouses):
    md = stack.md()
    warehouse = own_warehouse(warehouses, carrier, md)
    assert not warehouses.DeactivateWarehouse(pb.DeactivateWarehouseRequest(name=warehouse.name), metadata=md
                                              ).warehouse.active
    assert call_refused(warehouses.EnableChannel, pb.EnableChannelRequest(
        warehouse=warehouse.name, service_token="ups_ground", label_format=w.LABEL_FORMAT_ZPL), md
    )[:2] == (grpc.StatusCode.FAILED_PRECONDITION, "WAREHOUSE_INACTIVE")
    assert warehouses.ActivateWarehouse(pb.ActivateWarehouseRequest(name=warehouse.name), metadata=md).warehouse.active


def test_new_credentials_replace_the_stored_ones_only_once_the_carrier_accepts_them(stack, carrier, warehouses):
    md = stack.md()
    account = add_account(warehouses, carrier, md)
    with carrier.store.lock:
        carrier.store.tokens.add("shippo_test_rotated")
    refused = call_refused(warehouses.UpdateCarrierCredentials, pb.UpdateCarrierCredentialsRequest(
        carrier_account=account.name, api_token="shippo_test_unknown"), md)
    assert refused == (grpc.StatusCode.INVALID_ARGUMENT, "CARRIER_CREDENTIALS_REFUSED", ["api_token"])
    account_id = account.name.split("/")[1]
    with stack.app.uow() as uow:
        assert uow.carrier_accounts.credentials(account_id).api_token == DEFAULT_TOKEN
    warehouses.UpdateCarrierCredentials(pb.UpdateCarrierCredentialsRequest(
        carrier_account=account.name, api_token="shippo_test_rotated"), metadata=md)
    with stack.app.uow() as uow:
        assert uow.carrier_accounts.credentials(account_id).api_token == "shippo_test_rotated"
        assert uow.carrier_accounts.credentials(account_id).base_url == carrier.base_url.rstrip("/")
    services = warehouses.ListCarrierServices(pb.ListCarrierServicesRequest(carrier_account=account.name), metadata=md)
    assert services.services
