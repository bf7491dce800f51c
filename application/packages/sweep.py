"""SweepPackages: the schedule of packages in flight (FUL-1, FUL-2), for the scheduler.

One mechanism for both the tracking sync and the safety net: every package in flight carries
``next_check_at`` (``domain.package``), and each round hands the due ones out, oldest due first,
at most ``batch`` of them: a package still to push (or an own-warehouse label to poll) to the
push worker one by one; pushed 3PL and FBA packages to the tracking worker in groups of one
warehouse, at most ``group`` a group, so that each group is one batch read at the provider
(``PushPackage.track``). A package whose message was lost, whose worker was killed mid-push, or
that waits days at a 3PL for its parcel to leave, is looked at when due.

- Each package handed out is made due again ``lease`` later in the same statement, so it is
  handed out once per lease whatever the queue's backlog; the worker's look sets its real next
  time. A send that fails after the commit costs one lease, never the package.
- Several schedulers: the caller runs a round once per job slot (``JobSlots.claim``).
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import timedelta

from application.packages.push_package import BATCHED
from application.ports.clock import Clock
from application.ports.unit_of_work import UnitOfWorkFactory
from domain.package import UNATTENDED_AFTER, PackageState
from domain.warehouse import WarehouseKind

log = logging.getLogger("erp.packages")
BATCH = 500
# Packages a tracking group, by warehouse kind: Goodcang's tracking query takes 50 orders; each
# Amazon group makes one pass over the account's change list (its pages shared by the whole
# group), so few large groups, yet small enough that the shipped ones' reads (2/s) fit the actor's
# time limit.
GROUP = {WarehouseKind.THIRD_PARTY: 50, WarehouseKind.FBA: 200}
TRACKED = frozenset({PackageState.PUSHED, PackageState.LABELLED})


@dataclass(frozen=True, slots=True)
class Due:
    push: list[str] = field(default_factory=list)  # one push message each, to its kind's actor
    track: list[list[str]] = field(default_factory=list)  # one tracking message a group
    kinds: dict[str, WarehouseKind] = field(default_factory=dict)  # package id -> its warehouse's kind

    def __bool__(self) -> bool:
        return bool(self.push or self.track)


class SweepPackages:
    def __init__(self, uow: UnitOfWorkFactory, clock: Clock, *, batch: int = BATCH, group: int | None = None,
                 lease: timedelta = UNATTENDED_AFTER) -> None:
        self._uow, self._clock, self._batch, self._group, self._lease = uow, clock, batch, group, lease

    def execute(self) -> Due:
        """The packages to push now, and the groups to track now."""
        now = self._clock.now()
        push: list[str] = []
        groups: dict[str, list[str]] = {}
        with self._uow() as uow:
            due = uow.packages.lease_due(now, now + self._lease, self._batch)
            kinds = {}
            for warehouse_id in {d.warehouse_id for d in due if d.warehouse_id}:
                warehouse = uow.warehouses.get(warehouse_id)
                kinds[warehouse_id] = warehouse.kind if warehouse is not None else None
            uow.commit()
        for package in due:
            if package.state in TRACKED and kinds.get(package.warehouse_id) in BATCHED:
                groups.setdefault(package.warehouse_id or "", []).append(package.id)
            else:
                push.append(package.id)
        track: list[list[str]] = []
        for warehouse_id, ids in groups.items():
            size = self._group or GROUP[kinds[warehouse_id]]
            track += [ids[start:start + size] for start in range(0, len(ids), size)]
        found = Due(push, track, {d.id: kinds[d.warehouse_id] for d in due
                                  if d.warehouse_id and kinds[d.warehouse_id] is not None})
        if found:
            log.info("package sweep: %d package(s) to push, %d to track in %d group(s)", len(push),
                     len(due) - len(push), len(found.track))
        return found
