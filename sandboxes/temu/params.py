"""Reading business parameters strictly, as Temu does: a wrong JSON type is BAD_PARAMS.

A parameter sent as JSON ``null`` counts as absent.
"""
from __future__ import annotations

from typing import Any, Mapping

from sandboxes.temu.errors import bad_params


def optional_int(params: Mapping[str, Any], name: str, default: int | None = None, *,
                 low: int | None = None, high: int | None = None) -> int | None:
    value = params.get(name)
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, int):
        raise bad_params(f"{name} must be an integer, got {type(value).__name__} {value!r}")
    if low is not None and value < low:
        raise bad_params(f"{name} must be at least {low}, got {value}")
    if high is not None and value > high:
        raise bad_params(f"{name} must be at most {high}, got {value}")
    return value


def required_str(params: Mapping[str, Any], name: str) -> str:
    value = params.get(name)
    if value is None or value == "":
        raise bad_params(f"{name} is required")
    if not isinstance(value, str):
        raise bad_params(f"{name} must be a string, got {type(value).__name__}")
    return value


def optional_str(params: Mapping[str, Any], name: str, default: str) -> str:
    value = params.get(name)
    if value is None:
        return default
    if not isinstance(value, str):
        raise bad_params(f"{name} must be a string, got {type(value).__name__}")
    return value


def optional_str_list(params: Mapping[str, Any], name: str, max_items: int) -> list[str] | None:
    value = params.get(name)
    if value is None:
        return None
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise bad_params(f"{name} must be a list of strings")
    if len(value) > max_items:
        raise bad_params(f"{name} accepts at most {max_items} items, got {len(value)}")
    return value


def optional_pair(params: Mapping[str, Any], start: str, end: str) -> tuple[int, int] | None:
    """A closed interval sent as two fields that must come together."""
    low, high = optional_int(params, start), optional_int(params, end)
    if low is None and high is None:
        return None
    if low is None or high is None:
        raise bad_params(f"{start} and {end} must be sent as a pair")
    if low > high:
        raise bad_params(f"{start} must not be later than {end}")
    return low, high
