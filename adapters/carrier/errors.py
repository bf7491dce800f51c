"""What each carrier answer means for us: retry it, or which domain error, in plain words.

Shippo answers errors as Django REST framework does: ``{"detail": "..."}`` or field errors
``{"address_to": {"zip": ["..."]}}``; we flatten those to ``address_to.zip: ...``.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from domain.errors import DomainError, NotFound, UpstreamRejected, UpstreamUnavailable

MAX_MESSAGE = 500


@dataclass(frozen=True, slots=True)
class Outcome:
    """One HTTP exchange: its JSON on success, otherwise how to treat the failure."""

    data: dict[str, Any] | None = None
    error: DomainError | None = None
    retryable: bool = False
    ambiguous: bool = False  # the call may have taken effect at the carrier
    retry_after_s: float | None = None  # the carrier's own Retry-After

    @property
    def ok(self) -> bool:
        return self.error is None


def unavailable(what: str, endpoint: str, *, retry_after_s: float = 1.0, status: int | None = None) -> UpstreamUnavailable:
    return UpstreamUnavailable(f"The carrier is {what} on {endpoint}; try again in {max(1, round(retry_after_s))} s.",
                               retry_after_s=retry_after_s, carrier_endpoint=endpoint, carrier_http_status=status)


def rejection(status: int, body: Any, endpoint: str) -> DomainError:
    said = plain_words(body) or f"HTTP {status}"
    details = {"carrier_endpoint": endpoint, "carrier_http_status": status}
    if status in (401, 403):
        return UpstreamRejected(f"The carrier refused the API token ({said}): check the carrier account's token.",
                                reason="CARRIER_AUTH_FAILED", **details)
    if status == 404:
        return NotFound(f"The carrier has no such object ({endpoint}).", resource_type="carrier object",
                        resource_name=endpoint, **details)
    return UpstreamRejected(f"The carrier refused the request: {said}", **details)


def plain_words(body: Any) -> str:
    """The carrier's error body as one sentence per problem: ``field.sub: message``."""
    lines: list[str] = []
    _flatten(body, "", lines)
    return "; ".join(lines)[:MAX_MESSAGE]


def _flatten(value: Any, where: str, out: list[str]) -> None:
    if isinstance(value, dict):
        for key, inner in value.items():
            key = str(key)
            path = where if key in ("detail", "__all__", "non_field_errors") else (f"{where}.{key}" if where else key)
            _flatten(inner, path, out)
    elif isinstance(value, list):
        if all(isinstance(v, str) for v in value):
            _flatten(" ".join(value), where, out)
            return
        for index, inner in enumerate(value):
            _flatten(inner, f"{where}[{index}]" if any(isinstance(v, dict) for v in value) else where, out)
    elif isinstance(value, str) and value.strip():
        text = " ".join(value.split())
        out.append(f"{where}: {text}" if where else text)
