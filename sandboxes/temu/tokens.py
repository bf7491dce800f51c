"""Access tokens: issuing, replacing and revoking, as a seller's back office would."""
from __future__ import annotations

import secrets
import string

from sandboxes.temu.model import Token

_ALPHABET = string.ascii_lowercase + string.digits


def new_token_value() -> str:
    """A fresh token that looks like Temu's: 56 lowercase letters and digits."""
    return "".join(secrets.choice(_ALPHABET) for _ in range(56))


class TokenBook:
    """Every token ever issued, with its state. Callers hold the registry lock."""

    def __init__(self) -> None:
        self._tokens: dict[str, Token] = {}
        self._current: dict[tuple[int, str, str, str], str] = {}

    def issue(self, token: Token) -> None:
        """Store ``token``; the active token of the same (mall, gateway, kind, app) is replaced."""
        if token.value in self._tokens:
            raise ValueError(f"Token {token.value!r} already exists: pass another token text "
                             "or none to get a generated one.")
        previous = self._tokens.get(self._current.get(token.replacement_key(), ""))
        if previous is not None and previous.state == "active":
            previous.state = "replaced"
        self._tokens[token.value] = token
        self._current[token.replacement_key()] = token.value

    def revoke(self, value: str) -> None:
        token = self._tokens.get(value)
        if token is None:
            raise ValueError("Unknown token: it was never issued by this sandbox.")
        token.state = "revoked"

    def get(self, value: str) -> Token | None:
        return self._tokens.get(value)

    def all(self) -> list[Token]:
        return list(self._tokens.values())

    def clear(self) -> None:
        self._tokens.clear()
        self._current.clear()
