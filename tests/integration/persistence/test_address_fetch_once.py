"""Issue 9, item 1: however many address jobs of a shop run at once, each to-ship order's
address is asked of Temu once."""
from __future__ import annotations

import threading
import time
from collections import Counter
from datetime import datetime, timedelta, timezone

from application.orders.fetch_addresses import Fetched, FetchAddresses
from domain.platform_order import Address
from tests.fakes import FakeClock
from tests.fakes_sync import FakeTemuOrders

from .builders import random_order, random_shop, stored_shop

ORDERS, JOBS = 120, 4


class CountingTemu(FakeTemuOrders):
    """Counts the address calls per order; each takes a moment, as over the network."""

    def __init__(self, clock) -> None:
        super().__init__(clock)
        self.asked: Counter[str] = Counter()
        self._lock = threading.Lock()

    def get_address(self, access, sn) -> Address | None:
        with self._lock:
            self.asked[sn] += 1
        time.sleep(0.002)
        return Address(name="A. Buyer", country="US")


def test_four_address_jobs_of_one_shop_at_once_ask_temu_once_per_to_ship_order(db):
    clock = FakeClock(datetime.now(timezone.utc))
    shop = stored_shop(db, random_shop(expires_at=clock.now() + timedelta(days=90), now=clock.now()))
    with db.uow() as uow:
        uow.sync_states.ensure(shop.id, clock.now() - timedelta(days=30))
        for i in range(ORDERS):
            uow.orders.add(random_order(shop.id, sn=f"PO-{i:04d}"))
        uow.commit()
    temu, start = CountingTemu(clock), threading.Barrier(JOBS)

    def job() -> None:  # what the actor does: again while MORE
        fetcher = FetchAddresses(db.uow, temu, clock)
        start.wait()
        while fetcher.execute(shop.id) is Fetched.MORE:
            pass

    threads = [threading.Thread(target=job) for _ in range(JOBS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)

    assert len(temu.asked) == ORDERS
    assert [sn for sn, n in temu.asked.items() if n > 1] == []
    with db.uow() as uow:
        assert uow.orders.needing_address(shop.id, ORDERS) == []


def test_a_job_that_finds_the_shop_taken_makes_the_holder_go_on_once_more(db):
    clock = FakeClock(datetime.now(timezone.utc))
    shop = stored_shop(db, random_shop(expires_at=clock.now() + timedelta(days=90), now=clock.now()))
    with db.uow() as uow:
        uow.sync_states.ensure(shop.id, clock.now() - timedelta(days=30))
        uow.orders.add(random_order(shop.id, sn="PO-first"))
        uow.commit()
    temu = CountingTemu(clock)
    late = FetchAddresses(db.uow, temu, clock)
    outcomes = []

    class ArrivingMeanwhile(CountingTemu):  # while the holder asks Temu, an order and its job arrive
        def get_address(self, access, sn):
            if sn == "PO-first":
                with db.uow() as uow:
                    uow.orders.add(random_order(shop.id, sn="PO-late"))
                    uow.commit()
                outcomes.append(late.execute(shop.id))
            return super().get_address(access, sn)

    holder = FetchAddresses(db.uow, ArrivingMeanwhile(clock), clock)
    first = holder.execute(shop.id)
    assert (first, outcomes) == (Fetched.MORE, [Fetched.BUSY])
    assert holder.execute(shop.id) is Fetched.DONE
    with db.uow() as uow:
        assert uow.orders.needing_address(shop.id, 10) == []
