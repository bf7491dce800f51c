"""Issue 14, item 4: the worker answers Kubernetes' probes over HTTP. Liveness: its loops come
round and its threads run; readiness: the database takes a write and the broker answers."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from adapters.persistence.engine import make_engine
from adapters.persistence.keyring import Keyring
from adapters.persistence.migrate import upgrade
from bootstrap.operations import Heartbeat, liveness, readiness, serve_operations
from bootstrap.settings import SettingsError
from tests.e2e.operations.conftest import free_port

ROOT = Path(__file__).resolve().parents[3]


def get(url: str) -> tuple[int, str]:
    answer = httpx.get(url, timeout=10)
    return answer.status_code, answer.text


def until_answered(url: str, timeout: float = 30.0) -> tuple[int, str]:
    deadline = time.monotonic() + timeout
    while True:
        try:
            return get(url)
        except httpx.TransportError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def test_worker_py_serves_livez_readyz_and_metrics_on_one_port_until_sigterm(tmp_path):
    url, port = f"sqlite:///{tmp_path / 'erp.db'}", free_port()
    upgrade(url)
    keys = dict(line.split("=", 1) for line in Keyring.generate("k1").dump().split())
    env = {**os.environ, **keys, "ERP_DATABASE_URL": url, "ERP_LOG_LEVEL": "WARNING", "TEMU_APP_KEY": "k",
           "TEMU_APP_SECRET": "s", "TEMU_BASE_URL": "http://127.0.0.1:9", "ERP_WORKER_PROBE_PORT": str(port),
           "ERP_METRICS_PORT": str(port)}
    worker = subprocess.Popen([sys.executable, "worker.py", "--threads", "1"], cwd=ROOT, env=env)
    try:
        base = f"http://127.0.0.1:{port}"
        assert until_answered(f"{base}/livez") == (200, "ok\n")
        assert get(f"{base}/readyz") == (200, "ok\n")
        status, text = get(f"{base}/metrics")
        assert status == 200 and 'erp_queue_messages{queue="orders"}' in text and "erp_outbox_unsent_events" in text
        assert get(f"{base}/elsewhere")[0] == 404
    finally:
        worker.send_signal(signal.SIGTERM)
        assert worker.wait(30) == 0


def test_readiness_fails_while_the_database_is_down_and_liveness_does_not(tmp_path):
    down = make_engine("postgresql+psycopg://erp:erp@127.0.0.1:9/erp?connect_timeout=2")
    now = [0.0]
    relay = Heartbeat(clock=lambda: now[0])
    [endpoint] = serve_operations("127.0.0.1", None, None, 0, live=liveness({"outbox relay": relay}, list),
                                  ready=readiness(down, None))
    try:
        base = f"http://127.0.0.1:{endpoint.port}"
        assert get(f"{base}/readyz") == (503, "the database refuses writes\n")
        assert get(f"{base}/livez") == (200, "ok\n")  # a restart would not bring the database back
        assert get(f"{base}/metrics")[0] == 404  # metrics are off
        now[0] += 61
        assert get(f"{base}/livez") == (503, "stuck for more than 60 s: outbox relay\n")
    finally:
        endpoint.stop()
        down.dispose()


def test_a_probe_port_already_taken_stops_the_start_naming_the_variable():
    [taken] = serve_operations("127.0.0.1", None, None, 0, live=lambda: None)
    try:
        with pytest.raises(SettingsError, match=f"ERP_WORKER_PROBE_PORT: cannot listen on port {taken.port}"):
            serve_operations("127.0.0.1", None, None, taken.port, live=lambda: None)
    finally:
        taken.stop()
