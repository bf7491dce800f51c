"""A tiny in-memory stand-in for ``OrderUseCases``: enough behaviour to exercise the gRPC edge
(visibility by shop owner, paging with opaque tokens, runs a test moves along by hand)."""
from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from application.orders.queries import ListOrdersQuery
from application.ports.readers import Page
from application.orders.views import OrderCounts, OrderDetail, OrderSummary, SyncRunView
from domain.errors import FieldViolation, NotFound, PreconditionFailed, ValidationFailed
from domain.order import StateChange
from domain.order_states import OrderState
from domain.platform_order import Address, Label, OrderLine
from domain.principal import Principal
from tests.unit.grpc.fake_shop_use_cases import ALICE, BOB, NOW

SHOP_OWNERS = {"alice-1": ALICE.id, "alice-expired": ALICE.id, "bob-1": BOB.id}


def order_line(order_sn: str, status: int = 2, **changes: object) -> OrderLine:
    line = OrderLine(order_sn=order_sn, goods_id=601099512345678, sku_id=17592186044415, product_sku_id=None,
                     seller_sku="MUG-WHT-11", goods_name="Ceramic mug 11 oz", spec="White / 11 oz",
                     original_quantity=3, cancelled_before_shipment=1, quantity=2, status=status,
                     fulfillment_type="fulfillBySeller", labels=(Label("customized_products", 0),),
                     warnings=("REQUIRES_AGE_VERIFICATION",))
    return replace(line, **changes)


def order_detail(order_id: str, shop_id: str = "alice-1", **changes: object) -> OrderDetail:
    detail = OrderDetail(
        id=order_id, shop_id=shop_id, parent_order_sn=f"PO-211-{order_id}", temu_status=2,
        state=OrderState.TO_REVIEW, region_id=211, site_id=100, temu_created_at=NOW - timedelta(hours=3),
        temu_updated_at=NOW - timedelta(hours=1), ship_by=NOW + timedelta(days=2),
        lines=(order_line(f"211-{order_id}-1"),), labels=(Label("soon_to_be_overdue", 1),),
        warnings=("RESTRICT_FEDEX_SELF_SHIPPING",), exceptions=(),
        address=Address(name="J*** D**", phone="+1 ***-***-1234", email="x@relay.temu.com", country="US",
                        state="CA", city="Los Angeles", line1="1** Main St", post_code="900**"),
        address_fetched_at=NOW - timedelta(minutes=30),
        history=(StateChange(NOW - timedelta(hours=1), "", "AWAITING_PLATFORM", "synced from Temu"),
                 StateChange(NOW - timedelta(minutes=30), "AWAITING_PLATFORM", "TO_REVIEW",
                             "Temu moved the order to to-ship")),
        created_at=NOW - timedelta(hours=1), updated_at=NOW - timedelta(minutes=30), version=3)
    return replace(detail, **changes)


def summary_of(d: OrderDetail) -> OrderSummary:
    return OrderSummary(
        id=d.id, shop_id=d.shop_id, parent_order_sn=d.parent_order_sn, temu_status=d.temu_status, state=d.state,
        region_id=d.region_id, site_id=d.site_id, temu_created_at=d.temu_created_at,
        temu_updated_at=d.temu_updated_at, ship_by=d.ship_by, lines=d.lines, exceptions=d.exceptions,
        updated_at=d.updated_at)


def run_view(run_id: str, shop_id: str = "alice-1", **changes: object) -> SyncRunView:
    view = SyncRunView(
        id=run_id, shop_id=shop_id, kind="MANUAL", status="PENDING", window_start=NOW - timedelta(hours=2),
        window_end=NOW - timedelta(seconds=1), pages_done=0, pages_estimate=0, orders_seen=0, created=0,
        updated=0, skipped=0, percent=0.0, errors=(), created_at=NOW, started_at=None, finished_at=None)
    return replace(view, **changes)


def _not_found(kind: str, name: str, reason: str) -> NotFound:
    return NotFound(f"There is no {kind} '{name}'.", resource_type=kind, resource_name=name, reason=reason)


class FakeOrderUseCases:
    def __init__(self) -> None:
        self.orders = {f"o{i}": order_detail(f"o{i}", temu_created_at=NOW - timedelta(hours=i)) for i in range(5)}
        self.orders["b0"] = order_detail("b0", shop_id="bob-1")
        self.runs: dict[str, SyncRunView] = {}
        self.calls: list[tuple] = []

    def list_orders(self, query: ListOrdersQuery) -> Page:
        self.calls.append(("list_orders", query))
        visible = [summary_of(o) for o in sorted(self.orders.values(), key=lambda o: o.temu_created_at, reverse=True)
                   if self._may_see(query.principal, o.shop_id)
                   and (not query.shop_ids or o.shop_id in query.shop_ids)
                   and (not query.states or o.state in query.states)]
        start = self._offset(query.page_token)
        size = min(query.page_size or 50, 100)
        end = start + size
        token = f"after-{end}" if end < len(visible) else ""
        return Page(visible[start:end], token, len(visible))

    def count_orders(self, query: ListOrdersQuery) -> OrderCounts:
        self.calls.append(("count_orders", query))
        shown = self.list_orders(replace(query, page_size=100, page_token="")).items
        return OrderCounts({s: sum(o.state == s for o in shown) for s in OrderState}, {})

    def get_order(self, principal: Principal, order_id: str) -> OrderDetail:
        order = self.orders.get(order_id)
        if order is None or not self._may_see(principal, order.shop_id):
            raise _not_found("erp.v1.Order", f"orders/{order_id}", "ORDER_NOT_FOUND")
        return order

    def sync_now(self, principal: Principal, shop_id: str, request_id: str | None = None) -> SyncRunView:
        self.calls.append(("sync_now", principal, shop_id))
        return self._start(principal, shop_id, "MANUAL", NOW - timedelta(hours=2), NOW - timedelta(seconds=1))

    def replay(self, principal: Principal, shop_id: str, start: datetime, end: datetime,
               request_id: str | None = None) -> SyncRunView:
        self.calls.append(("replay", principal, shop_id, start, end))
        if end <= start:
            raise ValidationFailed("The replay window ends before it starts.",
                                   [FieldViolation("end_time", "must be after start_time")])
        return self._start(principal, shop_id, "REPLAY", start, end)

    def get_operation(self, principal: Principal, operation_id: str) -> SyncRunView:
        run = self.runs.get(operation_id)
        if run is None or not self._may_see(principal, run.shop_id):
            raise _not_found("google.longrunning.Operation", f"operations/{operation_id}", "OPERATION_NOT_FOUND")
        return run

    def advance(self, run_id: str, **changes: object) -> SyncRunView:
        """What a worker would do to the run: the test says what."""
        self.runs[run_id] = replace(self.runs[run_id], **changes)
        return self.runs[run_id]

    def _start(self, principal: Principal, shop_id: str, kind: str, start: datetime, end: datetime) -> SyncRunView:
        if not self._may_see(principal, shop_id):
            raise _not_found("erp.v1.Shop", f"shops/{shop_id}", "SHOP_NOT_FOUND")
        if shop_id == "alice-expired":
            raise PreconditionFailed("The order token of this shop expired: re-authorize it.",
                                     reason="SHOP_REAUTHORIZATION_REQUIRED", subject=f"shops/{shop_id}")
        run = run_view(f"run-{len(self.runs) + 1}", shop_id, kind=kind, window_start=start, window_end=end)
        self.runs[run.id] = run
        return run

    @staticmethod
    def _may_see(principal: Principal, shop_id: str) -> bool:
        owner = SHOP_OWNERS.get(shop_id)
        return owner is not None and principal.can_see_shop(owner)

    @staticmethod
    def _offset(token: str) -> int:
        if not token:
            return 0
        if token.startswith("after-") and token[6:].isdigit():
            return int(token[6:])
        raise ValidationFailed("Bad page token.", [FieldViolation("page_token", "invalid or stale")],
                               reason="INVALID_PAGE_TOKEN")
