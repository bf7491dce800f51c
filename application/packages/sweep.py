"""SweepPackages: the schedule of packages in flight (FUL-1, FUL-2), for the scheduler.

One mechanism for both the tracking sync and the safety net: every package in flight carries
``next_check_at`` (``domain.package``), and each round hands the due ones to the push worker,
oldest due first, at most ``batch`` of them. A package whose message was lost, whose worker was
killed mid-push, or that waits days at a 3PL for its parcel to leave, is looked at when due.

- Each package handed out is made due again ``lease`` later in the same statement, so it is
  handed out once per lease whatever the queue's backlog; the worker's look sets its real next
  time. A send that fails after the commit costs one lease, never the package.
- Several schedulers: the caller runs a round once per job slot (``JobSlots.claim``).
"""
from __future__ import annotations

import logging
from datetime import timedelta

from application.ports.clock import Clock
from application.ports.unit_of_work import UnitOfWorkFactory
from domain.package import UNATTENDED_AFTER

log = logging.getLogger("erp.packages")
BATCH = 500


class SweepPackages:
    def __init__(self, uow: UnitOfWorkFactory, clock: Clock, *, batch: int = BATCH,
                 lease: timedelta = UNATTENDED_AFTER) -> None:
        self._uow, self._clock, self._batch, self._lease = uow, clock, batch, lease

    def execute(self) -> list[str]:
        """The ids of the packages to push now."""
        now = self._clock.now()
        with self._uow() as uow:
            due = uow.packages.lease_due(now, now + self._lease, self._batch)
            uow.commit()
        if due:
            log.info("package sweep: %d package(s) due", len(due))
        return due
