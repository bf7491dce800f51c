"""Build the Dramatiq broker before any actor module is imported.

Redis (``redis://``, ``rediss://`` over TLS, ``unix://`` over a socket) in production, and by
default an in-process ``StubBroker`` consumed by worker threads in the same process, so that a
newcomer needs no server.

NOTE: no RabbitMQ. Dramatiq has a RabbitMQ broker, but the Temu budget shared across processes
(``adapters/temu/rate_limit.py``) lives in Redis, so a RabbitMQ deployment would need a Redis all
the same, and nothing here was tested against RabbitMQ (docs/integration.md).
"""
from __future__ import annotations

import dramatiq
from dramatiq.brokers.stub import StubBroker
from dramatiq.middleware import (
    AgeLimit, Callbacks, CurrentMessage, Pipelines, Retries, ShutdownNotifications, TimeLimit,
)


REDIS_SCHEMES = ("redis://", "rediss://", "unix://")
MAINTENANCE_CHANCE = 50_000  # per million Redis commands of a queue (Dramatiq's default: 1,000)


def _middleware(tracer: object | None = None) -> list:
    """``CurrentMessage`` lets a retry's log line say which retry it is (``transient.py``); with
    a ``tracer`` (OpenTelemetry), messages carry the trace context and actors run in spans."""
    middleware = [AgeLimit(), TimeLimit(), ShutdownNotifications(), Callbacks(), Pipelines(), Retries(),
                  CurrentMessage()]
    if tracer is not None:
        from adapters.queue.tracing import TracingMiddleware

        middleware.append(TracingMiddleware(tracer))
    return middleware


def build_broker(url: str | None = None, *, heartbeat_timeout_ms: int = 15_000,
                 tracer: object | None = None) -> dramatiq.Broker:
    if url and url.startswith(REDIS_SCHEMES):
        from dramatiq.brokers.redis import RedisBroker

        # NOTE: a SIGKILLed worker's messages (taken, not acked) come back when a live worker's
        # "maintenance" on that queue finds the dead worker's heartbeat older than the timeout.
        # Both defaults are slow: a 60 s timeout, and maintenance on 0.1% of the commands of each
        # queue, so about every 100 s for an idle queue polled ten times a second: a killed
        # worker's packages and uploads waited minutes (tests/e2e/crash). 15 s and 5% bring them
        # back in about 20 s. Maintenance with no dead worker is two ZRANGEBYSCOREs; actors are
        # idempotent, so an early redelivery is harmless.
        broker = RedisBroker(url=url, heartbeat_timeout=heartbeat_timeout_ms, maintenance_chance=MAINTENANCE_CHANCE,
                             middleware=_middleware(tracer))
    elif url:
        raise ValueError(f"ERP_BROKER_URL must be a Redis URL (redis://, rediss://, unix://), "
                         f"not {url.split(':')[0]}://")
    else:
        broker = StubBroker(middleware=_middleware(tracer))
        broker.emit_after("process_boot")
    dramatiq.set_broker(broker)
    return broker


class BrokerPing:
    """Readiness of the broker: a Redis ``PING`` with a short timeout (None: it answered; else
    why not, in words). The in-process broker is always there."""

    def __init__(self, url: str | None, timeout_s: float = 2.0) -> None:
        self._client = None
        if url and url.startswith(REDIS_SCHEMES):
            import redis

            self._client = redis.Redis.from_url(url, socket_timeout=timeout_s, socket_connect_timeout=timeout_s)

    def __call__(self) -> str | None:
        if self._client is None:
            return None
        import redis

        try:
            self._client.ping()
        except redis.RedisError as err:
            return f"the broker (Redis) does not answer: {type(err).__name__}"
        return None


# Queue names: the sync runs (and shop jobs) are never queued behind address batches, and the
# 30-day histories ("history") never ahead of a "sync now" or an incremental run ("orders").
# Uploads (tracking to Temu) share the sync threads: short calls on the same Temu budget.
# Packages have threads of their own, a pool per warehouse kind: a push waits in its provider's
# rate bucket (Amazon's stock read and create, 2/s each), and a backlog of them must hold neither
# the threads a sync needs nor those of another provider's packages; in each pool, the looks at
# pushed packages ("tracking_…") go before the pushes still waiting.
SYNC_QUEUES = frozenset({"orders", "history", "shops", "uploads"})
ADDRESS_QUEUES = frozenset({"addresses"})
PACKAGE_QUEUES = (frozenset({"packages"}),  # own warehouses, and what follows Temu's changes
                  frozenset({"packages_3pl", "tracking_3pl"}),
                  frozenset({"packages_fba", "tracking_fba"}))


def address_threads(threads: int) -> int:
    return max(1, threads // 4)


def start_consumers(broker: dramatiq.Broker, threads: int = 4) -> list[dramatiq.Worker]:
    """Consume in this process: ``threads`` threads for the sync runs, shop jobs and uploads, a
    quarter as many (at least one) of their own for the address batches, and as many again for
    the packages of each warehouse kind.

    The rule: an order-list page never waits for an address batch, because address work has
    threads of its own and cannot occupy the sync threads, however long its backlog. Both pools
    draw on the one Temu budget of the app key, so address work gets at most a fifth of the
    calls while syncs are busy and all of it when they are idle; within each pool, shops take
    turns (a job does one batch or ``max_pages`` pages, then goes to the back of its queue).
    """
    # NOTE: each pool adds its own worker middleware, which only consumes that pool's queues;
    # Dramatiq warns about the second one all the same.
    broker.logger.addFilter(lambda record: "same type twice" not in record.getMessage())
    pools = [dramatiq.Worker(broker, queues=set(SYNC_QUEUES), worker_threads=threads, worker_timeout=100),
             dramatiq.Worker(broker, queues=set(ADDRESS_QUEUES), worker_threads=address_threads(threads),
                             worker_timeout=100),
             # as many as the syncs: a package's thread mostly waits (a rate bucket, a carrier's 15 s
             # timeout), and with fewer, a few slow carrier calls hold up every other package
             *(dramatiq.Worker(broker, queues=set(queues), worker_threads=threads, worker_timeout=100)
               for queues in PACKAGE_QUEUES)]
    for pool in pools:
        pool.start()
    return pools
