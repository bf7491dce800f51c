"""Batch calls answer per item (which order succeeded, which failed and why), never all or
nothing: each item is its own transaction, so one bad order leaves the others done.

A ``request_id`` guards each item apart (AIP-155 per item): a repeated batch does again only
the items whose first try failed (nothing was written for them), never a second change.
"""
from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from application.idempotency import RequestIds
from application.ports.unit_of_work import UnitOfWork, UnitOfWorkFactory
from domain.errors import DomainError, FieldViolation, ValidationFailed
from domain.principal import Principal

MAX_BATCH = 500


@dataclass(frozen=True, slots=True)
class ItemResult:
    """One order of a batch: its packages once done, or the error that refused it (nothing of
    it written). ``held_reason``: audited but held for a person (no seller SKU, ...)."""

    order_id: str
    package_ids: tuple[str, ...] = ()
    error: DomainError | None = None
    held_reason: str = ""


def check_batch(order_ids: tuple[str, ...], field: str = "order_ids") -> None:
    if not 1 <= len(order_ids) <= MAX_BATCH:
        raise ValidationFailed(f"Send 1 to {MAX_BATCH} orders per call (this one has {len(order_ids)}).",
                               [FieldViolation(field, f"1 to {MAX_BATCH} items")])


def run_batch(uow: UnitOfWorkFactory, method: str, principal: Principal, request_id: str | None,
              payload_hash: str, order_ids: tuple[str, ...],
              item: Callable[[UnitOfWork, str], ItemResult], replay: Callable[[UnitOfWork, str], ItemResult],
              field: str = "order_ids") -> list[ItemResult]:
    check_batch(order_ids, field)
    results, first_index = [], {}
    for i, order_id in enumerate(order_ids):
        if order_id in first_index:
            results.append(ItemResult(order_id, error=ValidationFailed(
                f"{field}[{i}] repeats {field}[{first_index[order_id]}] (order {order_id}): each order once per call.",
                [FieldViolation(f"{field}[{i}]", "duplicate")], reason="DUPLICATE_ORDER")))
            continue
        first_index[order_id] = i
        ids = RequestIds(method, principal.id, _item_request_id(request_id, order_id), payload_hash)
        try:
            with uow() as unit:
                if ids.replayed(unit) is not None:
                    results.append(replay(unit, order_id))
                    continue
                result = item(unit, order_id)
                ids.remember(unit, ",".join(result.package_ids)[:255])
                unit.commit()
            results.append(result)
        except DomainError as error:
            results.append(ItemResult(order_id, error=error))
    return results


def _item_request_id(request_id: str | None, order_id: str) -> str | None:
    if not request_id:
        return None
    return hashlib.sha256(f"{request_id}\x1f{order_id}".encode()).hexdigest()[:64]
