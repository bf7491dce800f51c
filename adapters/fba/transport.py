"""The SP-API HTTP client: LWA token on every call, the usage plans, retries of what is safe to
retry (within a request's deadline, ``adapters.deadline``, when one is set), and a domain error
for everything else.

A call that may have taken effect at Amazon without our knowing (a timeout, a lost connection,
a 5xx, an unreadable 200) is retried only when the caller says it is idempotent; otherwise
``Ambiguous`` is raised so the caller can look before resending.
"""
from __future__ import annotations

import logging
import random
import time
from dataclasses import dataclass
from typing import Any, Callable, Mapping

import httpx

from adapters import deadline, json_text
from adapters.fba.config import FbaConfig
from adapters.fba.errors import SpApiFailure, not_json, read_failure, rejection, unavailable
from adapters.fba.lwa import LwaTokens
from adapters.fba.rate_limit import OperationRateLimiter, shared_limiter

log = logging.getLogger(__name__)
BACKOFF_BASE_S = 0.5
BACKOFF_CAP_S = 16.0


class Ambiguous(Exception):
    """The call may or may not have taken effect at Amazon."""

    def __init__(self, failure: SpApiFailure) -> None:
        super().__init__(failure.message)
        self.failure = failure


@dataclass(frozen=True, slots=True)
class Answered:
    """A 2xx with a JSON object, or a 400/404 refusal the caller classifies."""

    status: int
    body: dict[str, Any]
    failure: SpApiFailure | None = None


class SpApiTransport:
    """Thread-safe; share one per seller account (it holds the token, the buckets, the pool)."""

    def __init__(self, config: FbaConfig, http: httpx.Client | None = None,
                 limiter: OperationRateLimiter | None = None, sleep: Callable[[float], None] = time.sleep,
                 jitter: Callable[[], float] = random.random, clock: Callable[[], float] = time.monotonic):
        self.config = config
        self._owns_http = http is None
        self._http = http or httpx.Client(
            timeout=httpx.Timeout(config.timeout_s, connect=config.connect_timeout_s), follow_redirects=False)
        self.tokens = LwaTokens(config, self._http, clock)
        self.limiter = limiter or shared_limiter(config.seller_key)
        self._sleep, self._jitter = sleep, jitter

    def call(self, operation: str, method: str, path: str, *, body: Mapping[str, Any] | None = None,
             params: Mapping[str, str] | None = None, idempotent: bool = True) -> Answered:
        attempt, refreshed = 0, False
        while True:
            token = self.tokens.current()
            self.limiter.acquire(operation)
            response = self._send(operation, method, path, body, params, token, idempotent)
            if response is None:  # a transport failure, idempotent: retry
                failure = SpApiFailure(operation, None, "", "no answer")
            elif response.status_code in (401, 403) and not refreshed:
                self.tokens.rejected(token)
                refreshed = True
                continue
            else:
                answered = self._read(operation, response, idempotent)
                if answered is not None:
                    return answered
                failure = read_failure(operation, response)
                if response.status_code == 429:
                    self.limiter.throttled(operation)
            delay = self._delay(attempt, operation)
            if attempt >= self.config.max_retries or not deadline.room_for(delay):
                raise unavailable(failure, delay)
            self._sleep(delay)
            attempt += 1

    def _send(self, operation: str, method: str, path: str, body: Mapping[str, Any] | None,
              params: Mapping[str, str] | None, token: str, idempotent: bool) -> httpx.Response | None:
        headers = {"x-amz-access-token": token, "Accept": "application/json",
                   "User-Agent": "temu-erp/0.1 (Language=Python)"}
        content = None
        if body is not None:
            content, headers["Content-Type"] = json_text.dumps(body), "application/json"
        timeout = deadline.http_timeout(self.config.timeout_s, self.config.connect_timeout_s, "Amazon")
        started = time.monotonic()
        try:
            response = self._http.request(method, self.config.endpoint.rstrip("/") + path, content=content,
                                          params=params, headers=headers, timeout=timeout)
        except httpx.HTTPError as exc:
            log.warning("sp-api %s failed without an answer: %s", operation, type(exc).__name__)
            if not idempotent:
                raise Ambiguous(SpApiFailure(operation, None, "", f"no answer ({type(exc).__name__})")) from None
            return None
        self.limiter.adopt_rate(operation, response.headers.get("x-amzn-RateLimit-Limit"))
        log.debug("sp-api %s status=%s request_id=%s duration_ms=%.0f", operation, response.status_code,
                  response.headers.get("x-amzn-RequestId", ""), (time.monotonic() - started) * 1000)
        return response

    def _read(self, operation: str, response: httpx.Response, idempotent: bool) -> Answered | None:
        """The answer to hand back, or None to retry; raises what retrying cannot fix."""
        status = response.status_code
        if status == 429:
            return None
        if status >= 500 or 200 <= status < 300:
            parsed = _json_object(response) if status < 300 else None
            if parsed is not None:
                return Answered(status, parsed)
            failure = read_failure(operation, response) if status >= 500 else SpApiFailure(
                operation, status, "", not_json(response), response.headers.get("x-amzn-RequestId", ""))
            if not idempotent:
                raise Ambiguous(failure)
            return None
        failure = read_failure(operation, response)
        if status in (400, 404):
            return Answered(status, {}, failure)
        raise rejection(failure)

    def _delay(self, attempt: int, operation: str) -> float:
        """Exponential backoff with jitter, never shorter than one token's refill at the plan's rate."""
        floor = 1.0 / self.limiter.rate(operation)
        return max(floor, self._jitter() * min(BACKOFF_CAP_S, BACKOFF_BASE_S * 2 ** attempt))

    def close(self) -> None:
        if self._owns_http:
            self._http.close()


def _json_object(response: httpx.Response) -> dict[str, Any] | None:
    if not response.content.strip():
        return {}
    try:
        body = json_text.loads(response.content)
    except ValueError:
        return None
    return body if isinstance(body, dict) else None
