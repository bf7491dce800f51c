"""3PL and FBA routes at their providers' rate limits (issue 11, acceptance 5): packages audited to
a Goodcang warehouse and to an FBA warehouse, pushed and tracked to shipped by the workers, against
the ceiling the providers' rate limits set (target: at least 0.8 of it); memory flat.

    .venv/bin/python -m bench.provider_routes [--packages 5000] [--first 1000] [--db postgresql+psycopg://…/empty_db]

The ceiling, from the documented limits (docs/fulfillment-protocols.md; fulfillment-apis.md
§1.1) and the sandbox's own throttle where the provider documents none:

- Goodcang: 10 requests/s per account (the sandbox's default; Goodcang publishes no limit), for
  every API. A package needs 2 calls: the stock read and ``create_order`` (its tracking comes in
  ``batch_query_tracking_status``, 50 orders a call: 0.02 more). Ceiling 5 packages/s.
- FBA: a bucket per operation, ``createFulfillmentOrder`` and ``getFulfillmentOrder`` 2/s each
  with a burst of 30 (the stock read, 2/s with a burst of 2, and ``listAllFulfillmentOrders``
  have their own). A package needs one create and one read once shipped (for its tracking
  numbers). Ceiling 2 packages/s (+ the burst).

Packages go to the two routes in the ratio of their ceilings (5 : 2), so at the ceiling both
finish together: the floor is ``max(goodcang / 5, (fba - 30) / 2)`` seconds, plus the providers'
life cycle of the last package (``--review``, ``--pick`` for Goodcang; ``--stages`` for Amazon).
The sandboxes run in their own processes on those short life cycles; the workers (relay,
scheduler with its package sweep, in-process broker, ``--threads`` threads) run in this process, and the audit goes through the use
case (no gRPC: the audit is not what is measured). The clock runs from the audit to the last
package SHIPPED with its tracking numbers.

Memory: the packages run in parts of ``--first``, one after another; the peak RSS of this process
(the worker: the sandboxes are elsewhere) after each part should be the same, apart from SQLite's
page caches, which fill as the database grows up to their bound (reported apart), and the live
Python objects after a collection should not grow with the packages handled.
"""
from __future__ import annotations

import argparse
import ctypes
import ctypes.util
import gc
import os
import resource
import signal
import subprocess
import sys
import tempfile
import time
from datetime import timedelta

import httpx
import sqlalchemy as sa

from adapters.persistence.keyring import Keyring
from adapters.temu.config import TemuConfig
from application.packages.packing_commands import Caller
from application.ports.providers import AmazonCredentials, GoodcangCredentials
from application.warehouses.provider_accounts import AuthorizeProviderAccountCommand
from application.warehouses.provider_adoption import AdoptProviderWarehouseCommand
from bench.audit_orders import seed_orders
from bench.label_throughput import _free_port
from bench.shop_rpc_load import seed
from bootstrap import build_app, start_workers
from bootstrap.settings import Settings
from domain.principal import Principal, Role

GOODCANG_QPS, GOODCANG_CALLS = 10.0, 2
FBA_RATE, FBA_BURST = 2.0, 30
GOODCANG_KEY, GOODCANG_TOKEN, GOODCANG_WAREHOUSE = "demo-goodcang-key", "demo-goodcang-token", "USEA"
FBA_CLIENT = ("amzn1.application-oa2-client.sandbox-demo", "amzn1.oa2-cs.v1.sandbox-demo-secret",
              "Atzr|sandbox-demo-refresh-token")
SKU_G, SKU_F = "BENCH-G-01", "BENCH-F-01"
BATCH = 500


def main() -> int:
    args = _parser().parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # a stopped run still ends its sandboxes
    url = f"sqlite:///{tempfile.mkdtemp(prefix='erp-bench-')}/routes.db" if args.db == "sqlite" else args.db
    stages = [float(s) for s in args.stages.split(",")]
    gport, fport = _free_port(), _free_port()
    sandboxes = [subprocess.Popen([sys.executable, "-m", "sandboxes.goodcang", "--port", str(gport), "--review-seconds",
                                   str(args.review), "--pick-seconds", str(args.pick)], stdout=subprocess.DEVNULL),
                 subprocess.Popen([sys.executable, "-m", "sandboxes.fba", "--port", str(fport)], stdout=subprocess.DEVNULL)]
    goodcang, fba = f"http://127.0.0.1:{gport}", f"http://127.0.0.1:{fport}"
    try:
        with httpx.Client(timeout=30) as control:
            _ready(control, f"{goodcang}/sandbox")
            _ready(control, f"{fba}/sandbox")
            control.post(f"{goodcang}/sandbox/stock", json={"app_key": GOODCANG_KEY, "warehouse_code": GOODCANG_WAREHOUSE,
                                                          "product_sku": SKU_G, "sellable": 10_000_000}).raise_for_status()
            control.post(f"{fba}/sandbox/stock", json={"sku": SKU_F, "quantity": 10_000_000}).raise_for_status()
            control.post(f"{fba}/sandbox/stages", json=dict(zip(("received_s", "planning_s", "processing_s"), stages))
                         ).raise_for_status()
            world = World.build(url, goodcang, fba)
            # the scheduler too: its sweep sends the looks at packages due more than a minute on
            workers = start_workers(world.app, threads=args.threads, interval=timedelta(days=1))
            life = args.review + args.pick, sum(stages)
            print(f"{'SQLite' if url.startswith('sqlite') else 'PostgreSQL'}; workers in this process "
                  f"({args.threads} threads); provider life cycle: Goodcang {life[0]:g} s, Amazon {life[1]:g} s",
                  flush=True)
            done = 0
            while done < args.packages:  # parts of --first packages, the memory after each
                size = min(args.first, args.packages - done)
                print(world.run(control, goodcang, fba, size, done, life), flush=True)
                done += size
            workers.stop()
    finally:
        for sandbox in sandboxes:
            sandbox.terminate()
            sandbox.wait(10)
    print(f"  {os.popen('uptime').read().strip()}")
    return 0


class World:
    def __init__(self, app, shop_id: str, caller: Caller, routes: dict[str, tuple[str, str]]) -> None:
        self.app, self.shop_id, self.caller, self.routes = app, shop_id, caller, routes
        self._runs = 0

    @classmethod
    def build(cls, url: str, goodcang: str, fba: str) -> "World":
        keyring = Keyring.generate("k1")
        _, [shop_id] = seed(url, keyring, 1)
        app = build_app(Settings(database_url=url), TemuConfig.for_base_url("http://127.0.0.1:9", "bench", "bench"),
                        keyring=keyring)
        with app.uow() as uow:
            owner = Principal(uow.shops.get(shop_id).owner_id, "bench", Role.ADMIN)
        routes = {}
        for name, credentials, code in (
                ("goodcang", GoodcangCredentials(GOODCANG_KEY, GOODCANG_TOKEN, f"{goodcang}/public_open"), GOODCANG_WAREHOUSE),
                ("fba", AmazonCredentials(*FBA_CLIENT, endpoint=fba, lwa_url=f"{fba}/auth/o2/token"), "")):
            account = app.warehouses.authorize_provider_account.execute(
                AuthorizeProviderAccountCommand(owner, f"Bench {name}", credentials))
            adopted = app.warehouses.adopt_provider_warehouse.execute(AdoptProviderWarehouseCommand(owner, account.id, code))
            routes[name] = adopted.warehouse.id, adopted.channels[0].id
        return cls(app, shop_id, Caller(owner), routes)

    def run(self, control: httpx.Client, goodcang: str, fba: str, size: int, before: int, life: tuple[float, float]) -> str:
        """``size`` packages more, ``before`` already shipped; the figures of this part."""
        self._runs += 1
        counts = {"goodcang": round(size * GOODCANG_QPS / GOODCANG_CALLS / (GOODCANG_QPS / GOODCANG_CALLS + FBA_RATE))}
        counts["fba"] = size - counts["goodcang"]
        batches = []
        for name, sku in (("goodcang", SKU_G), ("fba", SKU_F)):
            warehouse_id, channel_id = self.routes[name]
            for start in range(0, counts[name], BATCH):
                names = seed_orders(self.app, self.shop_id, min(BATCH, counts[name] - start), f"{name}{self._runs}-{start}",
                                    sku=SKU_G if name == "goodcang" else SKU_F)
                ids = tuple(n.split("/", 1)[1] for n in names)
                self.app.packages.packing.assign(self.caller, ids, warehouse_id, channel_id)
                batches.append(ids)
        calls_before = _calls(control, goodcang, fba)
        began, cpu = time.perf_counter(), time.process_time()
        for ids in batches:  # interleaved by route, as a user's audits would come
            for result in self.app.packages.packing.audit(self.caller, ids):
                if result.error is not None:
                    raise SystemExit(f"audit refused: {result.error}")
        _until(self.app, before + size)
        took, cpu = time.perf_counter() - began, time.process_time() - cpu
        calls = {k: v - calls_before[k] for k, v in _calls(control, goodcang, fba).items()}
        g, f = counts["goodcang"], counts["fba"]
        floor = max(g / (GOODCANG_QPS / GOODCANG_CALLS), max(0, f - FBA_BURST) / FBA_RATE) + max(life)
        rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        sqlite_mb, blocks = _sqlite_memory_mb(), _python_blocks()
        per = lambda n, of: f"{n / of:.2f}" if of else "-"  # noqa: E731
        return (f"  {size} packages ({g} Goodcang, {f} FBA) shipped in {took:7.1f} s: {size / took:5.2f} packages/s; "
                f"ceiling {size / floor:5.2f}/s (floor {floor:6.1f} s): ratio {floor / took:4.2f} (target >= 0.8)\n"
                f"    calls a package: Goodcang {per(calls['goodcang'], g)} (create {per(calls['goodcang_create'], g)}, "
                f"stock {per(calls['goodcang_stock'], g)}, tracking {per(calls['goodcang_tracking'], g)}, "
                f"by code {per(calls['goodcang_by_code'], g)}; throttled {calls['goodcang_429']}), FBA "
                f"create {per(calls['create'], f)}, get {per(calls['get'], f)}, list {per(calls['list'], f)}, "
                f"stock {per(calls['stock'], f)} (throttled {calls['fba_429']})\n"
                f"    CPU of this process {cpu:6.1f} s, {cpu / size * 1000:5.1f} ms a package "
                f"(one core: {size / cpu:5.1f} packages/s); peak RSS {rss_mb:6.1f} MB after {before + size} packages\n"
                f"    of which SQLite's own memory (its page caches, up to 32 MiB a connection) {sqlite_mb:6.1f} MB; "
                f"Python objects live after a collection {blocks:,}")


def _sqlite_memory_mb() -> float:
    """The memory SQLite's allocator holds in this process (``sqlite3_status64``, of the library
    the ``sqlite3`` module uses): mostly page caches, which fill as the database grows, up to
    their bound, and are not what "memory flat" is about."""
    try:
        lib = ctypes.CDLL(ctypes.util.find_library("sqlite3") or "libsqlite3.so.0")
        used, peak = ctypes.c_int64(), ctypes.c_int64()
        lib.sqlite3_status64(0, ctypes.byref(used), ctypes.byref(peak), 0)  # SQLITE_STATUS_MEMORY_USED
        return used.value / 2 ** 20
    except (OSError, AttributeError):
        return float("nan")


def _python_blocks() -> int:
    """Objects the interpreter's allocator holds once garbage is collected: what grows with the
    packages handled if anything keeps them."""
    gc.collect()
    return sys.getallocatedblocks()


def _calls(control: httpx.Client, goodcang: str, fba: str) -> dict[str, int]:
    """Calls served so far by each sandbox (FBA per operation), and those refused for the rate."""
    g = control.get(f"{goodcang}/sandbox/calls/counts").json()  # the whole log grew this process's peak RSS
    f = control.get(f"{fba}/sandbox").json()
    return {**_goodcang_calls(g), **_fba_calls(f)}


def _goodcang_calls(answer: dict) -> dict[str, int]:
    counts = answer["counts"]

    def count(path_end: str = "", outcome: str = "") -> int:
        return sum(c["count"] for c in counts if c["path"].endswith(path_end) and c["outcome"].startswith(outcome))
    return {"goodcang": count(), "goodcang_429": count(outcome="429"), "goodcang_create": count("create_order"),
            "goodcang_stock": count("get_product_inventory"), "goodcang_tracking": count("batch_query_tracking_status"),
            "goodcang_by_code": count("get_order_by_code")}


def _fba_calls(answer: dict) -> dict[str, int]:
    def count(operation: str | None = None, status: int | None = None) -> int:
        return sum(c["count"] for c in answer["calls"]
                   if operation in (None, c["operation"]) and status in (None, c["status"]))
    return {"create": count("createFulfillmentOrder"), "get": count("getFulfillmentOrder"),
            "list": count("listAllFulfillmentOrders"),
            "stock": count("getInventorySummaries"), "fba_429": count(status=429)}


def _until(app, count: int) -> None:
    query = sa.text("SELECT count(*) FROM packages WHERE state = 'SHIPPED' AND tracking_numbers <> '[]'")
    while True:
        with app.engine.connect() as conn:
            if conn.execute(query).scalar_one() >= count:
                return
        time.sleep(0.5)


def _ready(control: httpx.Client, url: str) -> None:
    deadline = time.monotonic() + 30
    while True:
        try:
            control.get(url).raise_for_status()
            return
        except httpx.HTTPError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench.provider_routes", description=__doc__.split("\n")[0])
    parser.add_argument("--packages", type=int, default=5000)
    parser.add_argument("--first", type=int, default=1000, help="packages a part (memory after each)")
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--review", type=float, default=2.0, help="Goodcang: seconds in C (review)")
    parser.add_argument("--pick", type=float, default=3.0, help="Goodcang: seconds in W (picking)")
    parser.add_argument("--stages", default="1,1,3", help="Amazon: seconds in Received, Planning, Processing")
    parser.add_argument("--db", default="sqlite")
    return parser


if __name__ == "__main__":
    sys.exit(main())
