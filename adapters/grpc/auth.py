"""API-key authentication of callers (AUTH-12).

The key comes in the ``x-api-key`` metadata or as ``authorization: Bearer <key>``. It is
resolved to a :class:`~domain.principal.Principal` by an injected ``authenticate`` callable
(in production, a lookup of the key's hash). The call interceptor (``interceptors``) calls
:func:`caller_of` for every call of the application's services; the principal is then available
to servicers through :func:`adapters.grpc.call_context.current_principal`.
"""
from __future__ import annotations

import hmac
from collections.abc import Callable, Iterable, Mapping

from adapters.grpc.call_context import metadata_value
from domain.errors import Unauthenticated
from domain.principal import Principal

Authenticator = Callable[[str], Principal | None]
Metadata = Iterable[tuple[str, str | bytes]]
MAX_API_KEY_LENGTH = 256


def api_key_of(metadata: Metadata | None) -> str | None:
    """The API key the caller presented, or ``None`` when there is none."""
    key = metadata_value(metadata, "x-api-key")
    if key:
        return key
    scheme, _, credentials = (metadata_value(metadata, "authorization") or "").partition(" ")
    if scheme.lower() != "bearer":
        return None
    return credentials.strip() or None


def _missing() -> Unauthenticated:
    return Unauthenticated(
        "No API key: send it in the x-api-key metadata or as 'authorization: Bearer <key>'.",
        reason="API_KEY_MISSING")


def _invalid() -> Unauthenticated:
    return Unauthenticated("The API key is not valid.", reason="API_KEY_INVALID")


def caller_of(metadata: Metadata | None, authenticate: Authenticator) -> Principal:
    """The principal whose API key the call carries. Raises ``Unauthenticated`` (reasons
    API_KEY_MISSING, API_KEY_INVALID); whatever ``authenticate`` raises (database down) passes."""
    key = api_key_of(metadata)
    if key is None:
        raise _missing()
    if len(key) > MAX_API_KEY_LENGTH or not key.isascii() or not key.isprintable():
        raise _invalid()
    principal = authenticate(key)
    if principal is None:
        raise _invalid()
    return principal


def authenticator_from_keys(keys: Mapping[str, Principal]) -> Authenticator:
    """An ``authenticate`` over a fixed key table (configuration, demos, tests).

    Every key is compared in constant time, and all of them always are, so the time taken
    tells nothing about which key, or how much of one, matched.
    """
    table = [(k.encode(), p) for k, p in keys.items()]

    def authenticate(api_key: str) -> Principal | None:
        presented, found = api_key.encode(), None
        for key, principal in table:
            if hmac.compare_digest(presented, key):
                found = principal
        return found
    return authenticate
