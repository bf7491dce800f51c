"""The accounts a third-party warehouse (3PL) or Amazon FBA is reached through, as the routes
and the account use cases exchange them. Secrets never appear in ``repr`` and are never logged;
they are stored encrypted like Temu tokens.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class ProviderKind(str, Enum):
    GOODCANG = "GOODCANG"  # 谷仓 OMS "RESTFUL V1": a third-party overseas warehouse
    AMAZON = "AMAZON"  # SP-API fulfillment outbound (FBA multi-channel fulfilment)


@dataclass(frozen=True, slots=True)
class GoodcangCredentials:
    app_key: str
    app_token: str = field(repr=False)
    base_url: str = ""  # empty: the provider's public endpoint


@dataclass(frozen=True, slots=True)
class AmazonCredentials:
    """LWA client and the seller's refresh token; ``endpoint`` is the SP-API regional endpoint."""

    client_id: str
    client_secret: str = field(repr=False)
    refresh_token: str = field(repr=False)
    marketplace_id: str = "ATVPDKIKX0DER"
    endpoint: str = ""  # empty: the marketplace's production endpoint
    lwa_url: str = ""  # empty: Amazon's token endpoint


ProviderCredentials = GoodcangCredentials | AmazonCredentials
