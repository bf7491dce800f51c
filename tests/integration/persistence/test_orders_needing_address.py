"""Only to-ship orders whose address was never fetched are handed to the address fetcher, once."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from application.orders.fetch_addresses import Fetched, FetchAddresses
from domain.platform_order import Address, TemuStatus
from tests.fakes import FakeClock
from tests.fakes_sync import FakeTemuOrders, TemuOrder

from .builders import NOW, random_order, random_shop, stored_shop


def test_to_ship_orders_without_an_address_are_listed_oldest_first_up_to_the_limit(db):
    shop_id, other_id = stored_shop(db).id, stored_shop(db).id
    older = random_order(shop_id, sn="PO-older", created_at=NOW - timedelta(days=2))
    newer = random_order(shop_id, sn="PO-newer", created_at=NOW - timedelta(days=1))
    fetched = random_order(shop_id, sn="PO-fetched")
    fetched.record_address(Address(name="A. Buyer", country="US"), NOW)
    fetched_but_empty = random_order(shop_id, sn="PO-empty")
    fetched_but_empty.record_address(Address(), NOW)
    others = [random_order(shop_id, status=TemuStatus.PENDING), random_order(shop_id, status=TemuStatus.CANCELED),
              random_order(shop_id, status=TemuStatus.SHIPPED), random_order(other_id)]
    with db.uow() as uow:
        for order in (newer, older, fetched, fetched_but_empty, *others):
            uow.orders.add(order)
        uow.commit()

    with db.uow() as uow:
        assert [o.parent_order_sn for o in uow.orders.needing_address(shop_id, 10)] == ["PO-older", "PO-newer"]
        assert [o.parent_order_sn for o in uow.orders.needing_address(shop_id, 1)] == ["PO-older"]


def test_the_address_fetcher_records_each_to_ship_orders_address_once(db):
    clock = FakeClock(datetime.now(timezone.utc))
    shop = stored_shop(db, random_shop(expires_at=clock.now() + timedelta(days=90), now=clock.now()))
    temu = FakeTemuOrders(clock)
    temu.orders["PO-on-temu"] = TemuOrder("PO-on-temu", TemuStatus.UN_SHIPPING, temu.now(), temu.now())
    with db.uow() as uow:
        uow.sync_states.ensure(shop.id, clock.now() - timedelta(days=30))
        for sn in ("PO-on-temu", "PO-gone-from-temu"):
            uow.orders.add(random_order(shop.id, sn=sn))
        uow.commit()

    assert FetchAddresses(db.uow, temu, clock).execute(shop.id) is Fetched.DONE  # no more batches waiting

    with db.uow() as uow:
        assert uow.orders.get_by_sn(shop.id, "PO-on-temu").address == Address(name="A. Buyer", country="US")
        assert uow.orders.get_by_sn(shop.id, "PO-gone-from-temu").address == Address()
        assert uow.orders.needing_address(shop.id, 10) == []
