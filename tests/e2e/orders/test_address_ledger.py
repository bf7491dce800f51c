"""Issue 9, acceptance 2, and issue 13, item 3: the address and amount ledger. A 3,000-order
history over three shops, syncs every second and two worker processes: Temu is asked for each
to-ship order's address exactly once, and for each sold order's amounts exactly once."""
from __future__ import annotations

import time

import pytest
import sqlalchemy as sa

from sandboxes.temu.catalog import AMOUNT_SCOPE, ORDER_SCOPES
from sandboxes.temu.registry import SandboxRegistry
from sandboxes.temu.server import TemuSandbox
from tests.redis_db import worker_redis_url
from tests.e2e.conftest import APP_KEY, APP_SECRET
from tests.e2e.orders.processes import Cluster
from application.shops.commands import AuthorizeShopCommand
from domain.shop_kinds import Region, ShopKind
from tests.e2e.orders.test_multiprocess_sync import ADMIN
from tests.integration.persistence.conftest import postgres_server  # noqa: F401  (fixture)

pytestmark = [pytest.mark.postgres, pytest.mark.redis, pytest.mark.slow]
ADDRESS = "bg.order.shippinginfo.v2.get"
TO_SHIP = 2
PRICED = (TO_SHIP, 4, 5)
SHOPS, ORDERS = 3, 1_000
MIX = {TO_SHIP: 0.39, 1: 0.06, 3: 0.1, 4: 0.3, 5: 0.15}  # about the share of to-ship orders of a real shop


@pytest.fixture
def cluster(postgres_server):  # noqa: F811
    from adapters.persistence.migrate import upgrade

    url = worker_redis_url()
    db_url = postgres_server.create()
    upgrade(db_url)
    registry = SandboxRegistry()
    registry.add_app(APP_KEY, APP_SECRET, qps=1000)  # the ledger, not the budget, is under test
    with TemuSandbox(registry) as sandbox:
        c = Cluster(db_url, url, sandbox.base_url)
        c.registry = registry
        yield c
        c.stop_all()
    postgres_server.drop(db_url)


def test_two_workers_and_many_syncs_ask_temu_once_for_each_address_and_each_orders_amounts(cluster):
    cluster.extra_env = {"TEMU_QPS": "500", "ERP_SYNC_INTERVAL_SECONDS": "1"}
    app, malls = _shops(cluster)
    for _ in range(2):
        cluster.start("--threads", "8", "--tick", "0.5")
    for mall in malls.values():  # shippable after the history: the incremental syncs bring them
        for _ in range(10):
            cluster.registry.create_order(mall, 211, status=TO_SHIP)
        pending = [o["parentOrderSn"] for o in cluster.registry.orders(mall, 211) if o["parentOrderStatus"] == 1]
        for sn in pending[:10]:
            cluster.registry.advance_order(sn, TO_SHIP)
    statuses = [o["parentOrderStatus"] for m in malls.values() for o in cluster.registry.orders(m, 211)]
    to_ship, priced = statuses.count(TO_SHIP), sum(s in PRICED for s in statuses)

    _wait_until(lambda: _addresses_stored(app) == to_ship and _amounts_stored(app) == priced
                and _incremental_runs(app) >= 3 * SHOPS, 300,
                lambda: f"{_addresses_stored(app)} of {to_ship} addresses, {_amounts_stored(app)} of {priced} "
                        f"amounts, {_incremental_runs(app)} syncs, {len(cluster.registry.call_log(APP_KEY))} Temu calls")
    time.sleep(2)  # the syncs that were under way finish and send their address jobs too
    cluster.stop_all()

    asked = [c for c in cluster.registry.call_log(APP_KEY) if c.type == ADDRESS]
    assert _addresses_stored(app) == to_ship
    assert len(asked) == to_ship  # all stored, none asked twice
    priced_asked = [c for c in cluster.registry.call_log(APP_KEY) if c.type == AMOUNT_SCOPE]
    assert _amounts_stored(app) == priced and len(priced_asked) == priced


def _shops(cluster: Cluster) -> tuple[object, dict[str, int]]:
    app, malls = cluster.app(), {}
    for i in range(SHOPS):
        mall = cluster.registry.add_mall(mall_type=1)
        token = cluster.registry.issue_token(mall, gateway="us", region_id=211, kind="order", app_key=APP_KEY,
                                             scopes=[*ORDER_SCOPES, AMOUNT_SCOPE])
        cluster.registry.generate_orders(mall, 211, ORDERS, days=29, seed=i, mix=MIX)
        shop = app.shops.authorize(AuthorizeShopCommand(ADMIN, f"Shop {i}", ShopKind.CROSS_BORDER, Region.US, token))
        malls[shop.shop.id] = mall
    return app, malls


def _addresses_stored(app) -> int:
    with app.engine.connect() as conn:
        return conn.execute(sa.text("SELECT count(*) FROM orders WHERE temu_status = :s "
                                    "AND address_fetched_at IS NOT NULL"), {"s": TO_SHIP}).scalar_one()


def _amounts_stored(app) -> int:
    with app.engine.connect() as conn:
        return conn.execute(sa.text("SELECT count(*) FROM orders WHERE amounts_fetched_at IS NOT NULL")).scalar_one()


def _incremental_runs(app) -> int:
    with app.engine.connect() as conn:
        return conn.execute(sa.text("SELECT count(*) FROM sync_runs WHERE kind = 'INCREMENTAL' "
                                    "AND status = 'SUCCEEDED'")).scalar_one()


def _wait_until(condition, seconds: float, state) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, state()
        time.sleep(0.5)
