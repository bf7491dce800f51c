"""Composition root of the gRPC server, and the operator's commands.

    python server.py demo             # make run: SQLite, Temu sandbox, workers in-process, :50051
    python server.py serve            # production: configuration from the environment
    python server.py migrate          # upgrade the database schema
    python server.py create-api-key --name ops --role admin
    python server.py rotate-secrets   # re-encrypt every stored token under the primary key
"""
from __future__ import annotations

import argparse
import asyncio
import logging
import os
import signal
import sys
import threading
from dataclasses import dataclass
from datetime import datetime, timezone

from grpc_health.v1.health import aio as health_aio

from adapters.grpc.order_services import order_services
from adapters.grpc.server_factory import create_server, graceful_stop
from adapters.persistence.engine import database_url, make_engine, make_session_factory
from adapters.persistence.keyring import Keyring
from adapters.persistence.mappers import map_all
from adapters.persistence.migrate import upgrade
from adapters.persistence.order_reader import SqlOrderReader
from adapters.persistence.readers import SqlShopReader
from adapters.persistence.uow import uow_factory
from adapters.temu.config import TemuConfig
from adapters.temu.redaction import SecretRedactingFilter
from adapters.temu.token_inspector import TemuTokenInspector
from adapters.temu.transport import TemuClient
from application.authenticate import Authenticate
from application.orders.facade import OrderUseCases
from application.orders.queries import OrderQueries
from application.orders.start_sync import StartSync, history_hook, resume_hook
from application.shops.facade import ShopUseCases
from domain.principal import Role

log = logging.getLogger("erp.server")


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(timezone.utc)


class Dispatcher:
    """Sends a sync run to the workers; the broker is attached once it is built. Before that (or
    if a send fails) nothing is lost: the scheduler's sweep sends every unsent run."""

    def __init__(self) -> None:
        self.send = None

    def __call__(self, run_id: str) -> None:
        if self.send is None:
            return
        try:
            self.send(run_id)
        except Exception:  # the broker is down: the scheduler will send it from the database
            log.warning("could not send sync run %s now; the scheduler will", run_id, exc_info=True)


@dataclass
class App:
    """Everything built once per process from the configuration."""

    engine: object
    uow: object
    keyring: Keyring
    shops: ShopUseCases
    orders: OrderUseCases
    authenticate: Authenticate
    temu: TemuClient
    clock: SystemClock
    dispatch: Dispatcher


def build_app(db_url: str, temu_config: TemuConfig, keyring: Keyring | None = None) -> App:
    map_all()
    engine = make_engine(db_url)
    keyring = keyring or Keyring.from_env()
    uow = uow_factory(engine, keyring)
    clock = SystemClock()
    temu = TemuClient(temu_config, limiter=_shared_rate_limiter(temu_config))
    shop_reader = SqlShopReader(engine)
    dispatch = Dispatcher()
    shops = ShopUseCases(uow, shop_reader, TemuTokenInspector(temu), clock,
                         on_authorized=history_hook, on_reauthorized=resume_hook, dispatch=dispatch)
    orders = OrderUseCases(OrderQueries(SqlOrderReader(engine), shop_reader, uow, clock), StartSync(uow, clock),
                           dispatch)
    auth = Authenticate(uow_factory(engine, keyring, reads_only=True))
    return App(engine, uow, keyring, shops, orders, auth, temu, clock, dispatch)


def _shared_rate_limiter(config: TemuConfig):
    """Temu's 20 requests/s are per app key: with a Redis broker every process shares one budget
    in Redis; the embedded default shares it between the threads of this process."""
    url = os.environ.get("ERP_BROKER_URL", "")
    if not url.startswith("redis://"):
        return None
    import redis

    from adapters.temu.rate_limit import RedisRateLimiter

    return RedisRateLimiter(redis.Redis.from_url(url), config.qps)


def serve(app: App, address: str, stop: threading.Event | None = None, ready=None) -> int:
    """Serve until ``stop`` is set (default: until SIGTERM or SIGINT, in the main thread), then
    stop gracefully. ``ready(port)`` is called once the server listens."""
    return asyncio.run(_serve(app, address, stop, ready))


async def _serve(app: App, address: str, stop: threading.Event | None, ready) -> int:
    health = health_aio.HealthServicer()
    server, port = await create_server(address, shop_use_cases=app.shops, authenticate=app.authenticate.execute,
                                       health=health, extra_services=order_services(app.orders))
    await server.start()
    log.info("gRPC server listening on port %d", port)
    if ready is not None:
        ready(port)
    await (asyncio.to_thread(stop.wait) if stop is not None else _signalled())
    log.info("shutting down: draining in-flight calls")
    await graceful_stop(server, health, grace=10)
    return 0


async def _signalled() -> None:
    """Returns on the first SIGTERM or SIGINT."""
    stop, loop = asyncio.Event(), asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    await stop.wait()


def create_api_key(db_url: str, name: str, role: Role, principal_id: str | None = None) -> tuple[str, str]:
    """A principal (created when new) and a fresh API key for it; the key is shown once."""
    app = build_app(db_url, TemuConfig.from_env())
    with app.uow() as uow:
        principal = (uow.principals.get(principal_id) if principal_id else None) or \
            uow.principals.create_principal(name, role, principal_id)
        key = uow.principals.issue_api_key(principal.id)
        uow.commit()
    return principal.id, key


DEMO_DB = "var/demo.db"


def run_demo(port: int = 50051, sandbox_port: int = 8601) -> int:
    """``make run``: a fresh SQLite database, the Temu sandbox with demo shops and live orders,
    the gRPC server and the workers in this one process."""
    from sandboxes.temu.live import LiveOrders
    from sandboxes.temu.seed import seed_demo
    from sandboxes.temu.server import TemuSandbox

    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(DEMO_DB + suffix):
            os.remove(DEMO_DB + suffix)
    db_url = f"sqlite:///{DEMO_DB}"
    upgrade(db_url)
    sandbox = TemuSandbox(port=sandbox_port).start()
    seed = seed_demo(sandbox.registry)
    live = LiveOrders(sandbox.registry, seed, every=5.0).start()
    app = build_app(db_url, TemuConfig.for_base_url(sandbox.base_url, seed.app_key, seed.app_secret))
    workers = attach_workers(app)
    _tune_garbage_collector()
    _, key = _demo_key(app)
    print(_demo_banner(port, sandbox.base_url, key, seed), flush=True)
    try:
        return serve(app, f"0.0.0.0:{port}")
    finally:
        workers.stop()
        live.stop()
        sandbox.stop()


def _demo_key(app: App) -> tuple[str, str]:
    with app.uow() as uow:
        admin = uow.principals.create_principal("Demo administrator", Role.ADMIN)
        key = uow.principals.issue_api_key(admin.id)
        uow.commit()
    return admin.id, key


def _demo_banner(port: int, sandbox_url: str, key: str, seed) -> str:
    auth = (f'{{"display_name":"Demo Home US","kind":"SHOP_KIND_CROSS_BORDER","region":"REGION_US",'
            f'"token":"{seed.us_order_token}"}}')
    call = f"grpcurl -plaintext -H 'x-api-key: {key}'"
    return "\n".join([
        "", "Temu ERP demo is running (Ctrl-C to stop; the demo database is fresh every run).",
        f"  gRPC        localhost:{port}   (health, reflection: grpcurl -plaintext localhost:{port} list)",
        f"  Temu sandbox {sandbox_url}  (demo shops, 30 days of orders, a new order every 5 s)",
        f"  API key     {key}   (administrator)",
        "  Demo tokens:", *(f"    {name:<10} {value}" for name, value in seed.tokens.items()),
        "", "Authorize the demo shop (US, order token), then look at it:",
        f"  {call} -d '{auth}' localhost:{port} erp.v1.ShopService/AuthorizeShop",
        f"  {call} -d '{{}}' localhost:{port} erp.v1.ShopService/ListShops",
        f"Step 2, the product token:  -d '{{\"shop\":\"shops/<id>\",\"token\":\"{seed.product_token}\"}}' "
        "... erp.v1.ShopService/AddProductToken", ""])


def _tune_garbage_collector() -> None:
    """The server is long-running too: the same collector settings as ``worker.py``."""
    from worker import tune_garbage_collector

    tune_garbage_collector()


def attach_workers(app: App, broker_url: str | None = None, *, tick_s: float = 1.0, interval=None):
    """With a broker URL, this process only sends (``worker.py`` consumes and schedules);
    without, the workers and the scheduler run here, in-process (the embedded default)."""
    from worker import start_workers

    embedded = not broker_url
    workers = start_workers(app, broker_url=broker_url, consume=embedded, schedule=embedded, tick_s=tick_s,
                            interval=interval)
    app.dispatch.send = workers.send_sync
    return workers


def configure_logging() -> None:
    """One format for every process; secrets are masked on every handler, and the HTTP client's
    per-request lines are left out (the Temu adapter logs each call at DEBUG itself)."""
    logging.basicConfig(level=os.environ.get("ERP_LOG_LEVEL", "INFO"),
                        format="%(asctime)s %(levelname)s %(process)d %(name)s %(message)s")
    for handler in logging.getLogger().handlers:
        handler.addFilter(SecretRedactingFilter())
    for noisy in ("httpx", "httpcore"):
        logging.getLogger(noisy).setLevel(logging.WARNING)


def main(argv: list[str] | None = None) -> int:
    configure_logging()
    args = _parser().parse_args(argv)
    if args.command == "demo":
        return run_demo(port=args.port)
    db_url = database_url()
    if args.command == "migrate":
        upgrade(db_url)
        return 0
    if args.command == "create-api-key":
        pid, key = create_api_key(db_url, args.name, Role(args.role.upper()), args.principal_id)
        print(f"principal {pid}\napi key   {key}   (shown once; send it as x-api-key metadata)")
        return 0
    if args.command == "rotate-secrets":
        from adapters.persistence.vault import rotate_all

        map_all()
        count = rotate_all(make_session_factory(make_engine(db_url)), Keyring.from_env())
        print(f"re-encrypted {count} stored tokens under the primary key")
        return 0
    address = os.environ.get("ERP_GRPC_ADDRESS", f"0.0.0.0:{args.port}")
    app = build_app(db_url, TemuConfig.from_env())
    workers = attach_workers(app, os.environ.get("ERP_BROKER_URL") or None)
    _tune_garbage_collector()
    try:
        return serve(app, address)
    finally:
        workers.stop()


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="server.py", description="Temu ERP gRPC server and operator commands.")
    sub = p.add_subparsers(dest="command", required=False)
    for name in ("serve", "demo"):
        s = sub.add_parser(name)
        s.add_argument("--port", type=int, default=50051)
    sub.add_parser("migrate")
    k = sub.add_parser("create-api-key")
    k.add_argument("--name", required=True)
    k.add_argument("--role", choices=("admin", "shop_owner"), default="admin")
    k.add_argument("--principal-id", default=None)
    sub.add_parser("rotate-secrets")
    p.set_defaults(command="serve", port=50051)
    return p


if __name__ == "__main__":
    sys.exit(main())
