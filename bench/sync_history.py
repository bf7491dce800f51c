"""History sync benchmark (issue 3, acceptance 8): 20,000 orders from the Temu sandbox into SQLite
or PostgreSQL, against a bare loop that only fetches the same pages, measured in the same run.

    .venv/bin/python -m bench.sync_history --orders 20000 --db sqlite
    .venv/bin/python -m bench.sync_history --orders 20000 --db postgresql+psycopg://erp:erp@127.0.0.1/erp_bench

The sandbox's rate limit is lifted for both runs (Temu's 20 requests/s would make both equal:
10 s for 200 pages), so the ratio shows our own overhead: parsing, upserts, commits. The sync runs
in a child process whose peak RSS is the worker's peak memory. The bare loop runs once before and
once after the sync, and the ratio is taken against their mean.
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time

from adapters.temu.config import TemuConfig
from sandboxes.temu.registry import SandboxRegistry
from sandboxes.temu.server import TemuSandbox
from adapters.temu.transport import TemuClient

APP_KEY, APP_SECRET = "bench-app", "bench-secret"


def bare_fetch(client: TemuClient, token: str, start: int, end: int) -> tuple[float, int]:
    """Fetch every page of the window, parse the JSON, store nothing."""
    began, page, seen = time.perf_counter(), 1, 0
    while True:
        result = client.call("us", "bg.order.list.v2.get", token, {
            "pageNumber": page, "pageSize": 100, "updateAtStart": start, "updateAtEnd": end, "sortby": "updateTime"})
        seen += len(result["pageItems"])
        if page * 100 >= result["totalItemNum"]:
            return time.perf_counter() - began, seen
        page += 1


def child(args: argparse.Namespace) -> None:
    """In the child: authorize the shop over the use cases, run the history sync to the end."""
    from adapters.persistence.keyring import Keyring
    from adapters.persistence.migrate import upgrade
    from application.orders.run_sync import Outcome
    from application.shops.commands import AuthorizeShopCommand
    from domain.principal import Principal, Role
    from domain.shop_kinds import Region, ShopKind
    from bootstrap import build_app, configure_services, tune_garbage_collector
    from bootstrap.settings import Settings

    upgrade(args.db)
    app = build_app(Settings(database_url=args.db), TemuConfig.for_base_url(args.base_url, APP_KEY, APP_SECRET, qps=100_000),
                    keyring=Keyring.generate("k1"))
    services = configure_services(app)
    tune_garbage_collector()  # as worker.py's main does
    admin = Principal("bench", "bench", Role.ADMIN)
    began, began_cpu = time.perf_counter(), time.process_time()
    shop = app.shops.authorize(AuthorizeShopCommand(admin, "Bench", ShopKind.CROSS_BORDER, Region.US, args.token)).shop
    with app.uow() as uow:
        run_id = uow.sync_runs.unfinished_for_shop(shop.id)[0].id
    while services.run_sync.execute(run_id) is not Outcome.DONE:
        pass
    elapsed, cpu = time.perf_counter() - began, time.process_time() - began_cpu
    with app.uow() as uow:
        run = uow.sync_runs.get(run_id)
        stats = {"seconds": elapsed, "cpu_s": cpu, "created": run.created, "status": run.status.value, "pages": run.pages_done}
    stats["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(stats))


def sync_in_child(module: str, db: str, base_url: str, token: str, *options: str) -> dict:
    """The figures of one history sync run by ``module``'s ``--child`` in a process of its own."""
    out = subprocess.run([sys.executable, "-m", module, "--child", "--db", db, "--base-url", base_url,
                          "--token", token, *options], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def shop_with_history(orders: int) -> tuple[SandboxRegistry, str]:
    """A sandbox registry with one shop of ``orders`` orders over 29 days (its rate limit lifted),
    and the shop's order token."""
    registry = SandboxRegistry()
    registry.add_app(APP_KEY, APP_SECRET, qps=100_000)
    mall = registry.add_mall(mall_type=1)
    token = registry.issue_token(mall, gateway="us", region_id=211, kind="order", app_key=APP_KEY)
    registry.generate_orders(mall, 211, orders, days=29, seed=7)
    return registry, token


def main() -> int:
    args = _parser().parse_args()
    if args.child:
        child(args)
        return 0
    registry, token = shop_with_history(args.orders)
    db = args.db if args.db != "sqlite" else f"sqlite:///{tempfile.mkdtemp(prefix='erp-bench-')}/sync.db"
    with TemuSandbox(registry) as sandbox:
        now = int(time.time())
        client = TemuClient(TemuConfig.for_base_url(sandbox.base_url, APP_KEY, APP_SECRET, qps=100_000))
        before_s, seen = bare_fetch(client, token, now - 30 * 86400, now)
        sync = sync_in_child("bench.sync_history", db, sandbox.base_url, token)
        after_s, _ = bare_fetch(client, token, now - 30 * 86400, now)
    bare_s = (before_s + after_s) / 2  # NOTE: bracketing the sync evens out drift in the machine's speed
    backend = "sqlite" if db.startswith("sqlite") else "postgresql"
    print(f"\nhistory sync of {args.orders} orders into {backend}")
    print(f"  bare page fetch loop : {bare_s:7.2f} s  ({seen} orders, {seen / bare_s:8.0f} orders/s; "
          f"{before_s:.2f} s before the sync, {after_s:.2f} s after)")
    print(f"  full history sync    : {sync['seconds']:7.2f} s  ({sync['created']} orders, "
          f"{sync['created'] / sync['seconds']:8.0f} orders/s, {sync['pages']} pages, {sync['status']})")
    print(f"  overhead ratio       : {sync['seconds'] / bare_s:7.2f}x the bare loop")
    print(f"  sync's CPU           : {sync['cpu_s']:7.2f} s (the worker's process, both threads)")
    print(f"  worker peak RSS      : {sync['peak_rss_mb']:7.1f} MB")
    return 0


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser()
    p.add_argument("--orders", type=int, default=20_000)
    p.add_argument("--db", default="sqlite")
    p.add_argument("--child", action="store_true")
    p.add_argument("--base-url")
    p.add_argument("--token")
    return p


if __name__ == "__main__":
    sys.exit(main())
