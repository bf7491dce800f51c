"""``TokenInspector``: ask Temu what a pasted token is (docs/temu-protocol.md §9).

Order tokens are asked on their region's gateway, local tokens on US, product tokens on PA
(``bg.open.accesstoken.info.get.global``). Every refusal becomes an error that tells the seller
what to paste instead, with a link to the back-office page that generates the right token.
"""
from __future__ import annotations

from adapters.temu.errors import TOKEN_UNKNOWN_MESSAGE, temu_error_code, with_backoffice_help
from adapters.temu.gateways import token_gateway, token_info_type
from adapters.temu.transport import TemuClient
from adapters.temu.values import CODE_LIMIT, as_id, as_small_int, as_text, as_time
from domain.errors import PreconditionFailed, TokenRevoked, UpstreamRejected, UpstreamUnavailable
from domain.shop_kinds import Region, ShopKind, TokenKind
from domain.token import TokenInfo, TokenText

WRONG_GATEWAY = 3000003
MAX_SCOPES = 2000


class TemuTokenInspector:
    def __init__(self, client: TemuClient):
        self._client = client

    def inspect(self, token: TokenText, region: Region, token_kind: TokenKind) -> TokenInfo:
        gateway = token_gateway(region, token_kind)
        kind = ShopKind.LOCAL if token_kind is TokenKind.LOCAL else ShopKind.CROSS_BORDER
        try:
            result = self._client.call(gateway, token_info_type(gateway), token.value, {})
        except TokenRevoked as err:
            raise with_backoffice_help(_replaced(err), kind, region, token_kind) from None
        except PreconditionFailed as err:
            raise with_backoffice_help(err, kind, region, token_kind)
        except UpstreamRejected as err:
            if temu_error_code(err) != WRONG_GATEWAY:
                raise
            raise with_backoffice_help(_not_for_gateway(err, region, token_kind), kind, region, token_kind) from None
        return parse_token_info(result)


def parse_token_info(result: object) -> TokenInfo:
    """``mallId`` is required; a missing ``expiredTime`` gives ``expires_at=None``."""
    result = result if isinstance(result, dict) else {}
    mall_id = as_id(result.get("mallId"))
    if mall_id is None:
        raise UpstreamUnavailable("Temu answered the token inquiry without a shop id; try again later.",
                                  retry_after_s=5.0, temu_api="bg.open.accesstoken.info.get")
    return TokenInfo(
        mall_id=mall_id, mall_type=as_small_int(result.get("mallType")) or 0,
        region_id=as_small_int(result.get("regionId")) or 0, scopes=_scopes(result.get("apiScopeList")),
        expires_at=as_time(result.get("expiredTime")))


def _scopes(raw: object) -> frozenset[str]:
    names = raw[:MAX_SCOPES] if isinstance(raw, list) else []
    return frozenset(text for name in names if isinstance(name, str) and (text := as_text(name, CODE_LIMIT)))


def _replaced(err: TokenRevoked) -> TokenRevoked:
    return TokenRevoked("Temu says this token expired or was replaced by a newer one: paste the token Temu "
                        "shows now, or generate a new one.", reason="TOKEN_EXPIRED", subject="token",
                        **err.details)


def _not_for_gateway(err: UpstreamRejected, region: Region, token_kind: TokenKind) -> PreconditionFailed:
    if token_kind is TokenKind.PRODUCT:
        return PreconditionFailed(
            f"{TOKEN_UNKNOWN_MESSAGE} Product tokens issued before Temu's September 2025 migration no longer "
            "work: authorize the app again in 授权管理 and paste the new token.",
            reason="TOKEN_UNKNOWN", subject="token", **err.details)
    return PreconditionFailed(
        f"This token was not issued for the {region.value} seller centre: generate it in the {region.value} "
        "back office (switch Seller Central to that region first).",
        reason="REGION_MISMATCH", subject="token", **err.details)
