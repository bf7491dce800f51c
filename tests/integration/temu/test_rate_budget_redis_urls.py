"""The Temu budget is shared across processes for every Redis URL form the broker accepts:
redis://, rediss:// (TLS) and unix:// (a socket). Other brokers do not exist (settings refuse
them); the in-process broker keeps the budget in the process."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
import uuid
from collections.abc import Iterator

import pytest
import redis

from adapters.temu.config import TemuConfig
from adapters.temu.rate_limit import RedisRateLimiter
from bootstrap import shared_rate_limiter
from tests.certs import Pki

pytestmark = pytest.mark.redis
CONFIG = TemuConfig.for_base_url("http://127.0.0.1:9", "app", "secret", qps=20)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def redis_urls(tmp_path) -> Iterator[dict[str, str]]:
    """A redis-server of this test's own, listening on a Unix socket and on a TLS port."""
    if not os.environ.get("ERP_TEST_REDIS_URL") or not shutil.which("redis-server"):
        pytest.skip("ERP_TEST_REDIS_URL is not set (or no redis-server)")
    pki, sock, port = Pki(tmp_path), tmp_path / "redis.sock", _free_port()
    ca = pki.write("ca.pem", pki.ca_pem)
    proc = subprocess.Popen(
        ["redis-server", "--port", "0", "--unixsocket", str(sock), "--unixsocketperm", "700",
         "--tls-port", str(port), "--bind", "127.0.0.1", "--tls-cert-file", pki.write("cert.pem", pki.server[0]),
         "--tls-key-file", pki.write("key.pem", pki.server[1]), "--tls-ca-cert-file", ca,
         "--tls-auth-clients", "no", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    urls = {"unix": f"unix://{sock}?db=0", "rediss": f"rediss://localhost:{port}/0?ssl_ca_certs={ca}"}
    try:
        for _ in range(100):
            try:
                redis.Redis.from_url(urls["unix"]).ping()
                break
            except redis.ConnectionError:
                if proc.poll() is not None:
                    pytest.skip("this redis-server cannot listen on a Unix socket and TLS")
                time.sleep(0.05)
        yield urls
    finally:
        proc.terminate()
        proc.wait(10)


@pytest.mark.parametrize("form", ["unix", "rediss"])
def test_the_limiter_of_a_redis_url_of_any_form_keeps_the_budget_in_that_redis(redis_urls, form):
    url, app_key = redis_urls[form], f"app-{uuid.uuid4()}"
    limiter = shared_rate_limiter(url, CONFIG)
    assert isinstance(limiter, RedisRateLimiter)

    limiter.acquire(app_key)
    limiter.throttled(app_key)  # a refusal one process saw: every process slows down

    # The budget and the lowered rate are in that Redis, where every process given the URL reads them.
    stored = redis.Redis.from_url(redis_urls["unix"])
    assert stored.exists(f"temu:ratelimit:{app_key}") and stored.exists(f"temu:ratelimit:{app_key}:rate")
    assert float(stored.hget(f"temu:ratelimit:{app_key}:rate", "floor")) < CONFIG.qps


def test_the_in_process_broker_keeps_the_budget_in_the_process():
    assert shared_rate_limiter(None, CONFIG) is None
