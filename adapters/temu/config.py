"""Where and how the Temu client talks to Temu (docs/temu-protocol.md §2, §7, §8).

Pointing the adapter at real Temu, at a sandbox or at a proxy is configuration only: the code
never names a host outside this module.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping

GATEWAYS = ("us", "eu", "global", "cn", "pa")

PRODUCTION_GATEWAYS = {
    "us": "https://openapi-b-us.temu.com/openapi/router",
    "eu": "https://openapi-b-eu.temu.com/openapi/router",
    "global": "https://openapi-b-global.temu.com/openapi/router",
    "cn": "https://openapi.kuajingmaihuo.com/openapi/router",
    "pa": "https://openapi-b-partner.temu.com/openapi/router",
}


@dataclass(frozen=True, slots=True)
class TemuConfig:
    """One Temu app (app key + secret) and the router URL of each gateway.

    ``qps`` is Temu's budget per app key (20 by default); ``max_retries`` bounds the retries of
    one call after a transient failure. The secret never appears in ``repr``.
    """

    app_key: str
    app_secret: str = field(repr=False)
    gateways: Mapping[str, str] = field(default_factory=lambda: dict(PRODUCTION_GATEWAYS))
    timeout_s: float = 10.0
    connect_timeout_s: float = 3.0
    qps: int = 20
    max_retries: int = 4

    def __post_init__(self) -> None:
        if not self.app_key or not self.app_secret:
            raise ValueError("Temu app key and app secret are both required (TEMU_APP_KEY, TEMU_APP_SECRET).")
        if self.qps < 1 or self.max_retries < 0 or self.timeout_s <= 0 or self.connect_timeout_s <= 0:
            raise ValueError("qps must be >= 1, max_retries >= 0 and timeouts > 0.")
        bad = [g for g, url in self.gateways.items() if not url.startswith(("https://", "http://"))]
        if bad:
            raise ValueError(f"Temu gateway URLs must start with https:// or http://: {', '.join(bad)}.")

    @classmethod
    def production(cls, app_key: str, app_secret: str, **options: object) -> TemuConfig:
        return cls(app_key, app_secret, dict(PRODUCTION_GATEWAYS), **options)

    @classmethod
    def for_base_url(cls, base_url: str, app_key: str, app_secret: str, **options: object) -> TemuConfig:
        """Every gateway under one base URL, as the sandbox serves them: ``{base}/{gateway}/openapi/router``."""
        base = base_url.rstrip("/")
        return cls(app_key, app_secret, {g: f"{base}/{g}/openapi/router" for g in GATEWAYS}, **options)

    def url_of(self, gateway: str) -> str:
        try:
            return self.gateways[gateway]
        except KeyError:
            raise ValueError(f"No Temu gateway named {gateway!r}; known: {', '.join(self.gateways)}.") from None
