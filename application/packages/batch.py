"""Batch calls answer per item (which order succeeded, which failed and why), never all or
nothing for the rules: an order a rule refuses is reported and left as it was, the others are
done. The batch is read in a few queries and written in one transaction (AuditOrders of 500
orders answers in well under 2 s); the domain checks every rule before it changes anything, so
a refused order leaves nothing half-changed in it. A concurrent change to one of its orders
voids the transaction: the batch is read and done again (up to ``ATTEMPTS`` times), then the
call fails, retryable (ABORTED, naming the orders), with nothing written.

A ``request_id`` is remembered with the batch: a repeat answers the orders' packages as they
are now, and changes nothing.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from application.idempotency import RequestIds
from application.orders.queries import order_not_found
from application.packages.loading import load_batch, store
from application.ports.unit_of_work import UnitOfWork, UnitOfWorkFactory
from domain.errors import ConcurrencyConflict, DomainError, FieldViolation, ValidationFailed
from domain.packing import Packing
from domain.principal import Principal

MAX_BATCH = 500
ATTEMPTS = 5


@dataclass(frozen=True, slots=True)
class ItemResult:
    """One order of a batch: its packages once done, or the error that refused it (nothing of
    it changed). ``held_reason``: audited but held for a person (no seller SKU, ...)."""

    order_id: str
    package_ids: tuple[str, ...] = ()
    error: DomainError | None = None
    held_reason: str = ""


def check_batch(order_ids: tuple[str, ...], field: str = "order_ids") -> None:
    if not 1 <= len(order_ids) <= MAX_BATCH:
        raise ValidationFailed(f"Send 1 to {MAX_BATCH} orders per call (this one has {len(order_ids)}).",
                               [FieldViolation(field, f"1 to {MAX_BATCH} items")])


def run_batch(uow: UnitOfWorkFactory, ids: RequestIds, principal: Principal, now: datetime,
              order_ids: tuple[str, ...], item: Callable[[UnitOfWork, Packing, str], str],
              field: str = "orders") -> list[ItemResult]:
    """``item`` changes one order in the shared ``Packing`` and returns its held reason ("")."""
    check_batch(order_ids, field)
    for attempt in range(1, ATTEMPTS + 1):
        try:
            return _attempt(uow, ids, principal, now, order_ids, item, field)
        except ConcurrencyConflict as conflict:
            if attempt == ATTEMPTS:
                raise busy(order_ids) from conflict
    raise AssertionError("unreachable")


def busy(order_ids) -> ConcurrencyConflict:
    named = ", ".join(list(dict.fromkeys(order_ids))[:5]) + (", ..." if len(set(order_ids)) > 5 else "")
    return ConcurrencyConflict(f"Orders {named} were changed by other requests at the same time, {ATTEMPTS} times "
                               "running: nothing was changed; try again.", order_ids=named)


def _attempt(uow: UnitOfWorkFactory, ids: RequestIds, principal: Principal, now: datetime,
             order_ids: tuple[str, ...], item: Callable[[UnitOfWork, Packing, str], str],
             field: str) -> list[ItemResult]:
    with uow() as unit:
        replayed = ids.replayed(unit) is not None
        packing, missing = load_batch(unit, list(dict.fromkeys(order_ids)), now, principal)
        results, first_index = [], {}
        for i, order_id in enumerate(order_ids):
            if order_id in first_index:
                results.append(ItemResult(order_id, error=_duplicate(field, i, first_index[order_id], order_id)))
                continue
            first_index[order_id] = i
            if order_id in missing:
                results.append(ItemResult(order_id, error=order_not_found(order_id)))
                continue
            try:
                held = _current_hold(packing, order_id) if replayed else item(unit, packing, order_id)
            except DomainError as error:
                results.append(ItemResult(order_id, error=error))
                continue
            results.append(ItemResult(order_id, tuple(p.id for p in packing.packages_of(order_id)), held_reason=held))
        if not replayed:
            store(unit, packing)
            ids.remember(unit, "batch")
            unit.commit()
    return results


def _current_hold(packing: Packing, order_id: str) -> str:
    return next((p.hold_reason for p in packing.packages_of(order_id) if p.hold_reason), "")


def _duplicate(field: str, i: int, first: int, order_id: str) -> ValidationFailed:
    return ValidationFailed(f"{field}[{i}] repeats {field}[{first}] (order {order_id}): each order once per call.",
                            [FieldViolation(f"{field}[{i}]", "duplicate")], reason="DUPLICATE_ORDER")
