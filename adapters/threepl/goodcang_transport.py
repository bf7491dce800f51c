"""One Goodcang call over HTTP: auth headers, the JSON body, and the answer read defensively.

``exchange`` makes one attempt and raises only when a request's deadline leaves no time for it
(``adapters.deadline``: nothing is sent then); ``call`` retries rate limits and transient
failures with backoff (honouring ``Retry-After``) until ``max_retries`` or the deadline (the
operation's own, or the request's when sooner), then raises the domain error. Every attempt
first takes a token of the account's bucket (``qps``, shared by every thread of the process;
emptied by a 429), so the threads pushing packages of one account do not spend its budget on
refusals.
"""
from __future__ import annotations

import json
import logging
import random
import threading
import time
from dataclasses import dataclass
from typing import Any, Callable, overload

import httpx

from adapters import deadline as request_deadline
from adapters.rate_buckets import RateBuckets
from adapters.threepl.goodcang_config import GoodcangConfig
from adapters.threepl.goodcang_errors import RETRYABLE, Failure, Kind, classify, sanitize, to_domain
from domain.errors import DomainError

log = logging.getLogger(__name__)
TRACKING_API = "order/batch_query_tracking_status"  # answers ``code: 0`` instead of ``ask``
MAX_RETRY_AFTER_S = 60.0
ACCOUNT = "account"  # the one bucket of an account: Goodcang documents no limit per API


@dataclass(frozen=True, slots=True)
class Answer:
    envelope: dict[str, Any] | None = None  # the whole success envelope
    failure: Failure | None = None


class GoodcangTransport:
    """Thread-safe; holds the connection pool of one account."""

    def __init__(self, config: GoodcangConfig, http: httpx.Client | None = None, *,
                 sleep: Callable[[float], None] = time.sleep, jitter: Callable[[], float] = random.random,
                 monotonic: Callable[[], float] = time.monotonic, limiter: RateBuckets | None = None) -> None:
        self.config = config
        self._limiter = limiter or shared_limiter(config)
        self._owns_http = http is None
        self._http = http or httpx.Client(timeout=httpx.Timeout(config.timeout_s, connect=config.connect_timeout_s))
        self._sleep, self._jitter, self.monotonic = sleep, jitter, monotonic

    @overload
    def call(self, api: str, body: dict[str, Any]) -> dict[str, Any]: ...
    @overload
    def call(self, api: str, body: dict[str, Any], *, missing_ok: bool) -> dict[str, Any] | None: ...

    def call(self, api: str, body: dict[str, Any], *, missing_ok: bool = False) -> dict[str, Any] | None:
        """A call that is safe to repeat (every call but create_order). With ``missing_ok``,
        Goodcang's "no data" answer is None instead of an error."""
        deadline, attempt = self.operation_deadline(), 0
        while True:
            answer = self.exchange(api, body)
            if answer.failure is None:
                return answer.envelope or {}
            if missing_ok and answer.failure.kind is Kind.NOT_FOUND:
                return None
            if answer.failure.kind not in RETRYABLE or not self.pause(answer.failure, attempt, deadline):
                raise self.error(answer.failure)
            attempt += 1

    def exchange(self, api: str, body: dict[str, Any]) -> Answer:
        headers = {"app-key": self.config.app_key, "app-token": self.config.app_token,
                   "Content-Type": "application/json", "Accept": "application/json"}
        self._limiter.acquire(ACCOUNT)
        timeout = request_deadline.http_timeout(self.config.timeout_s, self.config.connect_timeout_s, "Goodcang")
        started = self.monotonic()
        try:
            response = self._http.post(self.config.url_of(api), content=json.dumps(body, ensure_ascii=False).encode(),
                                       headers=headers, timeout=timeout)
        except httpx.HTTPError as exc:
            what = "timed out" if isinstance(exc, httpx.TimeoutException) else "connection failed"
            answer = Answer(failure=Failure(Kind.TRANSIENT, f"{what} ({type(exc).__name__})", api))
        else:
            answer = read_response(response, api)
            if answer.failure is not None and answer.failure.kind is Kind.RATE_LIMITED:
                self._limiter.throttled(ACCOUNT)
        log.debug("goodcang call api=%s outcome=%s duration_ms=%.0f", api,
                  answer.failure.kind.value if answer.failure else "success", (self.monotonic() - started) * 1000)
        return answer

    def operation_deadline(self) -> float:
        """When an operation must end (on ``monotonic``): after its ``deadline_s``, or sooner
        when the request it serves must."""
        return self.monotonic() + request_deadline.bounded(self.config.deadline_s)

    def pause(self, failure: Failure, attempt: int, deadline: float) -> bool:
        """Sleep before the next attempt; False when the retries or the deadline are spent."""
        delay = self._jitter() * min(self.config.backoff_cap_s, self.config.backoff_base_s * 2 ** attempt)
        delay = max(delay, failure.retry_after_s)
        if attempt >= self.config.max_retries or self.monotonic() + delay > deadline:
            return False
        self._sleep(delay)
        return True

    def error(self, failure: Failure) -> DomainError:
        retry_after = max(1.0, failure.retry_after_s, min(self.config.backoff_cap_s, self.config.backoff_base_s
                                                          * 2 ** self.config.max_retries))
        return to_domain(failure, retry_after)

    def close(self) -> None:
        if self._owns_http:
            self._http.close()


_shared: dict[tuple[str, str], RateBuckets] = {}
_shared_lock = threading.Lock()


def shared_limiter(config: GoodcangConfig) -> RateBuckets:
    """The process-wide bucket of one account: calls paced 10 % under ``qps``, no burst, so no
    one-second window ever holds more than ``qps`` of them."""
    with _shared_lock:
        bucket = RateBuckets({ACCOUNT: (config.qps, 1)}, "Goodcang")
        return _shared.setdefault((config.base_url, config.app_key), bucket)


def read_response(response: httpx.Response, api: str) -> Answer:
    status = response.status_code
    if status == 429:
        return Answer(failure=Failure(Kind.RATE_LIMITED, "HTTP 429", api, "429", _retry_after(response)))
    if status >= 500:
        return Answer(failure=Failure(Kind.TRANSIENT, f"HTTP {status}", api, str(status)))
    if status in (401, 403):
        return Answer(failure=Failure(Kind.AUTH, f"HTTP {status}", api, str(status)))
    if status != 200:
        return Answer(failure=Failure(Kind.REJECTED, f"HTTP {status}: check the Goodcang base URL", api, str(status)))
    try:
        envelope = json.loads(response.content)
    except ValueError:
        return Answer(failure=Failure(Kind.TRANSIENT, "an answer that is not JSON", api))
    if not isinstance(envelope, dict):
        return Answer(failure=Failure(Kind.TRANSIENT, "an answer that is not a JSON object", api))
    return _read_envelope(envelope, api)


def _read_envelope(envelope: dict[str, Any], api: str) -> Answer:
    if api == TRACKING_API and "code" in envelope:
        code = str(envelope["code"]).strip()
        if code == "0":
            return Answer(envelope)
        return Answer(failure=classify(code, sanitize(envelope.get("message")), api))
    ask = envelope.get("ask")
    if not isinstance(ask, str):
        return Answer(failure=Failure(Kind.TRANSIENT, "an answer without ask", api))
    if ask.strip().lower() == "success":
        return Answer(envelope)
    error = envelope.get("Error") if isinstance(envelope.get("Error"), dict) else {}
    code = str(error.get("errCode") or envelope.get("errCode") or "").strip()
    message = sanitize(error.get("errMessage") or envelope.get("message"))
    return Answer(failure=classify(code, message, api))


def _retry_after(response: httpx.Response) -> float:
    try:
        seconds = float(response.headers.get("retry-after", "1"))
    except ValueError:
        seconds = 1.0
    return min(MAX_RETRY_AFTER_S, max(0.0, seconds))
