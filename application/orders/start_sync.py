"""Creating sync runs: history on authorization, sync now, replay, the periodic schedule, and
resuming runs after re-authorization. Each new or resumed run records an event: the outbox
sends it to the workers once the transaction commits."""
from __future__ import annotations

import logging
import uuid
from datetime import datetime, timedelta, timezone

from application.idempotency import RequestIds, request_hash
from application.ports.clock import Clock
from application.ports.unit_of_work import UnitOfWork, UnitOfWorkFactory
from application.shops.views import visible_shop
from domain.errors import FieldViolation, PreconditionFailed, ValidationFailed
from domain.principal import Principal
from domain.sync import (
    DEFAULT_INTERVAL, DEFAULT_OVERLAP, HISTORY_DAYS, MAX_REPLAY, RunStatus, SyncKind, SyncRun, Window,
)

EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
log = logging.getLogger("erp.sync")


def _secs(t: datetime) -> int:
    return int(t.timestamp())


def _window_end(now: datetime) -> int:
    """A window ends a second before now: no order can still enter it while we page."""
    return _secs(now) - 1


def schedule_history(uow: UnitOfWork, shop_id: str, now: datetime) -> SyncRun | None:
    """ORD-2: the last 30 days, once per shop (its slot is fixed, so a second try is a no-op)."""
    since = now - timedelta(days=HISTORY_DAYS)
    uow.sync_states.ensure(shop_id, since)
    run = SyncRun(id=str(uuid.uuid4()), shop_id=shop_id, kind=SyncKind.HISTORY, slot_start=EPOCH,
                  window=Window(_secs(since), _window_end(now)), now=now)
    return run if uow.sync_runs.add_if_slot_free(run) else None


def schedule_catch_up(uow: UnitOfWork, history: SyncRun, now: datetime,
                      overlap: timedelta = DEFAULT_OVERLAP) -> SyncRun | None:
    """ORD-2: when a shop's history is stored, what changed on Temu while it was read (minutes,
    for a big shop; at least the orders of the second it was asked for) is read at once rather
    than at the schedule's next slot. The slot is fixed, so a shop gets one catch-up run."""
    end = max(_window_end(now), history.window_end)
    run = SyncRun(id=str(uuid.uuid4()), shop_id=history.shop_id, kind=SyncKind.INCREMENTAL, slot_start=EPOCH,
                  window=Window(min(history.window_end - int(overlap.total_seconds()), end), end), now=now)
    return run if uow.sync_runs.add_if_slot_free(run) else None


class ResumeWaitingRuns:
    """When a shop is re-authorized, its runs stopped for the token go on from their cursor.
    Idempotent: a run already resumed (or finished) is left alone."""

    def __init__(self, uow: UnitOfWorkFactory) -> None:
        self._uow = uow

    def execute(self, shop_id: str) -> None:
        with self._uow() as uow:
            resumed = [run.id for run in uow.sync_runs.unfinished_for_shop(shop_id) if run.resume()]
            uow.commit()
        if resumed:
            log.info("shop %s re-authorized: sync runs %s resumed", shop_id, ", ".join(resumed))


def incremental_window(uow: UnitOfWork, shop_id: str, now: datetime, overlap: timedelta) -> Window | None:
    state = uow.sync_states.get(shop_id)
    if state is None or state.watermark is None:
        return None
    end = _window_end(now)
    return Window(min(_secs(state.watermark - overlap), end), end)


class StartSync:
    """SyncShopOrders ("sync now") and ReplayShopOrders: a run the caller can follow.

    - A shop has at most one "sync now" waiting for a worker: asking again while one waits
      returns it (it will fetch everything up to when it starts). The shop's row lock, taken
      when the shop is loaded (``get_for_update``), makes two concurrent asks take turns.
    """

    def __init__(self, uow: UnitOfWorkFactory, clock: Clock, overlap: timedelta = DEFAULT_OVERLAP) -> None:
        self._uow, self._clock, self._overlap = uow, clock, overlap

    def sync_now(self, principal: Principal, shop_id: str, request_id: str | None = None) -> SyncRun:
        ids = RequestIds("SyncShopOrders", principal.id, request_id, request_hash(shop_id))
        with self._uow() as uow:
            shop = visible_shop(uow.shops.get_for_update(shop_id), principal, shop_id)
            if (first := ids.replayed(uow)) is not None:
                return uow.sync_runs.get(first)
            shop.order_credential(self._clock.now())
            now = uow.db_now()
            window = incremental_window(uow, shop.id, now, self._overlap)
            if window is None:
                history = [r for r in uow.sync_runs.unfinished_for_shop(shop.id) if r.kind is SyncKind.HISTORY]
                if history:
                    return history[0]
                raise PreconditionFailed("The 30-day history of this shop has not been synced yet.",
                                         reason="HISTORY_NOT_SYNCED", subject=f"shops/{shop.id}")
            run = _pending_manual(uow, shop.id)
            if run is None:
                run = SyncRun(id=str(uuid.uuid4()), shop_id=shop.id, kind=SyncKind.MANUAL, slot_start=now,
                              window=window, now=now)
                uow.sync_runs.add(run)
            ids.remember(uow, run.id)
            uow.commit()
            return run

    def replay(self, principal: Principal, shop_id: str, start: datetime, end: datetime,
               request_id: str | None = None) -> SyncRun:
        ids = RequestIds("ReplayShopOrders", principal.id, request_id, request_hash(shop_id, start, end))
        with self._uow() as uow:
            shop = visible_shop(uow.shops.get(shop_id), principal, shop_id)
            if (first := ids.replayed(uow)) is not None:
                return uow.sync_runs.get(first)
            now = uow.db_now()
            _check_replay_window(start, end, now)
            shop.order_credential(self._clock.now())
            uow.sync_states.ensure(shop.id, now - timedelta(days=HISTORY_DAYS))
            run = SyncRun(id=str(uuid.uuid4()), shop_id=shop.id, kind=SyncKind.REPLAY, slot_start=now,
                          window=Window(_secs(start), _secs(end)), now=now)
            uow.sync_runs.add(run)
            ids.remember(uow, run.id)
            uow.commit()
            return run


def _pending_manual(uow: UnitOfWork, shop_id: str) -> SyncRun | None:
    return next((r for r in uow.sync_runs.unfinished_for_shop(shop_id)
                 if r.kind is SyncKind.MANUAL and r.status is RunStatus.PENDING), None)


def _check_replay_window(start: datetime, end: datetime, now: datetime) -> None:
    if end <= start:
        raise ValidationFailed("The replay window ends before it starts.",
                               [FieldViolation("end_time", "must be after start_time")])
    if end - start > MAX_REPLAY:
        raise ValidationFailed("A replay window is at most 90 days: replay a shorter window.",
                               [FieldViolation("start_time", "window longer than 90 days")])
    if end > now + timedelta(minutes=5):
        raise ValidationFailed("The replay window ends in the future.",
                               [FieldViolation("end_time", "must not be in the future")])


class ScheduleSyncs:
    """The periodic fan-out (ORD-1), safe with several schedulers on several machines.

    - A shop is due when its watermark is older than the interval and it has no unfinished run.
    - Each (shop, slot) gets at most one run: the unique slot row is the fence, not a lock.
    - The safety net of the outbox: a run nobody works on ``redispatch_after`` after it was
      asked for (its worker died, or the embedded broker's messages died with their process)
      is asked for again.
    """

    def __init__(self, uow: UnitOfWorkFactory, interval: timedelta = DEFAULT_INTERVAL,
                 overlap: timedelta = DEFAULT_OVERLAP, redispatch_after: timedelta = timedelta(seconds=90)) -> None:
        self._uow, self._interval, self._overlap = uow, interval, overlap
        self._redispatch_after = redispatch_after

    def execute(self) -> None:
        with self._uow() as uow:
            now = uow.db_now()
            slot = _slot(now, self._interval)
            for shop_id in uow.sync_states.due_shop_ids(now, self._interval):
                if uow.sync_runs.unfinished_for_shop(shop_id):
                    continue
                window = incremental_window(uow, shop_id, now, self._overlap)
                if window is not None:
                    uow.sync_runs.add_if_slot_free(SyncRun(
                        id=str(uuid.uuid4()), shop_id=shop_id, kind=SyncKind.INCREMENTAL, slot_start=slot,
                        window=window, now=now))
            stalled = uow.sync_runs.stalled_ids(now, self._redispatch_after)
            for run_id in stalled:
                uow.sync_runs.get(run_id).nudge()
            uow.sync_runs.mark_nudged(stalled, now)
            uow.commit()


def _slot(now: datetime, interval: timedelta) -> datetime:
    step = max(1, int(interval.total_seconds()))
    return datetime.fromtimestamp(int(now.timestamp()) // step * step, tz=timezone.utc)
