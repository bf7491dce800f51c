"""Logistics channels: a carrier service enabled in a warehouse, or disabled again."""
from __future__ import annotations

import logging
import uuid

from application.idempotency import RequestIds, request_hash
from application.ports.carrier import CarrierGateway, CarrierService
from application.ports.clock import Clock
from application.ports.unit_of_work import UnitOfWorkFactory
from application.warehouses.carrier_accounts import offered_services
from application.warehouses.commands import DisableChannelCommand, EnableChannelCommand
from application.warehouses.views import ChannelView, channel_not_found, channel_view, visible_warehouse
from domain.channel import LogisticsChannel, channel_already_enabled, checked_temu_carriers
from domain.errors import FieldViolation, ValidationFailed
from domain.warehouse import WarehouseKind

log = logging.getLogger(__name__)
MAX_SERVICES_NAMED = 10


class EnableChannel:
    """- An own warehouse enables only a service its carrier account offers, as the carrier says
      when asked now; an unknown token is refused with the ones on offer.
    - A third-party or FBA warehouse's channel code (shipping method, shipping speed) is taken
      as given: its provider checks it when the provider is connected (next issue).
    - One channel per service and warehouse; a disabled one is enabled again, with the new settings.
    """

    def __init__(self, uow: UnitOfWorkFactory, carriers: CarrierGateway, clock: Clock) -> None:
        self._uow, self._carriers, self._clock = uow, carriers, clock

    def execute(self, cmd: EnableChannelCommand) -> ChannelView:
        checked_temu_carriers(cmd.temu_carriers)  # before asking the carrier anything
        ids = RequestIds("EnableChannel", cmd.principal.id, cmd.request_id, request_hash(repr(cmd)[:4000]))
        with self._uow() as uow:
            if (replayed := ids.replayed(uow)) is not None:
                return channel_view(uow.channels.get(replayed))
            warehouse = visible_warehouse(uow.warehouses.get(cmd.warehouse_id), cmd.principal, cmd.warehouse_id)
            warehouse.check_can_take_packages()
            _check_not_enabled(uow, cmd)
            credentials = (uow.carrier_accounts.credentials(warehouse.carrier_account_id)
                           if warehouse.kind is WarehouseKind.OWN else None)
        service = (_offered(offered_services(self._carriers, credentials), cmd.service_token) if credentials
                   else CarrierService(carrier="", token=cmd.service_token.strip(), name=cmd.service_token.strip()))
        with self._uow() as uow:
            channel = self._enable(uow, cmd, service)
            ids.remember(uow, channel.id)
            uow.commit()
        log.info("channel %s enabled in warehouse %s (%s, %s)", channel.id, channel.warehouse_id, channel.service_token,
                 channel.label_format.value)
        return channel_view(channel)

    def _enable(self, uow, cmd: EnableChannelCommand, service: CarrierService) -> LogisticsChannel:
        now, name = self._clock.now(), cmd.name.strip() or _default_name(service)
        existing = uow.channels.by_service(cmd.warehouse_id, service.token)
        if existing is not None:
            existing.enable_again(name=name, label_format=cmd.label_format, temu_carriers=cmd.temu_carriers, now=now)
            return existing
        channel = LogisticsChannel.enable(id=str(uuid.uuid4()), warehouse_id=cmd.warehouse_id, name=name,
                                          carrier=service.carrier, service_token=service.token,
                                          label_format=cmd.label_format, temu_carriers=cmd.temu_carriers, now=now)
        uow.channels.add(channel)
        return channel


def _default_name(service: CarrierService) -> str:
    """"USPS Ground Advantage": the carrier's name is not always in the service's."""
    carrier = service.carrier.upper()
    return service.name if not carrier or service.name.upper().startswith(carrier) else f"{carrier} {service.name}"


def _check_not_enabled(uow, cmd: EnableChannelCommand) -> None:
    existing = uow.channels.by_service(cmd.warehouse_id, cmd.service_token.strip())
    if existing is not None and existing.active:
        raise channel_already_enabled(existing)


def _offered(services: list[CarrierService], token: str) -> CarrierService:
    found = next((s for s in services if s.token == token.strip()), None)
    if found is None:
        named = ", ".join(s.token for s in services[:MAX_SERVICES_NAMED]) + (", …" if len(services) > MAX_SERVICES_NAMED else "")
        raise ValidationFailed(f"The carrier account does not offer service '{token}'. It offers: {named or 'none'}.",
                               [FieldViolation("service_token", f"not offered by the account; offered: {named}"[:300])],
                               reason="SERVICE_NOT_OFFERED")
    return found


class DisableChannel:
    """No new package is routed to a disabled channel; packages already on it keep it."""

    def __init__(self, uow: UnitOfWorkFactory, clock: Clock) -> None:
        self._uow, self._clock = uow, clock

    def execute(self, cmd: DisableChannelCommand) -> ChannelView:
        with self._uow() as uow:
            channel = uow.channels.get(cmd.channel_id)
            if channel is None:
                raise channel_not_found(cmd.channel_id)
            warehouse = uow.warehouses.get(channel.warehouse_id)
            if not cmd.principal.can_see_shop(warehouse.owner_id):
                raise channel_not_found(cmd.channel_id)
            if channel.active:
                channel.disable(self._clock.now())
                uow.commit()
                log.info("channel %s of warehouse %s disabled", channel.id, channel.warehouse_id)
            return channel_view(channel)
