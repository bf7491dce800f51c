"""Where and as whom the FBA client talks to Amazon: one seller's LWA grant in one region.

Pointing the adapter at Amazon, at its sandbox host or at our sandbox is configuration only.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

LWA_URL = "https://api.amazon.com/auth/o2/token"
ENDPOINTS = {"na": "https://sellingpartnerapi-na.amazon.com",
             "eu": "https://sellingpartnerapi-eu.amazon.com",
             "fe": "https://sellingpartnerapi-fe.amazon.com"}


@dataclass(frozen=True, slots=True)
class FbaConfig:
    """``refresh_margin_s``: how long before its hour ends an access token is replaced.
    ``max_retries`` bounds retries of one call after throttling or a transient failure. Secrets
    never appear in ``repr``."""

    endpoint: str
    client_id: str
    client_secret: str = field(repr=False)
    refresh_token: str = field(repr=False)
    marketplace_id: str = "ATVPDKIKX0DER"
    lwa_url: str = LWA_URL
    timeout_s: float = 20.0
    connect_timeout_s: float = 5.0
    max_retries: int = 5
    refresh_margin_s: float = 300.0

    def __post_init__(self) -> None:
        if not (self.client_id and self.client_secret and self.refresh_token):
            raise ValueError("The LWA client id, client secret and refresh token are all required.")
        if not all(u.startswith(("https://", "http://")) for u in (self.endpoint, self.lwa_url)):
            raise ValueError("The SP-API endpoint and the LWA URL must start with https:// or http://.")
        if self.max_retries < 0 or self.timeout_s <= 0 or self.connect_timeout_s <= 0:
            raise ValueError("max_retries must be >= 0 and timeouts > 0.")

    @property
    def seller_key(self) -> str:
        """Names this seller's authorization of this app without revealing the refresh token."""
        digest = hashlib.sha256(self.refresh_token.encode("utf-8")).hexdigest()[:16]
        return f"{self.client_id}:{digest}"

    @classmethod
    def for_region(cls, region: str, client_id: str, client_secret: str, refresh_token: str,
                   **options: object) -> FbaConfig:
        try:
            endpoint = ENDPOINTS[region]
        except KeyError:
            raise ValueError(f"SP-API region must be one of {', '.join(ENDPOINTS)}, got {region!r}.") from None
        return cls(endpoint, client_id, client_secret, refresh_token, **options)
