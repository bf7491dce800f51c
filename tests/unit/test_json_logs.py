"""ERP_LOG_FORMAT=json: one JSON object per line, secrets masked as in text logs."""
from __future__ import annotations

import io
import json
import logging

import pytest

from bootstrap import log_handler
from bootstrap.settings import Settings, SettingsError


def test_json_logs_parse_line_by_line_and_mask_tokens():
    assert Settings.from_env({"ERP_LOG_FORMAT": "json"}).log_format == "json"
    out = io.StringIO()
    logger = logging.getLogger("tests.json_logs")
    logger.addHandler(handler := log_handler(Settings.from_env({"ERP_LOG_FORMAT": "JSON"}).log_format, out))
    logger.setLevel(logging.INFO)
    try:
        logger.info("sync run %s of shop %s started", "r1", "s1")
        try:
            raise RuntimeError('Temu said {"access_token":"leaky-token-1"}')
        except RuntimeError:
            logger.exception("call failed with access_token=%s", "leaky-token-2")
    finally:
        logger.removeHandler(handler)
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [line["level"] for line in lines] == ["INFO", "ERROR"]
    assert lines[0]["message"] == "sync run r1 of shop s1 started" and lines[0]["logger"] == "tests.json_logs"
    assert "RuntimeError" in lines[1]["exception"]
    assert "leaky-token" not in out.getvalue()


def test_a_log_format_other_than_text_or_json_is_refused():
    with pytest.raises(SettingsError, match="ERP_LOG_FORMAT"):
        Settings.from_env({"ERP_LOG_FORMAT": "xml"})
