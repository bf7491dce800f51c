"""Tag and untag orders, one or up to 500 at once, each order answered on its own."""
from __future__ import annotations

from dataclasses import dataclass

from application.desk.access import visible_orders
from application.orders.queries import known_tags
from application.idempotency import RequestIds, request_hash
from application.ids import time_ordered_uuid
from application.ports.clock import Clock
from application.ports.unit_of_work import UnitOfWork, UnitOfWorkFactory
from domain.desk import Activity, Change, Tag
from domain.errors import FieldViolation, ValidationFailed
from domain.principal import Principal

MAX_ORDERS = 500
MAX_TAGS = 20


@dataclass(frozen=True, slots=True)
class OrderOutcome:
    """What became of one order of a bulk call: done, or refused with a reason and why."""

    order_id: str
    done: bool
    reason: str = ""
    message: str = ""
    tag_ids: tuple[str, ...] = ()  # the order's tags after the call (when done)


class TagOrders:
    """- Never all-or-nothing: each order is done or refused on its own (an order that does not
      exist or is not in the caller's shops is refused ORDER_NOT_FOUND); the others go ahead.
    - An unknown tag, no order, no tag, more than 500 orders: the whole call is INVALID_ARGUMENT.
    - Tagging an order that has the tag (or untagging one without it) is done and changes nothing.
    - Each order whose tags changed gets an activity entry with its tags before and after.
    - A repeated ``request_id`` answers again without changing anything again.
    """

    def __init__(self, uow: UnitOfWorkFactory, clock: Clock) -> None:
        self._uow, self._clock = uow, clock

    def execute(self, principal: Principal, order_ids: list[str], tag_ids: list[str], add: bool,
                request_id: str | None = None) -> list[OrderOutcome]:
        order_ids, tag_ids = list(dict.fromkeys(order_ids)), list(dict.fromkeys(tag_ids))
        _check_sizes(order_ids, tag_ids)
        method = "TagOrders" if add else "UntagOrders"
        ids = RequestIds(method, principal.id, request_id, request_hash(sorted(order_ids), sorted(tag_ids)))
        with self._uow() as uow:
            tags = known_tags(uow, tag_ids)
            seen = visible_orders(uow, principal, order_ids)
            replay = ids.replayed(uow) is not None
            current = uow.desk.tags_of(seen)
            after = {o: (current.get(o, set()) | set(tag_ids)) if add else (current.get(o, set()) - set(tag_ids))
                     for o in seen}
            if not replay:
                self._apply(uow, principal, seen, current, after, tags, add)
                ids.remember(uow, f"{len(seen)} of {len(order_ids)}")
                uow.commit()
        return [OrderOutcome(o, True, tag_ids=tuple(sorted(after[o]))) if o in seen else
                OrderOutcome(o, False, "ORDER_NOT_FOUND", f"There is no order '{o}' (or it is not in one of your shops).")
                for o in order_ids]

    def _apply(self, uow: UnitOfWork, principal: Principal, seen: dict, current: dict[str, set[str]],
               after: dict[str, set[str]], tags: dict[str, Tag], add: bool) -> None:
        now = self._clock.now()
        pairs = [(o, t) for o in seen for t in tags if (t in current.get(o, set())) != add]
        if add:
            uow.desk.link(pairs, now)
        else:
            uow.desk.unlink(pairs)
        names = {**{t: tag.name for t, tag in tags.items()}, **_names(uow, current)}
        action = "order.tagged" if add else "order.untagged"
        uow.activity.record(
            Activity(time_ordered_uuid(), now, principal.id, action, f"orders/{o}", seen[o].shop_id, o,
                     (Change("tags", _listed(current.get(o, set()), names), _listed(after[o], names)),))
            for o in sorted({o for o, _ in pairs}))


def _check_sizes(order_ids: list[str], tag_ids: list[str]) -> None:
    problems = [FieldViolation(f, p) for f, p, bad in (
        ("orders", "must name at least one order", not order_ids),
        ("orders", f"at most {MAX_ORDERS} orders per call", len(order_ids) > MAX_ORDERS),
        ("tags", "must name at least one tag", not tag_ids),
        ("tags", f"at most {MAX_TAGS} tags per call", len(tag_ids) > MAX_TAGS)) if bad]
    if problems:
        raise ValidationFailed("The request has invalid fields: " + ", ".join(dict.fromkeys(p.field for p in problems))
                               + ".", problems)


def _names(uow: UnitOfWork, current: dict[str, set[str]]) -> dict[str, str]:
    return {t: tag.name for t, tag in uow.desk.tags({t for ts in current.values() for t in ts}).items()}


def _listed(tag_ids: set[str], names: dict[str, str]) -> str:
    return ", ".join(sorted(names.get(t, t) for t in tag_ids))
