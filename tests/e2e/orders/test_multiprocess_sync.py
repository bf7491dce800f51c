"""Issue 3, acceptance 3 and 4: several schedulers and workers on PostgreSQL and Redis."""
from __future__ import annotations

import random
import signal
import time

import pytest
import sqlalchemy as sa

from sandboxes.temu.registry import SandboxRegistry
from sandboxes.temu.server import TemuSandbox
from application.shops.commands import AuthorizeShopCommand
from domain.principal import Principal, Role
from domain.shop_kinds import Region, ShopKind
from tests.e2e.conftest import APP_KEY, APP_SECRET
from tests.e2e.orders.processes import Cluster
from tests.redis_db import worker_redis_url
from tests.integration.persistence.conftest import postgres_server  # noqa: F401  (fixture)

pytestmark = [pytest.mark.postgres, pytest.mark.redis, pytest.mark.slow]
ADMIN = Principal("admin", "admin", Role.ADMIN)


@pytest.fixture
def redis_url() -> str:
    return worker_redis_url()


@pytest.fixture
def cluster(postgres_server, redis_url):  # noqa: F811
    from adapters.persistence.migrate import upgrade

    db_url = postgres_server.create()
    upgrade(db_url)
    registry = SandboxRegistry()
    registry.add_app(APP_KEY, APP_SECRET, qps=20)
    with TemuSandbox(registry) as sandbox:
        c = Cluster(db_url, redis_url, sandbox.base_url)
        c.registry = registry
        yield c
        c.stop_all()
    postgres_server.drop(db_url)


def _shops(cluster: Cluster, count: int, orders: int) -> tuple[object, dict[str, int]]:
    app = cluster.app()
    malls = {}
    for i in range(count):
        mall = cluster.registry.add_mall(mall_type=1)
        token = cluster.registry.issue_token(mall, gateway="us", region_id=211, kind="order", app_key=APP_KEY)
        cluster.registry.generate_orders(mall, 211, orders, days=29, seed=i)
        shop = app.shops.authorize(AuthorizeShopCommand(ADMIN, f"Shop {i}", ShopKind.CROSS_BORDER, Region.US, token))
        malls[shop.shop.id] = mall
    return app, malls


def _assert_orders_match(app, cluster: Cluster, malls: dict[str, int]) -> None:
    with app.engine.connect() as conn:
        rows = conn.execute(sa.text("SELECT shop_id, parent_order_sn, temu_status FROM orders")).fetchall()
    held: dict[str, dict[str, int]] = {}
    for shop_id, sn, status in rows:
        assert sn not in held.setdefault(shop_id, {}), f"{sn} stored twice"
        held[shop_id][sn] = status
    for shop_id, mall in malls.items():
        listed = cluster.registry.orders(mall, 211)
        truth = {o["parentOrderSn"]: o["parentOrderStatus"] for o in listed}
        assert held.get(shop_id, {}) == truth, _what_differs(app, shop_id, held.get(shop_id, {}), listed)


def _what_differs(app, shop_id: str, held: dict[str, int], listed: list[dict]) -> str:
    """Which orders are missing or extra, by Temu update time, and the shop's runs (to find a gap)."""
    missing = sorted(o["updateTime"] for o in listed if o["parentOrderSn"] not in held)
    extra = set(held) - {o["parentOrderSn"] for o in listed}
    with app.engine.connect() as conn:
        runs = conn.execute(sa.text(
            "SELECT kind, status, window_start, window_end, cursor_end, cursor_page, pages_done, created, updated "
            "FROM sync_runs WHERE shop_id = :s ORDER BY created_at"), {"s": shop_id}).fetchall()
    return (f"{len(missing)} missing (updateTime {missing[:1]}..{missing[-1:]}), {len(extra)} extra; "
            f"runs: {[tuple(r) for r in runs][:12]}")


def test_three_schedulers_and_two_workers_sync_each_shop_once_per_slot_with_no_gap(cluster):
    cluster.extra_env = {"ERP_SYNC_INTERVAL_SECONDS": "1", "ERP_SYNC_LEASE_SECONDS": "10",
                         "ERP_REDISPATCH_SECONDS": "5"}
    app, malls = _shops(cluster, 10, 40)
    t0 = time.time()
    for _ in range(3):
        cluster.start("--scheduler-only", "--tick", "1")
    for _ in range(2):
        cluster.start("--no-scheduler", "--threads", "4")
    rng = random.Random(3)
    while time.time() - t0 < 60:
        mall = rng.choice(list(malls.values()))
        sn = cluster.registry.create_order(mall, 211, status=rng.choice([1, 2]))
        if rng.random() < 0.5:
            cluster.registry.advance_order(sn)
        time.sleep(0.5)
    t_end = time.time()
    time.sleep(6)  # the last orders' window comes round
    for proc in cluster.procs[:3]:
        proc.send_signal(signal.SIGTERM)
    time.sleep(6)  # the workers finish what was scheduled
    cluster.stop_all()
    with app.engine.connect() as conn:
        runs = conn.execute(sa.text(
            "SELECT shop_id, kind, slot_start, window_start, window_end, status, started_at, finished_at "
            "FROM sync_runs ORDER BY shop_id, window_start")).fetchall()
    by_shop: dict[str, list] = {}
    for r in runs:
        by_shop.setdefault(r.shop_id, []).append(r)
    slots = [(r.shop_id, r.kind, r.slot_start) for r in runs]
    assert len(slots) == len(set(slots))
    for shop_id, shop_runs in by_shop.items():
        done = [r for r in shop_runs if r.status == "SUCCEEDED"]
        assert len(done) >= 10, f"shop {shop_id}: only {len(done)} syncs in 60 s"
        spans = sorted((r.started_at, r.finished_at) for r in done)
        for (_, end), (start, _) in zip(spans, spans[1:]):
            assert start >= end, f"shop {shop_id} synced twice at once"
        covered_to = None
        for r in sorted(done, key=lambda r: r.window_start):
            assert covered_to is None or r.window_start <= covered_to + 1, f"gap before {r.window_start}"
            covered_to = max(covered_to or r.window_end, r.window_end)
        assert covered_to >= t_end
    _assert_orders_match(app, cluster, malls)


def test_a_worker_killed_ten_times_mid_sync_loses_and_duplicates_nothing(cluster):
    _kill_workers_mid_sync(cluster, kills=10, orders=20_000)


@pytest.mark.soak
def test_soak_a_worker_killed_fifty_times_mid_sync_loses_and_duplicates_nothing(cluster):
    _kill_workers_mid_sync(cluster, kills=50, orders=60_000)


def _kill_workers_mid_sync(cluster: Cluster, kills: int, orders: int) -> None:
    cluster.extra_env = {"ERP_SYNC_LEASE_SECONDS": "3", "ERP_REDISPATCH_SECONDS": "3",
                         "ERP_SYNC_INTERVAL_SECONDS": "2"}
    app, malls = _shops(cluster, 1, orders)
    cluster.start("--scheduler-only", "--tick", "1")
    worker = cluster.start("--no-scheduler", "--threads", "2")
    rng = random.Random(5)
    for _ in range(kills):
        time.sleep(rng.uniform(0.8, 2.0))
        worker.send_signal(signal.SIGKILL)
        worker.wait()
        worker = cluster.start("--no-scheduler", "--threads", "2")
    deadline = time.time() + 60 + orders / 100
    while time.time() < deadline:
        with app.engine.connect() as conn:
            status = conn.execute(sa.text("SELECT status FROM sync_runs WHERE kind = 'HISTORY'")).scalar_one()
        if status == "SUCCEEDED":
            break
        time.sleep(1)
    assert status == "SUCCEEDED"
    _wait_for_an_incremental_sync_after_the_history(app, deadline=time.time() + 60)
    cluster.stop_all()
    _assert_orders_match(app, cluster, malls)


def _wait_for_an_incremental_sync_after_the_history(app, deadline: float) -> None:
    """The history window ends a second before authorization: orders Temu last changed in that
    second or later (the sandbox stamps every order it could not finish with the second it
    generated them) come with the first incremental sync that starts after the history ends."""
    query = sa.text("SELECT count(*) FROM sync_runs i JOIN sync_runs h ON h.shop_id = i.shop_id "
                    "WHERE h.kind = 'HISTORY' AND i.kind = 'INCREMENTAL' AND i.status = 'SUCCEEDED' "
                    "AND i.started_at > h.finished_at")
    while time.time() < deadline:
        with app.engine.connect() as conn:
            if conn.execute(query).scalar_one():
                return
        time.sleep(0.5)
    raise AssertionError("no incremental sync succeeded after the history sync within 60 s")
