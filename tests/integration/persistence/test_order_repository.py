"""The order repository: Temu orders round-trip, stay unique per shop, and keep their SKU index."""
from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
import sqlalchemy as sa

from adapters.persistence.tables import order_skus, orders
from domain.errors import ConcurrencyConflict
from domain.order_states import OrderState
from domain.platform_order import Address, TemuStatus

from .builders import NOW, platform_order, random_line, random_order, random_shop


@pytest.fixture
def shop_id(db) -> str:
    shop = random_shop()
    with db.uow() as uow:
        uow.shops.add(shop)
        uow.commit()
    return shop.id


def store(db, *orders) -> None:
    with db.uow() as uow:
        for order in orders:
            uow.orders.add(order)
        uow.commit()


def skus_of(db, order_id: str) -> list[str]:
    with db.engine.connect() as conn:
        query = sa.select(order_skus.c.seller_sku).where(order_skus.c.order_id == order_id)
        return sorted(conn.execute(query).scalars())


def test_an_order_comes_back_with_its_lines_labels_history_and_address(db, shop_id):
    order = random_order(shop_id, lines=(random_line("MUG-1", 2), random_line("MUG-2")))
    order.record_address(Address(name="J*** D**", country="US", city="Austin", post_code="787**"), NOW)
    store(db, order)

    with db.uow() as uow:
        loaded = uow.orders.get(order.id)

    assert loaded.lines == order.lines and loaded.labels == order.labels
    assert loaded.history == order.history and loaded.address == order.address
    assert (loaded.state, loaded.temu_status, loaded.version) == (OrderState.TO_REVIEW, TemuStatus.UN_SHIPPING, 1)
    assert loaded.temu_created_at == NOW and loaded.events == []


def test_every_attribute_of_an_order_is_stored_and_comes_back_both_when_added_and_when_changed(db, shop_id):
    order = random_order(shop_id)
    order.assign(NOW)
    store(db, order)
    with db.uow() as uow:
        changed = uow.orders.get(order.id)
        assert vars(changed) == vars(order) | {"events": []}
        changed.raise_exception("CHECK_STOCK", NOW + timedelta(hours=1))
        changed.record_address(Address(name="J*** D**", country="US"), NOW + timedelta(hours=1))
        uow.commit()

    with db.uow() as uow:
        loaded = uow.orders.get(order.id)
    assert vars(loaded) == vars(changed) | {"events": []}
    assert loaded.state is OrderState.EXCEPTION and loaded.exception_origin() is OrderState.ASSIGNED


def test_orders_are_found_by_parent_order_number_within_their_shop(db, shop_id):
    first, second = random_order(shop_id), random_order(shop_id)
    store(db, first, second)

    with db.uow() as uow:
        found = uow.orders.get_many_by_sn(shop_id, [first.parent_order_sn, second.parent_order_sn, "PO-none"])
        assert set(found) == {first.parent_order_sn, second.parent_order_sn}
        assert uow.orders.get_by_sn(shop_id, first.parent_order_sn).id == first.id
        assert uow.orders.get_by_sn("another-shop", first.parent_order_sn) is None


def test_storing_a_parent_order_twice_for_one_shop_is_a_retryable_conflict(db, shop_id):
    order = random_order(shop_id)
    store(db, order)

    with pytest.raises(ConcurrencyConflict):
        store(db, random_order(shop_id, sn=order.parent_order_sn))


def test_a_platform_update_is_saved_and_the_sku_index_follows_the_lines(db, shop_id):
    order = random_order(shop_id, lines=(random_line("OLD-SKU"),))
    store(db, order)
    assert skus_of(db, order.id) == ["OLD-SKU"]

    with db.uow() as uow:
        loaded = uow.orders.get(order.id)
        update = platform_order(sn=order.parent_order_sn, status=TemuStatus.CANCELED,
                                updated_at=NOW + timedelta(hours=1), lines=(random_line("NEW-SKU"),))
        assert loaded.apply_platform_update(update, NOW + timedelta(hours=1))
        uow.commit()

    with db.uow() as uow:
        assert uow.orders.get(order.id).state is OrderState.CANCELLED
    assert skus_of(db, order.id) == ["NEW-SKU"]


def test_new_orders_written_in_bulk_read_back_exactly_as_the_orm_writes_them(db, shop_id):
    bulk = [random_order(shop_id, lines=(random_line("BULK-1", 3), random_line("BULK-2"))) for _ in range(3)]
    bulk[0].record_address(Address(name="J*** D**", country="US", city="Austin", post_code="787**"), NOW)
    one_by_one = random_order(shop_id, lines=(random_line("ORM-1"),))
    with db.uow() as uow:
        uow.orders.add_new(bulk)
        uow.orders.add(one_by_one)
        uow.commit()

    with db.uow() as uow:
        for written in (*bulk, one_by_one):
            loaded = uow.orders.get(written.id)
            assert (loaded.lines, loaded.labels, loaded.history, loaded.address) == \
                (written.lines, written.labels, written.history, written.address)
            assert (loaded.state, loaded.temu_status, loaded.ship_by, loaded.version) == \
                (written.state, written.temu_status, written.ship_by, 1)
    assert skus_of(db, bulk[1].id) == ["BULK-1", "BULK-2"] and skus_of(db, one_by_one.id) == ["ORM-1"]


def test_an_order_written_in_bulk_can_be_changed_later_in_the_same_unit_of_work(db, shop_id):
    order = random_order(shop_id)
    with db.uow() as uow:
        uow.orders.add_new([order])
        loaded = uow.orders.get(order.id)
        update = platform_order(sn=order.parent_order_sn, status=TemuStatus.CANCELED, updated_at=NOW + timedelta(hours=1))
        assert loaded.apply_platform_update(update, NOW + timedelta(hours=1))
        uow.commit()

    with db.uow() as uow:
        assert uow.orders.get(order.id).state is OrderState.CANCELLED


def test_a_bulk_write_of_an_order_already_stored_is_a_retryable_conflict_and_writes_nothing(db, shop_id):
    stored = random_order(shop_id)
    store(db, stored)
    fresh = random_order(shop_id)

    with pytest.raises(ConcurrencyConflict):
        with db.uow() as uow:
            uow.orders.add_new([fresh, random_order(shop_id, sn=stored.parent_order_sn)])
            uow.commit()

    with db.uow() as uow:
        assert uow.orders.get(fresh.id) is None
    assert skus_of(db, fresh.id) == []


def test_an_order_changed_elsewhere_since_it_was_read_is_not_overwritten(db, shop_id):
    order = random_order(shop_id)
    store(db, order)

    with db.uow() as uow:
        mine = uow.orders.get(order.id)
        uow._session.execute(orders.update().where(orders.c.id == order.id).values(version=orders.c.version + 1))
        mine.record_address(Address(name="A*** B**", country="US"), NOW + timedelta(hours=1))
        with pytest.raises(ConcurrencyConflict):
            uow.commit()


def test_one_order_changed_by_two_units_of_work_at_once_fails_the_second_with_a_retryable_conflict(db, shop_id):
    if db.backend == "sqlite":
        pytest.skip("SQLite write transactions never overlap: BEGIN IMMEDIATE serializes them")
    order = random_order(shop_id)
    store(db, order)
    later = NOW + timedelta(hours=1)

    with db.uow() as first, db.uow() as second:
        mine, theirs = first.orders.get(order.id), second.orders.get(order.id)
        mine.record_address(Address(name="A*** B**", country="US"), later)
        first.commit()
        theirs.record_address(Address(name="C*** D**", country="US"), later)
        with pytest.raises(ConcurrencyConflict):
            second.commit()

    with db.uow() as uow:
        assert uow.orders.get(order.id).address.name == "A*** B**"


def test_an_order_read_twice_in_a_unit_of_work_is_one_object_and_each_saved_change_bumps_its_version(db, shop_id):
    order = random_order(shop_id)
    store(db, order)

    with db.uow() as uow:
        loaded = uow.orders.get(order.id)
        assert uow.orders.get_by_sn(shop_id, order.parent_order_sn) is loaded
        uow.commit()  # nothing changed: nothing written
    for hours in (1, 2):
        with db.uow() as uow:
            uow.orders.get(order.id).record_address(Address(name=f"N{hours}", country="US"), NOW + timedelta(hours=hours))
            uow.commit()

    with db.uow() as uow:
        assert uow.orders.get(order.id).version == 3


def test_text_with_tabs_newlines_backslashes_and_null_markers_survives_a_bulk_write(db, shop_id):
    hostile = "Mug\t350 ml\nline two \\N \\\\ \"quoted\" 'single' 中文 🚀"
    line = replace(random_line("SKU\tTAB"), goods_name=hostile, spec="\\N")
    order = random_order(shop_id, lines=(line,))
    with db.uow() as uow:
        uow.orders.add_new([order])
        uow.commit()

    with db.uow() as uow:
        loaded = uow.orders.get(order.id).lines[0]
    assert (loaded.goods_name, loaded.spec, loaded.seller_sku) == (hostile, "\\N", "SKU\tTAB")
    assert skus_of(db, order.id) == ["SKU\tTAB"]
