"""Issue 9, item 1: however many address jobs of a shop run at once, each to-ship order's
address is asked of Temu once."""
from __future__ import annotations

import threading
import time
from collections import Counter
from datetime import datetime, timedelta, timezone

from application.orders.fetch_addresses import Fetched, FetchAddresses
from domain.order import Address
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

    def job() -> None:  # what the actor does: again while MORE, later while BUSY
        fetcher = FetchAddresses(db.uow, temu, clock)
        start.wait()
        while (fetched := fetcher.execute(shop.id)) is not Fetched.DONE:
            if fetched is Fetched.BUSY:
                time.sleep(0.01)

    threads = [threading.Thread(target=job) for _ in range(JOBS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)

    assert len(temu.asked) == ORDERS
    assert [sn for sn, n in temu.asked.items() if n > 1] == []
    with db.uow() as uow:
        assert uow.orders.needing_address(shop.id, ORDERS) == []
