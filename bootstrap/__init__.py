"""The composition root that ``server.py`` and ``worker.py`` share (neither imports the other):
the settings read once from the environment, the core built from them, and the workers.

Importing this module imports no gRPC: the worker process never loads it.
"""
from __future__ import annotations

import ctypes
import gc
import logging
import os
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from adapters.carrier.gateway import ShippoCarrierGateway
from adapters.fba.gateway import SpApiFbaGateway
from adapters.threepl.gateway import GoodcangGateway
from adapters.persistence.engine import make_engine
from adapters.persistence.event_feed import SqlEventFeed
from adapters.persistence.keyring import Keyring
from adapters.persistence.mappers import map_all
from adapters.persistence.warehouse_reader import SqlWarehouseReader
from adapters.persistence.desk_reader import SqlDeskReader
from adapters.persistence.order_reader import SqlOrderReader
from adapters.persistence.sync_run_reader import SqlSyncRunReader
from adapters.persistence.package_reader import SqlPackageReader
from adapters.persistence.upload_reader import SqlUploadReader
from adapters.persistence.principals import SqlApiKeyLookup
from adapters.persistence.readers import SqlShopReader
from adapters.persistence.uow import uow_factory
from adapters.temu.config import TemuConfig
from adapters.temu.orders import TemuOrderSource
from adapters.temu.logistics import TemuLogistics
from adapters.log_format import JsonFormatter
from adapters.redaction import SecretRedactingFilter
from adapters.temu.token_inspector import TemuTokenInspector
from adapters.temu.transport import TemuClient
from application.access.facade import AccessUseCases
from application.events.read_events import PruneEvents, ReadEvents
from application.authenticate import Authenticate
from application.desk.facade import DeskUseCases
from application.orders.facade import OrderUseCases
from application.orders.fetch_addresses import FetchAddresses
from application.orders.queries import OrderQueries
from application.orders.run_sync import RunSync
from application.orders.start_sync import ResumeWaitingRuns, ScheduleSyncs, StartSync
from application.shops.check_token_expiry import CheckTokenExpiry
from application.shops.facade import ShopUseCases
from application.warehouses.facade import WarehouseUseCases
from application.packages.facade import PackageUseCases
from application.packages.follow_temu import FollowTemu
from application.packages.push_package import PushPackage
from application.packages.sweep import SweepPackages
from application.mark_shipped.facade import MarkShippedUseCases
from application.mark_shipped.marking import AutoMark, CarrierMapped, Reconcile
from application.mark_shipped.send import SendUpload
from application.ports.fulfillment import FulfillmentRoutes
from bootstrap.fulfillment import build_routes
from bootstrap.operations import Heartbeat, metrics_registry, traced
from bootstrap.settings import BROKER_SCHEMES, Settings
from bootstrap.providers import ProviderDirectoryGateway

log = logging.getLogger("erp.bootstrap")
GC_THRESHOLDS = (10_000, 10, 10)
TEXT_FORMAT = "%(asctime)s %(levelname)s %(process)d %(name)s %(message)s"


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(timezone.utc)


@dataclass
class App:
    """Everything built once per process from the settings."""

    engine: object
    uow: object
    keyring: Keyring
    shops: ShopUseCases
    orders: OrderUseCases
    authenticate: Authenticate
    temu: TemuClient
    clock: SystemClock
    settings: Settings
    access: AccessUseCases
    carriers: ShippoCarrierGateway  # CarrierGateway: a Carrier per carrier account
    fulfillment_routes: FulfillmentRoutes  # ``for_kind(WarehouseKind)``: the route a package is pushed through
    warehouses: WarehouseUseCases  # warehouses, carrier accounts, channels, SKU mappings
    desk: DeskUseCases  # tags, notes, the activity log, exports
    packages: PackageUseCases  # assign, split, merge, audit, packages, labels
    events: ReadEvents
    mark_shipped: MarkShippedUseCases  # 订单标发: mark, queue, retry, automatic marking
    metrics: object | None = None  # the Prometheus registry, when ERP_METRICS_PORT is set
    tracer_provider: object | None = None  # OpenTelemetry, when OTEL_TRACES_EXPORTER names an exporter


def build_app(settings: Settings, temu_config: TemuConfig | None = None, keyring: Keyring | None = None,
              tracer_provider=None, service_name: str = "erp-server") -> App:
    """``temu_config``, ``keyring`` and ``tracer_provider`` default to the ones the settings describe."""
    map_all()
    engine = make_engine(settings.database_url)
    keyring = keyring or settings.keyring()
    temu_config = temu_config or settings.temu_config()
    uow = uow_factory(engine, keyring)
    clock = SystemClock()
    temu = TemuClient(temu_config, limiter=shared_rate_limiter(settings.broker_url, temu_config))
    shop_reader = SqlShopReader(engine)
    shops = ShopUseCases(uow, shop_reader, TemuTokenInspector(temu), clock)
    order_reader = SqlOrderReader(engine)
    queries = OrderQueries(order_reader, shop_reader, uow, clock, SqlSyncRunReader(engine), SqlDeskReader(engine))
    orders = OrderUseCases(queries, StartSync(uow, clock))
    desk = DeskUseCases.over(uow, SqlDeskReader(engine), order_reader, shop_reader, queries, clock)
    auth = Authenticate(SqlApiKeyLookup(engine))
    carriers = ShippoCarrierGateway()
    tracer_provider = traced(engine, temu, settings.traces_exporter, tracer_provider, service_name)
    metrics = metrics_registry(engine, temu, clock.now) if settings.metrics_port is not None else None
    routes = build_routes(uow, carriers, clock=clock, threepl=GoodcangGateway(), fba=SpApiFbaGateway())
    return App(engine, uow, keyring, shops, orders, auth, temu, clock, settings, access=AccessUseCases.over(uow),
               carriers=carriers, fulfillment_routes=routes,
               warehouses=WarehouseUseCases(uow, SqlWarehouseReader(engine), carriers, clock, ProviderDirectoryGateway()),
               desk=desk, packages=PackageUseCases(uow, SqlPackageReader(engine), routes, clock),
               events=ReadEvents(SqlEventFeed(engine)),
               mark_shipped=MarkShippedUseCases(uow, SqlUploadReader(engine), clock, TemuLogistics(temu)),
               metrics=metrics, tracer_provider=tracer_provider)


def shared_rate_limiter(broker_url: str | None, config: TemuConfig):
    """Temu's 20 requests/s are per app key: with a Redis broker (any of its URL forms) every
    process shares one budget in that Redis; the embedded default shares it between the threads
    of this process."""
    if not (broker_url or "").startswith(BROKER_SCHEMES):
        return None
    import redis

    from adapters.temu.rate_limit import RedisRateLimiter

    return RedisRateLimiter(redis.Redis.from_url(broker_url), config.qps)


def configure_services(app: App, interval: timedelta | None = None):
    """The use cases the actors call (``adapters.queue.runtime``)."""
    from adapters.queue.runtime import Services, configure

    source, s = TemuOrderSource(app.temu), app.settings
    services = Services(run_sync=RunSync(app.uow, source, app.clock, lease=s.sync_lease),
                        schedule_syncs=ScheduleSyncs(app.uow, interval=interval or s.sync_interval,
                                                     redispatch_after=s.redispatch_after),
                        check_token_expiry=CheckTokenExpiry(app.uow, app.clock),
                        fetch_addresses=FetchAddresses(app.uow, source, app.clock, lease=s.sync_lease),
                        resume_runs=ResumeWaitingRuns(app.uow),
                        push_package=PushPackage(app.uow, app.fulfillment_routes, app.clock),
                        sweep_packages=SweepPackages(app.uow, app.clock),
                        follow_temu=FollowTemu(app.uow, app.clock),
                        prune_events=PruneEvents(SqlEventFeed(app.engine), app.clock, s.event_retention),
                        send_upload=SendUpload(app.uow, TemuLogistics(app.temu), app.clock),
                        auto_mark=AutoMark(app.uow, app.clock), reconcile=Reconcile(app.uow, app.clock),
                        carrier_mapped=CarrierMapped(app.uow, app.clock))
    configure(services)
    return services


@dataclass
class Workers:
    broker: object
    consumers: list
    stop_event: threading.Event
    heartbeats: dict

    def threads(self) -> list[threading.Thread]:
        """Every Dramatiq consumer and worker thread of this process (for liveness)."""
        return [t for pool in self.consumers for t in (*pool.consumers.values(), *pool.workers)]

    def stop(self) -> None:
        self.stop_event.set()
        for consumer in self.consumers:
            consumer.stop(timeout=10_000)
        self.broker.close()


MALLOC_ARENAS = 2
M_ARENA_MAX = -8  # glibc's malloc.h


def limit_malloc_arenas(arenas: int = MALLOC_ARENAS) -> bool:
    """Before the worker threads start. glibc gives threads up to 8 malloc arenas a core, and each
    keeps what was freed in it: with the dozens of worker threads here (a pool per queue group and
    per warehouse kind) a worker's RSS rose by 49 MB over 4,000 packages while its live Python
    objects stayed the same; with 2 arenas, by 20 MB, then flat (bench/README.md, issue 11).
    False where the C library is not glibc, or ``MALLOC_ARENA_MAX`` already says how many."""
    if os.environ.get("MALLOC_ARENA_MAX"):
        return False
    try:
        return ctypes.CDLL("libc.so.6").mallopt(M_ARENA_MAX, arenas) == 1
    except (OSError, AttributeError):
        return False


def start_workers(app: App, *, broker_url: str | None = None, consume: bool = True, schedule: bool = True,
                  relay: bool = True, threads: int = 4, tick_s: float = 1.0,
                  interval: timedelta | None = None, sweep_every_s: int = 10) -> Workers:
    """Build the broker, the actors and (optionally) consumers, the scheduler and the outbox relay."""
    limit_malloc_arenas()
    from adapters.queue.broker import build_broker, start_consumers
    from adapters.queue.scheduler import Scheduler

    tracer = app.tracer_provider.get_tracer("erp") if app.tracer_provider is not None else None
    broker = build_broker(broker_url, tracer=tracer)
    # NOTE: only now: an actor module imported before ``build_broker`` binds to Dramatiq's default broker
    from adapters.queue.actors import bind, events, packages, shops
    from adapters.queue.relay import OutboxRelay
    from adapters.queue.sequencer import FeedSequencer

    bind(broker)
    services = configure_services(app, interval)
    consumers = start_consumers(broker, threads) if consume else []
    stop, heartbeats = threading.Event(), {}
    if schedule:
        heartbeats["scheduler"] = Heartbeat()
        Scheduler(schedule_syncs=services.schedule_syncs, claim_job_slot=_claim_job_slot(app),
                  send_expiry_check=shops.check_token_expiry.send, send_prune_events=events.prune.send,
                  tick_s=tick_s, heartbeat=heartbeats["scheduler"].beat,
                  sweep_packages=lambda: send_due(packages, services.sweep_packages.execute()),
                  sweep_every_s=sweep_every_s).start_thread(stop)
    if relay:
        heartbeats["outbox relay"] = Heartbeat()
        OutboxRelay(app.engine, tracer=tracer, heartbeat=heartbeats["outbox relay"].beat).start_thread(stop)
        FeedSequencer(app.engine).start_thread(stop)
    if app.metrics is not None:
        from adapters.queue.metrics import QueueCollector

        app.metrics.register(QueueCollector(broker))
    return Workers(broker, consumers, stop, heartbeats)


def attach_workers(app: App, broker_url: str | None = None, *, tick_s: float = 1.0, interval=None,
                   sweep_every_s: int = 10) -> Workers:
    """The server's workers. With a broker URL, this process only sends (``worker.py`` consumes,
    schedules and relays); without, all of it runs here, in-process (the embedded default)."""
    embedded = not broker_url
    return start_workers(app, broker_url=broker_url, consume=embedded, schedule=embedded, relay=embedded,
                         tick_s=tick_s, interval=interval, sweep_every_s=sweep_every_s)


def send_due(actors, due) -> None:
    """The sweep's packages to the push and tracking workers of their warehouse's kind: a send
    that fails leaves the rest to the next round (each package is due again after its lease)."""
    for package_id in due.push:
        actors.PUSH.get(due.kinds.get(package_id), actors.push).send(package_id)
    for group in due.track:
        actors.TRACK[due.kinds[group[0]]].send(group)


def _claim_job_slot(app: App):
    def claim(job: str, slot) -> bool:
        with app.uow() as uow:
            taken = uow.job_slots.claim(job, slot)
            uow.commit()
            return taken
    return claim


def configure_logging(level: str = "INFO", fmt: str = "text") -> None:
    """One format for every process (``fmt``: text, or json for log collectors); secrets are
    masked on every handler, and the HTTP client's per-request lines are left out (the Temu
    adapter logs each call at DEBUG itself)."""
    logging.basicConfig(level=level, handlers=[log_handler(fmt)])
    for handler in logging.getLogger().handlers:  # those configured before us too
        if not any(isinstance(f, SecretRedactingFilter) for f in handler.filters):
            handler.addFilter(SecretRedactingFilter())
    for noisy in ("httpx", "httpcore"):
        logging.getLogger(noisy).setLevel(logging.WARNING)


def log_handler(fmt: str = "text", stream=None) -> logging.Handler:
    """A handler writing to ``stream`` (default stderr) in ``fmt``, secrets masked."""
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter() if fmt == "json" else logging.Formatter(TEXT_FORMAT))
    handler.addFilter(SecretRedactingFilter())
    return handler


def tune_garbage_collector() -> None:
    """For a long-running process, once it is wired. A sync allocates millions of short-lived
    objects that reference counting frees; with CPython's default thresholds the cycle collector
    runs often and each full pass walks every object loaded at start-up. Freezing those
    (``gc.freeze``) and a young generation of 10,000 make it rare while memory stays flat."""
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)
