"""Reading one HTTP exchange with Temu into an ``Answer``, defensively (docs/temu-protocol.md §5).

Nothing here raises: a broken, truncated or non-JSON answer is classified like any other.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import timezone
from email.utils import parsedate_to_datetime
from typing import Any, Iterable

import httpx

from adapters import json_text
from adapters.redaction import redact
from adapters.temu.errors import SUCCESS, Disposition, TemuFailure, disposition

MAX_REQUEST_ID_LENGTH = 128


@dataclass(frozen=True, slots=True)
class Answer:
    disposition: Disposition
    result: Any = None
    failure: TemuFailure | None = None
    ambiguous: bool = False  # the call may have taken effect at Temu, so a retry may repeat it
    server_time: float | None = None  # Unix seconds from the response's Date header
    http_status: int | None = None
    request_id: str = ""  # Temu's requestId, for the log line of a success

    @property
    def error_code(self) -> int | None:
        """Temu's errorCode: 1000000 for a success, None when no envelope was read."""
        return self.failure.code if self.failure else SUCCESS


def read_response(response: httpx.Response, api_type: str, gateway: str, secrets: Iterable[str]) -> Answer:
    status, server_time = response.status_code, _server_time(response)

    def failed(how: Disposition, message: str, ambiguous: bool = True) -> Answer:
        failure = TemuFailure(None, message, "", api_type, gateway)
        return Answer(how, failure=failure, ambiguous=ambiguous, server_time=server_time, http_status=status)

    if status == 429:
        return failed(Disposition.RATE_LIMITED, "HTTP 429", ambiguous=False)
    if status >= 500:
        return failed(Disposition.RETRY, f"HTTP {status}")
    if status != 200:
        return failed(Disposition.FAIL, f"HTTP {status}", ambiguous=False)
    try:
        envelope = json_text.loads(response.content)
    except ValueError:
        return failed(Disposition.RETRY, "an answer that is not JSON")
    if not isinstance(envelope, dict):
        return failed(Disposition.RETRY, "an answer that is not a JSON object")
    return _read_envelope(envelope, api_type, gateway, list(secrets), server_time, status)


def _read_envelope(envelope: dict, api_type: str, gateway: str, secrets: list[str],
                   server_time: float | None, status: int) -> Answer:
    request_id = _request_id(envelope.get("requestId"))
    code = _int(envelope.get("errorCode"))
    success = envelope.get("success")
    if success is True or (success is None and code == SUCCESS):
        result = envelope.get("result")
        return Answer(Disposition.SUCCESS, {} if result is None else result, server_time=server_time,
                      http_status=status, request_id=request_id)
    if code is None or code == SUCCESS:  # a failure without a usable code
        failure = TemuFailure(None, "an answer without an error code", request_id, api_type, gateway)
        return Answer(Disposition.RETRY, failure=failure, ambiguous=True, server_time=server_time,
                      http_status=status)
    message = sanitize_upstream_text(envelope.get("errorMsg"), secrets)
    how = disposition(code)
    failure = TemuFailure(code, message, request_id, api_type, gateway)
    return Answer(how, failure=failure, ambiguous=how is Disposition.RETRY, server_time=server_time,
                  http_status=status, request_id=request_id)


def transport_failure(exc: httpx.HTTPError, api_type: str, gateway: str) -> Answer:
    """A request that got no HTTP answer. Only a failed connect is sure not to have reached Temu."""
    if isinstance(exc, httpx.UnsupportedProtocol):
        return Answer(Disposition.FAIL, failure=TemuFailure(None, "an unsupported URL", "", api_type, gateway))
    not_sent = isinstance(exc, (httpx.ConnectError, httpx.ConnectTimeout))
    what = "timed out" if isinstance(exc, httpx.TimeoutException) else "connection failed"
    failure = TemuFailure(None, f"{what}: {type(exc).__name__}", "", api_type, gateway)
    return Answer(Disposition.RETRY, failure=failure, ambiguous=not not_sent)


def _server_time(response: httpx.Response) -> float | None:
    try:
        moment = parsedate_to_datetime(response.headers["date"])
    except (KeyError, TypeError, ValueError, IndexError, OverflowError):
        return None
    return (moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)).timestamp()


def _int(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


def _request_id(value: object) -> str:
    if not isinstance(value, str) or len(value) > MAX_REQUEST_ID_LENGTH or not value.isprintable():
        return ""
    return value


def sanitize_upstream_text(text: object, secrets: Iterable[str] = (), limit: int = 200) -> str:
    """A message from Temu made safe to show: a string, secrets masked, no control characters,
    at most ``limit`` characters."""
    raw = text if isinstance(text, str) else ""
    printable = "".join(ch if ch.isprintable() else " " for ch in raw[: limit * 2])
    return redact(printable, secrets)[:limit].strip()
