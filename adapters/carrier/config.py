"""Connection settings for one carrier account."""
from __future__ import annotations

from dataclasses import dataclass, field

DEFAULT_BASE_URL = "https://api.goshippo.com"


@dataclass(frozen=True, slots=True)
class ShippoConfig:
    token: str = field(repr=False)
    base_url: str = DEFAULT_BASE_URL
    timeout_s: float = 15.0  # one HTTP exchange; label purchases can be slow at the carrier
    connect_timeout_s: float = 3.0
    max_retries: int = 4
    deadline_s: float = 60.0  # one public call, retries and waits included

    def __post_init__(self) -> None:
        if not self.token.strip():
            raise ValueError("The carrier API token is empty: paste the account's API token.")
        if not self.base_url.startswith(("http://", "https://")):
            raise ValueError(f"The carrier base URL must start with http:// or https://, got {self.base_url!r}.")
        if self.timeout_s <= 0 or self.connect_timeout_s <= 0 or self.deadline_s <= 0 or self.max_retries < 0:
            raise ValueError("Timeouts and the deadline must be positive and max_retries 0 or more.")
