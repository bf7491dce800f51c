"""What each Goodcang answer means for us: success, retry, or which domain error.

Goodcang publishes no error-code table. ``10103086`` (no data) is seen in real answers; a
duplicate reference is recognised by code or by its text, so the client can adopt the
existing order instead of failing (the sandbox README lists what is inferred).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from domain.errors import DomainError, UpstreamRejected, UpstreamUnavailable

NO_DATA_CODES = frozenset({"10103086"})
DUPLICATE_CODES = frozenset({"10103001"})
AUTH_CODES = frozenset({"401", "403"})
TRANSIENT_CODES = frozenset({"500", "502", "503", "504"})
RATE_CODES = frozenset({"429"})
_DUPLICATE_TEXT = re.compile(r"参考号.*(已存在|重复)|reference.?no.*(exist|duplicate|used)", re.IGNORECASE)
_NO_DATA_TEXT = re.compile(r"没有数据|no data", re.IGNORECASE)
_AUTH_TEXT = re.compile(r"app-?key|app-?token", re.IGNORECASE)
MAX_MESSAGE = 300


class Kind(Enum):
    RATE_LIMITED = "rate_limited"  # not served: wait retry_after_s, then send again
    TRANSIENT = "transient"  # 5xx, timeout, broken answer: may have taken effect
    NOT_FOUND = "not_found"
    DUPLICATE_REFERENCE = "duplicate_reference"
    AUTH = "auth"
    REJECTED = "rejected"  # a refusal that retrying will not change


RETRYABLE = (Kind.RATE_LIMITED, Kind.TRANSIENT)


@dataclass(frozen=True, slots=True)
class Failure:
    kind: Kind
    message: str  # Goodcang's words (sanitised), or what went wrong on the wire
    api: str
    code: str = ""
    retry_after_s: float = 0.0

    @property
    def ambiguous(self) -> bool:
        """The call may have taken effect at Goodcang, so a blind resend may repeat it."""
        return self.kind is Kind.TRANSIENT


def classify(code: str, message: str, api: str) -> Failure:
    """A refusal inside a readable envelope (``ask`` not Success, or ``code`` not 0)."""
    if code in RATE_CODES:
        return Failure(Kind.RATE_LIMITED, message, api, code, 1.0)
    if code in TRANSIENT_CODES:
        return Failure(Kind.TRANSIENT, message, api, code)
    if code in DUPLICATE_CODES or _DUPLICATE_TEXT.search(message):
        return Failure(Kind.DUPLICATE_REFERENCE, message, api, code)
    if code in NO_DATA_CODES or _NO_DATA_TEXT.search(message):
        return Failure(Kind.NOT_FOUND, message, api, code)
    if code in AUTH_CODES or _AUTH_TEXT.search(message):
        return Failure(Kind.AUTH, message, api, code)
    return Failure(Kind.REJECTED, message, api, code)


def sanitize(text: object) -> str:
    """Goodcang's message as one printable line of bounded length."""
    if not isinstance(text, str):
        return ""
    line = " ".join("".join(c if c.isprintable() else " " for c in text).split())
    return line[:MAX_MESSAGE]


def to_domain(failure: Failure, retry_after_s: float) -> DomainError:
    details = {"goodcang_api": failure.api, "goodcang_error_code": failure.code or None}
    said = f" Goodcang said: {failure.message}" if failure.message else ""
    if failure.kind in RETRYABLE:
        what = "throttling this account" if failure.kind is Kind.RATE_LIMITED else "busy or unreachable"
        return UpstreamUnavailable(f"Goodcang is {what} ({failure.message or 'no answer'} on {failure.api}); "
                                   f"try again in {retry_after_s:.0f} s.", retry_after_s=retry_after_s, **details)
    if failure.kind is Kind.AUTH:
        return UpstreamRejected("Goodcang refused the app-key or app-token: copy both again from the Goodcang "
                                f"OMS API settings of this account.{said}", reason="GOODCANG_CREDENTIALS_REJECTED",
                                **details)
    return UpstreamRejected(f"Goodcang refused {failure.api}.{said}", reason="GOODCANG_REFUSED", **details)
