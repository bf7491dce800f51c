"""A logistics channel (物流渠道): one carrier service a warehouse ships with (FUL-4).

- The service is one the warehouse's carrier account offers (checked when it is enabled).
- One channel per (warehouse, service): enabling a service twice is refused, enabling a
  disabled one again brings it back with the new settings.
- Each channel says how its labels are printed and, per Temu region, which carrier Temu is told
  about when tracking numbers are uploaded; at most one Temu carrier per region.
"""
from __future__ import annotations

import re
from datetime import datetime

from domain.errors import AlreadyExists, FieldViolation, PreconditionFailed, ValidationFailed
from domain.events import Event, TemuCarrierMapped
from domain.warehouse import LabelFormat, TemuCarrier, checked_name

_PRINTABLE = re.compile(r"^[^\x00-\x1f\x7f]*$")


def checked_temu_carriers(carriers: tuple[TemuCarrier, ...]) -> tuple[TemuCarrier, ...]:
    violations = []
    seen: set[int] = set()
    for i, c in enumerate(carriers):
        if c.region_id <= 0:
            violations.append(FieldViolation(f"temu_carriers[{i}].region_id", "a Temu region id, above 0"))
        elif c.region_id in seen:
            violations.append(FieldViolation(f"temu_carriers[{i}].region_id",
                                             f"region {c.region_id} is given twice: one Temu carrier per region"))
        seen.add(c.region_id)
        if c.carrier_id <= 0:
            violations.append(FieldViolation(f"temu_carriers[{i}].carrier_id", "a Temu carrier id, above 0"))
        if len(c.carrier_name) > 64 or not _PRINTABLE.match(c.carrier_name):
            violations.append(FieldViolation(f"temu_carriers[{i}].carrier_name", "at most 64 printable characters"))
    if violations:
        raise ValidationFailed("The Temu carriers of the channel are wrong: "
                               + "; ".join(f"{v.field} {v.description}" for v in violations[:5]) + ".", violations)
    return tuple(sorted(carriers, key=lambda c: c.region_id))


class LogisticsChannel:
    def __init__(self, *, id: str, warehouse_id: str, name: str, carrier: str, service_token: str,
                 label_format: LabelFormat, temu_carriers: tuple[TemuCarrier, ...], now: datetime) -> None:
        self.id = id
        self.warehouse_id = warehouse_id
        self.name = name
        self.carrier = carrier
        self.service_token = service_token
        self.label_format = label_format
        self.temu_carriers = temu_carriers
        self.active = True
        self.events: list[Event] = []
        self.created_at = now
        self.updated_at = now
        self.version = 1

    # -- public commands ---------------------------------------------------------------------

    @classmethod
    def enable(cls, *, id: str, warehouse_id: str, name: str, carrier: str, service_token: str,
               label_format: LabelFormat, temu_carriers: tuple[TemuCarrier, ...], now: datetime) -> "LogisticsChannel":
        if not isinstance(label_format, LabelFormat):
            raise ValidationFailed("Choose the label format: PDF_4X6 or ZPL.",
                                   [FieldViolation("label_format", "PDF_4X6 or ZPL")])
        checked_name(service_token, "service_token", limit=128)
        return cls(id=id, warehouse_id=warehouse_id, name=checked_name(name), carrier=carrier,
                   service_token=service_token, label_format=label_format,
                   temu_carriers=checked_temu_carriers(temu_carriers), now=now)

    def enable_again(self, *, name: str, label_format: LabelFormat, temu_carriers: tuple[TemuCarrier, ...],
                     now: datetime) -> None:
        """The service was a channel before and was disabled: it comes back with these settings."""
        if self.active:
            raise channel_already_enabled(self)
        again = LogisticsChannel.enable(id=self.id, warehouse_id=self.warehouse_id, name=name, carrier=self.carrier,
                                        service_token=self.service_token, label_format=label_format,
                                        temu_carriers=temu_carriers, now=now)
        self.name, self.label_format, self.temu_carriers = again.name, again.label_format, again.temu_carriers
        self.active, self.updated_at = True, now

    def map_temu_carrier(self, carrier: TemuCarrier, now: datetime, shop_id: str = "") -> None:
        """Report this channel's tracking numbers to Temu as ``carrier`` in its region (replacing
        the region's earlier mapping), e.g. one picked from shop ``shop_id``'s Temu carrier list;
        uploads that waited for it are asked through the gate again."""
        others = tuple(c for c in self.temu_carriers if c.region_id != carrier.region_id)
        self.temu_carriers = checked_temu_carriers((*others, carrier))
        self.updated_at = now
        self.events.append(TemuCarrierMapped(self.id, shop_id, carrier.region_id, carrier.carrier_id))

    def disable(self, now: datetime) -> None:
        """No new package is routed to the channel; packages already on it keep it."""
        self.active, self.updated_at = False, now

    # -- public queries ----------------------------------------------------------------------

    def temu_carrier_for(self, region_id: int) -> TemuCarrier | None:
        return next((c for c in self.temu_carriers if c.region_id == region_id), None)

    def check_can_take_packages(self) -> None:
        if not self.active:
            raise PreconditionFailed(f"Channel '{self.name}' is disabled: enable it again or choose another.",
                                     reason="CHANNEL_DISABLED", subject=f"channels/{self.id}")


def channel_already_enabled(channel: LogisticsChannel) -> AlreadyExists:
    return AlreadyExists(f"Service '{channel.service_token}' is already enabled in this warehouse as channel "
                         f"'{channel.name}' (channels/{channel.id}).", reason="CHANNEL_ALREADY_ENABLED",
                         existing_channel_id=channel.id, field="service_token")
