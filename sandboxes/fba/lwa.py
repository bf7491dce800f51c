"""Login with Amazon: the refresh-token grant and the access tokens it issues.

``POST /auth/o2/token`` with a form body ``grant_type=refresh_token&refresh_token=…&client_id=…
&client_secret=…`` answers ``{"access_token", "token_type": "bearer", "expires_in": 3600,
"refresh_token"}``; errors use OAuth 2.0's shape ``{"error", "error_description"}``.
Callers hold the registry lock.
"""
from __future__ import annotations

import itertools
import secrets
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs

ACCESS_TOKEN_LIFETIME_S = 3600


@dataclass(slots=True)
class AccessToken:
    seller: str  # the refresh token it was granted for: one selling partner
    expires_at: float


class LwaBook:
    def __init__(self) -> None:
        self.clients: dict[str, str] = {}  # client_id -> client_secret
        self.refresh_tokens: dict[str, str] = {}  # refresh_token -> client_id
        self.access: dict[str, AccessToken] = {}
        self.exchanges = 0
        self._serial = itertools.count(1)

    def add_client(self, client_id: str, client_secret: str) -> None:
        self.clients[client_id] = client_secret

    def add_refresh_token(self, client_id: str, refresh_token: str | None = None) -> str:
        if client_id not in self.clients:
            raise ValueError(f"No LWA client {client_id!r}: add it first.")
        token = refresh_token or f"Atzr|sandbox-{secrets.token_hex(12)}"
        self.refresh_tokens[token] = client_id
        return token

    def exchange(self, form: bytes, now: float) -> tuple[int, dict[str, Any]]:
        """One token request; returns (HTTP status, JSON body)."""
        fields = {k: v[-1] for k, v in parse_qs(form.decode("utf-8", "replace")).items()}
        grant = fields.get("grant_type")
        if grant is None or not all(fields.get(k) for k in ("client_id", "client_secret")):
            return 400, _error("invalid_request", "The request is missing a required parameter : "
                               + ("grant_type" if grant is None else "client_id or client_secret"))
        if grant != "refresh_token":
            return 400, _error("unsupported_grant_type", f"The authorization grant type {grant} is not supported")
        if self.clients.get(fields["client_id"]) != fields["client_secret"]:
            return 401, _error("invalid_client", "Client authentication failed")
        refresh = fields.get("refresh_token", "")
        if self.refresh_tokens.get(refresh) != fields["client_id"]:
            return 400, _error("invalid_grant", "The request has an invalid grant parameter : refresh_token")
        self.exchanges += 1
        token = f"Atza|sandbox-{next(self._serial)}-{secrets.token_hex(8)}"
        self.access[token] = AccessToken(refresh, now + ACCESS_TOKEN_LIFETIME_S)
        return 200, {"access_token": token, "refresh_token": refresh, "token_type": "bearer",
                     "expires_in": ACCESS_TOKEN_LIFETIME_S}

    def authorize(self, token: str | None, now: float) -> tuple[int, str] | None:
        """None when the token may call; else (HTTP status, the error's ``details``)."""
        if not token:
            return 401, "The request has no x-amz-access-token header."
        grant = self.access.get(token)
        if grant is None:
            return 403, "The access token you provided is revoked, malformed or invalid."
        if now >= grant.expires_at:
            return 403, "The access token you provided has expired."
        return None

    def seller_of(self, token: str) -> str:
        return self.access[token].seller

    def expire_all(self, now: float) -> int:
        """End every issued access token now, as if an hour had passed for them only."""
        for grant in self.access.values():
            grant.expires_at = min(grant.expires_at, now)
        return len(self.access)


def _error(error: str, description: str) -> dict[str, str]:
    return {"error_description": description, "error": error}
