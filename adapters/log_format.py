"""Log lines for machines: one JSON object per line (``ERP_LOG_FORMAT=json``).

Secrets: the handler's ``SecretRedactingFilter`` masks the message before this formats it; the
traceback text, which the filter does not see, is masked here with the same rule.
"""
from __future__ import annotations

import json
import logging
from datetime import datetime, timezone

from adapters.redaction import redact


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, tz=timezone.utc).isoformat(timespec="milliseconds"),
            "level": record.levelname, "logger": record.name, "process": record.process,
            "message": record.getMessage(),
        }
        if record.exc_info:
            entry["exception"] = redact(self.formatException(record.exc_info))
        return json.dumps(entry, ensure_ascii=False)
