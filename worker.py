"""The workers' entry point: Dramatiq actors for order sync and shop jobs, the scheduler loop
that creates one sync per due shop, and the outbox relay that sends what commits set going.

    python worker.py                     # workers + scheduler + relay; broker from ERP_BROKER_URL
    python worker.py --no-scheduler      # workers and relay only (run the scheduler elsewhere)
    python worker.py --scheduler-only    # the scheduler and relay alone

With ERP_WORKER_PROBE_PORT set, ``GET /livez`` and ``/readyz`` on that port answer Kubernetes'
probes; with ERP_METRICS_PORT, ``GET /metrics`` serves Prometheus (docs/operations.md).
With no ERP_BROKER_URL the broker is in-process: the actors run in this process's threads.
Several worker and scheduler processes on several machines are safe: see adapters/queue.
Composition is in ``bootstrap``; this process builds no gRPC server and imports no gRPC.
"""
from __future__ import annotations

import argparse
import logging
import signal
import sys
import threading

from bootstrap import build_app, configure_logging, start_workers, tune_garbage_collector
from bootstrap.operations import liveness, readiness, serve_operations
from bootstrap.settings import Settings, SettingsError

log = logging.getLogger("erp.worker")


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        settings = Settings.from_env()
        configure_logging(settings.log_level, settings.log_format)
        app = build_app(settings, service_name="erp-worker")
    except SettingsError as err:
        print(f"configuration error: {err}", file=sys.stderr)
        return 2
    threads = args.threads or settings.worker_threads
    workers = start_workers(app, broker_url=settings.broker_url, consume=not args.scheduler_only,
                            schedule=not args.no_scheduler, threads=threads, tick_s=args.tick)
    try:
        endpoints = serve_operations("0.0.0.0", settings.metrics_port, app.metrics, settings.probe_port,
                                     live=liveness(workers.heartbeats, workers.threads),
                                     ready=readiness(app.engine, settings.broker_url))
    except SettingsError as err:
        workers.stop()
        print(f"configuration error: {err}", file=sys.stderr)
        return 2
    tune_garbage_collector()
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    log.info("worker running (threads=%d, scheduler=%s)", threads, not args.no_scheduler)
    stop.wait()
    workers.stop()
    for endpoint in endpoints:
        endpoint.stop()
    return 0


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="worker.py", description="Temu ERP workers, scheduler and outbox relay.")
    p.add_argument("--threads", type=int, default=None, help="worker threads (default: ERP_WORKER_THREADS, 8)")
    p.add_argument("--tick", type=float, default=1.0, help="scheduler tick in seconds")
    g = p.add_mutually_exclusive_group()
    g.add_argument("--no-scheduler", action="store_true")
    g.add_argument("--scheduler-only", action="store_true")
    return p


if __name__ == "__main__":
    sys.exit(main())
