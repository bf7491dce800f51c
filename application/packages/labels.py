"""GetLabel (a reprint: the stored document, never bought again), VoidLabel (FUL-4) and
CancelPackage (FUL-1, FUL-2: a 3PL outbound order or an FBA fulfillment order cancelled)."""
from __future__ import annotations

from dataclasses import dataclass

from application.idempotency import RequestIds, request_hash
from application.packages.loading import load_packing, visible_package
from application.packages.push_request import push_request
from application.ports.clock import Clock
from application.ports.fulfillment import CancelStatus, FulfillmentRoutes
from application.ports.unit_of_work import UnitOfWorkFactory
from domain.errors import NotFound, PreconditionFailed
from domain.package import ONLY_A_LABELLED_PACKAGE_IS_VOIDED, ONLY_A_PACKAGE_AT_ITS_PROVIDER_IS_CANCELLED
from domain.principal import Principal


@dataclass(frozen=True, slots=True)
class LabelDocument:
    content: bytes
    media_type: str


class GetLabel:
    def __init__(self, uow: UnitOfWorkFactory) -> None:
        self._uow = uow

    def execute(self, principal: Principal, package_id: str) -> LabelDocument:
        with self._uow() as uow:
            package = visible_package(uow, principal, package_id)
            stored = uow.labels.get(package.label_id) if package.label_id else None
        if stored is None:
            raise NotFound(f"Package {package_id} has no label yet ({package.state.value}): it is stored once the "
                           "carrier has made it.", resource_type="erp.v1.Label",
                           resource_name=f"packages/{package_id}/label", reason="LABEL_NOT_READY")
        return LabelDocument(stored.content, stored.media_type)


class VoidLabel:
    """- Asks the provider to void the label; once it has, the package is back to AUDITED (its
      next audit pushes it as a new one) and its orders follow.
    - The provider's refusal (too late: the parcel is on its way) is FAILED_PRECONDITION in its
      words, also kept on the package; a void the provider confirms later is kept as a message.
    """

    command, rule, refused_reason = "VoidLabel", ONLY_A_LABELLED_PACKAGE_IS_VOIDED, "VOID_REFUSED"

    def __init__(self, uow: UnitOfWorkFactory, routes: FulfillmentRoutes, clock: Clock) -> None:
        self._uow, self._routes, self._clock = uow, routes, clock

    def execute(self, principal: Principal, package_id: str, request_id: str | None = None) -> str:
        ids = RequestIds(self.command, principal.id, request_id, request_hash(package_id))
        with self._uow() as uow:
            if ids.replayed(uow) is not None:
                return package_id
            package = visible_package(uow, principal, package_id)
            self.rule.check(package)
            orders = load_packing(uow, package.order_ids, self._clock.now()).orders
            request = push_request(uow, package, [orders[i] for i in package.order_ids])
            provider_ref = package.provider_ref
        result = self._routes.for_kind(request.warehouse_kind).cancel(request, provider_ref)
        with self._uow() as uow:
            package = visible_package(uow, principal, package_id)
            if package.reference != request.reference:
                return package_id  # voided meanwhile
            if result.status is CancelStatus.CANCELLED:
                package.void(self._clock.now(), self.rule)
                load_packing(uow, package.order_ids, self._clock.now()).settle(package)
                ids.remember(uow, package_id)
            else:
                package.record_upstream_problem(result.message, self._clock.now())
            uow.commit()
        if result.status is CancelStatus.TOO_LATE:
            raise PreconditionFailed(self.refusal(package_id, result.message), reason=self.refused_reason,
                                     subject=f"packages/{package_id}")
        return package_id

    def refusal(self, package_id: str, words: str) -> str:
        return f"The carrier will not void the label of package {package_id}: {words}"


class CancelPackage(VoidLabel):
    """The same steps for a package at a 3PL or FBA (or the own warehouse's label): the
    provider's order is cancelled where it still allows it; the package is back to AUDITED, not
    pushed again until audited again (or assigned elsewhere). Too late (picking, shipped) is
    FAILED_PRECONDITION ``CANCEL_REFUSED`` in the provider's words."""

    command, rule, refused_reason = "CancelPackage", ONLY_A_PACKAGE_AT_ITS_PROVIDER_IS_CANCELLED, "CANCEL_REFUSED"

    def refusal(self, package_id: str, words: str) -> str:
        return f"The provider will not cancel package {package_id}: {words}"
