"""Per-shop sync state and its lease (``SyncStates``), and periodic job slots (``JobSlots``).

Every write is one conditional statement, so it is atomic on SQLite and PostgreSQL alike without
row locks taken up front: on PostgreSQL a second UPDATE of the same row waits for the first
transaction and then re-checks its WHERE against the committed row; on SQLite write
transactions never overlap (``BEGIN IMMEDIATE``). They run in the unit of work's transaction
and count once it commits.
"""
from __future__ import annotations

from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import Session

from adapters.persistence.errors import DatabaseErrors
from adapters.persistence.statements import execute
from adapters.persistence.sync_tables import job_slots, shop_sync_state
from adapters.persistence.tables import shops
from adapters.persistence.upsert import insert_for
from application.ports.repositories import SyncState
from domain.shop_kinds import AuthStatus, ShopStatus

JOB_SLOT_RETENTION = timedelta(days=7)


class SqlSyncStates:
    """Implements ``application.ports.repositories.SyncStates`` over ``shop_sync_state``."""

    def __init__(self, session: Session, errors: DatabaseErrors) -> None:
        self._session, self._errors = session, errors

    def get(self, shop_id: str) -> SyncState | None:
        s = shop_sync_state.c
        row = self._execute(sa.select(s.watermark, s.history_from).where(s.shop_id == shop_id)).first()
        return SyncState(shop_id, row.watermark, row.history_from) if row else None

    def ensure(self, shop_id: str, history_from: datetime) -> None:
        """Create the shop's state unless it exists; an existing one is left as it is."""
        stmt = insert_for(self._session, shop_sync_state).values(shop_id=shop_id, history_from=history_from)
        self._execute(stmt.on_conflict_do_nothing(index_elements=["shop_id"]))

    def claim(self, shop_id: str, run_id: str, owner: str, now: datetime, until: datetime) -> bool:
        """Take or renew the lease: True when it was free, expired or already ``owner``'s.
        False also when the shop has no state row (``ensure`` was never called)."""
        s = shop_sync_state.c
        stmt = (shop_sync_state.update()
                .where(s.shop_id == shop_id,
                       sa.or_(s.lease_owner.is_(None), s.lease_owner == owner, s.lease_until <= now))
                .values(lease_run_id=run_id, lease_owner=owner, lease_until=until))
        return self._execute(stmt).rowcount == 1

    def release(self, shop_id: str, owner: str) -> None:
        """Free the lease if ``owner`` still holds it. The run id and expiry stay, as the trace
        of the last live run that ``SqlSyncRunRepository.stalled_ids`` reads."""
        s = shop_sync_state.c
        self._execute(shop_sync_state.update().where(s.shop_id == shop_id, s.lease_owner == owner)
                      .values(lease_owner=None))

    def claim_addresses(self, shop_id: str, owner: str, now: datetime, until: datetime) -> bool:
        """Take or renew the address lease (True), or, while another owner holds it, ask the
        holder to go on once more when it finishes (False). Each step is one conditional
        statement; if the holder released between the two, the lease is taken on the next try."""
        s = shop_sync_state.c
        held_by_other = sa.and_(s.address_lease_owner.is_not(None), s.address_lease_owner != owner,
                                s.address_lease_until > now)
        for _ in range(3):
            taken = self._execute(shop_sync_state.update().where(s.shop_id == shop_id, sa.not_(held_by_other))
                                  .values(address_lease_owner=owner, address_lease_until=until))
            if taken.rowcount == 1:
                return True
            asked = self._execute(shop_sync_state.update().where(s.shop_id == shop_id, held_by_other)
                                  .values(address_wanted=True))
            if asked.rowcount == 1:
                return False
        return False

    def release_addresses(self, shop_id: str, owner: str) -> bool:
        """Free the lease if ``owner`` holds it; True when another job asked meanwhile."""
        s = shop_sync_state.c
        mine = sa.and_(s.shop_id == shop_id, s.address_lease_owner == owner)
        wanted = self._execute(sa.select(s.address_wanted).where(mine).with_for_update()).scalar_one_or_none()
        if wanted is None:
            return False
        self._execute(shop_sync_state.update().where(mine)
                      .values(address_lease_owner=None, address_lease_until=None, address_wanted=False))
        return bool(wanted)

    def advance_watermark(self, shop_id: str, to: datetime) -> None:
        """Move the watermark to ``to`` unless it is already there or later."""
        s = shop_sync_state.c
        self._execute(shop_sync_state.update()
                      .where(s.shop_id == shop_id, sa.or_(s.watermark.is_(None), s.watermark < to))
                      .values(watermark=to))

    def due_shop_ids(self, now: datetime, interval: timedelta) -> list[str]:
        """Enabled shops whose order token is valid (``Shop.can_sync_orders``: an expired
        product token does not stop orders) and whose watermark is at least ``interval`` old;
        shops without a watermark have not finished their history yet. Most overdue first."""
        s = shop_sync_state.c
        query = (sa.select(s.shop_id).join(shops, shops.c.id == s.shop_id)
                 .where(shops.c.status == ShopStatus.ENABLED, shops.c.auth_status != AuthStatus.REAUTH_REQUIRED,
                        shops.c.orders_expire_at > now, s.watermark.is_not(None), s.watermark <= now - interval)
                 .order_by(s.watermark, s.shop_id))
        return list(self._execute(query).scalars())

    def _execute(self, stmt: sa.Executable) -> sa.Result:
        return execute(self._session, self._errors, stmt)


class SqlJobSlots:
    """Implements ``application.ports.repositories.JobSlots``: the first insert of a (job, slot) row wins."""

    def __init__(self, session: Session, errors: DatabaseErrors) -> None:
        self._session, self._errors = session, errors

    def claim(self, job: str, slot_start: datetime) -> bool:
        """True for exactly one caller per (job, slot). Rows older than a week are pruned here."""
        stmt = (insert_for(self._session, job_slots).values(job=job, slot_start=slot_start)
                .on_conflict_do_nothing(index_elements=["job", "slot_start"]).returning(job_slots.c.job))
        taken = execute(self._session, self._errors, stmt).scalar_one_or_none() is not None
        if taken:
            execute(self._session, self._errors, job_slots.delete().where(
                job_slots.c.job == job, job_slots.c.slot_start < slot_start - JOB_SLOT_RETENTION))
        return taken
