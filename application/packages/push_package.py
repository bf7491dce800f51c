"""PushPackage: an audited package handed to its route (FUL-4), for the ``packages.push`` worker.

- Idempotent by package id: each delivery does the next step the package needs (push, poll
  the label, fetch its document) and a package with nothing left to do is a no-op.
- The package is marked PUSHING, in a transaction of its own, BEFORE the provider is called;
  a retry of a PUSHING package asks the provider for its reference before pushing again
  (``Fulfillment.push``), so a crash between the provider's answer and our commit never pushes
  twice. The delivery that marks it PUSHING pushes with ``first_attempt``: its own commit shows no
  push of that reference started before, so the look-up (at the carrier, a scan of the account's
  recent labels) is skipped. No database transaction is held during a provider's call.
- A label bought ready comes with its document (``Shipment.document``), stored in the same
  transaction as the purchase's answer: two transactions a label. Without it (the carrier still
  making it, or its document not fetched at the first try) the document is fetched afterwards.
- A package of a cancelled or do-not-ship order is never pushed: it follows Temu instead.
- The provider down or throttling: the reason is kept on the package and the step is retried
  later (``RetryLater``); a refusal holds the package with the provider's words: a ``REFUSED``
  status, or a ``ValidationFailed`` / ``PreconditionFailed`` / ``NotFound`` raised by the route
  (a SKU out of stock, an address the provider rejects, an order it no longer knows).
- When to look again is stored on the package (``next_check_at``, see ``domain.package``): the
  wait grows with each look in the same state (``wait``), from seconds (a label being made) to
  ``MAX_WAIT_S`` (a 3PL parcel that leaves in days), and never gives up while the package is in
  flight. A wait up to ``SHORT_WAIT_S`` is a ``RetryLater`` the worker sends itself, the stored
  time then leaving the sweep a margin; a longer one (``by_sweep``) is left to the sweep
  (``application.packages.sweep``) at the stored time. docs/packages.md has the why.
- Pushed 3PL and FBA packages are followed by ``track``, many at a time, in the providers' batch
  reads; their next look is always the sweep's (a short wait too), which hands them out by
  warehouse. A look that finds nothing new only moves ``updated_at``, where the next list of
  changes starts; every ``WHOLE_EVERY``-th look in one state reads the whole order too.
- Locks are taken as the user's commands take them, orders first (``load_packing``), then the
  package's row by its update: a push and a split of one order take turns, never deadlock.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import Enum
from typing import Sequence

from application.packages.loading import load_packing, store
from application.packages.push_request import push_request
from application.ports.clock import Clock
from application.ports.fulfillment import FulfillmentRoutes, LabelFile, Look, PushRequest, Shipment, ShipmentStatus
from application.ports.unit_of_work import UnitOfWork, UnitOfWorkFactory
from domain.errors import DomainError, NotFound, PreconditionFailed, UpstreamRejected, UpstreamUnavailable, ValidationFailed
from domain.package import (ONLY_A_PACKAGE_AT_ITS_PROVIDER_IS_CANCELLED as CANCELLABLE,
                            ONLY_A_PACKAGE_AT_THE_PROVIDER_IS_REFUSED, UNATTENDED_AFTER, Package, PackageState)
from domain.warehouse import WarehouseKind
from domain.packing_rules import NOT_TO_SHIP

log = logging.getLogger("erp.packages")
POLL_SECONDS = 5.0
SHORT_WAIT_S = 60.0  # up to this, the worker sends itself the next look; beyond, the sweep does
MAX_WAIT_S = 1800.0  # a package waiting days at a warehouse is looked at every half hour
BATCHED = frozenset({WarehouseKind.THIRD_PARTY, WarehouseKind.FBA})  # followed by ``track``, in batches
WHOLE_EVERY = 4  # every this many looks in one state, a batched package's whole state is read too
REFUSALS = (ValidationFailed, PreconditionFailed, NotFound)  # what a route raises for a person to fix
# A batch look holds its packages this long: it reads them at the provider's rate (Amazon: 2 shipped
# orders a second, shared with other groups), and records them at its end, minutes later; with the
# sweep's 2-minute lease, packages still being read were handed out again and read twice. Longer
# than the tracking actor's 5-minute time limit, so a look that dies is followed by the next.
LOOK_LEASE = timedelta(minutes=6)


def wait(hint_s: float, attempt: int) -> float:
    """Seconds until the next look: our poll interval growing by half with each look in the
    same state, and never sooner than the provider's hint (a Retry-After, or "ask again later"
    about a status we do not know). The hint is not grown too: grown from 30 s, a few looks
    through an outage put a label that was then ready minutes away."""
    return min(max(hint_s, POLL_SECONDS * 1.5 ** min(attempt, 40)), MAX_WAIT_S)


class Done(Enum):
    DONE = "DONE"


@dataclass(frozen=True, slots=True)
class RetryLater:
    seconds: float
    reason: str
    by_sweep: bool = False  # a long wait: the sweep sends the next look, the worker sends nothing


@dataclass(frozen=True, slots=True)
class Elsewhere:
    """The package ships from a warehouse of another kind, whose pushes have workers of their
    own: nothing was done, the message belongs to that kind's workers."""

    kind: WarehouseKind


Step = Done | RetryLater | Elsewhere


class PushPackage:
    def __init__(self, uow: UnitOfWorkFactory, routes: FulfillmentRoutes, clock: Clock) -> None:
        self._uow, self._routes, self._clock = uow, routes, clock

    def execute(self, package_id: str, kind: WarehouseKind | None = None) -> Step:
        """The package's next step; ``kind``: the warehouse kind this worker pushes for (None:
        any), a package of another kind being handed back untouched (``Elsewhere``)."""
        prepared = self._prepare(package_id, kind)
        if isinstance(prepared, Elsewhere):
            return prepared
        if prepared is None:
            return Done.DONE
        state, request, provider_ref = prepared
        if state is not PackageState.PUSHING and request.warehouse_kind in BATCHED:
            # A message that came after the push (the sweep's safety net sent another while this
            # one waited behind a provider's rate): the sweep's batch read is the next look. A read
            # here would cost a whole pass of Amazon's change list for one package.
            return Done.DONE
        try:
            route = self._routes.for_kind(request.warehouse_kind)
            if state is PackageState.PUSHING:
                shipment = route.push(request)
            elif state is PackageState.PUSHED:
                shipment = route.track([Look(request, provider_ref)])[provider_ref]
            else:
                return self._store_label(package_id, request, route.label(request, provider_ref))
        except UpstreamUnavailable as error:
            return self._unavailable(package_id, request, error)
        except (UpstreamRejected, *REFUSALS) as error:
            return self._refused(package_id, request, error)
        step = self._record(package_id, request, shipment)
        if step is not None:
            return step
        try:  # the label is ready but its document did not come with the answer: fetch it now
            return self._store_label(package_id, request, route.label(request, shipment.provider_ref))
        except UpstreamUnavailable as error:
            return self._unavailable(package_id, request, error)
        except (UpstreamRejected, *REFUSALS) as error:
            return self._refused(package_id, request, error)

    def track(self, package_ids: Sequence[str]) -> None:
        """Follow pushed 3PL and FBA packages at their providers, in the providers' batch reads
        (the sweep hands them out by warehouse); each package's answer is stored as ``execute``
        stores it, in a transaction of its own."""
        looks = self._looks(package_ids)
        by_kind: dict[WarehouseKind, list[Look]] = {}
        for look in looks:
            by_kind.setdefault(look.request.warehouse_kind, []).append(look)
        for kind, group in by_kind.items():
            try:
                answer = self._routes.for_kind(kind).track(group)
            except UpstreamUnavailable as error:
                for look in group:
                    self._unavailable(look.request.package_id, look.request, error)
                continue
            except (UpstreamRejected, *REFUSALS) as error:
                # a batch read refused (an unreadable answer, a revoked token) says nothing
                # against one package: each keeps the words and is looked at again
                log.warning("%s batch read of %d package(s) refused: %s", kind.value, len(group), error.message)
                for look in group:
                    self._note(look.request.package_id, look.request, error.message, refused=False)
                continue
            for look in group:
                shipment = answer.get(look.provider_ref)
                if shipment is None:
                    self._unchanged(look.request)
                else:
                    self._record(look.request.package_id, look.request, shipment)

    def _looks(self, package_ids: Sequence[str]) -> list[Look]:
        """The looks of a group, each package leased to this worker for ``LOOK_LEASE``."""
        looks = []
        with self._uow() as uow:
            for package_id in dict.fromkeys(package_ids):
                package = uow.packages.get(package_id)
                unfinished = package is not None and package.state is PackageState.LABELLED and not package.label_id
                if package is None or not (package.state is PackageState.PUSHED or unfinished):
                    continue
                packing = load_packing(uow, package.order_ids, self._clock.now())
                request = push_request(uow, package, [packing.orders[i] for i in package.order_ids])
                if request.warehouse_kind not in BATCHED:
                    continue
                looks.append(Look(request, package.provider_ref, since=package.updated_at,
                                  whole=package.check_attempt % WHOLE_EVERY == WHOLE_EVERY - 1))
                package.look_under_way(self._clock.now() + LOOK_LEASE)
            uow.commit()
        return looks

    def _unchanged(self, request: PushRequest) -> None:
        with self._uow() as uow:
            package = uow.packages.get(request.package_id)
            if package is None or package.reference != request.reference:
                return
            package.record_look(self._clock.now())
            self._check_later(package, POLL_SECONDS, "no change at the provider", batched=True)
            uow.commit()

    def _unavailable(self, package_id: str, request: PushRequest, error: UpstreamUnavailable) -> Step:
        log.warning("package %s: %s", package_id, error.message)
        return self._note(package_id, request, error.message, refused=False, hint_s=error.retry_after_s)

    def _refused(self, package_id: str, request: PushRequest, error: DomainError) -> Step:
        log.info("package %s: refused by the provider: %s", package_id, error.message)
        return self._note(package_id, request, error.message, refused=True)

    def _prepare(self, package_id: str,
                 kind: WarehouseKind | None) -> tuple[PackageState, PushRequest, str] | Elsewhere | None:
        """Mark an audited package PUSHING (committed now), or find the next step of one already
        pushed; None when there is nothing to do."""
        with self._uow() as uow:
            package = uow.packages.get(package_id)
            if package is None:
                return None
            if kind is not None and package.warehouse_id:
                warehouse = uow.warehouses.get(package.warehouse_id)
                if warehouse is not None and warehouse.kind is not kind:
                    return Elsewhere(warehouse.kind)
            # labelled without a document: the own warehouse's label to fetch, or a 3PL/FBA parcel not left yet
            unfinished = package.state is PackageState.LABELLED and not package.label_id
            if package.state not in (PackageState.AUDITED, PackageState.PUSHING, PackageState.PUSHED) and not unfinished:
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
        """Store what the provider answered, with the label's document when it came along; None
        when the label is ready and its document is to be fetched at once."""
        now = self._clock.now()
        step: Step = Done.DONE
        stored = 0
        with self._uow() as uow:
            package = uow.packages.get(package_id)
            if package is None or package.reference != request.reference:
                return Done.DONE  # voided meanwhile: the answer is about a push that is over
            if shipment.status is ShipmentStatus.REFUSED:
                package.record_refusal(shipment.message or "refused", now)
            elif shipment.status is ShipmentStatus.CANCELLED and package.state in CANCELLABLE.allowed:
                # cancelled at the provider (its own console): back to audited, for the user to decide
                package.void(now, CANCELLABLE)
                package.record_upstream_problem(
                    f"The provider cancelled the order ({shipment.raw_status or 'cancelled'}): audit the order "
                    "again to push it anew, or assign it to another warehouse.", now)
            else:
                words = shipment.message or _status_words(shipment)
                if package.state is PackageState.PUSHING:
                    package.record_push(shipment.provider_ref, now, message=words)
                else:
                    package.record_upstream_problem(words, now)
                if shipment.tracking_numbers:
                    package.record_tracking(shipment.tracking_numbers, shipment.carrier, now,
                                            labelled=shipment.status is not ShipmentStatus.SHIPPED)
            self._settle(uow, package)
            state = package.state
            if state is PackageState.LABELLED and not package.label_id and shipment.document is not None:
                self._keep(uow, package, request, shipment.document, now)  # one transaction, not two
                stored = len(shipment.document.content)
            has_label = bool(package.label_id)
            fetch_now = state is PackageState.LABELLED and not has_label and shipment.label_ready
            if (state is PackageState.PUSHED or (state is PackageState.LABELLED and not has_label)) and not fetch_now:
                step = self._check_later(package, POLL_SECONDS, shipment.message or "waiting for the label",
                                         batched=request.warehouse_kind in BATCHED)
            uow.commit()
        log.info("package %s: %s at the provider (%s)", package_id, state.value, shipment.raw_status or shipment.status.value)
        if stored:
            log.info("package %s: label document stored (%s, %d bytes)", package_id, shipment.document.media_type, stored)
        return None if fetch_now else step

    def _store_label(self, package_id: str, request: PushRequest, document: LabelFile | None) -> Step:
        with self._uow() as uow:
            package = uow.packages.get(package_id)
            if package is None or package.reference != request.reference:
                return Done.DONE
            if document is None:  # not made yet
                step = self._check_later(package, POLL_SECONDS, "waiting for the label document")
                uow.commit()
                return step
            self._keep(uow, package, request, document, self._clock.now())
            uow.commit()
        log.info("package %s: label document stored (%s, %d bytes)", package_id, document.media_type, len(document.content))
        return Done.DONE

    @staticmethod
    def _keep(uow: UnitOfWork, package: Package, request: PushRequest, document: LabelFile, now: datetime) -> None:
        label_id = uow.labels.put(package.id, request.reference, document.media_type, document.content)
        package.record_label(label_id, now)

    def _note(self, package_id: str, request: PushRequest, message: str, *, refused: bool,
              hint_s: float = POLL_SECONDS) -> Step:
        """A refusal holds the package; an outage, or a refusal of a package past its push
        (its label or status), is kept as its last word and looked at again later."""
        now = self._clock.now()
        with self._uow() as uow:
            package = uow.packages.get(package_id)
            if package is None or package.reference != request.reference:
                return Done.DONE
            step: Step = Done.DONE
            if refused and package.state in ONLY_A_PACKAGE_AT_THE_PROVIDER_IS_REFUSED.allowed:
                package.record_refusal(message, now)
            else:
                package.record_upstream_problem(message, now)
                step = self._check_later(package, hint_s, message, batched=request.warehouse_kind in BATCHED
                                         and package.state is not PackageState.PUSHING)
            self._settle(uow, package)
            uow.commit()
        return step

    def _check_later(self, package: Package, hint_s: float, reason: str, *, batched: bool = False) -> RetryLater:
        """``batched``: the sweep's batch read is the next look, however short the wait."""
        seconds = wait(hint_s, package.check_attempt)
        short = seconds <= SHORT_WAIT_S and not batched
        # a short wait is the worker's own message: the sweep only steps in if that one is lost
        margin = UNATTENDED_AFTER if short else timedelta(0)
        package.check_again(self._clock.now() + timedelta(seconds=seconds) + margin)
        return RetryLater(seconds, reason, by_sweep=not short)

    def _settle(self, uow: UnitOfWork, package: Package) -> None:
        """The package's orders follow it (the unit of work hands out the same package object)."""
        load_packing(uow, package.order_ids, self._clock.now()).settle(package)


def _status_words(shipment: Shipment) -> str:
    """Where the package is at a 3PL or Amazon, for the user following it (GetPackage)."""
    if shipment.status in (ShipmentStatus.ACCEPTED, ShipmentStatus.PICKING):
        raw = f" ({shipment.raw_status})" if shipment.raw_status else ""
        return f"{shipment.status.value} at the provider{raw}"
    return ""
