"""Things that happened in the domain, past tense: ids and primitives only.

The unit of work stores every event an aggregate recorded in the outbox, in the transaction of
the change; a relay sends each to the handlers its type maps to (``adapters/queue/handlers.py``),
and the change feed (``EventService``, docs/change-feed.md) shows it to integrators. So every
event names its shop (``shop_id``: who may see it) and carries what a reader needs without a
second call, never a secret: token kinds, never tokens. Fields are only ever added.
"""
from __future__ import annotations

from dataclasses import dataclass


class Event:
    pass


@dataclass(frozen=True, slots=True)
class ShopAuthorized(Event):
    shop_id: str
    auth_status: str


@dataclass(frozen=True, slots=True)
class ShopReauthorized(Event):
    shop_id: str
    token_kind: str


@dataclass(frozen=True, slots=True)
class TokenAdded(Event):
    shop_id: str
    token_kind: str


@dataclass(frozen=True, slots=True)
class ShopAuthorizationExpired(Event):
    shop_id: str


@dataclass(frozen=True, slots=True)
class SyncRunCreated(Event):
    run_id: str
    shop_id: str
    kind: str


@dataclass(frozen=True, slots=True)
class SyncRunResumed(Event):
    """Back from waiting for re-authorization, or found stalled (its worker or message lost)."""

    run_id: str
    shop_id: str
    kind: str = ""


@dataclass(frozen=True, slots=True)
class SyncRunFinished(Event):
    run_id: str
    shop_id: str
    status: str


@dataclass(frozen=True, slots=True)
class OrderImported(Event):
    """A Temu order the ERP had not seen, stored by a sync."""

    order_id: str
    shop_id: str
    parent_order_sn: str
    state: str
    temu_status: int


@dataclass(frozen=True, slots=True)
class OrderStateChanged(Event):
    order_id: str
    from_state: str
    to_state: str
    shop_id: str = ""  # NOTE: defaults only for rows stored before these fields existed
    parent_order_sn: str = ""
    reason: str = ""


@dataclass(frozen=True, slots=True)
class PackageAudited(Event):
    """Audited: the worker pushes it (``packages.push``)."""

    package_id: str
    shop_id: str


@dataclass(frozen=True, slots=True)
class PackageHeld(Event):
    package_id: str
    shop_id: str
    reason: str


@dataclass(frozen=True, slots=True)
class PackagePushed(Event):
    package_id: str
    shop_id: str
    provider_ref: str


@dataclass(frozen=True, slots=True)
class PackageTracked(Event):
    package_id: str
    shop_id: str
    tracking_number: str


@dataclass(frozen=True, slots=True)
class PackageVoided(Event):
    package_id: str
    shop_id: str


@dataclass(frozen=True, slots=True)
class PackageCancelled(Event):
    package_id: str
    shop_id: str


@dataclass(frozen=True, slots=True)
class PackageFlagged(Event):
    """A person must act on the package (stop the parcel, ship to a new address)."""

    package_id: str
    shop_id: str
    flag: str


@dataclass(frozen=True, slots=True)
class OrderStoppedOnTemu(Event):
    """Temu cancelled the order, or shipped it outside this ERP: its packages follow."""

    order_id: str
    shop_id: str


@dataclass(frozen=True, slots=True)
class OrderShippedOnTemu(Event):
    """Temu reports shipped an order this ERP had not marked: its mark-shipped upload, if any, is
    reconciled (``uploads.reconcile``): shipped outside this ERP, or our own upload seen early."""

    order_id: str
    shop_id: str


@dataclass(frozen=True, slots=True)
class OrderAddressChanged(Event):
    order_id: str
    shop_id: str


@dataclass(frozen=True, slots=True)
class TemuCarrierMapped(Event):
    """A channel's carrier was mapped to Temu's for a region (MapTemuCarrier): the uploads refused
    for want of it (NO_TEMU_CARRIER) are asked through the gate again (``uploads.carrier_mapped``)."""

    channel_id: str
    shop_id: str  # the shop whose Temu carrier list the mapping was checked against
    region_id: int
    temu_carrier_id: int


@dataclass(frozen=True, slots=True)
class UploadRequested(Event):
    """A platform order passed the mark-shipped gate: the worker uploads it (``uploads.send``)."""

    upload_id: str
    shop_id: str
