"""The order read side: filters, newest-first keyset pages, and the full detail of one order."""
from __future__ import annotations

from datetime import timedelta

import pytest

from adapters.persistence.order_reader import SqlOrderReader
from application.orders.views import OrderFilter
from domain.errors import ValidationFailed
from domain.order_states import OrderState
from domain.platform_order import TemuStatus

from .builders import NOW, random_line, random_order, random_shop


@pytest.fixture
def shops(db) -> tuple[str, str]:
    alice, bob = random_shop(owner_id="alice"), random_shop(owner_id="bob")
    with db.uow() as uow:
        uow.shops.add(alice)
        uow.shops.add(bob)
        uow.commit()
    return alice.id, bob.id


def store(db, *orders) -> None:
    with db.uow() as uow:
        for order in orders:
            uow.orders.add(order)
        uow.commit()


def sns(page) -> list[str]:
    return [o.parent_order_sn for o in page.items]


def test_each_filter_narrows_the_list(db, shops):
    alice, bob = shops
    mug = random_order(alice, sn="PO-mug", lines=(random_line("MUG-1"),), created_at=NOW - timedelta(days=2),
                       ship_by=NOW + timedelta(days=1))
    pending = random_order(alice, sn="PO-pending", status=TemuStatus.PENDING, created_at=NOW - timedelta(days=1))
    other = random_order(bob, sn="PO-bob", lines=(random_line("MUG-1"),), created_at=NOW)
    store(db, mug, pending, other)
    reader = SqlOrderReader(db.engine)

    def listed(**flt) -> list[str]:
        return sns(reader.list(OrderFilter(**flt), 10, ""))

    assert listed() == ["PO-bob", "PO-pending", "PO-mug"]
    assert listed(shop_ids=(alice,)) == ["PO-pending", "PO-mug"]
    assert listed(owner_id="bob") == ["PO-bob"]
    assert listed(states=(OrderState.AWAITING_PLATFORM,)) == ["PO-pending"]
    assert listed(temu_statuses=(TemuStatus.UN_SHIPPING,)) == ["PO-bob", "PO-mug"]
    assert listed(created_from=NOW - timedelta(days=1), created_to=NOW) == ["PO-pending"]
    assert listed(updated_to=NOW - timedelta(days=1)) == ["PO-mug"]
    assert listed(seller_sku="MUG-1", shop_ids=(alice,)) == ["PO-mug"]
    assert listed(parent_order_sn="PO-bob") == ["PO-bob"]
    assert listed(ship_by_before=NOW + timedelta(days=2)) == ["PO-mug"]


def test_pages_cover_every_order_once_newest_first_even_with_equal_times(db, shops):
    alice, _ = shops
    orders = [random_order(alice, created_at=NOW - timedelta(minutes=i // 3)) for i in range(25)]
    store(db, *orders)
    reader, seen, token = SqlOrderReader(db.engine), [], ""
    while True:
        page = reader.list(OrderFilter(), 4, token)
        assert page.total_size == 25
        seen += page.items
        if not (token := page.next_page_token):
            break

    assert sorted(o.id for o in seen) == sorted(o.id for o in orders)
    keys = [(o.temu_created_at, o.id) for o in seen]
    assert keys == sorted(keys, reverse=True)


def test_the_detail_of_an_order_has_everything_the_list_leaves_out(db, shops):
    order = random_order(shops[0])
    store(db, order)

    detail = SqlOrderReader(db.engine).get(order.id)

    assert detail.lines == order.lines and detail.history == order.history and detail.labels == order.labels
    assert detail.address is None and detail.version == 1
    assert SqlOrderReader(db.engine).get("no-such-order") is None


def test_a_bad_page_token_is_a_clear_error(db, shops):
    reader = SqlOrderReader(db.engine)
    for bad in ["%%%", "WyJub3QgYSB0aW1lIiwieCJd"]:  # the second is ["not a time","x"]
        with pytest.raises(ValidationFailed) as caught:
            reader.list(OrderFilter(), 10, bad)
        assert caught.value.reason == "INVALID_PAGE_TOKEN"
