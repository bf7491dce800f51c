"""The keys that protect Temu tokens at rest, read from configuration.

- ``ERP_SECRETS_KEYS``: ``key_id:base64key,...``, each key 32 random bytes (AES-256). The first
  is the primary: new secrets are encrypted with it; the others only decrypt. Rotation: put a
  new key first, run the re-encryption (``vault.rotate_all``), check ``rows_on_key(old) == 0``,
  then drop the old key.
- ``ERP_FINGERPRINT_KEY``: base64, at least 32 bytes, never rotated. Token fingerprints are
  HMAC-SHA256 under it, so they stay comparable across key rotations. When it is unset, it is
  derived (HKDF) from the *oldest* key in ``ERP_SECRETS_KEYS`` (the last entry), with a warning:
  set it explicitly before that key is ever removed.
- Neither set (development): both are generated once into ``var/secrets.key`` (mode 0600) and
  read from there afterwards; a log line says so.
"""
from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import logging
import os
import re
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

log = logging.getLogger(__name__)

DEV_KEY_FILE = Path("var/secrets.key")
NONCE_BYTES = 12
_KEY_ID = re.compile(r"^[A-Za-z0-9_.-]{1,32}$")


class KeyringError(Exception):
    """Secrets configuration is wrong, or a stored secret cannot be decrypted."""


@dataclass(frozen=True)
class Keyring:
    keys: tuple[tuple[str, bytes], ...]  # (key id, 32-byte key), primary first
    fingerprint_key: bytes = field(repr=False)

    def __post_init__(self) -> None:
        if not self.keys:
            raise KeyringError("ERP_SECRETS_KEYS holds no key.")
        for key_id, key in self.keys:
            if not _KEY_ID.match(key_id) or len(key) != 32:
                raise KeyringError(f"Key '{key_id}' of ERP_SECRETS_KEYS must have an id of 1 to 32 "
                                   "letters, digits, '_', '.' or '-' and 32 bytes of key material.")

    def __repr__(self) -> str:
        return f"Keyring(key_ids={self.key_ids})"

    @property
    def primary_id(self) -> str:
        return self.keys[0][0]

    @property
    def key_ids(self) -> list[str]:
        return [key_id for key_id, _ in self.keys]

    def fingerprint(self, secret: str) -> str:
        """12 hex digits of HMAC-SHA256: enough to tell tokens apart, useless to recover one."""
        return hmac.new(self.fingerprint_key, secret.encode(), hashlib.sha256).hexdigest()[:12]

    def encrypt(self, plaintext: str, associated_data: str) -> bytes:
        nonce = secrets.token_bytes(NONCE_BYTES)
        return nonce + AESGCM(self.keys[0][1]).encrypt(nonce, plaintext.encode(), associated_data.encode())

    def decrypt(self, key_id: str, blob: bytes, associated_data: str) -> str:
        """Raises ``KeyringError`` when the key is unknown or the ciphertext does not belong here."""
        key = dict(self.keys).get(key_id)
        if key is None:
            raise KeyringError(f"A stored secret is encrypted with key '{key_id}', which is not in "
                               "ERP_SECRETS_KEYS: add that key back, or re-authorize the shop.")
        try:
            nonce, body = blob[:NONCE_BYTES], blob[NONCE_BYTES:]
            return AESGCM(key).decrypt(nonce, body, associated_data.encode()).decode()
        except InvalidTag:
            raise KeyringError(f"The stored secret '{associated_data}' does not decrypt: it was altered "
                               "or copied from another row.") from None

    @classmethod
    def generate(cls, key_id: str = "k1") -> "Keyring":
        return cls(((key_id, AESGCM.generate_key(bit_length=256)),), secrets.token_bytes(32))

    @classmethod
    def dev(cls, key_file: Path = DEV_KEY_FILE) -> "Keyring":
        """Development only (no ``ERP_SECRETS_KEYS``): the key file, made on first use."""
        return _dev_keyring(key_file)

    @classmethod
    def parse(cls, keys_text: str, fingerprint_text: str | None) -> "Keyring":
        keys = tuple(_parse_entry(entry) for entry in keys_text.split(",") if entry.strip())
        if fingerprint_text:
            return cls(keys, _b64(fingerprint_text, "ERP_FINGERPRINT_KEY", min_len=32))
        oldest_id, oldest = keys[-1]
        log.warning("ERP_FINGERPRINT_KEY is unset: token fingerprints are derived from key '%s'. "
                    "Set ERP_FINGERPRINT_KEY before removing that key from ERP_SECRETS_KEYS.", oldest_id)
        return cls(keys, _derive_fingerprint_key(oldest))

    def dump(self) -> str:
        """The configuration text that reproduces this keyring (for the development key file)."""
        keys = ",".join(f"{key_id}:{base64.b64encode(key).decode()}" for key_id, key in self.keys)
        return f"ERP_SECRETS_KEYS={keys}\nERP_FINGERPRINT_KEY={base64.b64encode(self.fingerprint_key).decode()}\n"


def _parse_entry(entry: str) -> tuple[str, bytes]:
    key_id, sep, material = entry.strip().partition(":")
    if not sep:
        raise KeyringError("ERP_SECRETS_KEYS entries look like 'k2:<base64 of 32 bytes>', comma-separated.")
    return key_id, _b64(material, f"key '{key_id}'", min_len=32)


def _b64(text: str, what: str, min_len: int) -> bytes:
    try:
        raw = base64.b64decode(text.strip(), validate=True)
    except (binascii.Error, ValueError):
        raise KeyringError(f"{what} is not valid base64.") from None
    if len(raw) < min_len:
        raise KeyringError(f"{what} must be at least {min_len} bytes.")
    return raw


def _derive_fingerprint_key(key: bytes) -> bytes:
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"erp token fingerprint v1")
    return hkdf.derive(key)


def _dev_keyring(key_file: Path) -> Keyring:
    if not key_file.exists():
        _create_key_file(key_file, Keyring.generate("dev1").dump())
    settings = dict(line.split("=", 1) for line in key_file.read_text().splitlines() if "=" in line)
    return Keyring.parse(settings["ERP_SECRETS_KEYS"], settings.get("ERP_FINGERPRINT_KEY"))


def _create_key_file(key_file: Path, text: str) -> None:
    """Atomic, and safe when the server and a worker start together: the first writer wins."""
    key_file.parent.mkdir(parents=True, exist_ok=True)
    tmp = key_file.with_name(f".{key_file.name}.{secrets.token_hex(4)}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as f:
        f.write(text)
    try:
        os.link(tmp, key_file)
        log.warning("ERP_SECRETS_KEYS is unset: generated a development key file %s. Set "
                    "ERP_SECRETS_KEYS and ERP_FINGERPRINT_KEY in production.", key_file)
    except FileExistsError:
        pass
    finally:
        tmp.unlink()
