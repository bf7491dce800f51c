"""The LWA access token of one seller: exchanged from the refresh token, kept until shortly
before its hour ends, replaced by one thread at a time.
"""
from __future__ import annotations

import threading
import time
from typing import Callable

import httpx

from adapters import deadline, json_text
from adapters.fba.config import FbaConfig
from adapters.fba.errors import lwa_rejection, lwa_unavailable

DEFAULT_LIFETIME_S = 3600


class LwaTokens:
    """``current()`` returns a token valid for at least ``refresh_margin_s`` more; ``rejected(t)``
    says the SP-API refused ``t``, so the next ``current()`` fetches a new one unless another
    thread already did."""

    def __init__(self, config: FbaConfig, http: httpx.Client, clock: Callable[[], float] = time.monotonic):
        self._config, self._http, self._clock = config, http, clock
        self._token: str | None = None
        self._expires_at = 0.0
        self._lock = threading.Lock()
        self.exchanges = 0

    def current(self) -> str:
        with self._lock:  # held across the exchange: concurrent callers wait for one refresh
            if self._token is None or self._clock() >= self._expires_at - self._config.refresh_margin_s:
                self._token, lifetime = self._exchange()
                self._expires_at = self._clock() + lifetime
            return self._token

    def rejected(self, token: str) -> None:
        with self._lock:
            if self._token == token:
                self._token = None

    def _exchange(self) -> tuple[str, float]:
        c = self._config
        form = {"grant_type": "refresh_token", "refresh_token": c.refresh_token,
                "client_id": c.client_id, "client_secret": c.client_secret}
        try:
            response = self._http.post(c.lwa_url, data=form, headers={"Accept": "application/json"},
                                       timeout=deadline.http_timeout(c.timeout_s, c.connect_timeout_s, "Amazon"))
        except httpx.HTTPError as exc:
            raise lwa_unavailable(type(exc).__name__) from None
        self.exchanges += 1
        try:
            body = json_text.loads(response.content)
        except ValueError:
            body = None
        if not isinstance(body, dict):
            raise lwa_unavailable(f"HTTP {response.status_code} with a body that is not JSON")
        if response.status_code >= 500 or response.status_code == 429:
            raise lwa_unavailable(f"HTTP {response.status_code}")
        token = body.get("access_token")
        if response.status_code != 200 or not isinstance(token, str) or not token:
            raise lwa_rejection(response.status_code, str(body.get("error", "")),
                                str(body.get("error_description", "")))
        lifetime = body.get("expires_in")
        return token, float(lifetime) if isinstance(lifetime, (int, float)) and lifetime > 0 else DEFAULT_LIFETIME_S
