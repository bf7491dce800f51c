"""Walk a sync window's pages ahead of the storing: a fetcher thread follows the cursor while
the caller stores what has arrived, several pages per transaction when several are waiting.

The cursor moves by update time (``next_cursor``); the total the window had on its first page
(``cursor_total_after``, the same rule ``SyncRun.record_page`` keeps) tells when paging by
number must start again. Both follow from the pages alone, so the fetcher needs nothing stored.
"""
from __future__ import annotations

import contextvars
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass

from application.ports.temu import OrderPage
from domain.sync import Window, cursor_total_after

PREFETCH_DEPTH = 6  # pages fetched and waiting at most (a page of 100 orders is ~0.5 MB parsed)


@dataclass(frozen=True, slots=True)
class Cursor:
    window: Window
    page_no: int
    first_total: int


@dataclass(frozen=True, slots=True)
class Step:
    """One fetched page and where the walk goes after it (``next_end`` None: the window is done)."""

    page: OrderPage
    next_end: int | None
    next_page: int
    number: int  # 1 for the first page of this walk

    @property
    def last_of_window(self) -> bool:
        return self.next_end is None


def next_cursor(page: OrderPage, window: Window, page_no: int, first_total: int = 0) -> tuple[int | None, int]:
    """Walk down by update time rather than by page number, so orders that change while we page
    (and so leave the window) cannot shift another order past us. Orders at the boundary second
    are read again; upserts make that harmless. Only a page full of one second pages by number,
    and if the window lost orders meanwhile (the total fell), that paging starts again."""
    if page_no > 1 and page.total < first_total:
        return window.end, 1
    if not page.has_more:
        return None, 1
    oldest = min(page.update_times, default=window.end)
    if oldest < window.end:
        return oldest, 1
    return window.end, page_no + 1


class PageWalk:
    """Up to ``limit`` pages from ``start``, fetched in order by one thread. ``take`` hands them
    out in the same order; an error of a fetch (``TokenRevoked``…) is raised by the ``take``
    after the pages fetched before it. ``close`` stops the thread (a fetch under way finishes)."""

    def __init__(self, fetch: Callable[[Window, int], OrderPage], start: Cursor, limit: int,
                 depth: int = PREFETCH_DEPTH) -> None:
        self._fetch, self._limit = fetch, limit
        self._ready: queue.Queue[Step | BaseException] = queue.Queue(maxsize=depth)
        self._held: BaseException | None = None
        self._stop = threading.Event()
        # NOTE: in a copy of the caller's context, so the fetches continue its trace
        self._thread = threading.Thread(target=contextvars.copy_context().run, args=(self._run, start),
                                        name="temu-prefetch", daemon=True)
        self._thread.start()

    def take(self, most: int) -> list[Step]:
        """The next page (waiting for it), and up to ``most - 1`` more that are already here."""
        if self._held is not None:
            raise self._held
        steps = [self._unwrap(self._ready.get())]
        while len(steps) < most and not steps[-1].last_of_window and steps[-1].number < self._limit:
            try:
                item = self._ready.get_nowait()
            except queue.Empty:
                break
            if isinstance(item, BaseException):
                self._held = item
                break
            steps.append(item)
        return steps

    def close(self) -> None:
        self._stop.set()
        self._thread.join()

    def _unwrap(self, item: Step | BaseException) -> Step:
        if isinstance(item, BaseException):
            self._held = item
            raise item
        return item

    def _run(self, cursor: Cursor) -> None:
        for number in range(1, self._limit + 1):
            try:
                page = self._fetch(cursor.window, cursor.page_no)
                next_end, next_page = next_cursor(page, cursor.window, cursor.page_no, cursor.first_total)
                total = cursor_total_after(cursor.page_no, cursor.first_total, next_page, page.total)
                after = None if next_end is None else Cursor(Window(cursor.window.start, next_end), next_page, total)
            except BaseException as err:  # noqa: BLE001 - handed to the storing thread, which waits for it
                self._put(err)
                return
            if not self._put(Step(page, next_end, next_page, number)) or after is None:
                return
            cursor = after

    def _put(self, item: Step | BaseException) -> bool:
        while not self._stop.is_set():
            try:
                self._ready.put(item, timeout=0.05)
                return True
            except queue.Full:
                continue
        return False
