"""The shop read side: ``ShopView`` DTOs straight from the table, without loading aggregates.

The authorization status shown is the *effective* one at ``now`` (a stored AUTHORIZED or PARTIAL
whose ``auth_expires_at`` has passed reads EXPIRED), and the status filter applies the same rule
in SQL, so a filtered list never disagrees with the rows it shows.
"""
from __future__ import annotations

from collections.abc import Collection
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from adapters.persistence.cursors import keyset_page
from adapters.persistence.engine import read_only
from adapters.persistence.order_filters import among_json, json_list
from adapters.persistence.row_by_key import RowByKey
from adapters.persistence.tables import shops
from application.ports.readers import CredentialView, Page, ShopFilter, ShopView
from domain.shop import effective_auth_status
from domain.shop_kinds import AuthStatus

_EXPIRED, _REAUTH = AuthStatus.EXPIRED, AuthStatus.REAUTH_REQUIRED
_VIEW_COLUMNS = [c for c in shops.c if c.key not in ("name_key", "orders_expire_at")]
_BY_ID = sa.select(*_VIEW_COLUMNS).where(shops.c.id == sa.bindparam("shop_id"))


def effective_auth_status_is(status: AuthStatus, now: datetime) -> sa.ColumnElement[bool]:
    """``effective_auth_status(...) == status`` as a SQL condition."""
    c = shops.c
    lapsed = c.auth_expires_at.is_not(None) & (c.auth_expires_at <= now)
    if status is _REAUTH:
        return c.auth_status == _REAUTH
    if status is _EXPIRED:
        return (c.auth_status != _REAUTH) & (lapsed | (c.auth_status == _EXPIRED))
    return (c.auth_status == status) & sa.or_(c.auth_expires_at.is_(None), c.auth_expires_at > now)


class SqlShopReader:
    def __init__(self, engine: Engine) -> None:
        self._engine = read_only(engine)
        self._by_id = RowByKey(self._engine, _BY_ID)
        self._by_ids = RowByKey(self._engine, sa.select(*_VIEW_COLUMNS).where(
            among_json(shops.c.id, "ids", engine.dialect.name)))

    def get(self, shop_id: str, now: datetime) -> ShopView | None:
        row = self._by_id.first(shop_id=shop_id)
        return to_view(row, now) if row else None

    def get_many(self, shop_ids: Collection[str], now: datetime) -> dict[str, ShopView]:
        if not shop_ids:
            return {}
        return {row.id: to_view(row, now) for row in self._by_ids.all(ids=json_list(shop_ids))}

    def list(self, flt: ShopFilter, page_size: int, page_token: str, now: datetime) -> Page:
        """Ordered by name (case-insensitive), then id."""
        return keyset_page(self._engine, sa.select(shops).where(*_conditions(flt, now)),
                           (shops.c.name_key, shops.c.id), flt=flt, page_token=page_token, page_size=page_size,
                           item=lambda r: to_view(r, now), key_of=lambda r: (r.name_key, r.id))


def to_view(row: sa.Row, now: datetime) -> ShopView:
    creds = sorted(row.credentials.values(), key=lambda cred: cred.kind.value)
    warnings = [w for w in (cred.warning_days(now) for cred in creds) if w is not None]
    return ShopView(
        id=row.id, name=row.name.value, kind=row.kind, region=row.region, mall_id=row.mall_id,
        owner_id=row.owner_id, status=row.status,
        auth_status=effective_auth_status(row.auth_status, row.auth_expires_at, now),
        expiry_warning_days=min(warnings) if warnings else None, auth_expires_at=row.auth_expires_at,
        credentials=tuple(CredentialView(
            kind=cred.kind, region=row.region, fingerprint=cred.fingerprint, scopes=tuple(sorted(cred.scopes)),
            expires_at=cred.expires_at, expiry_from_temu=cred.expiry_from_temu,
            days_left=cred.days_left(now), last_verified_at=cred.last_verified_at, revoked=cred.revoked,
        ) for cred in creds),
        created_at=row.created_at, updated_at=row.updated_at, version=row.version,
        reauthorization_reason=row.reauthorization_reason)


def _conditions(flt: ShopFilter, now: datetime) -> list[sa.ColumnElement[bool]]:
    c, found = shops.c, []
    if flt.owner_id is not None:
        found.append(c.owner_id == flt.owner_id)
    if flt.auth_status is not None:
        found.append(effective_auth_status_is(flt.auth_status, now))
    if flt.status is not None:
        found.append(c.status == flt.status)
    if flt.name_contains:
        found.append(c.name_key.contains(flt.name_contains.casefold(), autoescape=True))
    if flt.expiring_within_days is not None:
        # The same rule as the days_left shown: at most N whole days left, lapsed ones included.
        found.append(c.auth_expires_at < now + timedelta(days=flt.expiring_within_days + 1))
    return found
