"""The order repository: Temu orders round-trip, stay unique per shop, and keep their SKU index."""
from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa

from adapters.persistence.tables import order_skus
from domain.errors import ConcurrencyConflict
from domain.order import Address, OrderState, TemuStatus

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
