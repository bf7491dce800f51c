"""The generic third-party warehouse (3PL) port: outbound orders, their state, cancel, stock.

Shaped after the generic port of the fulfilment reference (§2.4), so 4PX or ShipBob can join
Goodcang behind it. ``create_outbound`` is idempotent by ``reference_no``: the implementation
adopts the order already holding it (adopt-on-duplicate), never makes a second one.
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Mapping, Protocol, Sequence

from application.ports.providers import GoodcangCredentials
from domain.warehouse import PostalAddress


class OutboundStatus(str, Enum):
    DRAFT = "DRAFT"  # saved but not submitted to the warehouse
    ACCEPTED = "ACCEPTED"
    PICKING = "PICKING"
    SHIPPED = "SHIPPED"
    CANCELLED = "CANCELLED"
    EXCEPTION = "EXCEPTION"  # the warehouse holds it for a problem a person must solve
    UNKNOWN = "UNKNOWN"  # a status word the provider never documented; ``raw_status`` keeps it


@dataclass(frozen=True, slots=True)
class OutboundLine:
    sku: str
    quantity: int


@dataclass(frozen=True, slots=True)
class OutboundRequest:
    reference_no: str  # ours: the package's reference
    warehouse_code: str
    channel_code: str
    ship_to: PostalAddress
    lines: tuple[OutboundLine, ...]
    note: str = ""


@dataclass(frozen=True, slots=True)
class OutboundState:
    provider_order_id: str
    reference_no: str
    status: OutboundStatus
    raw_status: str
    tracking_numbers: tuple[str, ...] = ()
    error_reason: str = ""  # the warehouse's words for EXCEPTION


@dataclass(frozen=True, slots=True)
class OutboundCancel:
    cancelled: bool
    message: str = ""  # the provider's words when it refuses


class ThirdPartyWarehouse(Protocol):
    """One 3PL account. Errors: ``UpstreamUnavailable`` (retry later) and ``UpstreamRejected``."""

    def create_outbound(self, request: OutboundRequest) -> OutboundState: ...

    def find_outbound(self, reference_no: str) -> OutboundState | None:
        """The live order holding ``reference_no``, or None."""
        ...

    def get_outbound(self, provider_order_id: str) -> OutboundState | None: ...

    def shipped(self, provider_order_ids: Sequence[str]) -> Mapping[str, tuple[str, ...]]:
        """The tracking numbers of those of these orders the provider reports shipped, in its
        batch reads (orders not shipped yet are absent)."""
        ...

    def cancel_outbound(self, provider_order_id: str, reason: str) -> OutboundCancel: ...

    def sellable(self, skus: Sequence[str], warehouse_code: str) -> Mapping[str, int]:
        """Sellable units per SKU at that warehouse; a SKU the provider does not list is absent."""
        ...


class ThirdPartyWarehouseGateway(Protocol):
    def connect(self, credentials: GoodcangCredentials) -> ThirdPartyWarehouse: ...
