"""Where and how the Goodcang client talks to Goodcang: base URL, credentials, time budget.

Pointing the client at Goodcang, its UAT host or our sandbox is configuration only.
"""
from __future__ import annotations

from dataclasses import dataclass, field

PRODUCTION_BASE_URL = "https://oms.goodcang.net/public_open"


@dataclass(frozen=True, slots=True)
class GoodcangConfig:
    """One Goodcang account (``app-key`` and ``app-token``, from the OMS's API settings).

    ``timeout_s`` bounds one HTTP exchange; ``deadline_s`` bounds one operation with its
    retries; ``max_retries`` bounds the retries. ``qps``: the calls a second the account is
    allowed; Goodcang publishes no limit, 10 is what our sandbox allows an account. The token
    never appears in ``repr``.
    """

    app_key: str
    app_token: str = field(repr=False)
    base_url: str = PRODUCTION_BASE_URL
    timeout_s: float = 15.0
    connect_timeout_s: float = 5.0
    deadline_s: float = 60.0
    max_retries: int = 4
    backoff_base_s: float = 0.25
    backoff_cap_s: float = 8.0
    qps: float = 10.0

    def __post_init__(self) -> None:
        if not self.app_key.strip() or not self.app_token.strip():
            raise ValueError("A Goodcang account needs its app-key and app-token.")
        if not self.base_url.startswith(("https://", "http://")):
            raise ValueError(f"The Goodcang base URL must start with https:// or http://, got {self.base_url!r}.")
        if min(self.timeout_s, self.connect_timeout_s, self.deadline_s, self.qps) <= 0 or self.max_retries < 0:
            raise ValueError("Timeouts and the deadline must be positive, max_retries 0 or more.")

    def url_of(self, path: str) -> str:
        return f"{self.base_url.rstrip('/')}/{path}"
