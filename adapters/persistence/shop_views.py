"""Shop rows as ``ShopView``s at a moment, and a cached row's view kept while the clock leaves
its time-dependent readings (days left, expiry warning, effective EXPIRED) unchanged."""
from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa

from application.ports.readers import CredentialView, ShopView
from domain.shop import auth_status_changes_at, effective_auth_status


class CachedShop:
    """A shop row, with the view it gave last and the stretch of time that view holds for: the
    same object is handed out until the row or the clock says otherwise (the gRPC layer keeps
    its answer per view object)."""

    __slots__ = ("row", "_view")

    def __init__(self, row: sa.Row) -> None:
        self.row = row
        self._view: tuple[ShopView, datetime, datetime | None] | None = None

    def view_at(self, now: datetime) -> ShopView:
        memo = self._view
        if memo is not None and memo[1] <= now and (memo[2] is None or now < memo[2]):
            return memo[0]
        view = to_view(self.row, now)
        self._view = (view, now, view_changes_at(self.row, now))
        return view


def view_changes_at(row: sa.Row, now: datetime) -> datetime | None:
    """When ``to_view(row, ...)`` first reads differently than at ``now`` (None: never)."""
    moments = [m for m in (cred.readings_change_at(now) for cred in row.credentials.values()) if m is not None]
    auth = auth_status_changes_at(row.auth_status, row.auth_expires_at, now)
    if auth is not None:
        moments.append(auth)
    return min(moments, default=None)


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
        created_at=row.created_at, updated_at=row.updated_at, version=row.version)
