"""Warehouses, channels, carrier accounts and SKU mappings kept in the database (SQLite, PostgreSQL)."""
from __future__ import annotations

import uuid
from datetime import datetime, timezone

import pytest
import sqlalchemy as sa

from adapters.persistence.keyring import Keyring
from adapters.persistence.vault import rotate_all
from adapters.persistence.warehouse_reader import SqlWarehouseReader
from adapters.persistence.warehouse_tables import carrier_account_secrets, logistics_channels
from application.ports.carrier import CarrierCredentials
from application.ports.warehouse_reader import SkuMappingFilter, WarehouseFilter
from domain.carrier_account import CarrierAccount
from domain.channel import LogisticsChannel
from domain.errors import AlreadyExists, ConcurrencyConflict, NotFound, PreconditionFailed
from domain.sku_mapping import SkuMapping
from domain.warehouse import LabelFormat, PostalAddress, TemuCarrier, Warehouse, WarehouseKind

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=timezone.utc)
SECRET = "shippo_test_canary-4b1d-never-in-clear"
ADDRESS = PostalAddress(name="Demo Warehouse", street1="965 Mission St", city="San Francisco", zip="94103",
                        country="US", state="CA", phone="+1 555 0100")


def new_id() -> str:
    return str(uuid.uuid4())


def stored_account(db, owner: str = "owner-1") -> str:
    account = CarrierAccount.open(id=new_id(), owner_id=owner, provider="shippo", display_name="Shippo main",
                                  base_url="http://127.0.0.1:9/", verified_at=NOW)
    with db.uow() as uow:
        uow.carrier_accounts.add(account, CarrierCredentials("shippo", SECRET, account.base_url))
        uow.commit()
    return account.id


def stored_own_warehouse(db, owner: str = "owner-1", name: str = "LA") -> Warehouse:
    account_id = stored_account(db, owner)
    warehouse = Warehouse.register_own(id=new_id(), owner_id=owner, name=name, address=ADDRESS,
                                       return_address=None, carrier_account_id=account_id, now=NOW)
    with db.uow() as uow:
        uow.warehouses.add(warehouse)
        uow.commit()
    return warehouse


def enabled_channel(warehouse_id: str, token: str = "usps_ground_advantage", fmt=LabelFormat.PDF_4X6):
    return LogisticsChannel.enable(id=new_id(), warehouse_id=warehouse_id, name=f"Ch {token}", carrier="usps",
                                   service_token=token, label_format=fmt,
                                   temu_carriers=(TemuCarrier(211, 5001, "USPS"),), now=NOW)


def test_an_own_warehouse_comes_back_with_its_addresses_and_account(db):
    warehouse = stored_own_warehouse(db)
    with db.uow() as uow:
        loaded = uow.warehouses.get(warehouse.id)
        assert (loaded.kind, loaded.address, loaded.return_address) == (WarehouseKind.OWN, ADDRESS, ADDRESS)
        assert loaded.account_id == warehouse.carrier_account_id and loaded.active


def test_a_third_party_warehouse_is_kept_with_its_provider_code(db):
    warehouse = Warehouse.register_provided(id=new_id(), owner_id="owner-1", name="Goodcang LA",
                                            kind=WarehouseKind.THIRD_PARTY, provider_account_id="gc-1",
                                            provider_warehouse_code="USLAX01", now=NOW)
    with db.uow() as uow:
        uow.warehouses.add(warehouse)
        uow.commit()
    with db.uow() as uow:
        loaded = uow.warehouses.get(warehouse.id)
        assert (loaded.address, loaded.account_id, loaded.provider_warehouse_code) == (None, "gc-1", "USLAX01")


def test_an_owner_lists_only_their_warehouses_and_an_admin_query_lists_all(db):
    mine, theirs = stored_own_warehouse(db, "owner-1", "B"), stored_own_warehouse(db, "owner-2", "A")
    with db.uow() as uow:
        assert [w.id for w in uow.warehouses.list_for("owner-1")] == [mine.id]
        assert [w.id for w in uow.warehouses.list_for(None)] == [theirs.id, mine.id]


def test_channels_keep_their_format_and_temu_carriers_and_a_service_is_one_channel(db):
    warehouse = stored_own_warehouse(db)
    first = enabled_channel(warehouse.id)
    with db.uow() as uow:
        uow.channels.add(first)
        uow.channels.add(enabled_channel(warehouse.id, "ups_ground", LabelFormat.ZPL))
        uow.commit()
    with db.uow() as uow:
        loaded = uow.channels.by_service(warehouse.id, "usps_ground_advantage")
        assert loaded.temu_carrier_for(211) == TemuCarrier(211, 5001, "USPS")
        assert [c.label_format for c in uow.channels.of_warehouse(warehouse.id)] == [LabelFormat.ZPL, LabelFormat.PDF_4X6]
    with pytest.raises(AlreadyExists) as refused, db.uow() as uow:
        uow.channels.add(enabled_channel(warehouse.id))
        uow.commit()
    assert refused.value.reason == "CHANNEL_ALREADY_ENABLED"


def test_a_stale_channel_write_is_a_conflict(db):
    warehouse = stored_own_warehouse(db)
    with db.uow() as uow:
        uow.channels.add(channel := enabled_channel(warehouse.id))
        uow.commit()
    with db.uow() as uow:
        mine = uow.channels.get(channel.id)
        # Another writer's commit, replayed inside this transaction (SQLite would queue a real one).
        uow._session.execute(logistics_channels.update().values(version=logistics_channels.c.version + 1))
        mine.disable(NOW)
        with pytest.raises(ConcurrencyConflict):
            uow.commit()


def test_carrier_credentials_are_encrypted_at_rest_and_come_back(db):
    account_id = stored_account(db)
    with db.engine.connect() as conn:
        blob = conn.execute(sa.select(carrier_account_secrets.c.ciphertext)).scalar_one()
    assert SECRET.encode() not in blob
    with db.uow() as uow:
        assert uow.carrier_accounts.credentials(account_id) == CarrierCredentials("shippo", SECRET, "http://127.0.0.1:9")


def test_a_secret_copied_to_another_account_does_not_decrypt(db):
    victim, thief = stored_account(db), stored_account(db)
    with db.engine.begin() as conn:
        blob = conn.execute(sa.select(carrier_account_secrets.c.ciphertext)
                            .where(carrier_account_secrets.c.account_id == victim)).scalar_one()
        conn.execute(carrier_account_secrets.update().where(carrier_account_secrets.c.account_id == thief)
                     .values(ciphertext=blob))
    with pytest.raises(PreconditionFailed) as unreadable, db.uow() as uow:
        uow.carrier_accounts.credentials(thief)
    assert unreadable.value.reason == "CARRIER_CREDENTIALS_UNREADABLE"
    with db.uow() as uow, pytest.raises(NotFound):
        uow.carrier_accounts.credentials(new_id())


def test_replaced_credentials_are_the_ones_read_back(db):
    account_id = stored_account(db)
    with db.uow() as uow:
        uow.carrier_accounts.replace_credentials(account_id, CarrierCredentials("shippo", "shippo_test_new"))
        uow.commit()
    with db.uow() as uow:
        assert uow.carrier_accounts.credentials(account_id).api_token == "shippo_test_new"


def test_sku_lookup_prefers_the_shop_mapping_then_the_sku_id(db):
    with db.uow() as uow:
        uow.sku_mappings.put_all([SkuMapping("o1", "BY-SELLER-SKU", temu_seller_sku="TEMU-A"),
                                  SkuMapping("o1", "BY-ID", temu_sku_id=42),
                                  SkuMapping("o1", "SHOP-BY-ID", shop_id="s1", temu_sku_id=42),
                                  SkuMapping("o1", "REPLACED", temu_sku_id=7)])
        uow.commit()
    with db.uow() as uow:
        uow.sku_mappings.put_all([SkuMapping("o1", "SEVEN", temu_sku_id=7)])
        uow.commit()
    with db.uow() as uow:
        look = uow.sku_mappings.seller_sku_for
        assert look("o1", "s1", 42, "TEMU-A") == "SHOP-BY-ID"
        assert look("o1", "s2", 42, "TEMU-A") == "BY-ID"
        assert look("o1", "s2", 99, "TEMU-A") == "BY-SELLER-SKU"
        assert look("o1", "s2", 7, "") == "SEVEN"
        assert look("o2", "s1", 42, "TEMU-A") is None and look("o1", "s1", None, "") is None


def test_sku_mappings_page_by_key_and_delete(db):
    with db.uow() as uow:
        uow.sku_mappings.put_all([*(SkuMapping("o1", f"S{i}", temu_sku_id=i) for i in range(1, 6)),
                                  SkuMapping("o1", "OTHER-SHOP", shop_id="s9", temu_sku_id=1)])
        uow.commit()
    reader = SqlWarehouseReader(db.engine)
    first = reader.sku_mappings(SkuMappingFilter("o1", "s1"), 3, "")
    rest = reader.sku_mappings(SkuMappingFilter("o1", "s1"), 10, first.next_page_token)
    assert [m.seller_sku for m in first.items + rest.items] == ["S1", "S2", "S3", "S4", "S5"]
    assert (first.total_size, rest.next_page_token) == (5, "")
    assert reader.sku_mappings(SkuMappingFilter("o1"), 10, "").total_size == 6
    with db.uow() as uow:
        assert uow.sku_mappings.delete("o1", "", 3, "") and not uow.sku_mappings.delete("o1", "", 3, "")
        uow.commit()
    with db.uow() as uow:
        assert uow.sku_mappings.seller_sku_for("o1", "s1", 3, "") is None


def test_the_reader_pages_warehouses_by_name_for_their_owner(db):
    for name in ("C", "A", "B"):
        stored_own_warehouse(db, "owner-1", name)
    stored_own_warehouse(db, "owner-2", "Z")
    reader = SqlWarehouseReader(db.engine)
    first = reader.warehouses(WarehouseFilter("owner-1"), 2, "")
    second = reader.warehouses(WarehouseFilter("owner-1"), 2, first.next_page_token)
    assert [v.name for v in first.items + second.items] == ["A", "B", "C"] and first.total_size == 3
    assert first.items[0].address == ADDRESS
    assert reader.warehouses(WarehouseFilter(), 10, "").total_size == 4
    accounts = reader.carrier_accounts("owner-2", 10, "")
    assert [v.owner_id for v in accounts.items] == ["owner-2"]


def test_key_rotation_moves_carrier_secrets_too(db):
    old = db.keyring
    ids = [stored_account(db) for _ in range(3)]
    rotated = Keyring((("k2", Keyring.generate().keys[0][1]), *old.keys), old.fingerprint_key)
    db.keyring = rotated
    assert rotate_all(db.session_factory, rotated) == 3
    with db.uow() as uow:
        assert uow.vault.rows_on_key("k1") == 0 and uow.vault.rows_on_key("k2") == 3
    db.keyring = Keyring(rotated.keys[:1], old.fingerprint_key)  # the old key is gone
    with db.uow() as uow:
        assert {uow.carrier_accounts.credentials(i).api_token for i in ids} == {SECRET}
