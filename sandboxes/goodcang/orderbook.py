"""Outbound orders of every account: creation with Goodcang's business checks, look-ups, cancel,
stock reservations, and the count of orders created per reference (to prove "exactly once")."""
from __future__ import annotations

import time
from collections import Counter
from typing import Callable

from sandboxes.goodcang import errors as e
from sandboxes.goodcang.create_request import CreateRequest
from sandboxes.goodcang.errors import GoodcangError
from sandboxes.goodcang.model import Account, ShippingMethod, Warehouse
from sandboxes.goodcang.orders import CANCELLABLE, DISCARDED, DRAFT, REVIEW, Order, Timing


class OrderBook:
    """Callers hold the registry lock."""

    def __init__(self, now: Callable[[], float]) -> None:
        self._now = now
        self.timing = Timing()
        self.orders: dict[str, Order] = {}
        self.created = Counter[tuple[str, str]]()  # (app_key, reference_no) -> orders created
        self._sequence = 0

    def create(self, account: Account, request: CreateRequest, warehouses: dict[str, Warehouse],
               methods: list[ShippingMethod]) -> Order:
        fields = request.fields
        warehouse = fields["warehouse_code"]
        if warehouse not in warehouses:
            raise GoodcangError(e.WAREHOUSE_NOT_FOUND, f"仓库代码不存在: {warehouse} (unknown warehouse_code)")
        if not any(m.code == fields["shipping_method"] and m.warehouse_code == warehouse for m in methods):
            raise GoodcangError(e.METHOD_NOT_AVAILABLE, f"物流产品{fields['shipping_method']}在仓库{warehouse}"
                                "不可用 (shipping_method not offered at this warehouse)")
        if request.reference_no and self.live_by_reference(account, request.reference_no):
            raise GoodcangError(e.DUPLICATE_REFERENCE, f"参考号已存在: {request.reference_no} "
                                "(reference_no already used by an order that is not discarded)")
        self._reserve(account, warehouse, request)
        order = Order(self._next_code(account), account.app_key, request,
                      REVIEW if request.verify else DRAFT, self._now())
        self.orders[order.order_code] = order
        self.created[(account.app_key, request.reference_no)] += 1
        return order

    def find(self, account: Account, order_code: str) -> Order:
        order = self.orders.get(order_code)
        if order is None or order.app_key != account.app_key:
            raise GoodcangError(e.NO_DATA, "没有数据 (no order with this order_code)")
        self.refresh(order, account)
        return order

    def find_by_reference(self, account: Account, reference_no: str) -> Order:
        """The live order of this reference, else the latest discarded one."""
        found = [o for o in self.orders.values() if o.app_key == account.app_key and o.reference_no == reference_no]
        if not found:
            raise GoodcangError(e.NO_DATA, "没有数据 (no order with this reference_no)")
        live = [o for o in found if o.status != DISCARDED]
        order = (live or found)[-1]
        self.refresh(order, account)
        return order

    def live_by_reference(self, account: Account, reference_no: str) -> bool:
        return any(o.app_key == account.app_key and o.reference_no == reference_no and o.status != DISCARDED
                   for o in self.orders.values())

    def cancel(self, account: Account, order_code: str) -> Order:
        order = self.find(account, order_code)
        if order.status == DISCARDED:
            raise GoodcangError(e.ORDER_DISCARDED, "订单已废弃", extra={"order_code": order_code, "errCode": ""})
        if order.status not in CANCELLABLE:
            raise GoodcangError(e.CANCEL_NOT_ALLOWED, "订单已进入仓库作业或已发货,不允许取消 "
                                "(the warehouse is already picking or has shipped this order)",
                                extra={"order_code": order_code, "errCode": ""})
        order.status = DISCARDED
        for sku, quantity in order.request.items:
            stock = account.stock[(order.request.fields["warehouse_code"], sku)]
            stock.reserved -= quantity
            stock.sellable += quantity
        return order

    def refresh(self, order: Order, account: Account) -> None:
        if order.advance(self._now(), self.timing):
            self.shipped(order, account)

    def ship_now(self, order: Order, account: Account) -> None:
        order.ship(self._now())
        self.shipped(order, account)

    def shipped(self, order: Order, account: Account) -> None:
        """The order's reserved units leave the warehouse."""
        for sku, quantity in order.request.items:
            stock = account.stock[(order.request.fields["warehouse_code"], sku)]
            stock.reserved -= quantity
            stock.shipped += quantity

    def _reserve(self, account: Account, warehouse: str, request: CreateRequest) -> None:
        wanted = Counter[str]()
        for sku, quantity in request.items:
            if sku not in account.skus():
                raise GoodcangError(e.SKU_NOT_FOUND, f"SKU不存在: {sku} (unknown product_sku)")
            wanted[sku] += quantity
        for sku, quantity in wanted.items():
            stock = account.stock.get((warehouse, sku))
            if stock is None or stock.sellable < quantity:
                have = stock.sellable if stock else 0
                raise GoodcangError(e.STOCK_SHORT, f"SKU {sku} 在仓库{warehouse}库存不足,可售{have},"
                                    f"需要{quantity} (not enough sellable stock)")
        for sku, quantity in wanted.items():
            stock = account.stock[(warehouse, sku)]
            stock.sellable -= quantity
            stock.reserved += quantity

    def _next_code(self, account: Account) -> str:
        self._sequence += 1
        day = time.strftime("%y%m%d", time.gmtime(self._now()))
        return f"{account.customer_code}-{day}-{self._sequence:04d}"

    def clear(self) -> None:
        self.orders.clear()
        self.created.clear()
        self._sequence = 0
