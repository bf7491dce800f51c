"""Worker and scheduler processes for the multi-process tests, on PostgreSQL and Redis."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import uuid
from dataclasses import dataclass, field
from pathlib import Path


from adapters.persistence.keyring import Keyring
from adapters.temu.config import TemuConfig
from bootstrap import App, build_app
from bootstrap.settings import Settings
from tests.e2e.conftest import APP_KEY, APP_SECRET

ROOT = Path(__file__).resolve().parents[3]


@dataclass
class Cluster:
    db_url: str
    broker_url: str
    sandbox_url: str
    keyring: Keyring = field(default_factory=lambda: Keyring.generate("k1"))
    procs: list[subprocess.Popen] = field(default_factory=list)
    extra_env: dict[str, str] = field(default_factory=dict)

    def env(self) -> dict[str, str]:
        keys = dict(line.split("=", 1) for line in self.keyring.dump().split())
        return {**os.environ, **keys, "ERP_DATABASE_URL": self.db_url, "ERP_BROKER_URL": self.broker_url,
                "TEMU_BASE_URL": self.sandbox_url, "TEMU_APP_KEY": APP_KEY, "TEMU_APP_SECRET": APP_SECRET,
                "ERP_LOG_LEVEL": "WARNING", "PYTHONPATH": str(ROOT), **self.extra_env}

    def app(self) -> App:
        return build_app(Settings(database_url=self.db_url), TemuConfig.for_base_url(self.sandbox_url, APP_KEY, APP_SECRET),
                         keyring=self.keyring)

    def start(self, *args: str) -> subprocess.Popen:
        proc = subprocess.Popen([sys.executable, str(ROOT / "worker.py"), *args], env=self.env(), cwd=ROOT,
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        self.procs.append(proc)
        return proc

    def stop_all(self) -> None:
        for proc in self.procs:
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        for proc in self.procs:
            try:
                proc.wait(20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:8]}"
