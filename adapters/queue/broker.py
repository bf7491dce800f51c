"""Build the Dramatiq broker before any actor module is imported.

Redis (``redis://…``) in production, RabbitMQ (``amqp://…``) where preferred, and by default an
in-process ``StubBroker`` consumed by worker threads in the same process, so that a newcomer
needs no server.
"""
from __future__ import annotations

import dramatiq
from dramatiq.brokers.stub import StubBroker
from dramatiq.middleware import (
    AgeLimit, Callbacks, CurrentMessage, Pipelines, Retries, ShutdownNotifications, TimeLimit,
)


def _middleware() -> list:
    """``CurrentMessage`` lets a retry's log line say which retry it is (``transient.py``)."""
    return [AgeLimit(), TimeLimit(), ShutdownNotifications(), Callbacks(), Pipelines(), Retries(), CurrentMessage()]


def build_broker(url: str | None = None, *, heartbeat_timeout_ms: int = 15_000) -> dramatiq.Broker:
    if url and url.startswith(("redis://", "rediss://", "unix://")):
        from dramatiq.brokers.redis import RedisBroker

        # NOTE: a short heartbeat timeout brings a SIGKILLed worker's messages back quickly
        # (the default is 60 s); actors are idempotent, so an early redelivery is harmless.
        broker = RedisBroker(url=url, heartbeat_timeout=heartbeat_timeout_ms, middleware=_middleware())
    elif url and url.startswith(("amqp://", "amqps://")):
        from dramatiq.brokers.rabbitmq import RabbitmqBroker

        broker = RabbitmqBroker(url=url, confirm_delivery=True, middleware=_middleware())
    elif url:
        raise ValueError(f"ERP_BROKER_URL must start with redis:// or amqp://, not {url.split(':')[0]}://")
    else:
        broker = StubBroker(middleware=_middleware())
        broker.emit_after("process_boot")
    dramatiq.set_broker(broker)
    return broker


def start_in_process_workers(broker: dramatiq.Broker, threads: int = 4) -> dramatiq.Worker:
    """Consume in this process (the embedded default, and tests)."""
    worker = dramatiq.Worker(broker, worker_threads=threads, worker_timeout=100)
    worker.start()
    return worker
