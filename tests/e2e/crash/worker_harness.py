"""The real worker process (``python worker.py`` on the Redis broker) started, SIGKILLed and
started again by a test, and the wait for its work to settle.

Every crash test shares this: the databases (a migrated SQLite file, or a PostgreSQL database
of its own), the environment the worker reads (``bootstrap/settings.py``), the App the test
uses to set the scene through the same use cases a user calls, and the kill storm.
"""
from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import pytest

from adapters.persistence.keyring import Keyring
from adapters.persistence.migrate import upgrade
from adapters.temu.config import TemuConfig
from bootstrap import App, build_app
from bootstrap.settings import Settings
from tests.redis_db import worker_redis_url

ROOT = Path(__file__).resolve().parents[3]
READY_LINE = "worker running"
# Each life of the worker imports its stack again (about 3 s of CPU): on a loaded machine a
# kill storm takes minutes, so these tests get more than pytest's default 300 s.
SMALL_TIMEOUT_S, SOAK_TIMEOUT_S = 900, 4 * 3600
T = TypeVar("T")


class Worker:
    """``python worker.py --no-scheduler`` (workers and outbox relay) with its log appended to
    one file across its lives; ``scheduler``: with the scheduler too, where a test needs its
    package sweep (pushed 3PL and FBA packages are followed by it alone)."""

    def __init__(self, env: dict[str, str], log_path: Path, threads: int = 4, scheduler: bool = False) -> None:
        self.env, self.log_path, self.threads, self.scheduler = env, log_path, threads, scheduler
        self.proc: subprocess.Popen | None = None
        self.kills = 0
        self._log_from = 0

    def start(self) -> None:
        assert self.proc is None or self.proc.poll() is not None, "the worker is already running"
        self._log_from = self.log_path.stat().st_size if self.log_path.exists() else 0
        with open(self.log_path, "ab") as log:
            self.proc = subprocess.Popen([sys.executable, str(ROOT / "worker.py"),
                                          *([] if self.scheduler else ["--no-scheduler"]),
                                          "--threads", str(self.threads)],
                                         cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT)

    def wait_ready(self, timeout_s: float = 300) -> None:  # a loaded machine takes its time to import
        """Until this life logged that its consumers and relay run (they start just before)."""
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise AssertionError(f"the worker exited with {self.proc.returncode}:\n{self.log_tail()}")
            with open(self.log_path, "rb") as log:
                log.seek(self._log_from)
                if READY_LINE.encode() in log.read():
                    return
            time.sleep(0.05)
        raise AssertionError(f"the worker did not start in {timeout_s} s:\n{self.log_tail()}")

    def lifecycle_lines(self) -> int:
        """Lines of this life logged by our own loggers (``erp.*``), past the start-up line."""
        with open(self.log_path, "rb") as log:
            log.seek(self._log_from)
            return sum(1 for line in log if b" erp." in line and READY_LINE.encode() not in line)

    def kill(self) -> None:
        self.proc.send_signal(signal.SIGKILL)
        assert self.proc.wait(10) == -signal.SIGKILL, f"the worker had already exited:\n{self.log_tail()}"
        self.kills += 1

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()

    def log_tail(self, lines: int = 40) -> str:
        if not self.log_path.exists():
            return ""
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])

    def tracebacks(self) -> list[str]:
        """Lines that start a traceback (our own bugs; a transient upstream error is one WARNING)."""
        return [line for line in self.log_path.read_text(errors="replace").splitlines() if "Traceback" in line]


def kill_storm(worker: Worker, kills: int, *, seed: int, max_lines: int, max_wait_s: float = 20) -> float:
    """Start the worker and SIGKILL it once it has logged a random number (1 to ``max_lines``)
    of lifecycle lines (a package pushed, a label stored, an upload done...) and a random
    fraction of a second more, so that each kill lands somewhere else in the work: ``kills``
    times, then start it for good. A life that logs nothing for ``max_wait_s`` is killed then.
    Returns the monotonic time of the last kill."""
    rng = random.Random(seed)
    for _ in range(kills):
        worker.start()
        worker.wait_ready()
        target, deadline = rng.randint(1, max_lines), time.monotonic() + max_wait_s
        while worker.lifecycle_lines() < target and time.monotonic() < deadline:
            time.sleep(0.02)
        time.sleep(rng.uniform(0, 0.3))
        worker.kill()
    last_kill = time.monotonic()
    worker.start()
    return last_kill


def eventually(probe: Callable[[], T | None], *, until: float, what: str, every_s: float = 0.25,
               explain: Callable[[], str] = lambda: "") -> T:
    """``probe()``'s first truthy answer, polled until the monotonic time ``until``; else the
    assertion says ``what`` and ``explain()`` (where things stand)."""
    while True:
        answer = probe()
        if answer:
            return answer
        if time.monotonic() > until:
            raise AssertionError(f"{what}: not reached in time. {explain()}")
        time.sleep(every_s)


def broker_state(url: str) -> str:
    """What waits in Redis: each Dramatiq queue, delay queue and unacked set, and how old each
    worker's heartbeat is (a killed worker's messages come back once it is 15 s old)."""
    import redis

    client = redis.Redis.from_url(url)
    try:
        sizes = {}
        for key in sorted(k.decode() for k in client.scan_iter("dramatiq:*")):
            kind = client.type(key).decode()
            size = {"list": client.llen, "hash": client.hlen, "set": client.scard, "zset": client.zcard}[kind](key)
            sizes[key.removeprefix("dramatiq:")] = size
        now_ms = time.time() * 1000
        ages = [round((now_ms - score) / 1000) for _, score in
                client.zrange("dramatiq:__heartbeats__", 0, -1, withscores=True)]
        return f"broker: {sizes}; heartbeat ages (s): {ages}"
    finally:
        client.close()


@dataclass
class Scene:
    """The database both processes use, the test's App on it, and the worker's environment."""

    url: str
    app: App
    env: dict[str, str]
    worker: Worker


def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A migrated database of the fixture's backend; a SQLite file, or a fresh PostgreSQL one."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'erp.db'}"
        upgrade(url)
        yield url
        return
    server = request.getfixturevalue("postgres_server")
    url = server.create()
    upgrade(url)
    yield url
    server.drop(url)


def scene(url: str, tmp_path: Path, *, temu_url: str = "http://127.0.0.1:9", app_key: str = "crash-app-key",
          app_secret: str = "crash-app-secret", threads: int = 4, scheduler: bool = False) -> Iterator[Scene]:
    """``temu_url``: the Temu sandbox, when the test talks to Temu (nothing listens on port 9)."""
    keyring = Keyring.generate("k1")
    keys = dict(line.split("=", 1) for line in keyring.dump().split())
    env = {**os.environ, **keys, "ERP_DATABASE_URL": url, "ERP_BROKER_URL": worker_redis_url(),
           "TEMU_BASE_URL": temu_url, "TEMU_APP_KEY": app_key, "TEMU_APP_SECRET": app_secret,
           "ERP_LOG_LEVEL": "INFO", "PYTHONPATH": str(ROOT)}
    app = build_app(Settings(database_url=url), TemuConfig.for_base_url(temu_url, app_key, app_secret),
                    keyring=keyring)
    worker = Worker(env, tmp_path / "worker.log", threads, scheduler)
    yield Scene(url, app, env, worker)
    worker.stop()
    app.temu.close()
    app.engine.dispose()
