"""The carrier's records: shipments with their rates, transactions (labels) and refunds."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from sandboxes.carrier.catalog import CarrierAccount, ServiceLevel


def iso(moment: float) -> str:
    return datetime.fromtimestamp(moment, timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


@dataclass(slots=True)
class Rate:
    object_id: str
    shipment: str
    account: CarrierAccount
    level: ServiceLevel
    amount: str
    created: float

    def to_json(self) -> dict[str, Any]:
        return {"object_id": self.object_id, "object_created": iso(self.created), "shipment": self.shipment,
                "amount": self.amount, "currency": "USD", "amount_local": self.amount, "currency_local": "USD",
                "provider": self.account.carrier_name, "carrier_account": self.account.object_id,
                "servicelevel": {"name": self.level.name, "token": self.level.token},
                "estimated_days": self.level.days, "duration_terms": f"Delivery in {self.level.days} days.",
                "attributes": [], "messages": [], "test": True}


@dataclass(slots=True)
class Shipment:
    object_id: str
    body: dict[str, Any]
    rates: list[Rate]
    created: float

    def to_json(self) -> dict[str, Any]:
        b = self.body
        return {"object_id": self.object_id, "object_created": iso(self.created),
                "object_updated": iso(self.created), "object_owner": "sandbox@example.com",
                "status": "SUCCESS", "address_from": b["address_from"], "address_to": b["address_to"],
                "parcels": b["parcels"], "metadata": b.get("metadata", ""), "shipment_date": iso(self.created),
                "rates": [r.to_json() for r in self.rates], "messages": [], "test": True}


@dataclass(slots=True)
class Transaction:
    object_id: str
    rate: Rate
    label_file_type: str
    metadata: str
    created: float
    status: str  # QUEUED until the tracking number is ready, then SUCCESS; or ERROR
    tracking_number: str
    polls_left: int  # GETs still answered QUEUED
    ready_at: float  # and not before this sandbox time
    messages: list[dict[str, str]] = field(default_factory=list)
    tracking_status: str = "PRE_TRANSIT"
    updated: float = 0.0

    def to_json(self, base_url: str) -> dict[str, Any]:
        ready = self.status not in ("QUEUED", "WAITING", "ERROR")
        extension = "zpl" if self.label_file_type == "ZPLII" else "pdf"
        return {"object_id": self.object_id, "object_state": "VALID", "status": self.status,
                "object_created": iso(self.created), "object_updated": iso(self.updated or self.created),
                "object_owner": "sandbox@example.com", "test": True, "rate": self.rate.object_id,
                "parcel": f"parcel-{self.rate.shipment}", "metadata": self.metadata,
                "label_file_type": self.label_file_type,
                "tracking_number": self.tracking_number if ready else "",
                "tracking_status": self.tracking_status if ready else "UNKNOWN",
                "tracking_url_provider": f"{base_url}/track/{self.tracking_number}" if ready else "",
                "label_url": f"{base_url}/labels/{self.object_id}.{extension}" if ready else "",
                "commercial_invoice_url": None, "eta": None, "messages": self.messages}


@dataclass(slots=True)
class Refund:
    object_id: str
    transaction: str
    status: str
    created: float

    def to_json(self) -> dict[str, Any]:
        return {"object_id": self.object_id, "object_created": iso(self.created),
                "object_updated": iso(self.created), "object_owner": "sandbox@example.com",
                "status": self.status, "transaction": self.transaction, "test": True}
