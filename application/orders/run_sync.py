"""RunSync: walk one sync run's window page by page, storing orders as it goes."""
from __future__ import annotations

import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone
from enum import Enum

from application.orders.store_page import store_orders
from application.ports import Clock, OrderPage, OrderSource, OrderWindow, TemuAccess, UnitOfWorkFactory
from domain.errors import PreconditionFailed, TokenRevoked
from domain.shop_kinds import ShopStatus, TokenKind
from domain.sync import SyncKind

PAGE_SIZE = 100
LEASE = timedelta(seconds=60)


class Outcome(str, Enum):
    DONE = "DONE"  # the run is finished (or was already)
    CONTINUE = "CONTINUE"  # more pages: send the run again, behind the other shops' work
    BUSY = "BUSY"  # another worker holds this shop: try later
    STOPPED = "STOPPED"  # waiting for re-authorization


class RunSync:
    """- Never two syncs of one shop at a time: a lease on the shop, renewed every page.
    - Each page is stored with the run's cursor in one transaction, so a crash loses nothing
      and a redelivered message resumes after the last stored page.
    - At most ``max_pages`` pages per call, so one big shop cannot starve the others.
    - A token Temu calls expired or replaced stops this shop only, after that one call.
    """

    def __init__(self, uow: UnitOfWorkFactory, source: OrderSource, clock: Clock, max_pages: int = 20,
                 page_size: int = PAGE_SIZE, lease: timedelta = LEASE) -> None:
        self._uow, self._source, self._clock, self._max_pages = uow, source, clock, max_pages
        self._page_size, self._lease = page_size, lease

    def execute(self, run_id: str) -> Outcome:
        owner = uuid.uuid4().hex
        access = self._begin(run_id, owner)
        if isinstance(access, Outcome):
            return access
        try:
            return self._walk(run_id, owner, access)
        except TokenRevoked as err:
            self._stop_for_reauthorization(run_id, err)
            return Outcome.STOPPED
        except LeaseLost:
            return Outcome.BUSY
        finally:
            with self._uow() as uow:
                run = uow.sync_runs.get(run_id)
                uow.sync_states.release(run.shop_id, owner)
                uow.commit()

    def shop_id_of(self, run_id: str) -> str | None:
        with self._uow() as uow:
            run = uow.sync_runs.get(run_id)
            return run.shop_id if run is not None else None

    def _begin(self, run_id: str, owner: str) -> TemuAccess | Outcome:
        with self._uow() as uow:
            run = uow.sync_runs.get(run_id)
            if run is None or run.done:
                return Outcome.DONE
            shop = uow.shops.get(run.shop_id)
            now = uow.db_now()
            if shop is None or (shop.status is ShopStatus.DISABLED and run.kind is SyncKind.INCREMENTAL):
                run.fail(now, "the shop is disabled or gone")
                uow.commit()
                return Outcome.DONE
            if not uow.sync_states.claim(run.shop_id, run.id, owner, now, now + self._lease):
                return Outcome.BUSY
            try:
                cred = shop.usable_token(TokenKind.ORDER, self._clock.now())
            except PreconditionFailed as err:
                run.wait_for_reauthorization(err.reason)
                uow.sync_states.release(run.shop_id, owner)
                uow.commit()
                return Outcome.STOPPED
            run.start(now)
            access = TemuAccess(shop.id, shop.region, shop.kind, uow.vault.get(shop.id, cred.kind))
            uow.commit()
            return access

    def _walk(self, run_id: str, owner: str, access: TemuAccess) -> Outcome:
        """Fetch and store up to ``max_pages`` pages. Each next page is asked for while the
        current one is stored (its window follows from the current page alone), so Temu's
        answer time and our storing overlap."""
        with self._uow() as uow:
            run = uow.sync_runs.get(run_id)
            window, page_no, first_total = OrderWindow(run.window_start, run.cursor_end), run.cursor_page, run.cursor_total
            state = uow.sync_states.get(run.shop_id)  # its history horizon never moves
            history_from = state.history_from if state else None
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="temu-prefetch") as pool:
            pending = pool.submit(self._source.list_orders, access, window, page_no, self._page_size)
            for left in range(self._max_pages, 0, -1):
                page = pending.result()
                next_end, next_page = next_cursor(page, window, page_no, first_total)
                if next_end is not None and left > 1:
                    following = OrderWindow(window.start, next_end)
                    pending = pool.submit(self._source.list_orders, access, following, next_page, self._page_size)
                first_total = self._store(run_id, owner, page, next_end, next_page, history_from)
                if next_end is None:
                    return Outcome.DONE
                window, page_no = OrderWindow(window.start, next_end), next_page
        return Outcome.CONTINUE

    def _store(self, run_id: str, owner: str, page: OrderPage, next_end: int | None, next_page: int,
               history_from: datetime | None) -> int:
        """Store one page with the run's new cursor, in one transaction; returns the run's
        ``cursor_total`` for reading the next page."""
        with self._uow() as uow:
            run = uow.sync_runs.get(run_id)
            now = uow.db_now()
            if not uow.sync_states.claim(run.shop_id, run.id, owner, now, now + self._lease):
                raise LeaseLost(run.shop_id)
            counts = store_orders(uow, run.shop_id, page.orders, history_from, now)
            for sn, reason in page.skipped:
                uow.sync_runs.record_problem(run.id, sn, reason, now)
            run.record_page(next_end=next_end, next_page=next_page, total=page.total,
                            seen=len(page.orders) + len(page.skipped), created=counts.created,
                            updated=counts.updated, skipped=len(page.skipped), page_size=self._page_size)
            if next_end is None:
                run.succeed(now)
                if run.kind is not SyncKind.REPLAY:
                    uow.sync_states.advance_watermark(run.shop_id, _as_time(run.window_end))
            uow.commit()
            return run.cursor_total

    def _stop_for_reauthorization(self, run_id: str, err: TokenRevoked) -> None:
        with self._uow() as uow:
            run = uow.sync_runs.get(run_id)
            shop = uow.shops.get_for_update(run.shop_id)
            shop.token_revoked(shop.usable_kind(TokenKind.ORDER), self._clock.now())
            run.wait_for_reauthorization(err.reason)
            uow.commit()


class LeaseLost(Exception):
    """Another worker took the shop's lease (ours expired): stop without storing."""


def next_cursor(page: OrderPage, window: OrderWindow, page_no: int, first_total: int = 0) -> tuple[int | None, int]:
    """Walk down by update time rather than by page number, so orders that change while we page
    (and so leave the window) cannot shift another order past us. Orders at the boundary second
    are read again; upserts make that harmless. Only a page full of one second pages by number,
    and if the window lost orders meanwhile (the total fell), that paging starts again."""
    if page_no > 1 and page.total < first_total:
        return window.end, 1
    if not page.has_more:
        return None, 1
    times = [int(o.updated_at.timestamp()) for o in page.orders]
    oldest = min(times) if times else window.end
    if oldest < window.end:
        return oldest, 1
    return window.end, page_no + 1


def _as_time(seconds: int) -> datetime:
    return datetime.fromtimestamp(seconds, tz=timezone.utc)
