"""Marking shipped (订单标发, MARK-1, MARK-2): by hand for one order, one package (its whole
platform order) or up to 500 orders, answered per order; automatically per shop when the last
package of a platform order gets its tracking number; a person's retry of a failed upload.

Nothing is sent to Temu here: a request that passes the gate moves its upload to UPLOADING and
records ``UploadRequested``, which the outbox hands to the upload worker (``SendUpload``) after
the transaction commits. A refused order is answered with the gate's reason (the packages that
lack tracking named) and its upload shows it in the queue.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass

from application.idempotency import RequestIds, request_hash
from application.packages.batch import check_batch
from application.packages.loading import load_batch, may_act_on_shop
from application.ports.clock import Clock
from application.ports.unit_of_work import UnitOfWorkFactory
from application.mark_shipped.gate import gate
from application.mark_shipped.views import UploadView, upload_view
from domain.errors import ConcurrencyConflict, DomainError, NotFound
from domain.mark_shipped import NO_TEMU_CARRIER, upload_group
from domain.principal import Principal
from domain.upload import UploadState, upload_id

log = logging.getLogger("erp.mark_shipped")
ATTEMPTS = 3


@dataclass(frozen=True, slots=True)
class MarkResult:
    """One order of a MarkShipped call: its upload as it now stands, or why not."""

    order_id: str
    upload: UploadView | None = None
    error: DomainError | None = None


class MarkShipped:
    def __init__(self, uow: UnitOfWorkFactory, clock: Clock) -> None:
        self._uow, self._clock = uow, clock

    def execute(self, principal: Principal, order_ids: tuple[str, ...] = (), package_id: str = "",
                request_id: str = "") -> list[MarkResult]:
        if package_id:
            order_ids = (*order_ids, *self._orders_of_package(principal, package_id))
        check_batch(order_ids, "order_ids")
        ids = RequestIds("MarkShipped", principal.id, request_id, request_hash(*order_ids, package_id))
        for attempt in range(1, ATTEMPTS + 1):
            try:
                return self._attempt(principal, order_ids, ids)
            except ConcurrencyConflict:
                if attempt == ATTEMPTS:
                    raise
        raise AssertionError("unreachable")

    def _attempt(self, principal: Principal, order_ids: tuple[str, ...], ids: RequestIds) -> list[MarkResult]:
        now = self._clock.now()
        with self._uow() as uow:
            replayed = ids.replayed(uow) is not None
            results = []
            for order_id in order_ids:
                try:
                    upload, plan, refused = gate(uow, order_id, now, principal)
                    if upload is not None and plan is not None and not replayed and upload.request(automatic=False, now=now):
                        log.info("upload %s requested by hand: orders %s", upload.id, ",".join(upload.order_ids))
                    results.append(MarkResult(order_id, upload_view(upload) if upload else None, refused))
                except DomainError as error:
                    results.append(MarkResult(order_id, error=error))
            if replayed:
                uow.rollback()
                return results
            ids.remember(uow, "batch")
            uow.commit()
        return results

    def _orders_of_package(self, principal: Principal, package_id: str) -> tuple[str, ...]:
        with self._uow() as uow:
            package = uow.packages.get(package_id)
            if package is None or not may_act_on_shop(uow, principal, package.shop_id):
                raise NotFound(f"There is no package '{package_id}' (or it is not in one of your shops).",
                               resource_type="erp.v1.Package", resource_name=f"packages/{package_id}",
                               reason="PACKAGE_NOT_FOUND")
            return package.order_ids[:1]  # the gate brings the orders merged with it


class AutoMark:
    """``PackageTracked``: the queue shows the platform order (waiting or ready); a shop with
    automatic marking on requests the upload as soon as the gate passes, and never before."""

    def __init__(self, uow: UnitOfWorkFactory, clock: Clock) -> None:
        self._uow, self._clock = uow, clock

    def execute(self, package_id: str) -> None:
        now = self._clock.now()
        with self._uow() as uow:
            package = uow.packages.get(package_id)
            if package is None or not package.active or not package.tracking_numbers:
                return
            upload, plan, _ = gate(uow, package.order_ids[0], now)
            if upload is not None and plan is not None and uow.uploads.automatic(upload.shop_id) and upload.request(automatic=True, now=now):
                log.info("upload %s requested automatically: orders %s", upload.id, ",".join(upload.order_ids))
            uow.commit()


class RetryMarkShipped:
    """A person's retry of a failed, conflicting or ready upload: the gate is asked again first."""

    def __init__(self, uow: UnitOfWorkFactory, clock: Clock) -> None:
        self._uow, self._clock = uow, clock

    def execute(self, principal: Principal, upload_id: str) -> UploadView:
        now = self._clock.now()
        with self._uow() as uow:
            # Locked: the worker retries the same upload when its channel gets a Temu carrier.
            upload = uow.uploads.get_for_update(upload_id)
            if upload is None or not may_act_on_shop(uow, principal, upload.shop_id):
                raise NotFound(f"There is no mark-shipped upload '{upload_id}' (or it is not in one of your shops).",
                               resource_type="erp.v1.MarkShippedUpload", resource_name=f"uploads/{upload_id}",
                               reason="UPLOAD_NOT_FOUND")
            upload.reopen(now)
            upload, plan, refused = gate(uow, upload.order_id, now, principal)
            if refused is not None or upload is None:
                uow.commit()
                raise refused
            upload.request(automatic=False, now=now)
            view = upload_view(upload)
            uow.commit()
            return view


class AutomaticMarking:
    """The shop setting (自动标发), off until turned on."""

    def __init__(self, uow: UnitOfWorkFactory, clock: Clock) -> None:
        self._uow, self._clock = uow, clock

    def set(self, principal: Principal, shop_id: str, on: bool) -> bool:
        with self._uow() as uow:
            if uow.shops.get(shop_id) is None or not may_act_on_shop(uow, principal, shop_id):
                raise NotFound(f"There is no shop '{shop_id}' (or it is not yours).", resource_type="erp.v1.Shop",
                               resource_name=f"shops/{shop_id}", reason="SHOP_NOT_FOUND")
            uow.uploads.set_automatic(shop_id, on, self._clock.now())
            uow.commit()
        log.info("shop %s: automatic mark-shipped %s", shop_id, "on" if on else "off")
        return on

    def get(self, principal: Principal, shop_id: str) -> bool:
        with self._uow() as uow:
            if uow.shops.get(shop_id) is None or not may_act_on_shop(uow, principal, shop_id):
                raise NotFound(f"There is no shop '{shop_id}' (or it is not yours).", resource_type="erp.v1.Shop",
                               resource_name=f"shops/{shop_id}", reason="SHOP_NOT_FOUND")
            return uow.uploads.automatic(shop_id)


class CarrierMapped:
    """``TemuCarrierMapped``: the uploads refused for want of that channel's Temu carrier (FAILED,
    NO_TEMU_CARRIER) are asked through the gate again, one transaction each: READY, and sent at
    once for a shop that marks automatically; refused again with the gate's reason otherwise. The
    person who mapped the carrier retries none of them by hand."""

    def __init__(self, uow: UnitOfWorkFactory, clock: Clock) -> None:
        self._uow, self._clock = uow, clock

    def execute(self, channel_id: str) -> None:
        with self._uow() as uow:
            waiting = uow.uploads.refused_on_channel(channel_id, NO_TEMU_CARRIER)
        for upload_id in waiting:
            now = self._clock.now()
            with self._uow() as uow:
                upload = uow.uploads.get_for_update(upload_id)
                if upload is None or upload.state is not UploadState.FAILED or upload.reason != NO_TEMU_CARRIER:
                    continue  # retried by hand meanwhile, or this message came twice
                upload.reopen(now)
                upload, plan, refused = gate(uow, upload.order_id, now)
                if plan is not None and uow.uploads.automatic(upload.shop_id) and upload.request(automatic=True,
                                                                                                 now=now):
                    log.info("upload %s requested automatically once channel %s had its Temu carrier", upload.id,
                             channel_id)
                elif refused is not None:
                    log.info("upload %s: still refused after channel %s's mapping: %s", upload_id, channel_id,
                             refused.reason)
                uow.commit()


class Reconcile:
    """``OrderShippedOnTemu`` (the order sync saw Temu ship an order the ERP had not marked): the
    gate is asked again for the order's upload, which takes one nothing of ours reached Temu for
    out of the queue as UPLOADED_ELSEWHERE (item 8); one on its way is left to the worker. An
    order not in the queue yet is reconciled by the gate when its tracking arrives."""

    def __init__(self, uow: UnitOfWorkFactory, clock: Clock) -> None:
        self._uow, self._clock = uow, clock

    def execute(self, order_id: str) -> None:
        with self._uow() as uow:
            if uow.orders.get(order_id) is None:
                return
            now = self._clock.now()
            packing, _ = load_batch(uow, [order_id], now)
            if uow.uploads.get(upload_id(upload_group(order_id, packing.packages)[0])) is None:
                return
            gate(uow, order_id, now)
            uow.commit()
