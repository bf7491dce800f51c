"""Adopting a provider's warehouse: the ERP warehouse (THIRD_PARTY for Goodcang, FBA for Amazon)
with the provider account and warehouse code, and a channel per shipping method or speed,
through the RegisterWarehouse and EnableChannel use cases."""
from __future__ import annotations

import logging
from dataclasses import dataclass

from application.warehouses.channels import EnableChannel
from application.warehouses.commands import EnableChannelCommand, RegisterWarehouseCommand
from application.warehouses.provider_accounts import ProviderQueries
from application.warehouses.views import ChannelView, WarehouseView, channel_view, warehouse_view
from application.warehouses.warehouses import RegisterWarehouse
from application.ports.unit_of_work import UnitOfWorkFactory
from domain.errors import FieldViolation, ValidationFailed
from domain.principal import Principal
from domain.warehouse import LabelFormat, WarehouseKind

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class AdoptProviderWarehouseCommand:
    principal: Principal
    account_id: str
    warehouse_code: str  # Goodcang's warehouse code; for Amazon its marketplace id (or "")
    name: str = ""  # "": the provider's name of the warehouse
    channel_codes: tuple[str, ...] = ()  # (): every channel the provider offers there
    request_id: str | None = None


@dataclass(frozen=True, slots=True)
class AdoptedWarehouse:
    warehouse: WarehouseView
    channels: list[ChannelView]


class AdoptProviderWarehouse:
    """- The warehouse code and channel codes must be ones the provider offers now; a wrong one
      is INVALID_ARGUMENT listing those on offer.
    - Adopting again the same provider warehouse reuses the ERP warehouse and enables the
      channels it lacks: a retry never makes a second warehouse.
    """

    def __init__(self, uow: UnitOfWorkFactory, queries: ProviderQueries, register: RegisterWarehouse,
                 enable: EnableChannel) -> None:
        self._uow, self._queries, self._register, self._enable = uow, queries, register, enable

    def execute(self, cmd: AdoptProviderWarehouseCommand) -> AdoptedWarehouse:
        account, _ = self._queries.credentials(cmd.principal, cmd.account_id)
        offered = self._queries.warehouses(cmd.principal, cmd.account_id)
        code = cmd.warehouse_code.strip() or (account.marketplace_id if account.kind == "AMAZON" else "")
        found = next((w for w in offered.warehouses if w.code == code), None)
        if found is None:
            codes = ", ".join(w.code for w in offered.warehouses) or "none"
            raise ValidationFailed(f"The provider has no warehouse '{code}' on this account; it offers: {codes}.",
                                   [FieldViolation("warehouse_code", f"one of {codes}"[:300])],
                                   reason="PROVIDER_WAREHOUSE_NOT_OFFERED")
        channels = [c for c in offered.channels if c.warehouse_code == code]
        if cmd.channel_codes:
            on_offer = {c.code for c in channels}
            bad = [i for i, c in enumerate(cmd.channel_codes) if c not in on_offer]
            if bad:
                raise ValidationFailed(f"The provider offers no such channel at {code}; it offers: "
                                       f"{', '.join(sorted(on_offer)) or 'none'}.",
                                       [FieldViolation(f"channel_codes[{i}]", "not offered at this warehouse")
                                        for i in bad], reason="SERVICE_NOT_OFFERED")
            channels = [c for c in channels if c.code in cmd.channel_codes]
        warehouse = self._existing(account.owner_id, account.id, code) or self._register.execute(
            RegisterWarehouseCommand(cmd.principal, (cmd.name.strip() or found.name)[:64],
                                     WarehouseKind.FBA if account.kind == "AMAZON" else WarehouseKind.THIRD_PARTY,
                                     provider_account_id=account.id, provider_warehouse_code=code,
                                     owner_id=account.owner_id, request_id=cmd.request_id))
        enabled = [self._channel(cmd.principal, warehouse.id, c.code, c.name) for c in channels]
        log.info("provider warehouse %s of account %s adopted as warehouse %s with %d channels", code, account.id,
                 warehouse.id, len(enabled))
        return AdoptedWarehouse(warehouse, enabled)

    def _existing(self, owner_id: str, account_id: str, code: str) -> WarehouseView | None:
        with self._uow() as uow:
            for w in uow.warehouses.list_for(owner_id):
                if w.provider_account_id == account_id and w.provider_warehouse_code == code:
                    return warehouse_view(w)
        return None

    def _channel(self, principal: Principal, warehouse_id: str, code: str, name: str) -> ChannelView:
        with self._uow() as uow:
            existing = uow.channels.by_service(warehouse_id, code)
            if existing is not None and existing.active:
                return channel_view(existing)
        # NOTE: the label format is the own warehouse's concern; the provider prints its own labels.
        return self._enable.execute(EnableChannelCommand(principal, warehouse_id, code, LabelFormat.PDF_4X6,
                                                         name=name[:64]))
