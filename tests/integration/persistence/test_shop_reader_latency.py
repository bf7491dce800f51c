"""GetShop must stay fast under concurrent callers (target: p99 < 20 ms at concurrency 20).

A benchmark, so it runs with the soak tests (``make soak``): the tail depends on what else the
machine does. On an idle 2-CPU box: p50 0.25 ms, p99 about 13 ms; with other test runs on the
same two CPUs the p99 swings between 8 and 70 ms while the p50 stays well under 1 ms.
"""
from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from adapters.persistence.readers import SqlShopReader

from .builders import NOW, authorized_shop

CALLERS, CALLS = 20, 2000


@pytest.mark.soak
def test_reading_one_shop_among_a_thousand_stays_under_20_ms_at_p99_with_20_callers(db):
    if db.backend != "sqlite":
        pytest.skip("measured on the default backend; PostgreSQL shares this machine's CPUs with the test")
    shops = [authorized_shop() for _ in range(1000)]
    with db.uow() as uow:
        for shop in shops:
            uow.shops.add(shop)
        uow.commit()
    reader = SqlShopReader(db.engine)

    def timed_get(i: int) -> float:
        started = time.perf_counter()
        assert reader.get(shops[i % len(shops)].id, NOW) is not None
        return time.perf_counter() - started

    with ThreadPoolExecutor(CALLERS) as pool:
        list(pool.map(timed_get, range(200)))  # warm the pool and the statement cache
        latencies = sorted(pool.map(timed_get, range(CALLS)))

    assert latencies[int(CALLS * 0.99)] < 0.020
