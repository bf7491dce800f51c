"""What the provider-account use cases ask a 3PL (Goodcang) or Amazon account: does it accept
these credentials, which warehouses and shipping channels does it offer, how much stock does it
report per seller SKU. The routes (push, track, cancel) use their own port (``fulfillment.py``).

Errors: ``UpstreamRejected`` for a refusal, the provider's words; reason
PROVIDER_CREDENTIALS_REFUSED with ``details["field"]`` naming the credential to fix when it is one; ``UpstreamUnavailable`` for what a retry may fix.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from application.ports.providers import ProviderCredentials


@dataclass(frozen=True, slots=True)
class ProviderWarehouse:
    code: str  # Goodcang's warehouse code; for Amazon the marketplace id
    name: str
    country_code: str = ""


@dataclass(frozen=True, slots=True)
class ProviderChannel:
    code: str  # Goodcang's shipping method code; for Amazon the shipping speed (Standard, ...)
    name: str
    warehouse_code: str


@dataclass(frozen=True, slots=True)
class ProviderStock:
    seller_sku: str
    warehouse_code: str
    available: int  # sellable (Goodcang), fulfillable (FBA)
    total: int


class ProviderDirectory(Protocol):
    def verify(self) -> None:
        """One cheap authenticated call, raising as the module says when the provider refuses."""
        ...

    def warehouses(self) -> list[ProviderWarehouse]: ...
    def channels(self, warehouse_code: str) -> list[ProviderChannel]: ...
    def stock(self, seller_skus: list[str]) -> list[ProviderStock]:
        """Every SKU the provider reports when ``seller_skus`` is empty."""
        ...


class ProviderDirectories(Protocol):
    def connect(self, credentials: ProviderCredentials) -> ProviderDirectory:
        """A client for one account, used as a context manager (it holds connections)."""
        ...
