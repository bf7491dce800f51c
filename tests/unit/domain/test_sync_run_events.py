"""What a sync run tells the rest of the system (the outbox sends it): created, resumed, finished."""
from __future__ import annotations

from datetime import datetime, timezone

from domain.events import SyncRunCreated, SyncRunFinished, SyncRunResumed
from domain.sync import SyncKind, SyncRun, Window

NOW = datetime(2026, 11, 1, tzinfo=timezone.utc)


def new_run() -> SyncRun:
    return SyncRun(id="r1", shop_id="s1", kind=SyncKind.HISTORY, slot_start=NOW, window=Window(0, 10), now=NOW)


def test_a_new_run_says_it_was_created_and_a_finished_one_that_it_finished():
    run = new_run()
    run.start(NOW)
    run.succeed(NOW)
    assert run.events == [SyncRunCreated("r1", "s1", "HISTORY"), SyncRunFinished("r1", "s1", "SUCCEEDED")]


def test_only_a_run_waiting_for_reauthorization_is_resumed():
    run = new_run()
    run.events.clear()
    run.resume()
    assert run.events == []
    run.wait_for_reauthorization("TOKEN_EXPIRED")
    run.resume()
    run.resume()
    assert run.events == [SyncRunResumed("r1", "s1", "HISTORY")]


def test_a_stalled_run_is_asked_for_again_but_a_finished_or_waiting_one_is_not():
    stalled, finished, waiting = new_run(), new_run(), new_run()
    finished.fail(NOW, "the shop is disabled or gone")
    waiting.wait_for_reauthorization("TOKEN_EXPIRED")
    for run in (stalled, finished, waiting):
        run.events.clear()
        run.nudge()
    assert (stalled.events, finished.events, waiting.events) == ([SyncRunResumed("r1", "s1", "HISTORY")], [], [])
