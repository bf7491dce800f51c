"""Goodcang's failure envelope and the error codes the sandbox answers with.

The V1 envelope of a refusal is ``{"ask": "Failure", "message": …, "Error": {"errCode": …,
"errMessage": …}}``, as Goodcang answers it in public client code. ``10103086`` (no data) and
``10103099`` (order discarded) are codes seen in real answers; the other numeric codes are the
sandbox's own, in the same family, because Goodcang publishes no code table (README.md).
"""
from __future__ import annotations

from typing import Any

BAD_PARAMS = "400"
AUTH_FAILED = "401"
RATE_LIMITED = "429"
SYSTEM_ERROR = "500"
NO_DATA = 10103086
ORDER_DISCARDED = 10103099
DUPLICATE_REFERENCE = 10103001
SKU_NOT_FOUND = 10103002
STOCK_SHORT = 10103003
WAREHOUSE_NOT_FOUND = 10103004
METHOD_NOT_AVAILABLE = 10103005
CANCEL_NOT_ALLOWED = 10103006


class GoodcangError(Exception):
    """A refusal answered with ``ask: Failure`` (or ``code != 0`` on the tracking call)."""

    def __init__(self, code: int | str, message: str, *, http_status: int = 200,
                 extra: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.code, self.message, self.http_status = code, message, http_status
        self.extra = extra or {}

    def envelope(self, *, tracking: bool = False) -> dict[str, Any]:
        if tracking:
            return {"code": _numeric(self.code), "message": self.message, "data": []}
        return {"ask": "Failure", "message": self.message, **self.extra,
                "Error": {"errCode": self.code, "errMessage": self.message}}


def bad_params(message: str) -> GoodcangError:
    return GoodcangError(BAD_PARAMS, message)


def success(**fields: Any) -> dict[str, Any]:
    return {"ask": "Success", "message": "Success", **fields}


def _numeric(code: int | str) -> int:
    return code if isinstance(code, int) else int(code) if str(code).isdigit() else 1
