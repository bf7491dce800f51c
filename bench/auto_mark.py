"""Automatic mark-shipped at Temu's rate limit (issue 12, acceptance 7): N orders whose packages
receive their tracking numbers, with automatic marking on; uploads per second against Temu's rate
limit as the ceiling, and the time from each order's last tracking number to its confirmation
at Temu (p50, p99) against the same times had every upload gone out at the ceiling.

    .venv/bin/python -m bench.auto_mark [--orders 10000] [--db postgresql+psycopg://…/empty_db]

Set-up, not timed: the Temu sandbox (in this process, as ``bench.time_to_listed`` runs it) holds
N orders to ship of one shop; the same orders are stored in our database with their address,
assigned to an own warehouse whose channel names Temu's USPS, audited, and recorded as pushed to
the carrier (the set-up's outbox rows are marked sent: the label purchase is not what is
measured). Automatic marking is turned on for the shop.

Timed: the bench records every package's tracking number as the push worker does
(``record_tracking``, transactions of 50), then the workers (relay, in-process broker,
``--threads`` threads, in this process) carry each ``PackageTracked`` through the gate
(``uploads.follow_tracking``) to the upload (``uploads.send``: one ``shipment.v2.confirm`` per
order) until every order is confirmed. Temu allows 20 requests/s per app key (temu-api.md; the
sandbox enforces it); our client spends 91 % of it (``adapters/temu/rate_limit.py``).
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
import uuid
from datetime import datetime, timedelta, timezone

import sqlalchemy as sa

from adapters.persistence.engine import make_engine, make_session_factory
from adapters.persistence.keyring import Keyring
from adapters.persistence.mappers import map_all
from adapters.persistence.migrate import upgrade
from adapters.persistence.uow import SqlAlchemyUnitOfWork
from adapters.temu.config import TemuConfig
from adapters.temu.order_parsing import parse_parent
from application.packages.loading import load_packing
from application.packages.packing_commands import Caller
from bench.audit_orders import ADDRESS, seed_route
from bootstrap import build_app, start_workers
from bootstrap.settings import Settings
from domain.order import Order
from domain.principal import Principal, Role
from domain.shop import PrincipalId, Shop, ShopId, ShopName
from domain.shop_kinds import Region, ShopKind
from domain.token import ORDER_REQUIRED_SCOPES, TokenInfo, TokenText
from sandboxes.temu.registry import SandboxRegistry
from sandboxes.temu.server import TemuSandbox

APP_KEY, APP_SECRET, TEMU_QPS = "bench-app", "bench-secret", 20
USPS_AT_TEMU = 998264743  # the sandbox's US carrier id for USPS
BATCH = 500
TRACK_BATCH = 50  # a transaction of 500 held SQLite's write lock past the workers' 30 s busy timeout at load 40


def main() -> int:
    args = _parser().parse_args()
    url = f"sqlite:///{tempfile.mkdtemp(prefix='erp-bench-')}/mark.db" if args.db == "sqlite" else args.db
    registry = SandboxRegistry()
    registry.add_app(APP_KEY, APP_SECRET, qps=TEMU_QPS)
    mall = registry.add_mall(mall_type=1)
    registry.generate_orders(mall, 211, args.orders, days=5, seed=0, mix={2: 1.0})
    token = registry.issue_token(mall, gateway="us", region_id=211, kind="order", app_key=APP_KEY)
    with TemuSandbox(registry) as sandbox:
        keyring = Keyring.generate("k1")
        owner, shop_id = _seed_shop(url, keyring, mall, token)
        app = build_app(Settings(database_url=url), TemuConfig.for_base_url(sandbox.base_url, APP_KEY, APP_SECRET),
                        keyring=keyring)
        started = time.perf_counter()
        package_ids = _ready_to_track(app, registry, mall, shop_id, owner)
        print(f"set-up: {len(package_ids)} orders pushed, waiting for tracking ({time.perf_counter() - started:.0f} s)",
              flush=True)
        workers = start_workers(app, threads=args.threads, schedule=False)
        calls_before, cpu = registry.stats(APP_KEY), time.process_time()
        tracked_at = _track(app, package_ids)
        uploaded_at = _until_uploaded(app, len(package_ids))
        cpu = time.process_time() - cpu
        stats = registry.stats(APP_KEY)
        workers.stop()
        confirmed = len(registry.confirmations(mall))
    print(_report(args, url, tracked_at, uploaded_at, confirmed, cpu,
                  {k: stats[k] - calls_before.get(k, 0) for k in ("calls", "rate_limited")}))
    print(f"  {os.popen('uptime').read().strip()}")
    return 0


def _seed_shop(url: str, keyring: Keyring, mall: int, token: str) -> tuple[Principal, str]:
    upgrade(url)
    map_all()
    engine = make_engine(url)
    now = datetime.now(timezone.utc)
    with SqlAlchemyUnitOfWork(make_session_factory(engine), keyring) as uow:
        admin = uow.principals.create_principal("bench", Role.ADMIN)
        info = TokenInfo(mall, 1, 211, frozenset(ORDER_REQUIRED_SCOPES), now + timedelta(days=60))
        shop = Shop.authorize(id=ShopId(str(uuid.uuid4())), name=ShopName("Bench shop"), kind=ShopKind.CROSS_BORDER,
                              region=Region.US, owner_id=PrincipalId(admin.id), info=info, fingerprint="fp-mark",
                              now=now)
        uow.shops.add(shop)
        uow.vault.put(shop.id, next(iter(shop.credentials)), TokenText(token))
        uow.commit()
    engine.dispose()
    return Principal(admin.id, "bench", Role.ADMIN), shop.id


def _ready_to_track(app, registry: SandboxRegistry, mall: int, shop_id: str, owner: Principal) -> list[str]:
    """The sandbox's orders stored with their address, assigned, audited and pushed; automatic
    marking on. The package ids, in audit order."""
    caller = Caller(owner)
    warehouse, channel = seed_route(app, owner.id, temu_carrier=USPS_AT_TEMU)
    app.mark_shipped.automatic.set(owner, shop_id, True)
    items = registry.orders(mall, 211)
    package_ids = []
    for start in range(0, len(items), BATCH):
        now = datetime.now(timezone.utc)
        orders = []
        for item in items[start:start + BATCH]:
            order = Order(id=str(uuid.uuid4()), shop_id=shop_id, snapshot=parse_parent(_page_item(item), ShopKind.CROSS_BORDER),
                          now=now)
            order.record_address(ADDRESS, now)
            orders.append(order)
        with app.uow() as uow:
            uow.orders.add_new(orders)
            uow.commit()
        ids = tuple(o.id for o in orders)
        app.packages.packing.assign(caller, ids, warehouse.split("/")[1], channel.split("/")[1])
        for result in app.packages.packing.audit(caller, ids):
            if result.error is not None or result.held_reason:
                raise SystemExit(f"audit: {result.error or result.held_reason}")
            package_ids += result.package_ids
    for start in range(0, len(package_ids), BATCH):
        _each_package(app, package_ids[start:start + BATCH], lambda p, now: (p.start_push(now),
                                                                            p.record_push(f"txn-{p.id}", now)))
    with app.engine.begin() as conn:  # the set-up's pushes are done by hand: nothing to send
        conn.execute(sa.text("UPDATE outbox SET sent_at = :now WHERE sent_at IS NULL"),
                     {"now": datetime.now(timezone.utc)})
    return package_ids


def _page_item(truth: dict) -> dict:
    """The sandbox's ground truth as the list API's page item."""
    return {"parentOrderMap": {k: v for k, v in truth.items() if k != "orderList"}, "orderList": truth["orderList"]}


def _each_package(app, package_ids: list[str], change) -> None:
    """``change(package, now)`` on each package, its orders following, in one transaction (as the
    push worker records a provider's answer)."""
    now = datetime.now(timezone.utc)
    with app.uow() as uow:
        for package_id in package_ids:
            package = uow.packages.get(package_id)
            change(package, now)
            load_packing(uow, package.order_ids, now).settle(package)
        uow.commit()


def _track(app, package_ids: list[str]) -> dict[str, float]:
    """Every package's tracking number, 50 a transaction; when each order's last one committed."""
    tracked_at = {}
    for start in range(0, len(package_ids), TRACK_BATCH):
        batch = package_ids[start:start + TRACK_BATCH]
        _each_package(app, batch, lambda p, now: p.record_tracking((f"9400{int(uuid.UUID(p.id)) % 10**18:018d}",),
                                                                  "USPS", now, labelled=True))
        at = time.time()
        tracked_at.update((package_id, at) for package_id in batch)
    return tracked_at


def _until_uploaded(app, count: int) -> dict[str, float]:
    """Each package's upload time (our commit of Temu's answer), once every upload is done."""
    done = sa.text("SELECT count(*) FROM mark_shipped_uploads WHERE state = 'UPLOADED'")
    while True:
        with app.engine.connect() as conn:
            if conn.execute(done).scalar_one() >= count:
                break
            failed = conn.execute(sa.text("SELECT state, message FROM mark_shipped_uploads WHERE state IN ('FAILED', 'CONFLICT') "
                                          "LIMIT 1")).first()
            if failed:
                raise SystemExit(f"an upload {failed[0]}: {failed[1]}")
        time.sleep(0.5)
    query = sa.text("SELECT p.package_id, u.updated_at FROM mark_shipped_uploads u JOIN package_orders p ON p.order_id = u.order_id")
    with app.engine.connect() as conn:
        return {package_id: _epoch(at) for package_id, at in conn.execute(query)}


def _epoch(at) -> float:
    if isinstance(at, str):
        at = datetime.fromisoformat(at)
    return (at if at.tzinfo else at.replace(tzinfo=timezone.utc)).timestamp()


def _report(args, url: str, tracked_at: dict[str, float], uploaded_at: dict[str, float], confirmed: int,
            cpu: float, calls: dict[str, int]) -> str:
    first, last = min(tracked_at.values()), max(uploaded_at.values())
    took = last - first
    latencies = sorted(uploaded_at[p] - tracked_at[p] for p in tracked_at)
    floor = _at_ceiling(sorted(tracked_at.values()))
    q, f = statistics.quantiles(latencies, n=100), statistics.quantiles(floor, n=100)
    n = len(tracked_at)
    return (f"{n} orders, automatic marking, {'SQLite' if url.startswith('sqlite') else 'PostgreSQL'}, workers in "
            f"this process ({args.threads} threads); tracking recorded in {max(tracked_at.values()) - first:.1f} s\n"
            f"  {n / took:5.2f} uploads/s ({took:6.1f} s from the first tracking number to the last confirmation); "
            f"ceiling {TEMU_QPS}/s: ratio {n / took / TEMU_QPS:4.2f}\n"
            f"  last tracking number -> confirmation: p50 {q[49]:6.1f} s, p99 {q[98]:6.1f} s; at the ceiling "
            f"p50 {f[49]:6.1f} s, p99 {f[98]:6.1f} s: ratios {q[49] / f[49]:4.2f}, {q[98] / f[98]:4.2f}\n"
            f"  Temu calls {calls['calls']} ({calls['calls'] / n:.2f} an order), refused for the rate "
            f"{calls['rate_limited']}; confirmations at the sandbox {confirmed}\n"
            f"  CPU of this process (workers and the Temu sandbox) {cpu:6.1f} s, {cpu / n * 1000:5.1f} ms an order: "
            f"one core would sustain {n / cpu:5.1f} uploads/s, {n / cpu / TEMU_QPS:4.2f}x the ceiling")


def _at_ceiling(tracked: list[float]) -> list[float]:
    """Each order's latency had uploads gone out first come first served at exactly Temu's limit."""
    free, out = 0.0, []
    for at in tracked:
        free = max(free, at) + 1 / TEMU_QPS
        out.append(free - at)
    return out


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench.auto_mark", description=__doc__.split("\n")[0])
    parser.add_argument("--orders", type=int, default=10_000)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--db", default="sqlite")
    return parser


if __name__ == "__main__":
    sys.exit(main())
