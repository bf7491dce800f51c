"""The gRPC server's entry point, and the operator's commands (composition: ``bootstrap``).

    python server.py demo             # make run: SQLite, Temu sandbox, workers in-process, :50051
    python server.py serve            # production: configuration from the environment (README)
    python server.py migrate          # upgrade the database schema
    python server.py create-api-key --name ops --role admin
    python server.py list-api-keys    # every key: id, prefix, principal, created, revoked; never the key
    python server.py revoke-api-key KEY_ID   # refused by every server process from the next call on
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
from collections.abc import Iterable

from grpc_health.v1.health import aio as health_aio

from adapters.grpc.access_servicer import access_services
from adapters.grpc.auth_throttle import FailedAuthThrottle
from adapters.grpc.event_servicer import event_services
from adapters.grpc.health_probe import ReadinessHealth
from adapters.grpc.metrics import RpcMetrics
from adapters.grpc.order_services import order_services
from adapters.grpc.desk_services import desk_services
from adapters.grpc.admission import Drain
from adapters.grpc.warehouse_servicer import warehouse_services
from adapters.grpc.fulfillment_servicer import fulfillment_services
from adapters.grpc.mark_shipped_servicer import mark_shipped_services
from adapters.grpc.server_factory import SHOP_SERVICE, Limits, create_server, graceful_stop, tls_credentials
from adapters.persistence.engine import make_engine, make_session_factory
from adapters.persistence.mappers import map_all
from adapters.persistence.migrate import upgrade
from adapters.persistence.uow import uow_factory
from adapters.temu.config import TemuConfig
from bootstrap import App, attach_workers, build_app, configure_logging, tune_garbage_collector
from bootstrap.demo_providers import DEMO_AMAZON_CLIENT, DemoProviders, seed_demo_providers
from bootstrap.demo_warehouse import DemoWarehouse, seed_demo_warehouse
from bootstrap.operations import readiness, serve_operations
from bootstrap.settings import Settings, SettingsError
from application.access.facade import AccessUseCases
from application.ports.providers import AmazonCredentials, GoodcangCredentials
from domain.errors import DomainError
from domain.principal import Principal, Role

log = logging.getLogger("erp.server")
OPERATOR = Principal("operator", "the operator at the console", Role.ADMIN)


def serve(app: App, address: str, stop: threading.Event | None = None, ready=None) -> int:
    """Serve until ``stop`` is set (default: until SIGTERM or SIGINT, in the main thread), then
    stop gracefully. ``ready(port)`` is called once the server listens."""
    return asyncio.run(_serve(app, address, stop, ready))


async def _serve(app: App, address: str, stop: threading.Event | None, ready) -> int:
    health, drain = health_aio.HealthServicer(), Drain()
    extras = [*order_services(app.orders), *desk_services(app.desk), *access_services(app.access),
              *warehouse_services(app.warehouses), *fulfillment_services(app.packages),
              *mark_shipped_services(app.mark_shipped), *event_services(app.events, drain)]
    server, port = await create_server(address, shop_use_cases=app.shops, authenticate=app.authenticate.execute,
                                       health=health, extra_services=extras, limits=_limits(app.settings),
                                       drain=drain, with_reflection=app.settings.grpc_reflection,
                                       auth_throttle=FailedAuthThrottle(limit=app.settings.auth_failure_limit),
                                       credentials=_credentials(app.settings),
                                       metrics=RpcMetrics(app.metrics) if app.metrics is not None else None,
                                       tracer_provider=app.tracer_provider)
    probe = asyncio.create_task(ReadinessHealth(
        health, (SHOP_SERVICE, *(e.name for e in extras)), readiness(app.engine, app.settings.broker_url),
        app.settings.health_probe_interval.total_seconds()).run())
    endpoints = serve_operations("0.0.0.0", app.settings.metrics_port, app.metrics)
    await server.start()
    log.info("gRPC server listening on port %d (%s)", port, _security(app.settings))
    if ready is not None:
        ready(port)
    await (asyncio.to_thread(stop.wait) if stop is not None else _signalled())
    log.info("shutting down: draining in-flight calls")
    probe.cancel()
    await graceful_stop(server, health, grace=10, drain=drain)
    for endpoint in endpoints:
        endpoint.stop()
    return 0


def _credentials(s: Settings):
    return tls_credentials(s.tls.certificate_chain, s.tls.private_key, s.tls.client_ca) if s.tls else None


def _security(s: Settings) -> str:
    return "plaintext" if s.tls is None else "TLS" if s.tls.client_ca is None else "mTLS: client certificates required"


def _limits(s: Settings) -> Limits:
    return Limits(database_threads=s.grpc_threads, upstream_threads=s.upstream_rpc_threads,
                  upstream_queue=s.upstream_rpc_queue, upstream_budget_s=s.upstream_rpc_budget.total_seconds(),
                  caller_rate=s.caller_rate, caller_burst=s.caller_burst)


async def _signalled() -> None:
    """Returns on the first SIGTERM or SIGINT."""
    stop, loop = asyncio.Event(), asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    await stop.wait()


def _access(settings: Settings) -> AccessUseCases:
    """The API-key use cases over the database alone: the key commands need no Temu settings."""
    map_all()
    return AccessUseCases.over(uow_factory(make_engine(settings.database_url), settings.keyring()))


def create_api_key(settings: Settings, name: str, role: Role, principal_id: str | None = None) -> tuple[str, str]:
    """A principal (created when new) and a fresh API key for it; the key is shown once."""
    created = _access(settings).create_key.execute(None, name, role, principal_id)
    return created.key.principal_id, created.secret


def list_api_keys(settings: Settings) -> list[str]:
    """One line per key, every page: id, prefix, principal, role, created, revoked."""
    lines, token, keys = [], "", _access(settings).list_keys
    while True:
        page = keys.execute(OPERATOR, 500, token)
        lines += [f"{k.id}  {k.prefix}…  {k.principal_id} ({k.principal_name}, {k.role.value.lower()})  "
                  f"created {k.created_at:%Y-%m-%d %H:%M}  "
                  f"{f'revoked {k.revoked_at:%Y-%m-%d %H:%M}' if k.revoked_at else 'live'}" for k in page.items]
        if not (token := page.next_page_token):
            return lines


DEMO_DB = "var/demo.db"
DEMO_STOCK = 200  # units of each demo SKU at the demo 3PL and FBA sandboxes


def run_demo(port: int = 50051, sandbox_port: int = 8601, carrier_port: int = 8602, goodcang_port: int = 8603,
             fba_port: int = 8604) -> int:
    """``make run``: a fresh SQLite database, the Temu sandbox with demo shops and live orders,
    the carrier sandbox with a demo own warehouse on it, the gRPC server and the workers in this
    one process."""
    from sandboxes.carrier import DEFAULT_TOKEN, CarrierSandbox
    from sandboxes.temu.live import LiveOrders
    from sandboxes.temu.seed import demo_seller_skus, seed_demo
    from sandboxes.temu.server import TemuSandbox

    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(DEMO_DB + suffix):
            os.remove(DEMO_DB + suffix)
    settings = Settings(database_url=f"sqlite:///{DEMO_DB}")
    upgrade(settings.database_url)
    sandbox = TemuSandbox(port=sandbox_port).start()
    seed = seed_demo(sandbox.registry)
    live = LiveOrders(sandbox.registry, seed, every=5.0).start()
    app = build_app(settings, TemuConfig.for_base_url(sandbox.base_url, seed.app_key, seed.app_secret))
    workers = attach_workers(app)
    tune_garbage_collector()
    admin_id, key = _demo_key(app)
    carrier = CarrierSandbox(port=carrier_port).start()
    warehouse = seed_demo_warehouse(app.warehouses, Principal(admin_id, "Demo administrator", Role.ADMIN),
                                    carrier.base_url, DEFAULT_TOKEN)
    providers, provider_sandboxes = start_demo_providers(
        app, Principal(admin_id, "Demo administrator", Role.ADMIN), goodcang_port, fba_port, demo_seller_skus(seed))
    print(_demo_banner(port, sandbox.base_url, key, seed)
          + _demo_warehouse_lines(port, key, carrier.base_url, warehouse)
          + _demo_provider_lines(port, key, provider_sandboxes, providers)
          + _demo_package_lines(port, key, warehouse), flush=True)
    try:
        return serve(app, f"0.0.0.0:{port}")
    finally:
        workers.stop()
        live.stop()
        for provider_sandbox in provider_sandboxes:
            provider_sandbox.stop()
        carrier.stop()
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


def _demo_warehouse_lines(port: int, key: str, carrier_url: str, demo: DemoWarehouse) -> str:
    call = f"grpcurl -plaintext -H 'x-api-key: {key}'"
    return "\n".join([
        f"Carrier sandbox {carrier_url}: the demo own warehouse buys its labels there, through two channels",
        "(USPS Ground Advantage, 4x6 PDF; UPS Ground, ZPL). Look at them:",
        f"  {call} -d '{{}}' localhost:{port} erp.v1.WarehouseService/ListWarehouses",
        f"  {call} -d '{{\"warehouse\":\"warehouses/{demo.warehouse_id}\"}}' localhost:{port} "
        "erp.v1.WarehouseService/ListChannels",
        f"  {call} -d '{{\"carrier_account\":\"carrierAccounts/{demo.carrier_account_id}\"}}' localhost:{port} "
        "erp.v1.WarehouseService/ListCarrierServices", ""])


def start_demo_providers(app: App, admin: Principal, goodcang_port: int = 0, fba_port: int = 0,
                         skus: Iterable[str] = ()):
    """The Goodcang and FBA sandboxes, seeded, with the demo's 3PL and FBA warehouses on them
    (the README test builds the same). ``skus``: the seller SKUs of the demo's Temu orders,
    stocked at both, so a demo order assigned to either is accepted, not refused out of stock."""
    from sandboxes.fba import FbaSandbox
    from sandboxes.goodcang import DEMO_APP_KEY, DEMO_APP_TOKEN, GoodcangSandbox
    from sandboxes.goodcang import seed_demo as seed_goodcang

    goodcang, fba = GoodcangSandbox(port=goodcang_port).start(), FbaSandbox(port=fba_port).start()
    seed_goodcang(goodcang.registry)
    client_id, client_secret, refresh_token = DEMO_AMAZON_CLIENT
    fba.registry.add_client(client_id, client_secret, refresh_token)
    for sku, units in (("MUG-BLUE", 40), ("DEMO-MUG-01", 25), *((sku, DEMO_STOCK) for sku in skus)):
        fba.registry.set_stock(sku, units)
    for sku in skus:
        for warehouse in ("USEA", "USWE"):
            goodcang.registry.set_stock(DEMO_APP_KEY, warehouse, sku, DEMO_STOCK)
    demo = seed_demo_providers(app.warehouses, admin, GoodcangCredentials(DEMO_APP_KEY, DEMO_APP_TOKEN, goodcang.base_url),
                               AmazonCredentials(client_id, client_secret, refresh_token, endpoint=fba.base_url,
                                                 lwa_url=fba.lwa_url))
    return demo, (goodcang, fba)


def _demo_provider_lines(port: int, key: str, sandboxes, demo: DemoProviders) -> str:
    call = f"grpcurl -plaintext -H 'x-api-key: {key}'"
    goodcang = f'{{"provider_account":"providerAccounts/{demo.goodcang_account_id}"}}'
    amazon = f'{{"provider_account":"providerAccounts/{demo.amazon_account_id}"}}'
    return "\n".join([
        f"Goodcang sandbox {sandboxes[0].base_url} and FBA sandbox {sandboxes[1].base_url}: a demo 3PL warehouse",
        "(Goodcang USEA, two shipping methods) and the amazon.com FBA warehouse (three speeds). Look at them:",
        f"  {call} -d '{{}}' localhost:{port} erp.v1.WarehouseService/ListProviderAccounts",
        f"  {call} -d '{goodcang}' localhost:{port} erp.v1.WarehouseService/ListProviderWarehouses",
        f"  {call} -d '{amazon}' localhost:{port} erp.v1.WarehouseService/ListProviderStock", ""])
def _demo_package_lines(port: int, key: str, demo: DemoWarehouse) -> str:
    """From an order to review (ListOrders with ORDER_STATE_TO_REVIEW, once its address is in)
    to a tracking number and a label."""
    call, at = f"grpcurl -plaintext -H 'x-api-key: {key}'", f"localhost:{port} erp.v1.FulfillmentService"
    route = f'"warehouse":"warehouses/{demo.warehouse_id}","channel":"channels/{demo.channel_ids[0]}"'
    return "\n".join([
        "Ship a demo order (an order to review of the authorized shop): assign, audit, then follow its package",
        "until it is LABELLED with a tracking number, and fetch its 4x6 PDF label:",
        f"  {call} -d '{{\"orders\":[\"orders/<id>\"],{route}}}' {at}/AssignFulfillment",
        f"  {call} -d '{{\"orders\":[\"orders/<id>\"]}}' {at}/AuditOrders",
        f"  {call} -d '{{\"order\":\"orders/<id>\"}}' {at}/ListPackages",
        f"  {call} -d '{{\"name\":\"packages/<id>\"}}' {at}/GetLabel", ""])


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        settings = Settings.from_env()
        configure_logging(settings.log_level, settings.log_format)
        return _command(args, settings)
    except SettingsError as err:
        print(f"configuration error: {err}", file=sys.stderr)
        return 2
    except DomainError as err:
        print(err.message, file=sys.stderr)
        return 1


def _command(args: argparse.Namespace, settings: Settings) -> int:
    if args.command == "demo":
        return run_demo(port=args.port, sandbox_port=args.sandbox_port, carrier_port=args.carrier_port,
                        goodcang_port=args.goodcang_port, fba_port=args.fba_port)
    if args.command == "migrate":
        upgrade(settings.database_url)
        return 0
    if args.command == "create-api-key":
        pid, key = create_api_key(settings, args.name, Role(args.role.upper()), args.principal_id)
        print(f"principal {pid}\napi key   {key}   (shown once; send it as x-api-key metadata)")
        return 0
    if args.command == "list-api-keys":
        print("\n".join(list_api_keys(settings)) or "no API keys")
        return 0
    if args.command == "revoke-api-key":
        key = _access(settings).revoke_key.execute(OPERATOR, args.key_id)
        print(f"revoked {key.id} ({key.prefix}…, {key.principal_name}): refused from the next call on")
        return 0
    if args.command == "rotate-secrets":
        from adapters.persistence.vault import rotate_all

        map_all()
        count = rotate_all(make_session_factory(make_engine(settings.database_url)), settings.keyring())
        print(f"re-encrypted {count} stored tokens under the primary key")
        return 0
    app = build_app(settings)
    workers = attach_workers(app, settings.broker_url)
    tune_garbage_collector()
    try:
        return serve(app, settings.grpc_address or f"0.0.0.0:{args.port}")
    finally:
        workers.stop()


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="server.py", description="Temu ERP gRPC server and operator commands.")
    sub = p.add_subparsers(dest="command", required=False)
    for name in ("serve", "demo"):
        s = sub.add_parser(name)
        s.add_argument("--port", type=int, default=50051)
    sub.choices["demo"].add_argument("--sandbox-port", type=int, default=8601, help="the Temu sandbox's port")
    sub.choices["demo"].add_argument("--carrier-port", type=int, default=8602, help="the carrier sandbox's port")
    sub.choices["demo"].add_argument("--goodcang-port", type=int, default=8603, help="the Goodcang sandbox's port")
    sub.choices["demo"].add_argument("--fba-port", type=int, default=8604, help="the FBA sandbox's port")
    sub.add_parser("migrate")
    k = sub.add_parser("create-api-key")
    k.add_argument("--name", required=True)
    k.add_argument("--role", choices=("admin", "shop_owner"), default="admin")
    k.add_argument("--principal-id", default=None)
    sub.add_parser("list-api-keys")
    sub.add_parser("revoke-api-key").add_argument("key_id", help="the id list-api-keys shows")
    sub.add_parser("rotate-secrets")
    p.set_defaults(command="serve", port=50051, sandbox_port=8601, carrier_port=8602, goodcang_port=8603,
                   fba_port=8604)
    return p


if __name__ == "__main__":
    sys.exit(main())
