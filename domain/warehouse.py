"""Where orders ship from (FUL-1 … FUL-4): warehouses of three kinds, the logistics channels
(物流渠道) a warehouse ships with, and the addresses both need.

- An own warehouse (自建海外仓) buys labels from a carrier account; a third-party warehouse
  (三方海外仓) and an FBA warehouse are operated by their provider, reached through a provider
  account. The kind is fixed when the warehouse is registered.
- A channel names the carrier service a package is handed to, the label format the warehouse
  prints, and the carrier Temu is told about, per region (the upload names an accepted carrier).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from enum import Enum

from domain.errors import FieldViolation, PreconditionFailed, ValidationFailed


class WarehouseKind(str, Enum):
    OWN = "OWN"  # 自建海外仓: our workers pack; labels bought from a carrier account
    THIRD_PARTY = "THIRD_PARTY"  # 三方海外仓: a 3PL (Goodcang, …) packs and ships
    FBA = "FBA"  # Amazon multi-channel fulfilment from FBA stock


class LabelFormat(str, Enum):
    PDF_4X6 = "PDF_4X6"  # a one-page 4x6-inch PDF
    ZPL = "ZPL"  # ZPL II for thermal printers


@dataclass(frozen=True, slots=True)
class PostalAddress:
    """A shipping address as carriers and warehouses need it (country: ISO 3166-1 alpha-2)."""

    name: str
    street1: str
    city: str
    zip: str
    country: str
    state: str = ""
    street2: str = ""
    street3: str = ""
    company: str = ""
    phone: str = ""
    email: str = ""


@dataclass(frozen=True, slots=True)
class TemuCarrier:
    """The carrier a channel's tracking numbers are reported to Temu as, in one region."""

    region_id: int
    carrier_id: int
    carrier_name: str = ""


# -- checks the aggregates share ------------------------------------------------------------

_PRINTABLE = re.compile(r"^[^\x00-\x1f\x7f]*$")
_COUNTRY = re.compile(r"^[A-Z]{2}$")
_ADDRESS_LIMITS = {"name": 100, "street1": 200, "street2": 200, "street3": 200, "city": 100,
                   "state": 100, "zip": 20, "company": 100, "phone": 32, "email": 254}
REQUIRED_ADDRESS_FIELDS = ("name", "street1", "city", "zip", "country")


def address_violations(address: PostalAddress, where: str) -> list[FieldViolation]:
    """What is wrong with an address a label will be printed from, each named ``where.field``."""
    found = [FieldViolation(f"{where}.{name}", "required") for name in REQUIRED_ADDRESS_FIELDS
             if not getattr(address, name).strip()]
    if address.country.strip() and not _COUNTRY.match(address.country):
        found.append(FieldViolation(f"{where}.country", "an ISO 3166-1 alpha-2 code in capitals, e.g. US"))
    for name, limit in _ADDRESS_LIMITS.items():
        value = getattr(address, name)
        if len(value) > limit or not _PRINTABLE.match(value):
            found.append(FieldViolation(f"{where}.{name}", f"at most {limit} printable characters"))
    return found


def checked_name(value: str, field: str = "name", limit: int = 64) -> str:
    name = value.strip()
    if not name or len(name) > limit or not _PRINTABLE.match(name):
        raise ValidationFailed(f"The {field} must be 1 to {limit} printable characters.",
                               [FieldViolation(field, f"1 to {limit} printable characters")])
    return name


# -- the Warehouse aggregate ----------------------------------------------------------------

class Warehouse:
    """Where packages ship from. An own warehouse has an address, a return address and the
    carrier account it buys labels with; a third-party or FBA warehouse is the provider's,
    named by the provider account and the provider's warehouse code (the provider knows the
    address)."""

    def __init__(self, *, id: str, owner_id: str, name: str, kind: WarehouseKind, now: datetime,
                 address: PostalAddress | None = None, return_address: PostalAddress | None = None,
                 carrier_account_id: str | None = None, provider_account_id: str | None = None,
                 provider_warehouse_code: str = "") -> None:
        self.id = id
        self.owner_id = owner_id
        self.name = name
        self.kind = kind
        self.address = address
        self.return_address = return_address
        self.carrier_account_id = carrier_account_id
        self.provider_account_id = provider_account_id
        self.provider_warehouse_code = provider_warehouse_code
        self.active = True
        self.created_at = now
        self.updated_at = now
        self.version = 1

    # -- public commands ---------------------------------------------------------------------

    @classmethod
    def register_own(cls, *, id: str, owner_id: str, name: str, address: PostalAddress,
                     return_address: PostalAddress | None, carrier_account_id: str, now: datetime) -> "Warehouse":
        """An own warehouse (自建海外仓). Without a return address, parcels return to ``address``."""
        violations = address_violations(address, "address")
        if return_address is not None:
            violations += address_violations(return_address, "return_address")
        if not carrier_account_id:
            violations.append(FieldViolation("carrier_account_id", "an own warehouse buys labels with a carrier account"))
        if violations:
            raise ValidationFailed("The warehouse cannot be registered: " + _listed(violations), violations)
        return cls(id=id, owner_id=owner_id, name=checked_name(name), kind=WarehouseKind.OWN, now=now,
                   address=address, return_address=return_address or address,
                   carrier_account_id=carrier_account_id)

    @classmethod
    def register_provided(cls, *, id: str, owner_id: str, name: str, kind: WarehouseKind,
                          provider_account_id: str, provider_warehouse_code: str, now: datetime) -> "Warehouse":
        """A third-party (三方海外仓) or FBA warehouse: the provider account and its warehouse code."""
        violations = []
        if kind is WarehouseKind.OWN:
            violations.append(FieldViolation("kind", "an own warehouse is registered with an address"))
        account = provider_account_id.strip()
        if not account or len(account) > 64 or not _PRINTABLE.match(account):
            violations.append(FieldViolation("provider_account_id",
                                             "1 to 64 printable characters, required for a third-party or FBA warehouse"))
        code = provider_warehouse_code.strip()
        if not code or len(code) > 64 or not _PRINTABLE.match(code):
            violations.append(FieldViolation("provider_warehouse_code", "1 to 64 printable characters"))
        if violations:
            raise ValidationFailed("The warehouse cannot be registered: " + _listed(violations), violations)
        return cls(id=id, owner_id=owner_id, name=checked_name(name), kind=kind, now=now,
                   provider_account_id=account, provider_warehouse_code=code)

    def deactivate(self, now: datetime) -> None:
        """No new package is routed here; packages already routed keep their warehouse."""
        self.active, self.updated_at = False, now

    def activate(self, now: datetime) -> None:
        self.active, self.updated_at = True, now

    # -- public queries ----------------------------------------------------------------------

    def check_can_take_packages(self) -> None:
        if not self.active:
            raise PreconditionFailed(f"Warehouse '{self.name}' is deactivated: activate it or choose another.",
                                     reason="WAREHOUSE_INACTIVE", subject=f"warehouses/{self.id}")

    @property
    def account_id(self) -> str:
        """The carrier account (own) or provider account (3PL, FBA) the warehouse ships with."""
        return (self.carrier_account_id if self.kind is WarehouseKind.OWN else self.provider_account_id) or ""


def _listed(violations: list[FieldViolation]) -> str:
    return "; ".join(f"{v.field} {v.description}" for v in violations) + "."
