"""Order sync runs: one history, incremental or replay pass over a window of Temu update times.

A run walks its window from the newest update down (Temu sorts descending), keeping a cursor
(``cursor_end``) so that a crashed or stopped run resumes where it was, with no gap. Progress is
what a user follows as a long-running operation.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum

from domain.errors import PreconditionFailed
from domain.events import Event, SyncRunCreated, SyncRunFinished, SyncRunResumed

HISTORY_DAYS = 30  # ORD-2
DEFAULT_INTERVAL = timedelta(minutes=2)  # ORD-1: ours polls every 2 minutes, the reference 10
DEFAULT_OVERLAP = timedelta(minutes=5)  # re-read the edge of the last window: upserts make it harmless
MAX_REPLAY = timedelta(days=90)
RETRY_FIRST = timedelta(seconds=2)  # after a transient failure; doubled with each one in a row
RETRY_MOST = timedelta(minutes=2)


class SyncKind(str, Enum):
    HISTORY = "HISTORY"
    INCREMENTAL = "INCREMENTAL"
    REPLAY = "REPLAY"
    MANUAL = "MANUAL"  # "sync now"


class RunStatus(str, Enum):
    PENDING = "PENDING"
    RUNNING = "RUNNING"
    SUCCEEDED = "SUCCEEDED"
    FAILED = "FAILED"
    WAITING_REAUTH = "WAITING_REAUTH"  # the token expired or was replaced mid-run


FINISHED = frozenset({RunStatus.SUCCEEDED, RunStatus.FAILED})


@dataclass(frozen=True, slots=True)
class Window:
    """A closed interval of Temu update times, whole Unix seconds."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError("a window ends before it starts")


class SyncRun:
    def __init__(self, *, id: str, shop_id: str, kind: SyncKind, slot_start: datetime, window: Window,
                 now: datetime) -> None:
        self.id = id
        self.shop_id = shop_id
        self.kind = kind
        self.slot_start = slot_start
        self.window_start = window.start
        self.window_end = window.end
        self.cursor_end = window.end  # everything above cursor_end is done
        self.cursor_page = 1  # > 1 only while paging through many orders of one second
        self.cursor_total = 0  # the total Temu gave on page 1 of the current cursor window
        self.status = RunStatus.PENDING
        self.pages_done = 0
        self.pages_estimate = 0
        self.orders_seen = 0
        self.created = 0
        self.updated = 0
        self.skipped = 0
        self.errors: tuple[str, ...] = ()
        self.last_error_at: datetime | None = None
        self.retries = 0  # transient failures in a row since the last stored page
        self.next_attempt_at: datetime | None = None  # set while waiting to retry
        self.created_at = now
        self.started_at: datetime | None = None
        self.finished_at: datetime | None = None
        self.version = 1
        self.events: list[Event] = [SyncRunCreated(id, shop_id, kind.value)]

    # -- public commands ---------------------------------------------------------------------

    def start(self, now: datetime) -> None:
        if self.status in FINISHED:
            raise PreconditionFailed(f"Sync run {self.id} already finished.", reason="SYNC_RUN_FINISHED")
        self.status = RunStatus.RUNNING
        self.started_at = self.started_at or now

    def record_page(self, *, next_end: int | None, next_page: int, total: int, seen: int,
                    created: int, updated: int, skipped: int, page_size: int) -> None:
        """One page is stored. ``next_end`` None means the window is exhausted."""
        total_on_first = total if self.pages_done == 0 else None
        self.pages_done += 1
        if total_on_first is not None and self.pages_done == 1:
            self.pages_estimate = max(1, -(-total_on_first // page_size))
        self.orders_seen += seen
        self.created += created
        self.updated += updated
        self.skipped += skipped
        self.retries, self.next_attempt_at = 0, None
        if next_end is not None:
            self.cursor_total = cursor_total_after(self.cursor_page, self.cursor_total, next_page, total)
            self.cursor_end, self.cursor_page = next_end, next_page

    def succeed(self, now: datetime) -> None:
        self.status = RunStatus.SUCCEEDED
        self.finished_at = now
        self.events.append(SyncRunFinished(self.id, self.shop_id, self.status.value))

    def fail(self, now: datetime, error: str) -> None:
        self.status = RunStatus.FAILED
        self.note(error, now)
        self.finished_at = now
        self.next_attempt_at = None
        self.events.append(SyncRunFinished(self.id, self.shop_id, self.status.value))

    def wait_for_reauthorization(self, error: str, now: datetime | None = None) -> None:
        self.status = RunStatus.WAITING_REAUTH
        self.next_attempt_at = None
        self.note(error, now)

    def retry_later(self, error: str, now: datetime, at_least: timedelta = timedelta(0)) -> datetime:
        """A transient failure (Temu down or throttling us): the next attempt is due after a
        backoff that doubles with each failure in a row, at most ``RETRY_MOST``, and never
        sooner than ``at_least`` (what Temu asked for). Returns when."""
        self.retries += 1
        backoff = min(RETRY_MOST, RETRY_FIRST * 2 ** min(self.retries - 1, 16))
        self.next_attempt_at = now + max(backoff, at_least)
        self.note(error, now)
        return self.next_attempt_at

    def resume(self) -> bool:
        """True when the run was waiting for re-authorization and goes on now."""
        if self.status is not RunStatus.WAITING_REAUTH:
            return False
        self.status = RunStatus.PENDING
        self.events.append(SyncRunResumed(self.id, self.shop_id, self.kind.value))
        return True

    def nudge(self) -> None:
        """Nobody works on this unfinished run (its worker died, or its message was lost): ask again."""
        if not self.done and self.status is not RunStatus.WAITING_REAUTH:
            self.events.append(SyncRunResumed(self.id, self.shop_id, self.kind.value))

    def note(self, error: str, now: datetime | None = None) -> None:
        self.errors = (*self.errors, error)[-20:]
        self.last_error_at = now or self.last_error_at

    # -- public queries ----------------------------------------------------------------------

    @property
    def last_error(self) -> str | None:
        return self.errors[-1] if self.errors else None

    @property
    def done(self) -> bool:
        return self.status in FINISHED

    def percent(self) -> float:
        if self.status is RunStatus.SUCCEEDED:
            return 100.0
        span = max(1, self.window_end - self.window_start + 1)
        covered = self.window_end - self.cursor_end
        by_time = 100.0 * covered / span
        by_pages = 100.0 * self.pages_done / self.pages_estimate if self.pages_estimate else 0.0
        return round(min(99.0, max(by_time, by_pages)), 1)

    def remaining_window(self) -> Window:
        return Window(self.window_start, self.cursor_end)


def cursor_total_after(page_no: int, first_total: int, next_page: int, total: int) -> int:
    """The window's total to hold after a page: the one its first page showed while paging by
    number goes on (it tells when the window lost orders meanwhile), 0 when paging by number ends."""
    if next_page <= 1:
        return 0
    return total if page_no == 1 else first_total
