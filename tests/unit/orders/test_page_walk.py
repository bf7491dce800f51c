"""The fetcher walks a window's pages ahead of the storing, in cursor order, and hands them out
with whatever else has already arrived; a failed fetch surfaces after the pages before it."""
from __future__ import annotations

import threading
from datetime import datetime, timezone

import pytest

from application.orders.page_walk import Cursor, PageWalk, Step
from application.ports.temu import OrderPage
from domain.errors import TokenRevoked
from domain.platform_order import PlatformOrder
from domain.sync import Window

WINDOW = Window(0, 10_000)


def _order(updated: int) -> PlatformOrder:
    moment = datetime.fromtimestamp(updated, tz=timezone.utc)
    return PlatformOrder(f"PO-211-{updated:08d}", 2, 211, 100, moment, moment, None, (), ())


class Temu:
    """Seven orders updated 500 s apart, two to a page, newest first; each fetch waits for
    ``gate`` when one is given, and fetch number ``fail_on`` fails."""

    TIMES = [9_000 - 500 * i for i in range(7)]

    def __init__(self, fail_on: int | None = None, gate: threading.Event | None = None) -> None:
        self.asked: list[tuple[int, int]] = []
        self.fail_on, self.gate = fail_on, gate

    def fetch(self, window: Window, page_no: int) -> OrderPage:
        if self.gate is not None:
            assert self.gate.wait(5)
        self.asked.append((window.end, page_no))
        if len(self.asked) == self.fail_on:
            raise TokenRevoked("the order token was replaced", reason="TOKEN_REPLACED")
        inside = [t for t in self.TIMES if window.start <= t <= window.end]
        return OrderPage([_order(t) for t in inside[(page_no - 1) * 2:page_no * 2]], [], len(inside), page_no, 2)


def take_all(walk: PageWalk, most: int) -> list[list[Step]]:
    batches = []
    while not batches or not (batches[-1][-1].last_of_window or batches[-1][-1].number == 20):
        batches.append(walk.take(most))
    return batches


def test_pages_come_in_cursor_order_and_the_cursor_walks_down_by_update_time():
    temu = Temu()
    walk = PageWalk(temu.fetch, Cursor(WINDOW, 1, 0), limit=20)
    try:
        steps = [s for batch in take_all(walk, 1) for s in batch]
    finally:
        walk.close()
    assert [s.number for s in steps] == list(range(1, len(steps) + 1))
    assert temu.asked[0] == (WINDOW.end, 1)
    assert [end for end, _ in temu.asked[1:]] == [s.next_end for s in steps[:-1]]
    assert steps[-1].last_of_window


def test_pages_already_fetched_are_handed_out_together_up_to_the_batch_size():
    gate = threading.Event()
    temu = Temu(gate=gate)
    walk = PageWalk(temu.fetch, Cursor(WINDOW, 1, 0), limit=20, depth=3)
    try:
        gate.set()
        while len(temu.asked) < 4:  # the fetcher runs ahead: three pages wait, the fourth is fetched
            threading.Event().wait(0.01)
        assert [s.number for s in walk.take(2)] == [1, 2]
        while len(temu.asked) < 6:  # pages 3 to 5 wait, the sixth and last is fetched
            threading.Event().wait(0.01)
        assert [s.number for s in walk.take(10)] == [3, 4, 5]
        last = walk.take(10)
        assert [s.number for s in last] == [6] and last[0].last_of_window
    finally:
        walk.close()


def test_a_failed_fetch_is_raised_after_the_pages_fetched_before_it_and_then_again():
    temu = Temu(fail_on=2)
    walk = PageWalk(temu.fetch, Cursor(WINDOW, 1, 0), limit=20)
    try:
        assert [s.number for s in walk.take(5)] == [1]
        with pytest.raises(TokenRevoked):
            walk.take(5)
        with pytest.raises(TokenRevoked):
            walk.take(5)
    finally:
        walk.close()


def test_closing_stops_the_fetcher_though_pages_are_left_unread():
    temu = Temu()
    walk = PageWalk(temu.fetch, Cursor(WINDOW, 1, 0), limit=20, depth=1)
    walk.take(1)
    walk.close()
    asked = len(temu.asked)
    threading.Event().wait(0.1)
    assert len(temu.asked) == asked <= 3


def test_a_deferred_page_reads_its_items_once_and_only_when_asked():
    reads = []

    def read():
        reads.append(threading.current_thread().name)
        return [_order(5)], [("PO-211-9", "BAD_PARENT_ORDER_STATUS")]

    page = OrderPage.deferred(read, (5, 7), total=2, page_number=1, page_size=100)
    assert reads == [] and page.update_times == (5, 7) and not page.has_more
    assert [o.parent_order_sn for o in page.orders] == ["PO-211-00000005"]
    assert page.skipped == [("PO-211-9", "BAD_PARENT_ORDER_STATUS")]
    assert reads == [threading.current_thread().name]


def test_a_page_the_cursor_cannot_follow_surfaces_as_an_error_instead_of_leaving_the_storing_waiting():
    walk = PageWalk(lambda window, page_no: None, Cursor(WINDOW, 1, 0), limit=20)
    try:
        with pytest.raises(AttributeError):
            walk.take(1)
    finally:
        walk.close()
