"""A run that cannot go on says why: its last error and when, failures in a row, the next attempt."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from domain.sync import RETRY_MOST, SyncKind, SyncRun, Window

NOW = datetime(2026, 11, 1, tzinfo=timezone.utc)


def test_transient_failures_back_off_doubling_up_to_a_cap_and_a_stored_page_clears_them():
    run = SyncRun(id="r1", shop_id="s1", kind=SyncKind.HISTORY, slot_start=NOW, window=Window(0, 10), now=NOW)
    waits = [run.retry_later("UPSTREAM_UNAVAILABLE: Temu is busy", NOW) - NOW for _ in range(10)]
    assert waits[:3] == [timedelta(seconds=2), timedelta(seconds=4), timedelta(seconds=8)]
    assert waits[-1] == RETRY_MOST and run.retries == 10
    assert run.last_error == "UPSTREAM_UNAVAILABLE: Temu is busy" and run.last_error_at == NOW
    assert run.retry_later("throttled", NOW, at_least=timedelta(hours=1)) == NOW + timedelta(hours=1)
    run.record_page(next_end=5, next_page=1, total=1, seen=1, created=1, updated=0, skipped=0, page_size=100)
    assert (run.retries, run.next_attempt_at, run.last_error) == (0, None, "throttled")


def test_waiting_for_reauthorization_is_not_a_retry():
    run = SyncRun(id="r1", shop_id="s1", kind=SyncKind.HISTORY, slot_start=NOW, window=Window(0, 10), now=NOW)
    run.retry_later("UPSTREAM_UNAVAILABLE", NOW)
    run.wait_for_reauthorization("TOKEN_UNREADABLE: the stored token does not decrypt", NOW + timedelta(minutes=1))
    assert run.next_attempt_at is None and run.last_error_at == NOW + timedelta(minutes=1)
