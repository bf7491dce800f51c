"""PushPackage: an audited package handed to its route (FUL-4), for the ``packages.push`` worker.

- Idempotent by package id: each delivery does the next step the package needs (push, poll
  the label, fetch its document) and a package with nothing left to do is a no-op.
- The package is marked PUSHING, in a transaction of its own, BEFORE the provider is called;
  a retry of a PUSHING package asks the provider for its reference before pushing again
  (``Fulfillment.push``), so a crash between the provider's answer and our commit never pushes
  twice. The delivery that marked it pushes with ``first_attempt``: its own commit shows no push
  of that reference started before, so the look-up (at the carrier, a scan of the account's
  recent labels) is skipped. No database transaction is held during a provider's call.
- A package of a cancelled or do-not-ship order is never pushed: it follows Temu instead.
- The provider down or throttling: the reason is kept on the package and the step is retried
  later (``RetryLater``); a refusal holds the package with the provider's words.
- Locks are taken as the user's commands take them, orders first (``load_packing``), then the
  package's row by its update: a push and a split of one order take turns, never deadlock.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from enum import Enum

from application.packages.loading import load_packing, store
from application.packages.push_request import push_request
from application.ports.clock import Clock
from application.ports.fulfillment import FulfillmentRoutes, LabelFile, PushRequest, Shipment, ShipmentStatus
from application.ports.unit_of_work import UnitOfWork, UnitOfWorkFactory
from domain.errors import DomainError, UpstreamRejected, UpstreamUnavailable
from domain.package import Package, PackageState
from domain.packing_rules import NOT_TO_SHIP

log = logging.getLogger("erp.packages")
POLL_SECONDS = 5.0


class Done(Enum):
    DONE = "DONE"


@dataclass(frozen=True, slots=True)
class RetryLater:
    seconds: float
    reason: str


Step = Done | RetryLater


class PushPackage:
    def __init__(self, uow: UnitOfWorkFactory, routes: FulfillmentRoutes, clock: Clock) -> None:
        self._uow, self._routes, self._clock = uow, routes, clock

    def execute(self, package_id: str) -> Step:
        prepared = self._prepare(package_id)
        if prepared is None:
            return Done.DONE
        state, request, provider_ref = prepared
        route = self._routes.for_kind(request.warehouse_kind)
        try:
            if state is PackageState.PUSHING:
                shipment = route.push(request)
            elif state is PackageState.PUSHED:
                shipment = route.status(request, provider_ref)
            else:
                return self._store_label(package_id, request, route.label(request, provider_ref))
            step = self._record(package_id, request, shipment)
            if step is not None:
                return step
            return self._store_label(package_id, request, route.label(request, shipment.provider_ref))
        except UpstreamUnavailable as error:
            self._note(package_id, request, error.message, refused=False)
            log.warning("package %s: %s (retry in %.0f s)", package_id, error.message, error.retry_after_s)
            return RetryLater(error.retry_after_s, error.message)
        except UpstreamRejected as error:
            self._note(package_id, request, error.message, refused=True)
            log.info("package %s: refused by the provider: %s", package_id, error.message)
            return Done.DONE

    def _prepare(self, package_id: str) -> tuple[PackageState, PushRequest, str] | None:
        """Mark an audited package PUSHING (committed now), or find the next step of one already
        pushed; None when there is nothing to do."""
        with self._uow() as uow:
            package = uow.packages.get(package_id)
            if package is None:
                return None
            wants_label = package.state is PackageState.LABELLED and not package.label_id
            if package.state not in (PackageState.AUDITED, PackageState.PUSHING, PackageState.PUSHED) and not wants_label:
                return None
            packing = load_packing(uow, package.order_ids, self._clock.now())
            orders = [packing.orders[i] for i in package.order_ids]
            first_attempt = package.state is PackageState.AUDITED
            if first_attempt:
                stopped = [o for o in orders if o.state in NOT_TO_SHIP]
                if stopped:  # Temu cancelled it before its push: the package follows, never leaves
                    packing.follow_temu(stopped[0].id, address_changed=False)
                    store(uow, packing)
                    uow.commit()
                    return None
                package.start_push(self._clock.now())
                packing.settle(package)
            request = replace(push_request(uow, package, orders), first_attempt=first_attempt)
            state, ref = package.state, package.provider_ref
            uow.commit()
        return state, request, ref

    def _record(self, package_id: str, request: PushRequest, shipment: Shipment) -> Step | None:
        """Store what the provider answered; None when the label is ready to fetch at once."""
        now = self._clock.now()
        with self._uow() as uow:
            package = uow.packages.get(package_id)
            if package is None or package.reference != request.reference:
                return Done.DONE  # voided meanwhile: the answer is about a push that is over
            if shipment.status is ShipmentStatus.REFUSED:
                package.record_refusal(shipment.message or "refused", now)
            else:
                if package.state is PackageState.PUSHING:
                    package.record_push(shipment.provider_ref, now, message=shipment.message)
                else:
                    package.record_upstream_problem(shipment.message, now)
                if shipment.tracking_numbers:
                    package.record_tracking(shipment.tracking_numbers, shipment.carrier, now,
                                            labelled=shipment.status is not ShipmentStatus.SHIPPED)
            self._settle(uow, package)
            uow.commit()
            state, has_label = package.state, bool(package.label_id)
        log.info("package %s: %s at the provider (%s)", package_id, state.value, shipment.raw_status or shipment.status.value)
        if state is PackageState.LABELLED and not has_label and shipment.label_ready:
            return None
        if state is PackageState.PUSHED or (state is PackageState.LABELLED and not has_label):
            return RetryLater(POLL_SECONDS, shipment.message or "waiting for the label")
        return Done.DONE

    def _store_label(self, package_id: str, request: PushRequest, document: LabelFile | None) -> Step:
        if document is None:
            return Done.DONE
        with self._uow() as uow:
            package = uow.packages.get(package_id)
            if package is None or package.reference != request.reference:
                return Done.DONE
            label_id = uow.labels.put(package_id, request.reference, document.media_type, document.content)
            package.record_label(label_id, self._clock.now())
            uow.commit()
        log.info("package %s: label document stored (%s, %d bytes)", package_id, document.media_type, len(document.content))
        return Done.DONE

    def _note(self, package_id: str, request: PushRequest, message: str, *, refused: bool) -> None:
        with self._uow() as uow:
            package = uow.packages.get(package_id)
            if package is None or package.reference != request.reference:
                return
            try:
                if refused:
                    package.record_refusal(message, self._clock.now())
                else:
                    package.record_upstream_problem(message, self._clock.now())
            except DomainError:
                return
            self._settle(uow, package)
            uow.commit()

    def _settle(self, uow: UnitOfWork, package: Package) -> None:
        """The package's orders follow it (the unit of work hands out the same package object)."""
        load_packing(uow, package.order_ids, self._clock.now()).settle(package)
