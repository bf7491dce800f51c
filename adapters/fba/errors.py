"""What an SP-API or LWA refusal means for us: which domain error, with Amazon's words kept.

Messages name the operation, the HTTP status, Amazon's error code and message and its request
id; never a token or the client secret.
"""
from __future__ import annotations

from dataclasses import dataclass

import httpx

from adapters import json_text
from domain.errors import DomainError, NotFound, PreconditionFailed, TokenRevoked, UpstreamRejected, UpstreamUnavailable

MAX_TEXT = 300


@dataclass(frozen=True, slots=True)
class SpApiFailure:
    operation: str
    status: int | None  # None: no HTTP answer at all
    code: str
    message: str
    request_id: str = ""

    def details(self) -> dict[str, object]:
        return {"sp_api_operation": self.operation, "sp_api_status": self.status,
                "sp_api_error_code": self.code or None, "sp_api_request_id": self.request_id or None}

    def describe(self) -> str:
        said = f"{self.code}: {self.message}" if self.code else self.message
        return f"Amazon answered {self.operation} with HTTP {self.status} ({said})"


def read_failure(operation: str, response: httpx.Response) -> SpApiFailure:
    """The first error of the ``{"errors": [...]}`` envelope, or a description of the body."""
    request_id = response.headers.get("x-amzn-RequestId", "")
    try:
        body = json_text.loads(response.content)
        first = body["errors"][0]
        message = str(first.get("message", ""))
        if first.get("details"):
            message = f"{message} {first['details']}"
        return SpApiFailure(operation, response.status_code, str(first.get("code", "")), message[:MAX_TEXT],
                            request_id)
    except (ValueError, KeyError, IndexError, TypeError, AttributeError):
        return SpApiFailure(operation, response.status_code, "", not_json(response), request_id)


def not_json(response: httpx.Response) -> str:
    kind = response.headers.get("Content-Type", "no content type")
    return f"a body that is not the SP-API's JSON ({kind}, {len(response.content)} bytes)"


def unavailable(failure: SpApiFailure, retry_after_s: float) -> UpstreamUnavailable:
    return UpstreamUnavailable(f"{failure.describe()}; try again in {retry_after_s:.0f} s.",
                               retry_after_s=retry_after_s, **failure.details())


def rejection(failure: SpApiFailure) -> DomainError:
    if failure.status == 404:
        return NotFound(f"{failure.describe()}.", resource_type="fulfillment order",
                        resource_name=failure.operation, **failure.details())
    if failure.status in (401, 403):
        return PreconditionFailed(
            f"{failure.describe()}. The seller's authorization does not allow this call even with a fresh "
            "access token: check that the app has the Amazon Fulfillment role and re-authorize it.",
            reason="SP_API_ACCESS_DENIED", subject="authorization", **failure.details())
    return UpstreamRejected(f"{failure.describe()}.", **failure.details())


def lwa_rejection(status: int, error: str, description: str) -> DomainError:
    """LWA's ``{"error", "error_description"}`` refusals of the refresh-token grant."""
    details = {"lwa_status": status, "lwa_error": error or None}
    if error == "invalid_grant":
        return TokenRevoked("Amazon no longer accepts this seller's refresh token (revoked or replaced): "
                            "authorize the Amazon seller account again.", subject="refresh_token", **details)
    if error in ("invalid_client", "unauthorized_client"):
        return UpstreamRejected("Login with Amazon refused the app's client id or secret: check the LWA "
                                "credentials of the SP-API app.", **details)
    return UpstreamRejected(f"Login with Amazon refused the token request (HTTP {status}, {error or 'no code'}: "
                            f"{description[:MAX_TEXT]}).", **details)


def lwa_unavailable(reason: str) -> UpstreamUnavailable:
    return UpstreamUnavailable(f"Login with Amazon could not issue an access token ({reason}); try again later.",
                               retry_after_s=5.0)
