"""Warehouses, carrier accounts, channels and SKU mappings over in-memory ports and a fake carrier."""
from __future__ import annotations

import pytest

from application.warehouses.carrier_accounts import AddCarrierAccount
from application.warehouses.channels import DisableChannel, EnableChannel
from application.warehouses.commands import (
    AddCarrierAccountCommand, DisableChannelCommand, EnableChannelCommand, RegisterWarehouseCommand,
    SetSkuMappingsCommand,
)
from application.warehouses.sku_mappings import SetSkuMappings
from application.warehouses.warehouses import GetWarehouse, RegisterWarehouse
from domain.errors import AlreadyExists, NotFound, PermissionDenied, ValidationFailed
from domain.principal import Principal, Role
from domain.sku_mapping import SkuMapping
from domain.warehouse import LabelFormat, PostalAddress, TemuCarrier, WarehouseKind
from tests.fakes import FakeClock, InMemoryStore, InMemoryUnitOfWork
from tests.fakes_warehouses import FakeCarrierGateway

ALICE = Principal("alice", "Alice", Role.SHOP_OWNER)
BOB = Principal("bob", "Bob", Role.SHOP_OWNER)
ADMIN = Principal("root", "Root", Role.ADMIN)
ADDRESS = PostalAddress(name="W", street1="100 Harbor Blvd", city="Long Beach", zip="90802", country="US", state="CA")


@pytest.fixture
def world():
    store, clock, gateway = InMemoryStore(), FakeClock(), FakeCarrierGateway()
    uow = lambda: InMemoryUnitOfWork(store, clock=clock)  # noqa: E731
    return store, uow, clock, gateway


def add_account(world, principal=ALICE, token="shippo_test_good", **kw):
    _, uow, clock, gateway = world
    return AddCarrierAccount(uow, gateway, clock).execute(
        AddCarrierAccountCommand(principal, "Main", "shippo", token, "http://127.0.0.1:1", **kw))


def own_warehouse(world, principal=ALICE, account_id=None):
    _, uow, clock, _ = world
    account_id = account_id or add_account(world, principal).id
    return RegisterWarehouse(uow, clock).execute(RegisterWarehouseCommand(
        principal, "LA", WarehouseKind.OWN, address=ADDRESS, carrier_account_id=account_id))


def enable(world, warehouse_id, token="usps_ground_advantage", principal=ALICE, **kw):
    _, uow, clock, gateway = world
    return EnableChannel(uow, gateway, clock).execute(EnableChannelCommand(
        principal, warehouse_id, token, kw.pop("label_format", LabelFormat.PDF_4X6), **kw))


def test_an_account_the_carrier_refuses_is_not_stored_and_the_refusal_names_the_token(world):
    with pytest.raises(ValidationFailed) as refused:
        add_account(world, token="shippo_test_bad")
    assert refused.value.reason == "CARRIER_CREDENTIALS_REFUSED"
    assert refused.value.violations[0].field == "api_token" and "Invalid token" in refused.value.message
    assert world[0].fulfillment_setup.accounts == {}


def test_bad_account_fields_are_all_named_before_the_carrier_is_asked(world):
    with pytest.raises(ValidationFailed) as bad:
        AddCarrierAccount(world[1], world[3], world[2]).execute(
            AddCarrierAccountCommand(ALICE, "", "fedex-direct", "has space", "ftp://x"))
    assert {v.field for v in bad.value.violations} == {"display_name", "provider", "api_token", "base_url"}
    assert world[3].connected == []


def test_an_own_warehouse_needs_an_account_of_its_owner(world):
    bobs = add_account(world, BOB)
    with pytest.raises(ValidationFailed) as refused:
        own_warehouse(world, ALICE, account_id=bobs.id)
    assert refused.value.violations[0].field == "carrier_account"


def test_an_own_warehouse_with_a_bad_address_names_each_field(world):
    account = add_account(world)
    bad = PostalAddress(name="", street1="x", city="y", zip="1", country="usa")
    with pytest.raises(ValidationFailed) as refused:
        RegisterWarehouse(world[1], world[2]).execute(RegisterWarehouseCommand(
            ALICE, "LA", WarehouseKind.OWN, address=bad, carrier_account_id=account.id))
    assert {v.field for v in refused.value.violations} == {"address.name", "address.country"}


def test_a_third_party_warehouse_is_registered_with_its_provider_code_only(world):
    view = RegisterWarehouse(world[1], world[2]).execute(RegisterWarehouseCommand(
        ALICE, "Goodcang", WarehouseKind.THIRD_PARTY, provider_account_id="gc-1", provider_warehouse_code="USLAX"))
    assert (view.kind, view.address, view.provider_warehouse_code) == (WarehouseKind.THIRD_PARTY, None, "USLAX")


def test_other_owners_warehouses_look_absent_but_an_admin_sees_them(world):
    warehouse = own_warehouse(world, ALICE)
    with pytest.raises(NotFound):
        GetWarehouse(world[1]).execute(BOB, warehouse.id)
    assert GetWarehouse(world[1]).execute(ADMIN, warehouse.id).owner_id == "alice"


def test_a_shop_owner_cannot_register_for_someone_else(world):
    with pytest.raises(PermissionDenied):
        add_account(world, ALICE, owner_id="bob")


def test_a_channel_is_an_offered_service_once_with_its_temu_carriers(world):
    warehouse = own_warehouse(world)
    channel = enable(world, warehouse.id, temu_carriers=(TemuCarrier(211, 5001, "USPS"),))
    assert (channel.carrier, channel.name, channel.label_format) == ("usps", "USPS Ground Advantage", LabelFormat.PDF_4X6)
    with pytest.raises(AlreadyExists):
        enable(world, warehouse.id)
    with pytest.raises(ValidationFailed) as unknown:
        enable(world, warehouse.id, "dhl_express")
    assert unknown.value.reason == "SERVICE_NOT_OFFERED" and "usps_ground_advantage" in unknown.value.message


def test_a_disabled_channel_is_enabled_again_with_new_settings(world):
    warehouse = own_warehouse(world)
    first = enable(world, warehouse.id)
    DisableChannel(world[1], world[2]).execute(DisableChannelCommand(ALICE, first.id))
    again = enable(world, warehouse.id, label_format=LabelFormat.ZPL)
    assert (again.id, again.active, again.label_format) == (first.id, True, LabelFormat.ZPL)


def test_two_temu_carriers_for_one_region_are_refused_before_the_carrier_is_asked(world):
    warehouse = own_warehouse(world)
    calls = len(world[3].connected)
    with pytest.raises(ValidationFailed) as refused:
        enable(world, warehouse.id, temu_carriers=(TemuCarrier(211, 1), TemuCarrier(211, 2)))
    assert refused.value.violations[0].field == "temu_carriers[1].region_id"
    assert len(world[3].connected) == calls


def test_a_sku_batch_with_a_bad_item_changes_nothing_and_names_it(world):
    batch = (SkuMapping("alice", "A-1", temu_sku_id=1), SkuMapping("alice", "A-2", temu_sku_id=1),
             SkuMapping("bob", "B-1", temu_sku_id=3), SkuMapping("alice", "X", shop_id="nope", temu_sku_id=4))
    with pytest.raises(ValidationFailed) as refused:
        SetSkuMappings(world[1]).execute(SetSkuMappingsCommand(ALICE, batch))
    assert [v.field for v in refused.value.violations] == ["mappings[1]", "mappings[2].owner", "mappings[3].shop"]
    assert world[0].fulfillment_setup.sku_mappings == {}


def test_a_sku_batch_is_at_most_500(world):
    batch = tuple(SkuMapping("alice", f"S{i}", temu_sku_id=i + 1) for i in range(501))
    with pytest.raises(ValidationFailed):
        SetSkuMappings(world[1]).execute(SetSkuMappingsCommand(ALICE, batch))
    assert SetSkuMappings(world[1]).execute(SetSkuMappingsCommand(ALICE, batch[:500])) == 500
    with world[1]() as uow:
        assert uow.sku_mappings.seller_sku_for("alice", "any", 500, "") == "S499"


def test_a_repeated_add_account_answers_the_first_and_a_reused_request_id_is_refused(world):
    request_id = "3f2c1a9e-6b7d-4c1e-9a51-2b0e8d4f7c10"
    first = add_account(world, request_id=request_id)
    again = add_account(world, request_id=request_id)
    assert again.id == first.id and len(world[0].fulfillment_setup.accounts) == 1
    with pytest.raises(ValidationFailed) as reused:
        add_account(world, token="shippo_test_other", request_id=request_id)
    assert reused.value.reason == "REQUEST_ID_REUSED"
