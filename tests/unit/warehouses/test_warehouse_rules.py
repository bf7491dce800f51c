"""The rules of warehouses, channels and SKU mappings, as named by the domain."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest

from domain.channel import LogisticsChannel
from domain.errors import PreconditionFailed, ValidationFailed
from domain.sku_mapping import SkuMapping, seller_sku_to_ship
from domain.warehouse import LabelFormat, PostalAddress, TemuCarrier, Warehouse, WarehouseKind, address_violations

NOW = datetime(2026, 12, 1, tzinfo=timezone.utc)
GOOD = PostalAddress(name="W", street1="1 Main St", city="Austin", zip="73301", country="US", state="TX")


def test_an_address_names_each_missing_or_malformed_field():
    bad = PostalAddress(name=" ", street1="", city="X", zip="1" * 21, country="us", phone="\x07")
    assert [v.field for v in address_violations(bad, "address")] == [
        "address.name", "address.street1", "address.country", "address.zip", "address.phone"]
    assert address_violations(GOOD, "address") == []


def test_an_own_warehouse_returns_to_its_address_unless_told_otherwise():
    warehouse = Warehouse.register_own(id="w", owner_id="o", name=" LA ", address=GOOD, return_address=None,
                                       carrier_account_id="a", now=NOW)
    assert (warehouse.name, warehouse.return_address, warehouse.account_id) == ("LA", GOOD, "a")


def test_a_provided_warehouse_is_never_of_kind_own_and_needs_its_code():
    with pytest.raises(ValidationFailed) as refused:
        Warehouse.register_provided(id="w", owner_id="o", name="X", kind=WarehouseKind.OWN, provider_account_id="",
                                    provider_warehouse_code="", now=NOW)
    assert [v.field for v in refused.value.violations] == ["kind", "provider_account_id", "provider_warehouse_code"]


def test_a_deactivated_warehouse_and_a_disabled_channel_take_no_packages():
    warehouse = Warehouse.register_provided(id="w", owner_id="o", name="X", kind=WarehouseKind.FBA,
                                            provider_account_id="amz", provider_warehouse_code="ATVPDKIKX0DER", now=NOW)
    warehouse.deactivate(NOW)
    with pytest.raises(PreconditionFailed, match="deactivated"):
        warehouse.check_can_take_packages()
    channel = LogisticsChannel.enable(id="c", warehouse_id="w", name="Std", carrier="", service_token="Standard",
                                      label_format=LabelFormat.PDF_4X6, temu_carriers=(), now=NOW)
    channel.disable(NOW)
    with pytest.raises(PreconditionFailed) as disabled:
        channel.check_can_take_packages()
    assert disabled.value.reason == "CHANNEL_DISABLED"


def test_a_channel_answers_the_temu_carrier_of_a_region():
    channel = LogisticsChannel.enable(id="c", warehouse_id="w", name="U", carrier="usps", service_token="usps_x",
                                      label_format=LabelFormat.ZPL, now=NOW,
                                      temu_carriers=(TemuCarrier(232, 9), TemuCarrier(211, 5001, "USPS")))
    assert channel.temu_carrier_for(211) == TemuCarrier(211, 5001, "USPS") and channel.temu_carrier_for(1) is None


@pytest.mark.parametrize("kw, field", [
    ({"temu_sku_id": 1, "temu_seller_sku": "X"}, "temu_sku_id"),
    ({}, "temu_sku_id"),
    ({"temu_sku_id": -4}, "temu_sku_id"),
    ({"temu_seller_sku": " padded"}, "temu_seller_sku"),
])
def test_a_sku_mapping_matches_exactly_one_temu_key(kw, field):
    with pytest.raises(ValidationFailed) as refused:
        SkuMapping("o", "SELLER", **kw)
    assert refused.value.violations[-1].field == field


def test_a_line_ships_the_mapping_else_temus_seller_sku_else_it_is_held():
    assert seller_sku_to_ship("MAPPED", "TEMU") == "MAPPED"
    assert seller_sku_to_ship(None, "TEMU") == "TEMU"
    assert seller_sku_to_ship(None, "") is None and seller_sku_to_ship(None, "x" * 200) is None
