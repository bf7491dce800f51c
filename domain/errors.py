"""Domain errors. Each has a stable ``reason`` (UPPER_SNAKE) and structured ``details``.

The gRPC edge maps each *category* to a status code in one table; the reason goes into
``google.rpc.ErrorInfo`` unchanged, so callers can branch on it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Self


@dataclass(frozen=True, slots=True)
class FieldViolation:
    field: str
    description: str


class DomainError(Exception):
    """Base of every error a caller can act on."""

    reason = "DOMAIN_ERROR"

    def __init__(self, message: str, *, reason: str | None = None, **details: object) -> None:
        super().__init__(message)
        self.message = message
        if reason:
            self.reason = reason
        self.details: dict[str, str] = {k: str(v) for k, v in details.items() if v is not None}
        self.help_links: list[tuple[str, str]] = []

    def with_help(self, description: str, url: str) -> Self:
        self.help_links.append((description, url))
        return self


class ValidationFailed(DomainError):
    """The input is malformed: maps to INVALID_ARGUMENT with field violations."""

    reason = "INVALID_ARGUMENT"

    def __init__(self, message: str, violations: list[FieldViolation] | None = None, **kw: object):
        super().__init__(message, **kw)
        self.violations = list(violations or [])


class NotFound(DomainError):
    reason = "NOT_FOUND"

    def __init__(self, message: str, *, resource_type: str, resource_name: str, **kw: object):
        super().__init__(message, **kw)
        self.resource_type = resource_type
        self.resource_name = resource_name


class AlreadyExists(DomainError):
    reason = "ALREADY_EXISTS"


class PreconditionFailed(DomainError):
    """An illegal state transition or a token that cannot be used (FAILED_PRECONDITION)."""

    reason = "FAILED_PRECONDITION"

    def __init__(self, message: str, *, subject: str = "", violation_type: str = "", **kw: object):
        super().__init__(message, **kw)
        self.subject = subject
        self.violation_type = violation_type or self.reason


class PermissionDenied(DomainError):
    reason = "PERMISSION_DENIED"


class Unauthenticated(DomainError):
    reason = "UNAUTHENTICATED"


class TokenRevoked(PreconditionFailed):
    """Temu answered that the token expired or was replaced (3000034): the shop must be
    re-authorized; retrying with the same token is pointless."""

    reason = "SHOP_REAUTHORIZATION_REQUIRED"


class TokenUnreadable(PreconditionFailed):
    """A stored token cannot be decrypted (its key left the configuration, or the row was
    altered): no retry can read it, the shop must be re-authorized with a new token."""

    reason = "TOKEN_UNREADABLE"


class ConcurrencyConflict(DomainError):
    reason = "CONCURRENT_MODIFICATION"


class Unavailable(DomainError):
    """The service cannot take the request now (it is shutting down); retry after a delay."""

    reason = "UNAVAILABLE"

    def __init__(self, message: str, *, retry_after_s: float = 1.0, **kw: object):
        super().__init__(message, **kw)
        self.retry_after_s = retry_after_s


class UpstreamUnavailable(Unavailable):
    """Temu (or another platform) is down or throttling us; retry later."""

    reason = "UPSTREAM_UNAVAILABLE"


class RateLimited(DomainError):
    """The caller asks faster than its allowance, failed to authenticate too often, or asks for
    work already at capacity; retry after ``retry_after_s``."""

    reason = "RATE_LIMITED"

    def __init__(self, message: str, *, retry_after_s: float = 1.0, **kw: object):
        super().__init__(message, **kw)
        self.retry_after_s = retry_after_s


class UpstreamRejected(DomainError):
    """The platform refused the call for a reason retrying will not fix (bad app key, sign...)."""

    reason = "UPSTREAM_REJECTED"


@dataclass(frozen=True, slots=True)
class Problem:
    """A recorded, non-fatal problem (e.g. a bad order skipped during sync)."""

    code: str
    message: str
    context: dict[str, str] = field(default_factory=dict)
