"""The shop repository and unit of work against real databases (SQLite and PostgreSQL)."""
from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa

from adapters.persistence.tables import outbox, shops
from domain.errors import AlreadyExists, ConcurrencyConflict
from domain.shop import ShopName
from domain.shop_kinds import AuthStatus, Region

from .builders import NOW, random_shop


def store(db, *shops) -> None:
    with db.uow() as uow:
        for shop in shops:
            uow.shops.add(shop)
        uow.commit()


def test_a_stored_shop_comes_back_with_every_field_and_aware_utc_times(db):
    shop = random_shop(name="Blue Mugs")
    store(db, shop)

    with db.uow() as uow:
        loaded = uow.shops.get(shop.id)

    assert (loaded.name, loaded.kind, loaded.region, loaded.mall_id, loaded.owner_id) == \
        (ShopName("Blue Mugs"), shop.kind, Region.US, shop.mall_id, shop.owner_id)
    assert loaded.credentials == shop.credentials
    assert loaded.auth_status is AuthStatus.PARTIAL
    assert loaded.auth_expires_at == shop.auth_expires_at
    assert loaded.created_at.tzinfo is not None and loaded.created_at == NOW
    assert loaded.version == 1 and loaded.events == []


def test_changes_are_saved_and_bump_the_version(db):
    shop = random_shop()
    store(db, shop)

    with db.uow() as uow:
        uow.shops.get(shop.id).rename(ShopName("Renamed"), NOW + timedelta(hours=1))
        uow.commit()

    with db.uow() as uow:
        loaded = uow.shops.get(shop.id)
        assert loaded.name == ShopName("Renamed") and loaded.version == 2
        assert uow.shops.get_by_name("renamed").id == shop.id


def test_nothing_is_saved_without_commit(db):
    shop = random_shop()
    with db.uow() as uow:
        uow.shops.add(shop)

    with db.uow() as uow:
        assert uow.shops.get(shop.id) is None


def test_a_change_to_a_shop_another_writer_changed_meanwhile_is_a_concurrency_conflict(db):
    shop = random_shop()
    store(db, shop)

    with db.uow() as uow:
        mine = uow.shops.get(shop.id)
        # Another writer's commit, replayed inside this transaction (SQLite would queue a real one).
        uow._session.execute(shops.update().where(shops.c.id == shop.id).values(version=shops.c.version + 1))
        mine.rename(ShopName("Mine"), NOW)
        with pytest.raises(ConcurrencyConflict):
            uow.commit()


def test_two_overlapping_units_of_work_on_one_shop_let_only_the_first_commit(db):
    if db.backend == "sqlite":
        pytest.skip("SQLite write transactions never overlap: BEGIN IMMEDIATE serializes them")
    shop = random_shop()
    store(db, shop)

    with db.uow() as first, db.uow() as second:
        first.shops.get(shop.id).rename(ShopName("First"), NOW)
        stale = second.shops.get(shop.id)
        first.commit()
        stale.rename(ShopName("Second"), NOW)
        with pytest.raises(ConcurrencyConflict):
            second.commit()


def test_a_second_shop_for_the_same_temu_shop_and_region_names_the_existing_erp_shop(db):
    first = random_shop(name="Original Shop")
    store(db, first)

    with db.uow() as uow:
        uow.shops.add(random_shop(name="Copy", mall_id=first.mall_id))
        with pytest.raises(AlreadyExists) as caught:
            uow.shops.flush()

    error = caught.value
    assert error.reason == "SHOP_ALREADY_AUTHORIZED"
    assert "'Original Shop'" in error.message and f"shops/{first.id}" in error.message
    assert error.details["existing_shop_id"] == first.id
    assert error.details["existing_shop_name"] == "Original Shop"


def test_shop_names_are_unique_regardless_of_case(db):
    store(db, random_shop(name="Blue Mugs"))

    with db.uow() as uow:
        uow.shops.add(random_shop(name="BLUE mugs"))
        with pytest.raises(AlreadyExists) as caught:
            uow.commit()

    assert caught.value.reason == "SHOP_NAME_TAKEN"


def test_renaming_onto_a_taken_name_is_refused(db):
    taken, mine = random_shop(name="Taken"), random_shop(name="Mine")
    store(db, taken, mine)

    with db.uow() as uow:
        uow.shops.get(mine.id).rename(ShopName("taken"), NOW)
        with pytest.raises(AlreadyExists) as caught:
            uow.commit()

    assert caught.value.reason == "SHOP_NAME_TAKEN"
    assert caught.value.details["existing_shop_id"] == taken.id


def test_shops_are_found_by_mall_and_region_and_other_regions_are_listed(db):
    shop = random_shop()
    store(db, shop, random_shop())

    with db.uow() as uow:
        assert uow.shops.get_by_mall(shop.mall_id, Region.US).id == shop.id
        assert uow.shops.get_by_mall(shop.mall_id, Region.EU) is None
        assert uow.shops.other_regions_of(shop.mall_id, Region.EU)[0].id == shop.id
        assert uow.shops.other_regions_of(shop.mall_id, Region.US) == []


def test_shops_due_for_expiry_are_those_lapsed_and_not_yet_marked(db):
    lapsed = random_shop(expires_at=NOW + timedelta(days=1))
    marked = random_shop(expires_at=NOW + timedelta(days=1))
    marked.check_expiry(NOW + timedelta(days=2))
    store(db, lapsed, marked, random_shop(expires_at=NOW + timedelta(days=30)))

    with db.uow() as uow:
        assert uow.shops.ids_expiring_before(NOW + timedelta(days=2)) == [lapsed.id]


def test_events_go_to_the_outbox_with_their_commit_and_loaded_shops_record_none(db):
    shop = random_shop()
    with db.uow() as uow:
        uow.shops.add(shop)  # rolled back: no event
    store(db, shop)
    with db.uow() as uow:
        uow.shops.get(shop.id)
        uow.commit()

    assert outbox_rows(db) == [("ShopAuthorized", {"shop_id": shop.id, "auth_status": "PARTIAL"})]


def outbox_rows(db) -> list[tuple[str, dict]]:
    with db.engine.connect() as conn:
        query = sa.select(outbox.c.event_type, outbox.c.payload).order_by(outbox.c.id)
        return [tuple(row) for row in conn.execute(query)]
