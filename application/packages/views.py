"""What a user sees of a package (GetPackage, ListPackages), and the list's filter."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from domain.package import PackageLine, PackageState


@dataclass(frozen=True, slots=True)
class PackageView:
    id: str
    shop_id: str
    state: PackageState
    lines: tuple[PackageLine, ...]
    warehouse_id: str
    channel_id: str
    hold_reason: str
    flags: tuple[str, ...]
    tracking_numbers: tuple[str, ...]
    carrier: str
    provider_ref: str
    has_label: bool
    last_message: str  # the provider's last word: a refusal, an outage, its status
    created_at: datetime
    updated_at: datetime
    version: int

    @property
    def order_ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(line.order_id for line in self.lines))


@dataclass(frozen=True, slots=True)
class PackageFilter:
    owner_id: str | None = None  # None: every owner (administrators)
    shop_ids: tuple[str, ...] = ()
    states: tuple[PackageState, ...] = ()
    order_id: str = ""
