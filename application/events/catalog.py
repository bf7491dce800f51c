"""The feed's public event types: the one table from domain event to the name integrators see.

Names are ``<resource>.<past-tense verb>``, so later resources (packages, uploads) add their own
family (``package.shipped``) and a reader may ask for a whole family (``order.*``). A name, once
published, never changes: docs/change-feed.md lists them with their data.
"""
from __future__ import annotations

from domain.errors import FieldViolation, ValidationFailed

PUBLIC_TYPES: dict[str, str] = {
    "ShopAuthorized": "shop.authorized",
    "ShopReauthorized": "shop.reauthorized",
    "TokenAdded": "shop.token_added",
    "ShopAuthorizationExpired": "shop.authorization_expired",
    "SyncRunCreated": "operation.created",
    "SyncRunResumed": "operation.resumed",
    "SyncRunFinished": "operation.finished",
    "OrderImported": "order.imported",
    "OrderStateChanged": "order.state_changed",
    "OrderStoppedOnTemu": "order.stopped_on_temu",
    "OrderAddressChanged": "order.address_changed",
    "OrderShippedOnTemu": "order.shipped_on_temu",
    "PackageAudited": "package.audited",
    "PackageHeld": "package.held",
    "PackagePushed": "package.pushed",
    "PackageTracked": "package.tracked",
    "PackageVoided": "package.voided",
    "PackageCancelled": "package.cancelled",
    "PackageFlagged": "package.flagged",
    "UploadRequested": "upload.requested",
    "TemuCarrierMapped": "channel.temu_carrier_mapped",
}
_STORED = {public: stored for stored, public in PUBLIC_TYPES.items()}


def public_type(stored: str) -> str:
    return PUBLIC_TYPES.get(stored, stored)


def stored_types(names: tuple[str, ...], field: str = "event_types") -> tuple[str, ...]:
    """The stored type names that ``names`` ask for: exact names, or families (``order.*``)."""
    found: list[str] = []
    violations = []
    for i, name in enumerate(names):
        family = name[:-1] if name.endswith(".*") else None
        matched = [s for p, s in _STORED.items() if p == name or (family and p.startswith(family))]
        if not matched:
            violations.append(FieldViolation(f"{field}[{i}]", f"unknown event type {name[:64]!r}; one of "
                                             f"{', '.join(sorted(_STORED))}, or a family such as order.*"))
        found += matched
    if violations:
        raise ValidationFailed("Ask for event types the feed has.", violations)
    return tuple(dict.fromkeys(found))
