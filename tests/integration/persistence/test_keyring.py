"""Reading the secrets configuration (no database needed)."""
from __future__ import annotations

import base64
import logging
import os

import pytest

from adapters.persistence.keyring import Keyring, KeyringError
from bootstrap.settings import Settings


def b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode()


def test_the_first_configured_key_is_primary_and_every_key_decrypts():
    old, new = os.urandom(32), os.urandom(32)
    ring = Settings.from_env({"ERP_SECRETS_KEYS": f"k2:{b64(new)},k1:{b64(old)}",
                             "ERP_FINGERPRINT_KEY": b64(os.urandom(32))}).keyring()
    legacy = Keyring((("k1", old),), ring.fingerprint_key)

    assert ring.primary_id == "k2"
    assert ring.decrypt("k1", legacy.encrypt("secret", "ad"), "ad") == "secret"


def test_without_a_fingerprint_key_fingerprints_come_from_the_oldest_key_with_a_warning(caplog):
    oldest = f"k1:{b64(os.urandom(32))}"
    with caplog.at_level(logging.WARNING):
        before = Settings.from_env({"ERP_SECRETS_KEYS": oldest}).keyring()
        after = Settings.from_env({"ERP_SECRETS_KEYS": f"k2:{b64(os.urandom(32))},{oldest}"}).keyring()

    assert before.fingerprint("token") == after.fingerprint("token")
    assert "ERP_FINGERPRINT_KEY" in caplog.text


@pytest.mark.parametrize("config", ["k1", "k1:not-base64!", f"k1:{b64(b'short')}", f"bad id:{b64(bytes(32))}"])
def test_a_malformed_key_list_is_refused_with_a_clear_error(config):
    with pytest.raises(KeyringError):
        Settings.from_env({"ERP_SECRETS_KEYS": config, "ERP_FINGERPRINT_KEY": b64(bytes(32))}).keyring()


def test_in_development_a_key_file_is_generated_once_and_reused(tmp_path, caplog):
    key_file = tmp_path / "var" / "secrets.key"
    with caplog.at_level(logging.WARNING):
        first = Keyring.dev(key_file)
    second = Keyring.dev(key_file)

    assert "generated a development key file" in caplog.text
    assert second.keys == first.keys and second.fingerprint("t") == first.fingerprint("t")
    assert key_file.stat().st_mode & 0o077 == 0


def test_the_keyring_never_shows_key_material():
    ring = Keyring.generate("k9")
    assert repr(ring) == "Keyring(key_ids=['k9'])"
