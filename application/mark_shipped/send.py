"""SendUpload: the upload worker's step for one platform order (MARK-1), idempotent by upload id.

1. In its own transaction: the gate is asked again (a package may have changed since the
   request), an attempt is counted and committed BEFORE Temu is called.
2. An upload with an earlier attempt (a timeout, a crash, a busy Temu) first asks Temu what it
   holds (``shipped_packages``) and adopts it: our tracking numbers there = UPLOADED, other
   numbers = CONFLICT (never overwritten); nothing there = confirm.
3. ``confirm`` with no transaction open. Temu's "already shipped" is read back the same way.
   Busy or rate limited: RETRYING, the worker sends again later (``RetryLater``); a refusal:
   FAILED with Temu's reason in words.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass

from application.mark_shipped.gate import confirmation, gate
from application.ports.clock import Clock
from application.ports.temu import TemuAccess
from application.ports.temu_logistics import ALREADY_SHIPPED, TrackingUploader
from application.ports.unit_of_work import UnitOfWorkFactory
from domain.errors import DomainError, PreconditionFailed, UpstreamUnavailable
from domain.mark_shipped import UploadPlan
from domain.order_states import OrderState
from domain.upload import IN_FLIGHT

log = logging.getLogger("erp.mark_shipped")


@dataclass(frozen=True, slots=True)
class RetryLater:
    seconds: float
    reason: str


class SendUpload:
    def __init__(self, uow: UnitOfWorkFactory, temu: TrackingUploader, clock: Clock) -> None:
        self._uow, self._temu, self._clock = uow, temu, clock

    def execute(self, upload_id: str) -> RetryLater | None:
        prepared = self._prepare(upload_id)
        if prepared is None:
            return None
        access, plan, maybe_sent = prepared
        try:
            held = self._held_at_temu(access, plan) if maybe_sent else set()
            if not held:
                try:
                    self._temu.confirm(access, confirmation(plan))
                except PreconditionFailed as refused:
                    if refused.reason != ALREADY_SHIPPED:
                        raise
                    held = self._held_at_temu(access, plan)
                    if not held:
                        raise
            if held and not held <= plan.tracking_numbers:
                return self._finish(upload_id, plan, conflict=held - plan.tracking_numbers)
            return self._finish(upload_id, plan)
        except UpstreamUnavailable as busy:
            log.warning("upload %s: Temu unavailable (%s), retry in %.0f s", upload_id, busy.message,
                        busy.retry_after_s)
            message = busy.message
            self._record(upload_id, lambda u, now: u.retry_later(message, now))
            return RetryLater(busy.retry_after_s, busy.message)
        except DomainError as refused:
            log.info("upload %s: refused: %s (%s)", upload_id, refused.message, refused.reason)
            reason, message = refused.reason, refused.message
            self._record(upload_id, lambda u, now: u.fail(reason, message, now))
            return None

    def _prepare(self, upload_id: str) -> tuple[TemuAccess, UploadPlan, bool] | None:
        now = self._clock.now()
        with self._uow() as uow:
            upload = uow.uploads.get_for_update(upload_id)
            if upload is None or upload.state not in IN_FLIGHT:
                return None
            shop = uow.shops.get(upload.shop_id)
            _, plan, refused = gate(uow, upload.order_id, now)
            if refused is None and shop is None:
                refused = PreconditionFailed(f"The shop of upload {upload_id} was removed: nothing is sent.",
                                             reason="SHOP_NOT_FOUND", subject=f"shops/{upload.shop_id}")
            if refused is None:
                try:
                    credential = shop.order_credential(now)
                except PreconditionFailed as error:
                    refused = error
            if refused is not None:
                if upload.state in IN_FLIGHT:  # not when reconciled as shipped elsewhere
                    upload.fail(refused.reason, refused.message, now)
                uow.commit()
                log.info("upload %s: not sent: %s", upload_id, refused.message)
                return None
            maybe_sent = upload.begin_attempt(now)
            access = TemuAccess(shop.id, shop.region, shop.kind, uow.vault.get(shop.id, credential.kind))
            uow.commit()
        return access, plan, maybe_sent

    def _held_at_temu(self, access: TemuAccess, plan: UploadPlan) -> set[str]:
        """The tracking numbers Temu holds for the plan's child orders."""
        children = {(i.parent_order_sn, i.order_sn) for p in plan.parcels for i in p.items}
        return {n for parent, child in sorted(children)
                for package in self._temu.shipped_packages(access, parent, child) for n in package.tracking_numbers}

    def _finish(self, upload_id: str, plan: UploadPlan, conflict: set[str] = frozenset()) -> None:
        now = self._clock.now()
        with self._uow() as uow:
            upload = uow.uploads.get_for_update(upload_id)
            if conflict:
                upload.conflict(f"Temu already holds other tracking numbers for these orders "
                                f"({', '.join(sorted(conflict))}): check them in Temu's seller centre; "
                                "ours were not sent.", now)
                log.info("upload %s: CONFLICT with Temu's tracking %s", upload_id, sorted(conflict))
            else:
                upload.succeed(now)
                for order in uow.orders.get_many(list(plan.order_ids)).values():
                    if order.state is OrderState.SHIPPED:
                        order.mark_uploaded(now)
                log.info("upload %s: UPLOADED, orders %s", upload_id, ",".join(plan.parent_order_sns))
            uow.commit()
        return None

    def _record(self, upload_id: str, change) -> None:
        now = self._clock.now()
        with self._uow() as uow:
            upload = uow.uploads.get_for_update(upload_id)
            if upload is not None:
                change(upload, now)
                uow.commit()
