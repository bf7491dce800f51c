"""Issue 8, acceptance 2: Redis stops while authorizations and syncs commit, then starts again:
every follow-up is sent exactly once, by two relays running at the same time."""
from __future__ import annotations

import logging
import os
import shutil
import socket
import subprocess
import threading
import time
from collections import Counter
from datetime import datetime, timedelta, timezone

import pytest
import redis
import sqlalchemy as sa
from dramatiq import Message

from adapters.persistence.tables import outbox
from adapters.queue.actors import bind
from adapters.queue.broker import build_broker
from adapters.queue.relay import OutboxRelay
from application.shops.authorize_shop import AuthorizeShop
from application.shops.commands import AuthorizeShopCommand
from domain.principal import Principal, Role
from domain.shop_kinds import Region, ShopKind
from domain.token import TokenInfo
from tests.fakes import FakeClock, FakeTokenInspector
from tests.unit.application.shop_world import ORDER_SCOPES

pytestmark = pytest.mark.redis
ADMIN = Principal("admin", "admin", Role.ADMIN)
SHOPS = 100


class RedisProcess:
    """A redis-server of this test's own (appendonly, so what it accepted survives a restart)."""

    def __init__(self, workdir) -> None:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.args = ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
                     "--appendonly", "yes", "--dir", str(workdir)]
        self.proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.proc = subprocess.Popen(self.args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        client = redis.Redis.from_url(self.url)
        for _ in range(100):
            try:
                client.ping()
                return
            except redis.ConnectionError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(10)


@pytest.fixture
def own_redis(tmp_path):
    if not os.environ.get("ERP_TEST_REDIS_URL") or not shutil.which("redis-server"):
        pytest.skip("ERP_TEST_REDIS_URL is not set (or no redis-server)")
    server = RedisProcess(tmp_path)
    server.start()
    yield server
    if server.proc.poll() is None:
        server.stop()


def authorize_and_sync(db, authorize: AuthorizeShop, inspector: FakeTokenInspector, i: int) -> tuple[str, str]:
    """Authorize a shop (its history run is created with it), then finish that run."""
    token = inspector.register(f"token-{i:04d}", TokenInfo(
        90_000 + i, 1, 211, ORDER_SCOPES, datetime.now(timezone.utc) + timedelta(days=90)))
    result = authorize.execute(AuthorizeShopCommand(ADMIN, f"Shop {i}", ShopKind.CROSS_BORDER, Region.US, token))
    with db.uow() as uow:
        run = uow.sync_runs.get(result.history_sync_id)
        run.succeed(uow.db_now())
        uow.commit()
    return result.shop.id, run.id


def queued(url: str, queue: str) -> Counter:
    client = redis.Redis.from_url(url)
    return Counter((m.actor_name, *m.args) for m in map(Message.decode, client.hvals(f"dramatiq:{queue}.msgs")))


def refusals(caplog) -> list:
    return [r for r in caplog.records if "refused" in r.getMessage()]


def unsent(db) -> int:
    with db.engine.connect() as conn:
        return conn.execute(sa.select(sa.func.count()).where(outbox.c.sent_at.is_(None))).scalar_one()


def test_a_redis_outage_loses_and_duplicates_no_follow_up_with_two_relays(db, own_redis, caplog):
    broker = build_broker(own_redis.url)
    bind(broker)
    stop = threading.Event()
    inspector = FakeTokenInspector()
    authorize = AuthorizeShop(db.uow, inspector, FakeClock(datetime.now(timezone.utc)))
    caplog.set_level(logging.WARNING, logger="adapters.queue.relay")
    relays = [OutboxRelay(db.engine, batch=10, idle_s=0.02).start_thread(stop) for _ in range(2)]
    try:
        own_redis.stop()
        done = [authorize_and_sync(db, authorize, inspector, i) for i in range(SHOPS // 2)]
        deadline = time.monotonic() + 30  # the relays try during the outage (on SQLite, after the writers)
        while not refusals(caplog) and time.monotonic() < deadline:
            time.sleep(0.05)
        own_redis.start()  # the relays send while the rest commits
        done += [authorize_and_sync(db, authorize, inspector, i) for i in range(SHOPS // 2, SHOPS)]
        deadline = time.monotonic() + 30
        while unsent(db) and time.monotonic() < deadline:
            time.sleep(0.1)
    finally:
        stop.set()
        for relay in relays:
            relay.join(10)
        broker.close()

    assert unsent(db) == 0
    assert queued(own_redis.url, "history") == Counter([("orders.sync_history", run_id) for _, run_id in done])
    assert queued(own_redis.url, "addresses") == Counter([("orders.fetch_addresses", shop) for shop, _ in done])
    assert 1 <= len(refusals(caplog)) <= len(relays)  # one warning per relay and outage, not one per row
