"""What the operator sees of a process, composed from the settings: the traces, the Prometheus
registry, the readiness check (the database takes a write; the broker answers), the worker's liveness, and the
HTTP endpoint that serves them (docs/operations.md)."""
from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable

from prometheus_client import CollectorRegistry

from adapters.persistence.metrics import DatabaseCollector
from adapters.persistence.write_probe import database_writable
from adapters.queue.broker import BrokerPing
from adapters.telemetry.endpoint import OpsEndpoint, Probe
from adapters.temu import metrics as temu_metrics
from bootstrap.settings import SettingsError

STALLED_AFTER_S = 60.0  # a worker loop that has not come round for this long is stuck


def traced(engine, temu, exporter: str, provider=None, service_name: str = "erp-server"):
    """The tracer provider given, or the one ``exporter`` names (None: ``none``, no tracing),
    with the database and Temu client instrumented. The SDK is imported only when tracing."""
    if provider is None and exporter == "none":
        return None
    from adapters.telemetry.tracing import instrument_engine, tracer_provider

    provider = provider or tracer_provider(exporter, service_name)
    instrument_engine(engine, provider)
    temu.instrument(provider)
    return provider


def metrics_registry(engine, temu, now: Callable) -> CollectorRegistry:
    """The metrics every process serves: Temu calls and rate, and the database's gauges."""
    registry = CollectorRegistry(auto_describe=False)
    temu_metrics.register(registry, temu.current_qps)
    registry.register(DatabaseCollector(engine, now))
    return registry


def readiness(engine, broker_url: str | None) -> Probe:
    """None while the database takes a write and the broker (Redis) answers; else the reason."""
    ping = BrokerPing(broker_url)

    def check() -> str | None:
        if not database_writable(engine):
            return "the database refuses writes"
        return ping()
    return check


class Heartbeat:
    """A loop calls ``beat()`` each time round; ``stalled()`` says whether it has not for too long."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._at = clock()

    def beat(self) -> None:
        self._at = self._clock()

    def stalled(self, after_s: float = STALLED_AFTER_S) -> bool:
        return self._clock() - self._at > after_s


def liveness(heartbeats: dict[str, Heartbeat], threads: Callable[[], Iterable[threading.Thread]]) -> Probe:
    """None while every loop comes round and every worker thread runs; else which does not.
    Not the database nor the broker: a restart would not bring them back."""
    def check() -> str | None:
        stuck = [name for name, heartbeat in heartbeats.items() if heartbeat.stalled()]
        if stuck:
            return f"stuck for more than {STALLED_AFTER_S:.0f} s: {', '.join(stuck)}"
        dead = [t.name for t in threads() if not t.is_alive()]
        return f"worker threads died: {', '.join(dead)}" if dead else None
    return check


def serve_operations(host: str, metrics_port: int | None, registry: CollectorRegistry | None,
                     probe_port: int | None = None, live: Probe | None = None,
                     ready: Probe | None = None) -> list[OpsEndpoint]:
    """The endpoints asked for: metrics on ``metrics_port``, probes on ``probe_port`` (one
    endpoint when the ports are the same). A port that cannot be bound stops the start
    (``SettingsError`` naming the variable)."""
    endpoints = []
    if metrics_port is not None and registry is not None:
        same = probe_port == metrics_port
        endpoints.append(_listen("ERP_METRICS_PORT", host, metrics_port, registry=registry,
                                 live=live if same else None, ready=ready if same else None))
        if same:
            return endpoints
    if probe_port is not None:
        endpoints.append(_listen("ERP_WORKER_PROBE_PORT", host, probe_port, live=live, ready=ready))
    return endpoints


def _listen(variable: str, host: str, port: int, **routes) -> OpsEndpoint:
    try:
        return OpsEndpoint(host, port, **routes).start()
    except OSError as err:
        raise SettingsError(f"{variable}: cannot listen on port {port} ({err.strerror})") from None
