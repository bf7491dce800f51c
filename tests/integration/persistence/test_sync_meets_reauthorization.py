"""A sync that Temu refuses with the token it read, while the shop was re-authorized with a new
one: the refusal was of the replaced token, so the run goes on and the new token stays usable.
(Before, the run revoked the new token and waited for a resume that had already been sent.)"""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from application.orders.run_sync import Outcome, RunSync
from application.orders.start_sync import schedule_history
from domain.events import SyncRunResumed
from domain.platform_order import TemuStatus
from domain.shop_kinds import TokenKind
from domain.sync import RunStatus
from tests.fakes import FakeClock
from tests.fakes_sync import FakeTemuOrders, TemuOrder

from .builders import order_token_info, random_shop, stored_shop


def test_a_refusal_of_the_replaced_token_resumes_the_run_and_leaves_the_new_token_usable(db):
    clock = FakeClock(datetime.now(timezone.utc))
    shop = stored_shop(db, random_shop(expires_at=clock.now() + timedelta(days=90), now=clock.now()))
    with db.uow() as uow:
        run = schedule_history(uow, shop.id, uow.db_now())
        uow.commit()
    temu = FakeTemuOrders(clock)
    temu.orders["PO-211-1"] = TemuOrder("PO-211-1", TemuStatus.UN_SHIPPING, temu.now() - 3600, temu.now() - 60)

    def reauthorized_meanwhile() -> None:  # ReauthorizeShop commits while Temu answers the old token
        temu.on_call, temu.revoked = None, True
        with db.uow() as uow:
            stored = uow.shops.get_for_update(shop.id)
            stored.reauthorize(TokenKind.ORDER, order_token_info(shop.mall_id, clock.now() + timedelta(days=90)),
                               "fp-new-token", clock.now())
            uow.commit()
    temu.on_call = reauthorized_meanwhile

    assert RunSync(db.uow, temu, clock).execute(run.id) is Outcome.STOPPED
    with db.uow() as uow:
        after, current = uow.sync_runs.get(run.id), uow.shops.get(shop.id)
    assert after.status is RunStatus.PENDING  # sent again by its SyncRunResumed
    assert not current.order_credential(clock.now()).revoked
    with db.engine.connect() as conn:
        types = [t for (t,) in conn.exec_driver_sql("SELECT event_type FROM outbox ORDER BY id")]
    assert types[-1] == SyncRunResumed.__name__
