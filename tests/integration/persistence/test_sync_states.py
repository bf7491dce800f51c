"""Per-shop sync state: one lease holder at a time, a watermark that only moves forward, due shops."""
from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

from domain.shop_kinds import TokenKind

from .builders import NOW, authorized_shop, random_shop, stored_shop

THREADS = 20
LEASE = timedelta(seconds=60)
HISTORY_FROM = NOW - timedelta(days=30)


def shop_with_state(db, shop=None, watermark=None) -> str:
    shop_id = stored_shop(db, shop).id
    with db.uow() as uow:
        uow.sync_states.ensure(shop_id, HISTORY_FROM)
        if watermark is not None:
            uow.sync_states.advance_watermark(shop_id, watermark)
        uow.commit()
    return shop_id


def claim(db, shop_id: str, owner: str, now=NOW) -> bool:
    with db.uow() as uow:
        taken = uow.sync_states.claim(shop_id, f"run-of-{owner}", owner, now, now + LEASE)
        uow.commit()
    return taken


def release(db, shop_id: str, owner: str) -> None:
    with db.uow() as uow:
        uow.sync_states.release(shop_id, owner)
        uow.commit()


def test_ensure_creates_the_state_once_and_keeps_what_is_there(db):
    shop_id = shop_with_state(db, watermark=NOW)
    with db.uow() as uow:
        uow.sync_states.ensure(shop_id, NOW)
        uow.commit()
    with db.uow() as uow:
        state = uow.sync_states.get(shop_id)
        assert (state.watermark, state.history_from) == (NOW, HISTORY_FROM)
        assert uow.sync_states.get("no-such-shop") is None


def test_of_twenty_workers_claiming_a_shop_at_once_exactly_one_gets_it(db):
    shop_id = shop_with_state(db)
    start = threading.Barrier(THREADS)

    def attempt(i: int) -> bool:
        start.wait()
        return claim(db, shop_id, f"worker-{i}")

    with ThreadPoolExecutor(THREADS) as pool:
        assert list(pool.map(attempt, range(THREADS))).count(True) == 1


def test_the_holder_renews_its_lease_and_others_wait_until_it_expires(db):
    shop_id = shop_with_state(db)
    assert claim(db, shop_id, "a")
    assert claim(db, shop_id, "a", NOW + timedelta(seconds=30))
    assert not claim(db, shop_id, "b", NOW + timedelta(seconds=89))
    assert claim(db, shop_id, "b", NOW + timedelta(seconds=90))
    assert not claim(db, shop_id, "a", NOW + timedelta(seconds=91))


def test_only_the_holder_can_release_the_lease(db):
    shop_id = shop_with_state(db)
    assert claim(db, shop_id, "a")
    release(db, shop_id, "b")
    assert not claim(db, shop_id, "b")
    release(db, shop_id, "a")
    assert claim(db, shop_id, "b")


def test_a_shop_without_sync_state_cannot_be_claimed(db):
    assert not claim(db, stored_shop(db).id, "a")


def test_the_watermark_only_moves_forward(db):
    shop_id = shop_with_state(db)
    with db.uow() as uow:
        for moment in (NOW, NOW - timedelta(hours=1), NOW + timedelta(minutes=2), NOW + timedelta(minutes=1)):
            uow.sync_states.advance_watermark(shop_id, moment)
        uow.commit()
    with db.uow() as uow:
        assert uow.sync_states.get(shop_id).watermark == NOW + timedelta(minutes=2)


def test_due_shops_are_enabled_authorized_and_synced_longer_ago_than_the_interval(db):
    now, interval = NOW + timedelta(hours=1), timedelta(minutes=2)
    old = now - timedelta(minutes=10)
    partial = shop_with_state(db, random_shop(), watermark=old)
    authorized = shop_with_state(db, authorized_shop(), watermark=now - interval)
    shop_with_state(db, watermark=now - timedelta(minutes=1))  # synced recently
    shop_with_state(db)  # history not finished: no watermark
    disabled, revoked = random_shop(), random_shop()
    disabled.disable(NOW)
    revoked.revoke_token(TokenKind.ORDER, NOW)
    expired = random_shop(expires_at=NOW + timedelta(minutes=30))
    for shop in (disabled, revoked, expired):
        shop_with_state(db, shop, watermark=old - timedelta(minutes=1))

    with db.uow() as uow:
        assert uow.sync_states.due_shop_ids(now, interval) == [partial, authorized]
