"""The Redis database a test may empty: one per pytest-xdist worker, so that tests running at
the same time in two workers never wipe each other's keys.

``ERP_TEST_REDIS_URL`` names the server and a base database ``b``; worker ``gwN`` (or the only
process, without xdist) owns database ``b + 1 + N`` (modulo Redis's 16).
"""
from __future__ import annotations

import os

import pytest


def _worker_index() -> int:
    name = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
    return int(name.removeprefix("gw") or 0)


def worker_redis_url(*, flush: bool = True) -> str:
    """This worker's own database on the test Redis server (skips the test without one)."""
    base = os.environ.get("ERP_TEST_REDIS_URL")
    if not base:
        pytest.skip("ERP_TEST_REDIS_URL is not set")
    prefix, _, db = base.rstrip("/").rpartition("/")
    if not db.isdigit():
        prefix, db = base.rstrip("/"), "0"
    url = f"{prefix}/{(int(db) + 1 + _worker_index()) % 16}"
    if flush:
        import redis

        client = redis.Redis.from_url(url)
        client.flushdb()
        client.close()
    return url
