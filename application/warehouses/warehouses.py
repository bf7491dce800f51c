"""Registering warehouses of the three kinds, and taking one out of (or back into) service."""
from __future__ import annotations

import logging
import uuid

from application.idempotency import RequestIds, request_hash
from application.ports.clock import Clock
from application.ports.unit_of_work import UnitOfWorkFactory
from application.warehouses.commands import RegisterWarehouseCommand, SetWarehouseActiveCommand
from application.warehouses.views import WarehouseView, visible_warehouse, warehouse_view
from domain.errors import FieldViolation, ValidationFailed
from domain.principal import Principal
from domain.warehouse import Warehouse, WarehouseKind

log = logging.getLogger(__name__)


class RegisterWarehouse:
    """- A shop owner registers warehouses for themselves; an administrator for anyone.
    - An own warehouse (自建海外仓) names a carrier account of the same owner, an address and a
      return address (the address when none is given).
    - A third-party or FBA warehouse names its provider account and the provider's warehouse
      code; the providers themselves are connected in the next issue.
    """

    def __init__(self, uow: UnitOfWorkFactory, clock: Clock) -> None:
        self._uow, self._clock = uow, clock

    def execute(self, cmd: RegisterWarehouseCommand) -> WarehouseView:
        owner = cmd.owner_id or cmd.principal.id
        cmd.principal.check_may_act_for(owner)
        ids = RequestIds("RegisterWarehouse", cmd.principal.id, cmd.request_id, request_hash(owner, repr(cmd)[:4000]))
        with self._uow() as uow:
            if (replayed := ids.replayed(uow)) is not None:
                return warehouse_view(uow.warehouses.get(replayed))
            warehouse = self._new(uow, cmd, owner)
            uow.warehouses.add(warehouse)
            ids.remember(uow, warehouse.id)
            uow.commit()
        log.info("warehouse %s registered for owner %s (%s)", warehouse.id, warehouse.owner_id, warehouse.kind.value)
        return warehouse_view(warehouse)

    def _new(self, uow, cmd: RegisterWarehouseCommand, owner: str) -> Warehouse:
        now, new_id = self._clock.now(), str(uuid.uuid4())
        if cmd.kind is not WarehouseKind.OWN:
            return Warehouse.register_provided(id=new_id, owner_id=owner, name=cmd.name, kind=cmd.kind,
                                               provider_account_id=cmd.provider_account_id,
                                               provider_warehouse_code=cmd.provider_warehouse_code, now=now)
        if cmd.address is None:
            raise ValidationFailed("An own warehouse needs its address.", [FieldViolation("address", "required")])
        account = uow.carrier_accounts.get(cmd.carrier_account_id) if cmd.carrier_account_id else None
        if cmd.carrier_account_id and (account is None or account.owner_id != owner):
            raise ValidationFailed(f"Carrier account '{cmd.carrier_account_id}' is not one of the owner's: add it "
                                   "first (AddCarrierAccount) or name another.",
                                   [FieldViolation("carrier_account", "no such carrier account of this owner")])
        return Warehouse.register_own(id=new_id, owner_id=owner, name=cmd.name, address=cmd.address,
                                      return_address=cmd.return_address,
                                      carrier_account_id=cmd.carrier_account_id, now=now)


class SetWarehouseActive:
    """A deactivated warehouse takes no new packages; those already routed there keep it."""

    def __init__(self, uow: UnitOfWorkFactory, clock: Clock) -> None:
        self._uow, self._clock = uow, clock

    def execute(self, cmd: SetWarehouseActiveCommand) -> WarehouseView:
        with self._uow() as uow:
            warehouse = visible_warehouse(uow.warehouses.get(cmd.warehouse_id), cmd.principal, cmd.warehouse_id)
            if warehouse.active != cmd.active:
                (warehouse.activate if cmd.active else warehouse.deactivate)(self._clock.now())
                uow.commit()
                log.info("warehouse %s %s", warehouse.id, "activated" if cmd.active else "deactivated")
            return warehouse_view(warehouse)


class GetWarehouse:
    def __init__(self, uow: UnitOfWorkFactory) -> None:
        self._uow = uow

    def execute(self, principal: Principal, warehouse_id: str) -> WarehouseView:
        with self._uow() as uow:
            return warehouse_view(visible_warehouse(uow.warehouses.get(warehouse_id), principal, warehouse_id))
