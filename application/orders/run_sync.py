"""RunSync: walk one sync run's window page by page, storing orders as it goes."""
from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from enum import Enum
from functools import partial

from application.orders.page_walk import Cursor, PageWalk, Step
from application.orders.start_sync import schedule_catch_up
from application.orders.store_page import store_orders
from application.ports.clock import Clock
from application.ports.temu import OrderPage, OrderSource, TemuAccess
from application.ports.unit_of_work import UnitOfWorkFactory
from domain.errors import ConcurrencyConflict, PreconditionFailed, TokenRevoked, TokenUnreadable, UpstreamUnavailable
from domain.shop_kinds import ShopStatus
from domain.sync import SyncKind, SyncRun, Window

PAGE_SIZE = 100
LEASE = timedelta(seconds=60)
STORE_BATCH = 6  # pages per transaction at most, when that many are waiting
log = logging.getLogger("erp.sync")


class Outcome(str, Enum):
    DONE = "DONE"  # the run is finished (or was already)
    CONTINUE = "CONTINUE"  # more pages: send the run again, behind the other shops' work
    BUSY = "BUSY"  # another worker holds this shop: try later
    STOPPED = "STOPPED"  # waiting for re-authorization


@dataclass(frozen=True, slots=True)
class RetryLater:
    """A transient failure (Temu down or throttling us) is recorded on the run, with its next
    attempt: send the run again after ``delay``."""

    delay: timedelta


class RunSync:
    """- Never two syncs of one shop at a time: a lease on the shop, renewed every transaction.
    - Pages are stored with the run's cursor after them in one transaction (one page, or up to
      ``store_batch`` that arrived while the last transaction ran), so a crash loses nothing and
      a redelivered message resumes after the last stored page.
    - A run changed by someone else since our last page (our lease ran out meanwhile) is not
      overwritten: that page is not stored and the call ends BUSY, like a lost lease.
    - At most ``max_pages`` pages per call, so one big shop cannot starve the others.
    - A token Temu calls expired or replaced, or a stored token that no longer decrypts, stops
      this shop only: the shop needs re-authorization (with the reason), the run waits for it.
    - Temu down or throttling us is recorded on the run (the error, retries in a row, the next
      attempt) and the run is tried again then: no retry of ours is invisible to the caller.
    - The lease is compared on the database clock, read in each transaction.
    - A finished history is followed at once by one incremental run over what changed on Temu
      while it was read (``schedule_catch_up``), in the transaction that finishes it.
    """

    def __init__(self, uow: UnitOfWorkFactory, source: OrderSource, clock: Clock, max_pages: int = 20,
                 page_size: int = PAGE_SIZE, lease: timedelta = LEASE, store_batch: int = STORE_BATCH) -> None:
        self._uow, self._source, self._clock, self._max_pages = uow, source, clock, max_pages
        self._page_size, self._lease, self._store_batch = page_size, lease, store_batch

    def execute(self, run_id: str) -> Outcome | RetryLater:
        hold = self._begin(run_id, uuid.uuid4().hex)
        if isinstance(hold, Outcome):
            return hold
        try:
            return self._walk(hold)
        except TokenRevoked as err:
            self._stop_for_reauthorization(run_id, hold.fingerprint, err)
            return Outcome.STOPPED
        except UpstreamUnavailable as err:
            return self._retry_later(run_id, err)
        except (LeaseLost, ConcurrencyConflict):
            return Outcome.BUSY
        finally:
            if not hold.released:
                self._release(hold)

    def _begin(self, run_id: str, owner: str) -> _Hold | Outcome:
        with self._uow() as uow:
            run = uow.sync_runs.get(run_id)
            if run is None or run.done:
                return Outcome.DONE
            shop = uow.shops.get(run.shop_id)
            now = uow.db_now()
            if shop is None or (shop.status is ShopStatus.DISABLED and run.kind is SyncKind.INCREMENTAL):
                run.fail(now, "the shop is disabled or gone")
                uow.commit()
                log.info("sync run %s of shop %s failed: the shop is disabled or gone", run.id, run.shop_id)
                return Outcome.DONE
            if not uow.sync_states.claim(run.shop_id, run.id, owner, now, now + self._lease):
                return Outcome.BUSY
            # Read again: the claim may have waited for the previous run's last commit, and this
            # run starts after that run finished.
            now = uow.db_now()
            try:
                cred = shop.order_credential(self._clock.now())
            except PreconditionFailed as err:
                run.wait_for_reauthorization(err.reason, now)
                uow.sync_states.release(run.shop_id, owner)
                uow.commit()
                log.info("sync run %s of shop %s waits for re-authorization (%s)", run.id, run.shop_id, err.reason)
                return Outcome.STOPPED
            try:
                access = TemuAccess(shop.id, shop.region, shop.kind, uow.vault.get(shop.id, cred.kind))
            except TokenUnreadable as err:
                shop.require_reauthorization(cred.kind, err.message, self._clock.now())
                run.wait_for_reauthorization(f"{err.reason}: {err.message}", now)
                uow.sync_states.release(run.shop_id, owner)
                uow.commit()
                log.info("shop %s needs re-authorization: %s; sync run %s waits for it", shop.id, err.message, run.id)
                return Outcome.STOPPED
            if run.started_at is None:
                log.info("sync run %s of shop %s started (%s)", run.id, run.shop_id, run.kind.value)
            run.start(now)
            state = uow.sync_states.get(run.shop_id)  # its history horizon never moves
            uow.commit()
            return _Hold(run, owner, access, state.history_from if state else None, cred.fingerprint)

    def _walk(self, hold: _Hold) -> Outcome:
        """Fetch and store up to ``max_pages`` pages. A thread fetches ahead (each next page's
        window follows from the page before), so Temu's answer time and our storing overlap;
        the pages that arrived while one transaction was stored go in the next one together.
        The last transaction also releases the lease."""
        run = hold.run
        start = Cursor(Window(run.window_start, run.cursor_end), run.cursor_page, run.cursor_total)
        fetch = partial(self._fetch, hold.access)
        walk = PageWalk(fetch, start, self._max_pages)
        try:
            while True:
                steps = walk.take(self._store_batch)
                done, call_ends = steps[-1].last_of_window, steps[-1].number == self._max_pages
                self._store(hold, steps, release=done or call_ends)
                if done or call_ends:
                    return Outcome.DONE if done else Outcome.CONTINUE
        finally:
            walk.close()

    def _fetch(self, access: TemuAccess, window: Window, page_no: int) -> OrderPage:
        return self._source.list_orders(access, window, page_no, self._page_size)

    def _store(self, hold: _Hold, steps: list[Step], release: bool) -> None:
        """Store pages in one transaction, with the run's cursor after the last. The run is the
        one our last transaction committed, not read again: its version makes the commit fail
        (``ConcurrencyConflict``) if anyone changed it since. With ``release``, the lease is
        freed in that transaction. The pages are read (parsed) before it begins: a transaction
        holds the shop's lease, and on SQLite the one write lock every shop's sync waits for."""
        orders = [o for s in steps for o in s.page.orders]
        with self._uow() as uow:
            run = uow.sync_runs.attach(hold.run)
            now = uow.db_now()
            if not uow.sync_states.claim(run.shop_id, run.id, hold.owner, now, now + self._lease):
                raise LeaseLost(run.shop_id)
            counts = store_orders(uow, run.shop_id, orders, hold.history_from, now)
            for step in steps:
                for sn, reason in step.page.skipped:
                    uow.sync_runs.record_problem(run.id, sn, reason, now)
                last = step is steps[-1]  # NOTE: the counts are the transaction's, told with its last page
                run.record_page(next_end=step.next_end, next_page=step.next_page, total=step.page.total,
                                seen=len(step.page.orders) + len(step.page.skipped),
                                created=counts.created if last else 0, updated=counts.updated if last else 0,
                                skipped=len(step.page.skipped), page_size=self._page_size)
            finished = steps[-1].last_of_window
            if finished:
                run.succeed(now)
                if run.kind is not SyncKind.REPLAY:
                    uow.sync_states.advance_watermark(run.shop_id, _as_time(run.window_end))
                if run.kind is SyncKind.HISTORY:
                    schedule_catch_up(uow, run, now)
            if release:
                uow.sync_states.release(run.shop_id, hold.owner)
            uow.commit()
            hold.run, hold.released = run, release
        if finished:
            log.info("sync run %s of shop %s succeeded: %d pages, %d orders seen, %d created, %d updated, "
                     "%d skipped", run.id, run.shop_id, run.pages_done, run.orders_seen, run.created, run.updated,
                     run.skipped)

    def _release(self, hold: _Hold) -> None:
        with self._uow() as uow:
            uow.sync_states.release(hold.run.shop_id, hold.owner)
            uow.commit()

    def _stop_for_reauthorization(self, run_id: str, fingerprint: str, err: TokenRevoked) -> None:
        """Temu refused the token this run read (``fingerprint``). When the shop was re-authorized
        meanwhile, the refusal was of the replaced token: the run goes on with the new one (its
        resume may already have been sent before it waited), and the new token stays."""
        with self._uow() as uow:
            run = uow.sync_runs.get(run_id)
            shop = uow.shops.get_for_update(run.shop_id)
            current = shop.credentials.get(shop.kind.order_token_kind)
            replaced = current is not None and current.fingerprint != fingerprint
            if not replaced:
                shop.revoke_token(shop.kind.order_token_kind, self._clock.now())
            run.wait_for_reauthorization(err.reason, uow.db_now())
            if replaced:
                run.resume()
            uow.commit()
        if replaced:
            log.info("sync run %s of shop %s goes on with the shop's new order token", run_id, run.shop_id)
            return
        log.info("shop %s: Temu says its order token expired or was replaced; sync run %s waits for "
                 "re-authorization", run.shop_id, run_id)

    def _retry_later(self, run_id: str, err: UpstreamUnavailable) -> RetryLater | Outcome:
        try:
            with self._uow() as uow:
                run = uow.sync_runs.get(run_id)
                now = uow.db_now()
                at = run.retry_later(f"{err.reason}: {err.message}", now, timedelta(seconds=err.retry_after_s))
                uow.commit()
        except ConcurrencyConflict:
            return Outcome.BUSY  # another worker took the run meanwhile: its retry is theirs
        code = err.details.get("temu_error_code")
        log.warning("sync run %s of shop %s: %s%s; retry %d at %s", run_id, run.shop_id, err.reason,
                    f" (Temu {code})" if code else "", run.retries, f"{at:%H:%M:%S}")
        return RetryLater(at - now)


@dataclass(slots=True)
class _Hold:
    """One call's hold on its run: the run as our last transaction committed it (clean, so the
    next one attaches it), the lease's owner, and whether the lease is freed."""

    run: SyncRun
    owner: str
    access: TemuAccess
    history_from: datetime | None
    fingerprint: str = ""  # of the order token the run read
    released: bool = False


class LeaseLost(Exception):
    """Another worker took the shop's lease (ours expired): stop without storing."""


def _as_time(seconds: int) -> datetime:
    return datetime.fromtimestamp(seconds, tz=timezone.utc)
