"""Periodic job slots are taken once across schedulers; the database clock is aware UTC."""
from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone

from .builders import NOW

THREADS = 20
JOB = "shops.check_token_expiry"


def claim(db, job: str, slot: datetime) -> bool:
    with db.uow() as uow:
        taken = uow.job_slots.claim(job, slot)
        uow.commit()
    return taken


def test_of_twenty_schedulers_claiming_one_job_slot_exactly_one_wins(db):
    start = threading.Barrier(THREADS)

    def attempt(_: int) -> bool:
        start.wait()
        return claim(db, JOB, NOW)

    with ThreadPoolExecutor(THREADS) as pool:
        assert list(pool.map(attempt, range(THREADS))).count(True) == 1


def test_each_job_and_each_slot_is_claimed_on_its_own(db):
    assert claim(db, JOB, NOW)
    assert claim(db, JOB, NOW + timedelta(minutes=1))
    assert claim(db, "orders.other_job", NOW)
    assert not claim(db, JOB, NOW)


def test_a_slot_claimed_in_a_rolled_back_unit_of_work_is_still_free(db):
    with db.uow() as uow:
        assert uow.job_slots.claim(JOB, NOW)
    assert claim(db, JOB, NOW)


def test_the_database_clock_is_aware_utc_and_close_to_this_machines_clock(db):
    with db.uow() as uow:
        moment = uow.db_now()
    assert moment.utcoffset() == timedelta(0)
    assert abs(moment - datetime.now(timezone.utc)) < timedelta(seconds=2)
