"""The Temu HTTP client: builds and signs each call, sends it under the app key's rate limit,
retries what is transient and turns every other answer into a domain error (docs/temu-protocol.md §3–§7).
"""
from __future__ import annotations

import logging
import random
import time
from typing import Any, Callable, Mapping

import httpx

from adapters import deadline
from adapters.temu.config import TemuConfig
from adapters.temu.envelope import Answer, read_response, transport_failure
from adapters.temu import metrics
from adapters.temu.errors import Disposition, rejection, unavailable
from adapters.temu.rate_limit import RateLimiter, shared_limiter
from adapters.temu.signing import encode_body, sign

log = logging.getLogger(__name__)

BACKOFF_BASE_S = 0.25
BACKOFF_CAP_S = 8.0
_RETRYABLE = (Disposition.RETRY, Disposition.RATE_LIMITED)


class TemuClient:
    """Calls Temu's router. Thread-safe; share one per process (it holds the connection pool).

    ``call`` returns the envelope's ``result`` (``{}`` when Temu sent none) or raises a
    ``DomainError``: ``UpstreamUnavailable`` once transient failures outlast ``max_retries``,
    ``TokenRevoked``/``PreconditionFailed`` for token problems, ``UpstreamRejected`` otherwise.
    Under a deadline (:mod:`adapters.deadline`, set for a gRPC call) no attempt waits past it
    and no retry starts after it: ``UpstreamUnavailable`` instead.
    """

    def __init__(self, config: TemuConfig, http: httpx.Client | None = None, limiter: RateLimiter | None = None,
                 sleep: Callable[[float], None] = time.sleep, *, clock: Callable[[], float] = time.time,
                 jitter: Callable[[], float] = random.random):
        self._config = config
        self._owns_http = http is None
        self._http = http or httpx.Client(
            timeout=httpx.Timeout(config.timeout_s, connect=config.connect_timeout_s), follow_redirects=False)
        self._limiter = limiter or shared_limiter(config.qps)
        self._sleep, self._clock, self._jitter = sleep, clock, jitter
        self._offset_s = 0  # Temu's clock minus ours, learnt from a rejected timestamp

    def call(self, gateway: str, type: str, access_token: str, params: Mapping[str, Any], *,
             idempotent: bool = True, background: bool = False) -> Any:
        """One Temu API call. Pass ``idempotent=False`` for calls that change state at Temu:
        then a failure that may have taken effect (timeout, 5xx, system error) is not retried.
        A ``background`` call lets the app key's other calls have the budget first."""
        url = self._config.url_of(gateway)
        attempt, resynced = 0, False
        while True:
            answer = self._exchange(url, gateway, type, access_token, params, background)
            how = answer.disposition
            if how is Disposition.SUCCESS:
                return answer.result
            if how is Disposition.RATE_LIMITED:
                self._limiter.throttled(self._config.app_key)  # Temu allows less than we send: slow down
            if how is Disposition.CLOCK_SKEW and not resynced and answer.server_time is not None:
                self._resync(answer.server_time)
                resynced = True
                continue
            if how in _RETRYABLE and (idempotent or not answer.ambiguous) and attempt < self._config.max_retries:
                pause = self._backoff(attempt, how)
                if not deadline.room_for(pause):
                    raise self._error(answer)
                self._sleep(pause)
                attempt += 1
                continue
            raise self._error(answer)

    def current_qps(self) -> float:
        """The rate this client's app key may use now (a metric)."""
        return self._limiter.current_qps(self._config.app_key)

    def instrument(self, tracer_provider: Any) -> None:
        """Trace every HTTP request of this client (OpenTelemetry's httpx instrumentation)."""
        from opentelemetry.instrumentation.httpx import HTTPXClientInstrumentor

        HTTPXClientInstrumentor.instrument_client(self._http, tracer_provider=tracer_provider)

    def close(self) -> None:
        if self._owns_http:
            self._http.close()

    def __enter__(self) -> TemuClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- internals ---------------------------------------------------------------------------

    def _exchange(self, url: str, gateway: str, api_type: str, token: str, params: Mapping[str, Any],
                  background: bool = False) -> Answer:
        body = self._signed_body(api_type, token, params)
        self._limiter.acquire(self._config.app_key, background)
        started, timeout = time.monotonic(), self._timeout()
        try:
            response = self._http.post(url, content=body, headers={"Content-Type": "application/json"},
                                       timeout=timeout)
        except httpx.HTTPError as exc:
            answer = transport_failure(exc, api_type, gateway)
        else:
            answer = read_response(response, api_type, gateway, (token, self._config.app_secret))
        elapsed = time.monotonic() - started
        metrics.CALLS.labels(api_type, metrics.outcome(answer.error_code, answer.http_status,
                                                       answer.disposition is Disposition.SUCCESS)).inc()
        metrics.CALL_SECONDS.labels(api_type).observe(elapsed)
        log.debug("temu call type=%s gateway=%s http_status=%s error_code=%s request_id=%s duration_ms=%.0f",
                  api_type, gateway, answer.http_status, answer.error_code, answer.request_id, elapsed * 1000)
        return answer

    def _timeout(self) -> httpx.Timeout:
        return deadline.http_timeout(self._config.timeout_s, self._config.connect_timeout_s, "Temu")

    def _signed_body(self, api_type: str, token: str, params: Mapping[str, Any]) -> bytes:
        fields = {k: v for k, v in params.items() if v is not None}
        fields.update(type=api_type, app_key=self._config.app_key, access_token=token,
                      timestamp=int(self._clock()) + self._offset_s, data_type="JSON")
        fields["sign"] = sign(fields, self._config.app_secret)
        return encode_body(fields)

    def _resync(self, server_time: float) -> None:
        self._offset_s = round(server_time - self._clock())
        log.warning("temu clock offset resynchronised to %+d s from the gateway's Date header", self._offset_s)

    def _backoff(self, attempt: int, how: Disposition) -> float:
        """Exponential backoff with full jitter; after a rate-limit answer, never before the
        next whole second of Temu's clock, when its per-second budget refills."""
        delay = self._jitter() * min(BACKOFF_CAP_S, BACKOFF_BASE_S * 2 ** attempt)
        if how is Disposition.RATE_LIMITED:
            now = self._clock() + self._offset_s
            delay = max(delay, 1.0 - (now % 1.0) + 0.01 * self._jitter())
        return delay

    def _error(self, answer: Answer) -> Exception:
        failure = answer.failure
        assert failure is not None  # NOTE: every answer but a success carries its failure.
        if answer.disposition in _RETRYABLE:
            retry_after = max(1.0, min(BACKOFF_CAP_S, BACKOFF_BASE_S * 2 ** self._config.max_retries))
            return unavailable(failure, retry_after, throttled=answer.disposition is Disposition.RATE_LIMITED)
        return rejection(failure)

