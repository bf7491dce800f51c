"""What the Temu client counts: each call (each attempt) by API type and outcome, its duration,
the rate limiter's waits and refusals, and (at scrape time) the rate the app key may use now.

The counters are kept per process and exposed by whichever registry :func:`register` is given.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator

from prometheus_client import CollectorRegistry, Counter, Histogram
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

CALLS = Counter("erp_temu_calls", "Temu API calls (each attempt), by API type and outcome: ok, Temu's errorCode, "
                "http_<status>, or transport (no HTTP answer).", ("type", "code"), registry=None)
CALL_SECONDS = Histogram("erp_temu_call_duration_seconds", "Duration of one Temu API call attempt, by API type.",
                         ("type",), buckets=(0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0), registry=None)
RATE_WAIT_SECONDS = Histogram("erp_temu_rate_limit_wait_seconds",
                              "Time a Temu call waited for its slot in the app key's rate budget.",
                              buckets=(0.0, 0.01, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0), registry=None)
RATE_REFUSED = Counter("erp_temu_rate_limit_refused", "Temu calls refused before sending because the next slot "
                       "of the rate budget was further away than the limiter waits.", registry=None)


def outcome(error_code: int | None, http_status: int | None, success: bool) -> str:
    if success:
        return "ok"
    if error_code is not None:
        return str(error_code)
    return f"http_{http_status}" if http_status is not None else "transport"


class RateCollector(Collector):
    """``erp_temu_rate_limit_qps``: the calls per second the app key may make now (the ceiling
    ``TEMU_QPS``, lower for a while after Temu refused a call for its rate)."""

    def __init__(self, current_qps: Callable[[], float]) -> None:
        self._current_qps = current_qps

    def collect(self) -> Iterator[GaugeMetricFamily]:
        yield GaugeMetricFamily("erp_temu_rate_limit_qps", "Temu calls per second the app key may make now.",
                                value=self._current_qps())

    def describe(self) -> list:
        return []  # NOTE: nothing to check for duplicates, and no Redis call at registration


def register(registry: CollectorRegistry, current_qps: Callable[[], float]) -> None:
    for metric in (CALLS, CALL_SECONDS, RATE_WAIT_SECONDS, RATE_REFUSED):
        registry.register(metric)
    registry.register(RateCollector(current_qps))
