"""Time to listed (issue 9, acceptance 3): from AuthorizeShop to (a) every order of every shop
listed and (b) every to-ship order's address stored, for several shops at once against the Temu
sandbox at a given request budget, next to the floor: the calls needed divided by the budget.

    .venv/bin/python -m bench.time_to_listed --shops 3 --orders 3000 --temu-qps 20
    .venv/bin/python -m bench.time_to_listed --shops 3 --orders 3000 --temu-qps 5   # the client still set to 20

The workers run in this process with the embedded broker (as ``make run`` does), the garbage
collector tuned as ``worker.py`` tunes it; the sandbox serves from a child process, as Temu is
elsewhere: in this one it would take this process's interpreter lock for every page it writes.
The client's budget is 20 requests/s (``TEMU_QPS``) whatever the sandbox allows, so the second
run shows the client finding Temu's real budget; the refused calls are reported as a fraction of
all calls. Next to (a), the CPU time this process used meanwhile: on a loaded machine (a) waits
for a core more than for Temu's budget, and the two figures tell which.
"""
from __future__ import annotations

import argparse
from collections import Counter
import math
import multiprocessing
import sys
import tempfile
import time

import sqlalchemy as sa

from adapters.persistence.engine import read_only
from adapters.persistence.keyring import Keyring
from adapters.persistence.migrate import upgrade
from adapters.temu.config import TemuConfig
from application.orders.run_sync import PAGE_SIZE
from application.shops.commands import AuthorizeShopCommand
from bootstrap import build_app, start_workers, tune_garbage_collector
from bootstrap.settings import Settings
from domain.principal import Principal, Role
from domain.shop_kinds import Region, ShopKind
from sandboxes.temu.errors import RATE_LIMITED
from sandboxes.temu.registry import SandboxRegistry
from sandboxes.temu.server import TemuSandbox

APP_KEY, APP_SECRET = "bench-app", "bench-secret"
TO_SHIP = 2
MIX = {TO_SHIP: 0.39, 1: 0.06, 3: 0.1, 4: 0.3, 5: 0.15}


def main() -> int:
    args = _parser().parse_args()
    registry = SandboxRegistry()
    registry.add_app(APP_KEY, APP_SECRET, qps=args.temu_qps)
    db = args.db if args.db != "sqlite" else f"sqlite:///{tempfile.mkdtemp(prefix='erp-bench-')}/listed.db"
    upgrade(db)
    tokens, to_ship = [], 0
    for i in range(args.shops):
        mall = registry.add_mall(mall_type=1)
        registry.generate_orders(mall, 211, args.orders, days=29, seed=i, mix=MIX)
        to_ship += sum(o["parentOrderStatus"] == TO_SHIP for o in registry.orders(mall, 211))
        tokens.append(registry.issue_token(mall, gateway="us", region_id=211, kind="order", app_key=APP_KEY))
    total = args.shops * args.orders
    sandbox, base_url = _serve_apart(registry)
    try:
        app = build_app(Settings(database_url=db), TemuConfig.for_base_url(base_url, APP_KEY, APP_SECRET,
                                                                           qps=args.client_qps),
                        keyring=Keyring.generate("k1"))
        workers = start_workers(app, threads=8)
        tune_garbage_collector()
        admin = Principal("bench", "bench", Role.ADMIN)
        began, cpu_began = time.perf_counter(), time.process_time()
        for i, token in enumerate(tokens):
            app.shops.authorize(AuthorizeShopCommand(admin, f"Bench {i}", ShopKind.CROSS_BORDER, Region.US, token))
        listed_s = _until(lambda: _count(app, "SELECT count(*) FROM orders") >= total, began)
        listed_cpu_s = time.process_time() - cpu_began
        stored_s = None if args.listed_only else _until(
            lambda: _count(app, "SELECT count(*) FROM orders WHERE temu_status = 2 AND address_fetched_at IS NOT NULL")
            >= to_ship, began)
        workers.stop()
    finally:
        sandbox.send("stop")
        stats = sandbox.recv()
    pages = args.shops * math.ceil(args.orders / PAGE_SIZE)
    floor_a, floor_b = pages / args.temu_qps, (pages + to_ship) / args.temu_qps
    print(f"\n{args.shops} shops x {args.orders} orders, Temu at {args.temu_qps} requests/s, client at {args.client_qps}")
    print(f"  (a) every order listed   : {listed_s:7.1f} s  floor {floor_a:6.1f} s ({pages} pages)  "
          f"{listed_s / floor_a:5.2f}x  (this process's CPU meanwhile: {listed_cpu_s:.1f} s)")
    if stored_s is None:
        return 0
    print(f"  (b) every address stored : {stored_s:7.1f} s  floor {floor_b:6.1f} s (+{to_ship} addresses)  "
          f"{stored_s / floor_b:5.2f}x")
    print(f"  Temu calls {stats['calls']}, refused for the rate {stats['rate_limited']} "
          f"({stats['rate_limited'] / max(1, stats['calls']):.1%}); answered, by type: "
          + ", ".join(f"{t} {n}" for t, n in stats["by_type"].most_common()))
    return 0


def _serve_apart(registry: SandboxRegistry):
    """The sandbox over ``registry`` in a child process: a pipe to it (send anything: it stops
    and answers the app's call statistics) and its URL."""
    here, there = multiprocessing.Pipe()
    multiprocessing.get_context("fork").Process(target=_serve, args=(registry, there), daemon=True).start()
    return here, here.recv()


def _serve(registry: SandboxRegistry, pipe) -> None:
    with TemuSandbox(registry) as sandbox:
        pipe.send(sandbox.base_url)
        pipe.recv()
    calls = registry.call_log(APP_KEY)
    pipe.send({**registry.stats(APP_KEY), "by_type": Counter(c.type for c in calls if c.error_code != RATE_LIMITED)})


def _count(app, query: str) -> int:
    with read_only(app.engine).connect() as conn:  # NOTE: a plain read: a write would queue with the sync's
        return conn.execute(sa.text(query)).scalar_one()


def _until(done, began: float) -> float:
    while not done():
        time.sleep(0.1)
    return time.perf_counter() - began


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser()
    p.add_argument("--shops", type=int, default=3)
    p.add_argument("--orders", type=int, default=3_000)
    p.add_argument("--temu-qps", type=int, default=20, help="what the sandbox allows the app")
    p.add_argument("--client-qps", type=int, default=20, help="TEMU_QPS: the client's ceiling")
    p.add_argument("--db", default="sqlite")
    p.add_argument("--listed-only", action="store_true", help="stop at (a): every order listed")
    return p


if __name__ == "__main__":
    sys.exit(main())
