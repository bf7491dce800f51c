"""Secrets stay out of logs even when a careless message carries them."""
import logging

from adapters.redaction import MASK, SecretRedactingFilter, redact


def test_secret_fields_are_masked_in_every_common_notation():
    text = ('access_token=abc123&sign=FFEE {"app_secret":"s3cr3t"} access_token: tok9 '
            'x-api-key: k-55 authorization: Bearer k-66')
    cleaned = redact(text)
    for secret in ("abc123", "FFEE", "s3cr3t", "tok9", "k-55", "k-66"):
        assert secret not in cleaned


def test_known_secret_values_are_masked_wherever_they_appear():
    assert redact("token tok-123 leaked", ["tok-123"]) == f"token {MASK} leaked"
    assert redact("token tok-123 leaked", [" tok-123\n"]) == f"token {MASK} leaked"


def test_the_logging_filter_rewrites_a_record_that_carries_a_token(caplog):
    logger = logging.getLogger("tests.redaction")
    logger.addFilter(SecretRedactingFilter())
    with caplog.at_level(logging.DEBUG, logger="tests.redaction"):
        logger.debug("body %s", '{"access_token":"leaky-token","type":"x"}')
    assert "leaky-token" not in caplog.text and '"type":"x"' in caplog.text
