"""Where orders ship from (FUL-1 … FUL-4): warehouses of three kinds, the logistics channels
(物流渠道) a warehouse ships with, and the addresses both need.

- An own warehouse (自建海外仓) buys labels from a carrier account; a third-party warehouse
  (三方海外仓) and an FBA warehouse are operated by their provider, reached through a provider
  account. The kind is fixed when the warehouse is registered.
- A channel names the carrier service a package is handed to, the label format the warehouse
  prints, and the carrier Temu is told about, per region (the upload names an accepted carrier).
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


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
