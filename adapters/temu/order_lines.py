"""Child orders (``orderList[]``), labels and warnings of a Temu parent order, read defensively.

Each reader clamps what it can and records what it had to tolerate in a ``Problems`` set.
"""
from __future__ import annotations

from adapters.temu.values import CODE_LIMIT, INT32_MAX, as_code, as_id, as_int, as_small_int, as_text
from domain.platform_order import Label, OrderLine, TemuStatus
from domain.shop_kinds import ShopKind

MAX_LINES = 500
MAX_LABELS = 64
MAX_WARNINGS = 64
MAX_PROBLEMS = 32
MAX_QUANTITY = 1_000_000


class Problems:
    """An ordered set of problem codes, bounded so that a huge bad order stays small."""

    def __init__(self) -> None:
        self._codes: dict[str, None] = {}

    def add(self, code: str) -> None:
        if len(self._codes) < MAX_PROBLEMS:
            self._codes[code[:CODE_LIMIT * 2]] = None
        else:
            self._codes.setdefault("TOO_MANY_PROBLEMS", None)

    def codes(self) -> tuple[str, ...]:
        return tuple(self._codes)


def parse_lines(raw: object, kind: ShopKind, parent_status: int, problems: Problems) -> tuple[OrderLine, ...]:
    if not isinstance(raw, list) or not raw:
        problems.add("MISSING_LINES")
        return ()
    if len(raw) > MAX_LINES:
        problems.add("TOO_MANY_LINES")
    lines = [line for index, entry in enumerate(raw[:MAX_LINES])
             if (line := _line(entry, index, kind, parent_status, problems)) is not None]
    if not lines:
        problems.add("MISSING_LINES")
    return tuple(lines)


def parse_labels(raw: object, problems: Problems) -> tuple[Label, ...]:
    """``[{name, value}]``; entries without a name or an integer value are dropped."""
    if raw is None:
        return ()
    if not isinstance(raw, list):
        problems.add("BAD_LABELS")
        return ()
    labels = []
    for entry in raw[:MAX_LABELS]:
        label = _KNOWN_LABELS.get(_label_key(entry))
        if label is None:
            label = _read_label(entry)
        if label is not None:
            labels.append(label)
    return tuple(labels)


# Orders repeat a few labels (``soon_to_be_overdue: 0``…), and Temu lists every label on every
# order: each clean (name, value) pair is read once and its immutable Label shared.
_KNOWN_LABELS: dict[tuple[str, int], Label] = {}
_MAX_KNOWN_LABELS = 1024


def _label_key(entry: object) -> tuple[str, int] | None:
    """``(name, value)`` when both have the plain types a clean label has, else None."""
    if type(entry) is not dict:
        return None
    name, value = entry.get("name"), entry.get("value")
    return (name, value) if type(name) is str and type(value) is int else None


def _read_label(entry: object) -> Label | None:
    name = as_text(entry.get("name"), CODE_LIMIT) if isinstance(entry, dict) else ""
    value = _label_value(entry.get("value")) if isinstance(entry, dict) else None
    if not name or value is None:
        return None
    label = Label(name, value)
    key = _label_key(entry)
    if key == (name, value) and len(_KNOWN_LABELS) < _MAX_KNOWN_LABELS:
        _KNOWN_LABELS[key] = label
    return label


def parse_warnings(raw: object, problems: Problems) -> tuple[str, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        problems.add("BAD_WARNINGS")
        return ()
    return tuple(w for w in (as_text(entry, CODE_LIMIT) for entry in raw[:MAX_WARNINGS]
                             if isinstance(entry, str)) if w)


def _line(entry: object, index: int, kind: ShopKind, parent_status: int, problems: Problems) -> OrderLine | None:
    if not isinstance(entry, dict):
        problems.add(f"BAD_LINE:{index}")
        return None
    sn = as_code(entry.get("orderSn"))
    if sn is None:
        problems.add(f"MISSING_ORDER_SN:{index}")
        return None
    product = _first_product(entry.get("productList"))
    original, cancelled, quantity = _quantities(entry, sn, problems)
    seller_sku = _seller_sku(entry, product, kind)
    if not seller_sku:
        problems.add(f"MISSING_SELLER_SKU:{sn}")
    return OrderLine(
        order_sn=sn, goods_id=as_id(entry.get("goodsId")), sku_id=as_id(entry.get("skuId")),
        product_sku_id=as_id(product.get("productSkuId")), seller_sku=seller_sku,
        goods_name=as_text(entry.get("goodsName")), spec=as_text(entry.get("spec")),
        original_quantity=original, cancelled_before_shipment=cancelled, quantity=quantity,
        status=_line_status(entry.get("orderStatus"), sn, parent_status, problems),
        fulfillment_type=as_text(entry.get("fulfillmentType"), 64),
        labels=parse_labels(entry.get("orderLabel"), problems),
        warnings=parse_warnings(entry.get("fulfillmentWarning"), problems))


def _quantities(entry: dict, sn: str, problems: Problems) -> tuple[int, int, int]:
    """(original, cancelled before shipment, to ship), all clamped to 0…MAX_QUANTITY."""
    original = _count(entry.get("originalOrderQuantity"), sn, problems)
    cancelled = _count(entry.get("canceledQuantityBeforeShipment"), sn, problems)
    if original is not None and cancelled is not None:
        if cancelled > original:
            problems.add(f"NEGATIVE_QUANTITY:{sn}")
        return original, cancelled, max(0, original - cancelled)
    quantity = _count(entry.get("quantity"), sn, problems)
    if quantity is None:
        problems.add(f"MISSING_QUANTITY:{sn}")
        quantity = 0
    return (original if original is not None else quantity), cancelled or 0, quantity


def _count(value: object, sn: str, problems: Problems) -> int | None:
    if value is None:
        return None
    number = as_int(value)
    if number is None:
        problems.add(f"BAD_QUANTITY:{sn}")
    elif number < 0:
        problems.add(f"NEGATIVE_QUANTITY:{sn}")
        return 0
    elif number > MAX_QUANTITY:
        problems.add(f"QUANTITY_TOO_LARGE:{sn}")
        return MAX_QUANTITY
    return number


def _first_product(raw: object) -> dict:
    first = raw[0] if isinstance(raw, list) and raw else None
    return first if isinstance(first, dict) else {}


def _seller_sku(entry: dict, product: dict, kind: ShopKind) -> str:
    if kind is ShopKind.CROSS_BORDER:
        ext_code = as_text(product.get("extCode"), CODE_LIMIT)
        product_sku_id = as_id(product.get("productSkuId"))
        return ext_code or (str(product_sku_id) if product_sku_id is not None else "")
    sku_id = as_id(entry.get("skuId"))
    return str(sku_id) if sku_id is not None else ""


def _line_status(value: object, sn: str, parent_status: int, problems: Problems) -> int:
    status = as_small_int(value)
    if status is None:
        problems.add(f"MISSING_LINE_STATUS:{sn}")
        return parent_status
    if TemuStatus.parse(status) is None:
        problems.add(f"UNKNOWN_LINE_STATUS_{status}:{sn}")
    return status


def _label_value(value: object) -> int | None:
    return int(value) if isinstance(value, bool) else as_int(value, -INT32_MAX, INT32_MAX)
