"""Run several domain checks and report every bad field at once."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from domain.errors import FieldViolation, ValidationFailed


def all_checked(what: str, *checks: Callable[[], Any]) -> list[Any]:
    """Each check's value; one ``ValidationFailed`` with every violation when any fails."""
    values: list[Any] = []
    violations: list[FieldViolation] = []
    for check in checks:
        try:
            values.append(check())
        except ValidationFailed as err:
            violations += err.violations
    if violations:
        raise ValidationFailed(f"{what}: " + "; ".join(f"{v.field} {v.description}" for v in violations) + ".",
                               violations)
    return values
