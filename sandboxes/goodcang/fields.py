"""Reading request fields as Goodcang documents them: type, presence, maximum length, enumeration.

Every failure is a ``400`` refusal whose message names the field, so a developer reading the
envelope learns what to fix (the texts are the sandbox's; Goodcang publishes none).
"""
from __future__ import annotations

from typing import Any, Iterable, Mapping

from sandboxes.goodcang.errors import bad_params


def text(body: Mapping[str, Any], name: str, max_len: int, *, required: bool = False) -> str:
    """A string field; absent or null is ``""`` unless ``required``."""
    value = body.get(name)
    if value is None or value == "":
        if required:
            raise bad_params(f"{name}不能为空 ({name} is required)")
        return ""
    if not isinstance(value, str):
        raise bad_params(f"{name}必须是字符串 ({name} must be a string)")
    if len(value) > max_len:
        raise bad_params(f"{name}长度不能超过{max_len} ({name} is longer than {max_len} characters)")
    return value


def flag(body: Mapping[str, Any], name: str, allowed: Iterable[int], default: int | None = 0) -> int | None:
    """An integer enumeration (``verify``, ``is_signature``…); digit strings are accepted."""
    value = body.get(name)
    if value is None:
        return default
    number = integer_of(value)
    choices = tuple(allowed)
    if number is None or number not in choices:
        listed = ", ".join(str(c) for c in choices)
        raise bad_params(f"{name}取值错误,可选值: {listed} ({name} must be one of {listed})")
    return number


def count(body: Mapping[str, Any], name: str, low: int, high: int, *, required: bool = True) -> int | None:
    """An integer within [low, high] (``page``, ``pageSize``, ``quantity``)."""
    value = body.get(name)
    if value is None:
        if required:
            raise bad_params(f"{name}不能为空 ({name} is required)")
        return None
    number = integer_of(value)
    if number is None or not low <= number <= high:
        raise bad_params(f"{name}必须是{low}到{high}之间的整数 "
                         f"({name} must be an integer from {low} to {high})")
    return number


def texts(body: Mapping[str, Any], name: str, max_items: int, item_len: int, *, required: bool = False) -> list[str]:
    value = body.get(name)
    if value is None or value == []:
        if required:
            raise bad_params(f"{name}不能为空 ({name} is required)")
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise bad_params(f"{name}必须是字符串数组 ({name} must be an array of strings)")
    if len(value) > max_items:
        raise bad_params(f"{name}最多{max_items}个元素 ({name} holds at most {max_items} values)")
    if any(len(v) > item_len for v in value):
        raise bad_params(f"{name}的元素长度不能超过{item_len} "
                         f"({name} values are at most {item_len} characters)")
    return value


def integer_of(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value.strip())
    return None
