"""The activity log over SQL: entries gathered during the unit of work, written at its commit in
one bulk insert (a history sync page creates a hundred orders: a hundred entries, one statement).

What an order's entry says is decided here, from the columns the order repository writes:
``order_created`` and ``order_changed`` describe a new row and an UPDATE. The address itself is
never copied into the log (it is personal data, masked on GetOrder); its fetch time is, and so is
the amounts' fetch time (the amounts are on the order).
"""
from __future__ import annotations

import orjson
from collections.abc import Iterable
from datetime import datetime, timezone
from enum import Enum
from typing import Any

from sqlalchemy.orm import Session

from adapters.persistence.bulk_insert import BulkInsert
from adapters.persistence.desk_tables import activity
from application.ids import time_ordered_uuid
from domain.desk import SYSTEM_ACTOR, Activity, Change
from domain.platform_order import Label, OrderLine

_INSERT = BulkInsert(activity)
# The order columns a person cares about, in the order an entry lists them. Left out: the state
# history (the state's own change says it), bookkeeping (version, updated_at), the address.
TRACKED = ("state", "temu_status", "ship_by", "exceptions", "labels", "warnings", "lines", "region_id",
           "site_id", "temu_updated_at", "address_fetched_at", "amounts_fetched_at")


class SqlActivityLog:
    """Implements ``application.ports.desk.ActivityLog`` for one unit of work."""

    def __init__(self) -> None:
        self.actor_id = SYSTEM_ACTOR
        self._pending: list[dict[str, Any]] = []

    def act_as(self, principal_id: str) -> None:
        self.actor_id = principal_id

    def record(self, entries: Iterable[Activity]) -> None:
        self._pending.extend(_row(e) for e in entries)

    def order_created(self, row: dict[str, Any], now: datetime) -> None:
        changes = [("parent_order_sn", "", row["parent_order_sn"]), *((k, "", _text(row[k])) for k in
                                                                     ("state", "temu_status"))]
        self._pending.append(self._order_row("order.created", row, changes, now))

    def order_changed(self, stored: dict[str, Any], changed: dict[str, Any], now: datetime) -> None:
        changes = [(k, _text(stored[k]), _text(changed[k])) for k in TRACKED if k in changed]
        if changes:
            self._pending.append(self._order_row("order.updated", stored, changes, now))

    def write(self, session: Session) -> None:
        """Insert what was recorded (the unit of work calls it in its commit)."""
        rows, self._pending = self._pending, []
        if rows:
            _INSERT.execute(session.connection(), rows)

    def _order_row(self, action: str, row: dict[str, Any], changes: list, now: datetime) -> dict[str, Any]:
        return {"id": time_ordered_uuid(), "at": now, "actor_id": self.actor_id, "action": action,
                "subject": f"orders/{row['id']}", "shop_id": row["shop_id"], "order_id": row["id"],
                "changes": _json(changes)}


def _row(e: Activity) -> dict[str, Any]:
    return {"id": e.id, "at": e.at, "actor_id": e.actor_id, "action": e.action, "subject": e.subject,
            "shop_id": e.shop_id, "order_id": e.order_id,
            "changes": _json([(c.field, c.before, c.after) for c in e.changes])}


def changes_from_json(text: str) -> tuple[Change, ...]:
    return tuple(Change(*c) for c in orjson.loads(text))


def _json(changes: list) -> str:
    return orjson.dumps(changes).decode()


def _text(value: Any) -> str:
    """A column value as a person reads it."""
    if value is None:
        return ""
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, datetime):
        return value.astimezone(timezone.utc).isoformat().replace("+00:00", "Z")
    if isinstance(value, tuple):
        return "; ".join(_item(v) for v in value)
    return str(value)


def _item(value: Any) -> str:
    if isinstance(value, OrderLine):
        return f"{value.seller_sku or value.order_sn} x{value.quantity}"
    if isinstance(value, Label):
        return f"{value.name}={value.value}"
    return str(value)
