"""In-memory 3PL and FBA accounts behind the application's ports: orders keyed by reference,
stock per SKU, a status the test moves, and a crash right after the provider created an order."""
from __future__ import annotations

from dataclasses import dataclass, field, replace

from application.ports.fba import FbaOrderRequest, FbaOrderState, FbaOrderStatus
from application.ports.fulfillment import Look
from application.ports.threepl import OutboundCancel, OutboundRequest, OutboundState, OutboundStatus


class ProcessKilled(Exception):
    """The worker died after the provider created the order, before we learnt of it."""


@dataclass
class FakeThirdPartyWarehouse:
    stock: dict[str, int] = field(default_factory=dict)
    orders: dict[str, OutboundState] = field(default_factory=dict)  # by order code
    created: dict[str, int] = field(default_factory=dict)  # creations per reference
    requests: list[OutboundRequest] = field(default_factory=list)
    crash_after_create: bool = False
    cancel_refusal: str = ""
    reads: list[str] = field(default_factory=list)  # get_outbound, one order a call
    batch_reads: list[tuple[str, ...]] = field(default_factory=list)  # shipped, many a call

    def create_outbound(self, request: OutboundRequest) -> OutboundState:
        self.requests.append(request)
        existing = self.find_outbound(request.reference_no)
        if existing is not None:  # the real client adopts on a duplicate reference
            return existing
        code = f"G100-{len(self.orders) + 1:06d}"
        self.orders[code] = OutboundState(code, request.reference_no, OutboundStatus.ACCEPTED, "C")
        self.created[request.reference_no] = self.created.get(request.reference_no, 0) + 1
        if self.crash_after_create:
            self.crash_after_create = False
            raise ProcessKilled()
        return self.orders[code]

    def find_outbound(self, reference_no: str) -> OutboundState | None:
        live = [o for o in self.orders.values()
                if o.reference_no == reference_no and o.status is not OutboundStatus.CANCELLED]
        return live[0] if live else None

    def get_outbound(self, provider_order_id: str) -> OutboundState | None:
        self.reads.append(provider_order_id)
        return self.orders.get(provider_order_id)

    def shipped(self, provider_order_ids):
        self.batch_reads.append(tuple(provider_order_ids))
        return {code: self.orders[code].tracking_numbers for code in provider_order_ids
                if code in self.orders and self.orders[code].tracking_numbers}

    def cancel_outbound(self, provider_order_id: str, reason: str) -> OutboundCancel:
        if self.cancel_refusal:
            return OutboundCancel(False, self.cancel_refusal)
        self.move(provider_order_id, OutboundStatus.CANCELLED, "X")
        return OutboundCancel(True)

    def sellable(self, skus, warehouse_code):
        return {sku: self.stock[sku] for sku in skus if sku in self.stock}

    def move(self, code: str, status: OutboundStatus, letter: str, tracking: tuple[str, ...] = (),
             reason: str = "") -> None:
        self.orders[code] = replace(self.orders[code], status=status, raw_status=letter,
                                    tracking_numbers=tracking, error_reason=reason)


@dataclass
class FakeFbaAccount:
    stock: dict[str, int] = field(default_factory=dict)
    orders: dict[str, FbaOrderState] = field(default_factory=dict)
    requests: list[FbaOrderRequest] = field(default_factory=list)
    created: dict[str, int] = field(default_factory=dict)
    crash_after_create: bool = False
    cancel_refusal: str = ""
    reads: list[str] = field(default_factory=list)  # find_order, one order a call
    lists: list[object] = field(default_factory=list)  # changed_since, the since of each

    def order_id(self, reference: str) -> str:
        return f"ERP-{reference}"

    def create_order(self, request: FbaOrderRequest) -> FbaOrderState:
        self.requests.append(request)
        order_id = self.order_id(request.reference)
        if order_id not in self.orders:
            self.orders[order_id] = FbaOrderState(order_id, FbaOrderStatus.RECEIVED, "Received")
            self.created[order_id] = self.created.get(order_id, 0) + 1
        if self.crash_after_create:
            self.crash_after_create = False
            raise ProcessKilled()
        return self.orders[order_id]

    def find_order(self, order_id: str) -> FbaOrderState | None:
        self.reads.append(order_id)
        return self.orders.get(order_id)

    def changed_since(self, since):
        """Every order: a superset of those changed since ``since``, which the port allows."""
        self.lists.append(since)
        return [replace(o, tracking_numbers=(), carrier="") for o in self.orders.values()]

    def cancel_order(self, order_id: str) -> str | None:
        if self.cancel_refusal:
            return self.cancel_refusal
        self.move(order_id, FbaOrderStatus.CANCELLED, "Cancelled")
        return None

    def fulfillable(self, skus):
        return {sku: self.stock[sku] for sku in skus if sku in self.stock}

    def move(self, order_id: str, status: FbaOrderStatus, raw: str, tracking: tuple[str, ...] = ()) -> None:
        self.orders[order_id] = replace(self.orders[order_id], status=status, raw_status=raw,
                                        tracking_numbers=tracking, carrier="AMZN_US" if tracking else "")


class FakeGateway:
    """Either port's gateway: every account connects to the same fake, the credentials kept."""

    def __init__(self, account) -> None:
        self.account = account
        self.connected: list[object] = []

    def connect(self, credentials):
        self.connected.append(credentials)
        return self.account


def look(route, request, provider_ref: str):
    """One package's whole state through the route's batch read (``Fulfillment.track``)."""
    return route.track([Look(request, provider_ref)])[provider_ref]
