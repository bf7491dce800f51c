"""What each Temu error code means for us (docs/temu-protocol.md §6): retry it, or which domain error.

Messages tell a person what to do and never contain a token or the app secret: the only
dynamic parts are the API type, the gateway, the code, Temu's request id and Temu's own
message after redaction.
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from domain.errors import DomainError, PreconditionFailed, TokenRevoked, UpstreamRejected, UpstreamUnavailable
from domain.shop_kinds import Region, ShopKind, TokenKind, backoffice_url

SUCCESS = 1000000
RATE_LIMITED = 4000004
ORDER_NOT_FOUND = 140020002
TRANSIENT_CODES = frozenset({4000000, 2000000, 200000, 120014006})
CLOCK_CODES = frozenset({3000011, 3000012})

TOKEN_REVOKED_CODES = frozenset({3000034, 7000007, 7000018, 7000020})
TOKEN_UNKNOWN_CODES = frozenset({3000031, 3000033, 7000006})
SCOPE_MISSING_CODES = frozenset({3000032, 7000022})
NOT_AN_ORDER_TOKEN = 140020001
WRONG_REGION = 120011072
WRONG_GATEWAY_CODES = frozenset({3000002, 3000003, 3000004})

TOKEN_UNKNOWN_MESSAGE = ("Temu does not recognise this token: paste the token exactly as Temu showed it, "
                         "or generate a new one in the Temu seller back office.")


class Disposition(Enum):
    SUCCESS = "success"
    RETRY = "retry"  # transient: back off and try again
    RATE_LIMITED = "rate_limited"  # back off at least to the next whole second
    CLOCK_SKEW = "clock_skew"  # resync the clock offset and try once more
    FAIL = "fail"  # permanent: raise the domain error


def disposition(code: int) -> Disposition:
    if code == SUCCESS:
        return Disposition.SUCCESS
    if code == RATE_LIMITED:
        return Disposition.RATE_LIMITED
    if code in TRANSIENT_CODES:
        return Disposition.RETRY
    if code in CLOCK_CODES:
        return Disposition.CLOCK_SKEW
    return Disposition.FAIL


@dataclass(frozen=True, slots=True)
class TemuFailure:
    """One refused call: Temu's code (None for HTTP/network failures), its redacted message."""

    code: int | None
    message: str
    request_id: str
    api_type: str
    gateway: str

    def details(self) -> dict[str, object]:
        return {"temu_error_code": self.code, "temu_message": self.message or None,
                "temu_request_id": self.request_id or None, "temu_api": self.api_type, "temu_gateway": self.gateway}


def temu_error_code(error: DomainError) -> int | None:
    """The Temu errorCode an adapter error carries, if any."""
    value = error.details.get("temu_error_code", "")
    return int(value) if value.isdigit() else None


def with_backoffice_help(error: PreconditionFailed, kind: ShopKind, region: Region,
                         token_kind: TokenKind) -> PreconditionFailed:
    """The error plus the back-office page where the seller generates the right token."""
    url = backoffice_url(kind, region, token_kind)
    error.details["generate_token_url"] = url
    return error.with_help("Generate the token in the Temu seller back office", url)


def unavailable(failure: TemuFailure, retry_after_s: float, *, throttled: bool = False) -> UpstreamUnavailable:
    what = "throttling this app" if throttled else "busy or unreachable"
    cause = f"error {failure.code}" if failure.code is not None else failure.message
    return UpstreamUnavailable(
        f"Temu is {what} ({cause} on {failure.api_type}); try again in {retry_after_s:.0f} s.",
        retry_after_s=retry_after_s, **failure.details())


def rejection(failure: TemuFailure) -> DomainError:
    """The domain error for a permanent failure."""
    code, d = failure.code, failure.details()
    if code in TOKEN_REVOKED_CODES:
        return TokenRevoked("Temu says this shop token expired or was replaced by a newer one: re-authorize "
                            "the shop with the token Temu shows now.", subject="token", **d)
    if code in TOKEN_UNKNOWN_CODES:
        return PreconditionFailed(TOKEN_UNKNOWN_MESSAGE, reason="TOKEN_UNKNOWN", subject="token", **d)
    if code in SCOPE_MISSING_CODES:
        return PreconditionFailed(
            f"The shop token is not authorized for {failure.api_type}: tick this interface when authorizing "
            "the app in the Temu seller centre, then paste the new token.",
            reason="TOKEN_SCOPE_MISSING", subject="token", **d)
    if code == NOT_AN_ORDER_TOKEN:
        return PreconditionFailed(
            "Temu says this token cannot read orders (a product token, or a shop type the order interfaces "
            "do not serve): paste the order/shipping token (订单发货Token) of the shop.",
            reason="NOT_AN_ORDER_TOKEN", subject="token", **d)
    if code == WRONG_REGION:
        return PreconditionFailed(
            f"Temu's {failure.gateway} gateway does not serve this shop's orders: check that the shop's region "
            "matches the seller centre its token came from.", reason="REGION_MISMATCH", subject="shop", **d)
    return UpstreamRejected(_configuration_message(failure), **d)


def _configuration_message(f: TemuFailure) -> str:
    code = f.code
    if code is None:
        return (f"Temu's {f.gateway} gateway could not serve {f.api_type} ({f.message}): check the "
                f"TEMU_GATEWAY_{f.gateway.upper()} or TEMU_BASE_URL setting.")
    if code in (3000001, 7000015):
        return "Temu rejected the request signature: check that TEMU_APP_SECRET belongs to TEMU_APP_KEY."
    if code in (3000019, 3000025, 7000002, 3000020, 3000026):
        return "Temu does not know the app key: check TEMU_APP_KEY against the Temu partner console."
    if code in (3000021, 3000027):
        return (f"The Temu app has no permission for {f.api_type}: apply for this interface's permission "
                "package in the Temu partner console.")
    if code in (3000022, 3000028):
        return "The Temu app is suspended: contact Temu partner support (partner@temu.com)."
    if code in WRONG_GATEWAY_CODES:
        return (f"Temu's {f.gateway} gateway does not serve {f.api_type} (wrong gateway, or the interface "
                f"was retired): check the TEMU_GATEWAY_{f.gateway.upper()} setting.")
    if code == 5000003:
        return "This server's IP address is not on the Temu app's IP whitelist: add it in the Temu partner console."
    if code in CLOCK_CODES:
        return "Temu rejected the request time even after resynchronising: set this server's clock (NTP)."
    if code == 3000000 or code in (3000010, 3000013, 3000014, 3000030, 3000040):
        return (f"Temu rejected the parameters of {f.api_type} (error {code}): this is a bug in the ERP's "
                f"Temu adapter; report it with Temu request id {f.request_id or 'unknown'}.")
    reason = f": {f.message}" if f.message else ""
    return f"Temu refused {f.api_type} with error {code}{reason}."
