"""ExportOrders: the orders of a ListOrders filter as rows of text, in the columns a user chose,
a batch at a time, so that memory does not grow with the number of orders."""
from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone

from application.orders.queries import ListOrdersQuery, OrderQueries
from application.orders.views import OrderSummary
from application.ports.desk import DeskReader
from application.ports.readers import OrderReader
from domain.errors import FieldViolation, ValidationFailed
from domain.order_amounts import Money, OrderAmounts

BATCH = 1000
MAX_COLUMNS = 50


def _time(t: datetime | None) -> str:
    return t.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ") if t else ""


def _amount(pick: Callable[[OrderAmounts], Money | None]) -> Callable[[OrderSummary], str]:
    """A decimal in the order's currency (``currency`` column); empty while the amounts are missing."""
    def cell(o: OrderSummary) -> str:
        money = pick(o.amounts) if o.amounts is not None else None
        return "" if money is None else str(money.amount)
    return cell


def _lines(pick: Callable) -> Callable[[OrderSummary], str]:
    return lambda o: "; ".join(str(pick(line)) for line in o.lines)


# Column name -> how an order fills it. Names are the API's; tags come from the desk's reader.
COLUMNS: dict[str, Callable[[OrderSummary], str]] = {
    "order": lambda o: f"orders/{o.id}",
    "shop": lambda o: f"shops/{o.shop_id}",
    "parent_order_sn": lambda o: o.parent_order_sn,
    "child_order_sns": _lines(lambda line: line.order_sn),
    "state": lambda o: o.state.value,
    "temu_status": lambda o: str(o.temu_status),
    "region_id": lambda o: str(o.region_id),
    "site_id": lambda o: "" if o.site_id is None else str(o.site_id),
    "create_time": lambda o: _time(o.temu_created_at),
    "update_time": lambda o: _time(o.temu_updated_at),
    "ship_by_time": lambda o: _time(o.ship_by),
    "seller_skus": _lines(lambda line: line.seller_sku),
    "product_names": _lines(lambda line: line.goods_name),
    "quantities": _lines(lambda line: line.quantity),
    "total_quantity": lambda o: str(sum(line.quantity for line in o.lines)),
    "exceptions": lambda o: "; ".join(o.exceptions),
    "currency": lambda o: o.amounts.currency if o.amounts is not None else "",
    "goods_total": _amount(lambda a: a.goods),
    "shipping_total": _amount(lambda a: a.shipping),
    "estimated_revenue": _amount(lambda a: a.revenue),
    "tags": lambda o: "",  # filled from the tag names, see ``Export.rows``
}
DEFAULT_COLUMNS = ("order", "shop", "parent_order_sn", "state", "create_time", "ship_by_time", "seller_skus",
                   "total_quantity", "tags")


def check_columns(names: Sequence[str]) -> tuple[str, ...]:
    """The columns asked for, in that order, each once; none asked: the default ones. An
    unknown name is INVALID_ARGUMENT naming ``columns[i]`` and listing the known ones."""
    if len(names) > MAX_COLUMNS:
        raise ValidationFailed(f"At most {MAX_COLUMNS} columns.", [FieldViolation("columns", f"at most {MAX_COLUMNS}")])
    unknown = [FieldViolation(f"columns[{i}]", f"unknown column '{n[:64]}'; known: {', '.join(COLUMNS)}")
               for i, n in enumerate(names) if n not in COLUMNS]
    if unknown:
        raise ValidationFailed("Some columns are unknown.", unknown, reason="UNKNOWN_COLUMN")
    return tuple(dict.fromkeys(names)) or DEFAULT_COLUMNS


@dataclass(frozen=True, slots=True)
class Export:
    """The header, and the rows of the orders a batch at a time (read as they are consumed)."""

    columns: tuple[str, ...]
    batches: Iterator[list[list[str]]]


class ExportOrders:
    """- The orders are those ListOrders would list for the same filter and caller, in its order.
    - Checked before anything is sent: the filter as ListOrders checks it, and the columns.
    """

    def __init__(self, queries: OrderQueries, orders: OrderReader, desk: DeskReader, batch: int = BATCH) -> None:
        self._queries, self._orders, self._desk, self._batch = queries, orders, desk, batch

    def execute(self, q: ListOrdersQuery, columns: Sequence[str]) -> Export:
        chosen = check_columns(columns)
        try:
            flt = self._queries.order_filter(q)
        except ValidationFailed as err:  # the filter is ExportOrdersRequest.filter
            err.violations = [FieldViolation(f"filter.{v.field}", v.description) for v in err.violations]
            raise
        return Export(chosen, self._rows(self._orders.batches(flt, self._batch), chosen))

    def _rows(self, batches: Iterator[list[OrderSummary]], columns: tuple[str, ...]) -> Iterator[list[list[str]]]:
        fill = [COLUMNS[c] for c in columns]
        tagged = "tags" in columns
        for batch in batches:
            names = self._desk.tag_names_of([o.id for o in batch]) if tagged else {}
            yield [[("; ".join(names.get(o.id, ())) if c == "tags" else f(o)) for c, f in zip(columns, fill)]
                   for o in batch]
