"""Issue 13, item 3: an order's amounts are asked of Temu once, in the lane of the addresses,
whatever the number of jobs; once more only when Temu changed the order; never without the grant."""
from __future__ import annotations

import threading
import time
from collections import Counter
from datetime import datetime, timedelta, timezone
from decimal import Decimal

import pytest

from application.orders.fetch_addresses import BATCH, Fetched, FetchAddresses
from domain.errors import PreconditionFailed, UpstreamUnavailable
from domain.order_amounts import AMOUNT_SCOPE, Money, OrderAmounts
from domain.platform_order import Address, TemuStatus
from domain.token import missing_wanted_scopes
from tests.fakes import FakeClock
from tests.fakes_sync import FakeTemuOrders

from .builders import platform_order, random_order, random_shop, stored_shop

SHIPPED, TO_SHIP = TemuStatus.SHIPPED, TemuStatus.UN_SHIPPING


class CountingTemu(FakeTemuOrders):
    """Records every call in order; each takes a moment, as over the network."""

    def __init__(self, clock, refuse_amounts: bool = False) -> None:
        super().__init__(clock)
        self.calls: list[tuple[str, str]] = []
        self._lock, self._refuse = threading.Lock(), refuse_amounts

    def get_address(self, access, sn) -> Address | None:
        with self._lock:
            self.calls.append(("address", sn))
        time.sleep(0.001)
        return Address(name="A. Buyer", country="US")

    def get_amounts(self, access, sn) -> OrderAmounts | None:
        with self._lock:
            self.calls.append(("amounts", sn))
        if self._refuse:
            raise PreconditionFailed("not authorized for bg.order.amount.query", reason="TOKEN_SCOPE_MISSING")
        time.sleep(0.001)
        return OrderAmounts("USD", goods=Money("USD", Decimal("9.99")))

    def asked(self, what: str) -> Counter[str]:
        return Counter(sn for kind, sn in self.calls if kind == what)


def shop_with_orders(db, clock, orders: dict[str, int], *, granted: bool = True):
    shop = stored_shop(db, random_shop(expires_at=clock.now() + timedelta(days=90), now=clock.now(),
                                       extra_scopes=(AMOUNT_SCOPE,) if granted else ()))
    with db.uow() as uow:
        uow.sync_states.ensure(shop.id, clock.now() - timedelta(days=30))
        for sn, status in orders.items():
            uow.orders.add(random_order(shop.id, sn=sn, status=status))
        uow.commit()
    return shop


def drain(fetcher: FetchAddresses, shop_id: str) -> None:
    while fetcher.execute(shop_id) is Fetched.MORE:  # what the actor does
        pass


def test_four_jobs_of_one_shop_at_once_ask_temu_for_each_orders_amounts_once(db):
    clock = FakeClock(datetime.now(timezone.utc))
    orders = {f"PO-S{i:03d}": SHIPPED for i in range(70)} | {f"PO-T{i:03d}": TO_SHIP for i in range(30)}
    shop = shop_with_orders(db, clock, orders)
    temu, start = CountingTemu(clock), threading.Barrier(4)

    def job() -> None:
        fetcher = FetchAddresses(db.uow, temu, clock)
        start.wait()
        drain(fetcher, shop.id)

    threads = [threading.Thread(target=job) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)

    assert temu.asked("amounts") == Counter(dict.fromkeys(orders, 1))
    assert temu.asked("address") == Counter({sn: 1 for sn, s in orders.items() if s == TO_SHIP})
    with db.uow() as uow:
        assert uow.orders.needing_amounts(shop.id, 200) == []
        assert uow.orders.get_by_sn(shop.id, "PO-S000").amounts.goods == Money("USD", Decimal("9.99"))


def test_addresses_go_first_and_amounts_fill_what_is_left_of_a_batch(db):
    clock = FakeClock(datetime.now(timezone.utc))
    orders = {f"PO-S{i:03d}": SHIPPED for i in range(BATCH)} | {f"PO-T{i:03d}": TO_SHIP for i in range(10)}
    shop = shop_with_orders(db, clock, orders)
    temu = CountingTemu(clock)

    assert FetchAddresses(db.uow, temu, clock).execute(shop.id) is Fetched.MORE

    kinds = [kind for kind, _ in temu.calls]
    assert kinds == ["address"] * 10 + ["amounts"] * (BATCH - 10)


def test_without_the_grant_no_amount_is_asked_for_and_addresses_go_on(db):
    clock = FakeClock(datetime.now(timezone.utc))
    shop = shop_with_orders(db, clock, {"PO-S1": SHIPPED, "PO-T1": TO_SHIP}, granted=False)
    temu = CountingTemu(clock)

    drain(FetchAddresses(db.uow, temu, clock), shop.id)

    assert temu.calls == [("address", "PO-T1")]
    with db.uow() as uow:
        assert uow.orders.get_by_sn(shop.id, "PO-S1").amounts is None


def test_pending_and_cancelled_orders_are_not_priced(db):
    clock = FakeClock(datetime.now(timezone.utc))
    shop = shop_with_orders(db, clock, {"PO-P": TemuStatus.PENDING, "PO-C": TemuStatus.CANCELED,
                                        "PO-D": TemuStatus.DELIVERED})
    temu = CountingTemu(clock)
    drain(FetchAddresses(db.uow, temu, clock), shop.id)
    assert temu.calls == [("amounts", "PO-D")]


def test_amounts_are_asked_again_only_after_temu_changed_the_order(db):
    clock = FakeClock(datetime.now(timezone.utc))
    shop = shop_with_orders(db, clock, {"PO-S1": SHIPPED})
    temu = CountingTemu(clock)
    fetcher = FetchAddresses(db.uow, temu, clock)
    drain(fetcher, shop.id)
    drain(fetcher, shop.id)
    assert temu.asked("amounts") == Counter({"PO-S1": 1})

    with db.uow() as uow:
        order = uow.orders.get_by_sn(shop.id, "PO-S1")
        order.apply_platform_update(platform_order(sn="PO-S1", status=TemuStatus.DELIVERED,
                                                   updated_at=clock.now() + timedelta(minutes=5)), clock.now())
        uow.commit()
    clock.advance(minutes=10)
    drain(fetcher, shop.id)
    drain(fetcher, shop.id)
    assert temu.asked("amounts") == Counter({"PO-S1": 2})


def test_a_token_temu_refuses_the_amounts_to_loses_the_scope_in_the_token_matrix(db):
    clock = FakeClock(datetime.now(timezone.utc))
    shop = shop_with_orders(db, clock, {f"PO-S{i}": SHIPPED for i in range(5)})
    temu = CountingTemu(clock, refuse_amounts=True)
    fetcher = FetchAddresses(db.uow, temu, clock)

    assert fetcher.execute(shop.id) is Fetched.DONE
    drain(fetcher, shop.id)

    assert len(temu.calls) == 1  # one refusal, then no more asking
    with db.uow() as uow:
        cred = uow.shops.get(shop.id).order_credential(clock.now())
    assert missing_wanted_scopes(cred.kind, cred.scopes) == (AMOUNT_SCOPE,)


def test_amounts_fetched_before_temu_failed_are_kept_and_not_asked_again(db):
    clock = FakeClock(datetime.now(timezone.utc))
    shop = shop_with_orders(db, clock, {f"PO-S{i:02d}": SHIPPED for i in range(25)})

    class FailingOnce(CountingTemu):
        failed = False

        def get_amounts(self, access, sn):
            if len(self.calls) == 13 and not self.failed:
                self.failed = True
                raise UpstreamUnavailable("Temu is busy", retry_after_s=1)
            return super().get_amounts(access, sn)

    temu = FailingOnce(clock)
    fetcher = FetchAddresses(db.uow, temu, clock)
    with pytest.raises(UpstreamUnavailable):
        fetcher.execute(shop.id)
    drain(fetcher, shop.id)  # the retry

    assert temu.asked("amounts") == Counter({f"PO-S{i:02d}": 1 for i in range(25)})
    with db.uow() as uow:
        assert uow.orders.needing_amounts(shop.id, 50) == []
