"""Issue 9, item 3: when Temu allows an app fewer calls than configured, the client slows down to
Temu's real budget instead of having most of its calls refused."""
from __future__ import annotations

import threading

from adapters.temu.orders import TemuOrderSource
from adapters.temu.rate_limit import AppKeyRateLimiter
from domain.errors import UpstreamUnavailable
from domain.sync import Window

from .conftest import APP_KEY, APP_SECRET

CALLS, THREADS = 120, 6


def test_a_client_configured_for_20_per_second_against_a_temu_allowing_5_has_under_5_percent_refused(temu):
    temu.registry.add_app(APP_KEY, APP_SECRET, qps=5)
    token = temu.order_token(temu.semi_mall())
    source = TemuOrderSource(temu.new_client(limiter=AppKeyRateLimiter(20)))
    left, lock = [CALLS], threading.Lock()

    def caller() -> None:
        while True:
            with lock:
                if left[0] == 0:
                    return
                left[0] -= 1
            try:
                source.list_orders(temu.access(token), Window(0, 4_000_000_000), 1, 10)
            except UpstreamUnavailable:
                pass  # still refused after the retries: counted by the sandbox all the same

    threads = [threading.Thread(target=caller) for _ in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)

    stats = temu.registry.stats(APP_KEY)
    assert stats["succeeded"] >= CALLS * 0.95
    assert stats["rate_limited"] < 0.05 * stats["calls"], stats
