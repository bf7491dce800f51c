"""UpdateTracking (issue 12, item 7): a wrong tracking number of an uploaded package corrected at
Temu (``change_tracking``: ``bg.logistics.shipment.shippingtype.update``), then in the ERP.

Temu's package (``PK-…``) is found by asking Temu what it holds for the package's child order
and matching the old number; the call goes with no transaction open; Temu's refusal (a delivered
package, a number used before, ...) is the caller's answer, in Temu's words, and nothing changes
in the ERP. The same request sent again after a timeout finds the new number at Temu: it is
recorded without a second edit.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass

from application.mark_shipped.gate import temu_warehouses
from application.mark_shipped.temu_warehouses import shop_access
from application.mark_shipped.views import UploadView, upload_view
from application.packages.loading import load_batch, may_act_on_shop, package_not_found
from application.ports.clock import Clock
from application.ports.temu_logistics import PackageAtTemu, TrackingUploader
from application.ports.temu_shipments import Tracking, TrackingChange
from application.ports.unit_of_work import UnitOfWorkFactory
from domain.errors import FieldViolation, PreconditionFailed, ValidationFailed
from domain.mark_shipped import upload_group
from domain.principal import Principal
from domain.upload import UploadState, upload_id

log = logging.getLogger("erp.mark_shipped")
MAX_TRACKING = 64


@dataclass(frozen=True, slots=True)
class _Edit:
    shop_id: str
    upload_id: str
    parent_order_sn: str
    order_sn: str
    old: str


class UpdateTracking:
    def __init__(self, uow: UnitOfWorkFactory, temu: TrackingUploader, clock: Clock) -> None:
        self._uow, self._temu, self._clock = uow, temu, clock

    def execute(self, principal: Principal, package_id: str, old: str, new: str) -> tuple[UploadView, tuple[str, ...]]:
        new = new.strip()
        if not new or len(new) > MAX_TRACKING:
            raise ValidationFailed("Give the right tracking number.",
                                   [FieldViolation("tracking_number", f"1 to {MAX_TRACKING} characters")])
        with self._uow() as uow:
            access, edit, carrier_id, temu_warehouse = self._prepare(uow, principal, package_id, old, new)
        held = self._temu.shipped_packages(access, edit.parent_order_sn, edit.order_sn)
        if not _holding(held, new):  # else a resend after a timeout: Temu has it already
            package_sn = _holding(held, edit.old)
            if package_sn is None:
                raise PreconditionFailed(
                    f"Temu holds no package with tracking number {edit.old} for order {edit.parent_order_sn}: "
                    "nothing to correct there.", reason="TRACKING_NOT_AT_TEMU", subject=f"packages/{package_id}")
            self._temu.change_tracking(access, (TrackingChange(package_sn, Tracking(carrier_id, new), temu_warehouse),))
        now = self._clock.now()
        with self._uow() as uow:
            package = uow.packages.get(package_id)
            package.correct_tracking(edit.old, new, now)
            upload = uow.uploads.get_for_update(edit.upload_id)
            upload.correct_tracking(edit.old, new, now)
            answer = upload_view(upload), package.tracking_numbers
            uow.commit()
        log.info("package %s: tracking %s corrected to %s at Temu (upload %s)", package_id, edit.old, new, edit.upload_id)
        return answer

    def _prepare(self, uow, principal: Principal, package_id: str, old: str, new: str):
        now = self._clock.now()
        package = uow.packages.get(package_id)
        if package is None or not may_act_on_shop(uow, principal, package.shop_id):
            raise package_not_found(package_id)
        old = old.strip() or (package.tracking_numbers[0] if package.tracking_numbers else "")
        if old not in package.tracking_numbers:
            raise ValidationFailed(f"Package {package_id} has no tracking number '{old}'.", [FieldViolation(
                "old_tracking_number", f"one of {', '.join(package.tracking_numbers) or 'its numbers (it has none)'}")])
        if new in package.tracking_numbers:
            raise ValidationFailed(f"Package {package_id} has tracking number {new} already.",
                                   [FieldViolation("tracking_number", "a number the package does not have")])
        packing, _ = load_batch(uow, list(package.order_ids[:1]), now)
        group_ids, _ = upload_group(package.order_ids[0], packing.packages)
        upload = uow.uploads.get(upload_id(group_ids))
        if upload is None or upload.state is not UploadState.UPLOADED:
            state = upload.state.value if upload is not None else "not in the queue"
            raise PreconditionFailed(
                f"The order of package {package_id} is not uploaded to Temu by this ERP ({state}): a tracking number "
                "is corrected at Temu only after its upload.", reason="UPLOAD_NOT_UPLOADED",
                subject=f"packages/{package_id}", state=state)
        line = package.lines[0]
        order = packing.orders[line.order_id]
        channel = uow.channels.get(package.channel_id or "")
        carrier = channel.temu_carrier_for(order.region_id) if channel is not None else None
        if carrier is None:
            raise PreconditionFailed(
                f"Channel {package.channel_id} of package {package_id} has no Temu carrier for region {order.region_id}: "
                "map it (MarkShippedService.MapTemuCarrier) first.", reason="NO_TEMU_CARRIER",
                subject=f"packages/{package_id}", channel_id=package.channel_id or "", region_id=order.region_id)
        warehouses = temu_warehouses(uow, package.shop_id)
        temu_warehouse = warehouses.of(package.warehouse_id or "", package.channel_id or "")
        if temu_warehouse is None and warehouses.required:
            raise PreconditionFailed(
                f"Package {package_id} of a US local shop needs its Temu warehouse to change tracking: bind warehouse "
                f"{package.warehouse_id} (or channel {package.channel_id}) with BindTemuWarehouse (TEMU仓库绑定).",
                reason="TEMU_WAREHOUSE_NOT_BOUND", subject=f"packages/{package_id}")
        access = shop_access(uow, None, package.shop_id, now)
        edit = _Edit(package.shop_id, upload.id, order.parent_order_sn, line.order_sn, old)
        return access, edit, carrier.carrier_id, temu_warehouse


def _holding(held: tuple[PackageAtTemu, ...], number: str) -> str | None:
    """Temu's package (or box) number holding tracking ``number``."""
    for package in held:
        if package.tracking is not None and package.tracking.number == number:
            return package.package_sn
        for box in package.boxes:
            if box.tracking is not None and box.tracking.number == number:
                return box.package_sn
    return None
