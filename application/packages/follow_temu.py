"""FollowTemu: packages follow what Temu did to their order (the ``packages.follow_order`` worker).

- Cancelled (or shipped outside this ERP) before its label: the order's packages are cancelled
  and never pushed; orders merged with it get a package of their own again.
- After: its packages are flagged STOP_PARCEL for a person to stop the parcel.
- A new address: merged packages not yet pushed are undone (one address per package); pushed
  ones are flagged ADDRESS_CHANGED_AFTER_PUSH.
Idempotent: a second delivery finds nothing left to change.
"""
from __future__ import annotations

from application.packages.loading import load_packing, store
from application.ports.clock import Clock
from application.ports.unit_of_work import UnitOfWorkFactory


class FollowTemu:
    def __init__(self, uow: UnitOfWorkFactory, clock: Clock) -> None:
        self._uow, self._clock = uow, clock

    def execute(self, order_id: str, *, address_changed: bool = False) -> None:
        with self._uow() as uow:
            if uow.orders.get(order_id) is None:
                return
            packing = load_packing(uow, [order_id], self._clock.now())
            if not packing.packages:
                return
            packing.follow_temu(order_id, address_changed=address_changed)
            store(uow, packing)
            uow.commit()
