"""One HTTP exchange with the carrier, classified into an ``Outcome``; nothing here raises."""
from __future__ import annotations

import json
from typing import Any

import httpx

from adapters.carrier.errors import Outcome, rejection, unavailable

MAX_RETRY_AFTER_S = 300.0


def exchange(http: httpx.Client, method: str, path: str, *, token: str, timeout_s: float,
             body: dict[str, Any] | None = None, params: dict[str, Any] | None = None) -> Outcome:
    endpoint = f"{method} {path}"
    try:
        response = http.request(method, path, json=body, params=params, timeout=timeout_s,
                                headers={"Authorization": f"ShippoToken {token}"})
    except httpx.HTTPError as exc:
        return failed_transport(exc, endpoint)
    return read(response, endpoint)


def failed_transport(exc: httpx.HTTPError, endpoint: str) -> Outcome:
    """No HTTP answer. Only a failed connect is sure not to have reached the carrier."""
    if isinstance(exc, httpx.UnsupportedProtocol):
        return Outcome(error=rejection(0, "the carrier base URL is not http(s)", endpoint))
    not_sent = isinstance(exc, (httpx.ConnectError, httpx.ConnectTimeout))
    what = "not answering in time" if isinstance(exc, httpx.TimeoutException) else "unreachable"
    return Outcome(error=unavailable(what, endpoint), retryable=True, ambiguous=not not_sent)


def read(response: httpx.Response, endpoint: str) -> Outcome:
    status = response.status_code
    if status == 429:
        wait = retry_after(response.headers.get("Retry-After"))
        return Outcome(error=unavailable("rate limiting us", endpoint, retry_after_s=wait or 1.0, status=status),
                       retryable=True, retry_after_s=wait)
    if status >= 500:
        return Outcome(error=unavailable(f"failing (HTTP {status})", endpoint, status=status),
                       retryable=True, ambiguous=True)
    data = _json(response.content)
    if 200 <= status < 300:
        if not isinstance(data, dict):
            return Outcome(error=unavailable("answering a body that is not a JSON object", endpoint, status=status),
                           retryable=True, ambiguous=True)
        return Outcome(data=data)
    return Outcome(error=rejection(status, data if data is not None else response.text[:200], endpoint))


def retry_after(header: str | None) -> float | None:
    """Seconds from a ``Retry-After`` header given in seconds; None when absent or unusable."""
    try:
        seconds = float(header) if header is not None else None
    except ValueError:
        return None
    return min(seconds, MAX_RETRY_AFTER_S) if seconds is not None and seconds >= 0 else None


def _json(content: bytes) -> Any:
    try:
        return json.loads(content) if content else None
    except ValueError:
        return None


def document(http: httpx.Client, url: str, timeout_s: float) -> Outcome:
    """A label document from its ``label_url``: sent without our token, as such URLs are pre-signed."""
    endpoint = "GET label_url"
    try:
        response = http.get(url, timeout=timeout_s)
    except httpx.HTTPError as exc:
        return failed_transport(exc, endpoint)
    if response.status_code != 200:
        return read(response, endpoint)
    content = response.content
    if content.startswith(b"%PDF-"):
        return Outcome(data={"content": content, "media_type": "application/pdf"})
    if content.lstrip().startswith(b"^XA") and content.rstrip().endswith(b"^XZ"):
        return Outcome(data={"content": content, "media_type": "application/zpl"})
    return Outcome(error=unavailable("serving a label that is neither a PDF nor ZPL", endpoint, status=200),
                   retryable=True)
