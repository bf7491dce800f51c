"""Shop aggregate → ShopView DTO, for the answers of the mutating use cases."""
from __future__ import annotations

from datetime import datetime

from application.ports.readers import CredentialView, ShopView
from domain.errors import NotFound
from domain.principal import Principal
from domain.shop import Shop


def to_view(shop: Shop, now: datetime) -> ShopView:
    creds = tuple(
        CredentialView(kind=c.kind, region=shop.region, fingerprint=c.fingerprint,
                       scopes=tuple(sorted(c.scopes)), expires_at=c.expires_at,
                       expiry_from_temu=c.expiry_from_temu, days_left=c.days_left(now),
                       last_verified_at=c.last_verified_at, revoked=c.revoked)
        for c in sorted(shop.credentials.values(), key=lambda c: c.kind.value)
    )
    return ShopView(
        id=shop.id, name=shop.name.value, kind=shop.kind, region=shop.region, mall_id=shop.mall_id,
        owner_id=shop.owner_id, status=shop.status, auth_status=shop.effective_auth_status(now),
        expiry_warning_days=shop.expiry_warning_days(now), auth_expires_at=shop.auth_expires_at,
        credentials=creds, created_at=shop.created_at, updated_at=shop.updated_at, version=shop.version,
        reauthorization_reason=shop.reauthorization_reason)


def shop_not_found(shop_id: str) -> NotFound:
    return NotFound(f"There is no shop '{shop_id}' (or it is not one of yours).",
                    resource_type="erp.v1.Shop", resource_name=f"shops/{shop_id}", reason="SHOP_NOT_FOUND")


def visible_shop(shop: Shop | None, principal: Principal, shop_id: str) -> Shop:
    """The shop, if the caller may see it. Other owners' shops look absent (no existence leak)."""
    if shop is None or not principal.can_see_shop(shop.owner_id):
        raise shop_not_found(shop_id)
    return shop
