"""Typed reading of control-API input, with errors a person can act on."""
from __future__ import annotations

from typing import Any

_REQUIRED: Any = object()


class InvalidInput(ValueError):
    """Bad control input; the message says which field and what it should be."""


class Input:
    """A JSON body or query string. Absent fields (and ``null`` for non-nullable ones) take
    the default; a field without default is required. Query-string values are text, so
    ``from_query`` lets integers be read from digits."""

    def __init__(self, data: dict[str, Any], *, from_query: bool = False) -> None:
        self.data, self.from_query = data, from_query

    def integer(self, name: str, default: Any = _REQUIRED, *, nullable: bool = False) -> Any:
        value = self.data.get(name)
        if name not in self.data or (value is None and not nullable):
            return self._default(name, default, "an integer")
        if value is None:
            return None
        if self.from_query and isinstance(value, str) and value.lstrip("-").isdigit():
            return int(value)
        if isinstance(value, bool) or not isinstance(value, int):
            raise InvalidInput(f"{name} must be an integer, got {value!r}.")
        return value

    def number(self, name: str, default: Any = _REQUIRED) -> Any:
        value = self.data.get(name)
        if value is None:
            return self._default(name, default, "a number")
        if self.from_query and isinstance(value, str):
            try:
                return float(value)
            except ValueError:
                pass
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise InvalidInput(f"{name} must be a number, got {value!r}.")
        return value

    def text(self, name: str, default: Any = _REQUIRED) -> Any:
        value = self.data.get(name)
        if value is None:
            return self._default(name, default, "a string")
        if not isinstance(value, str):
            raise InvalidInput(f"{name} must be a string, got {value!r}.")
        return value

    def texts(self, name: str, default: Any = _REQUIRED) -> Any:
        value = self.data.get(name)
        if value is None:
            return self._default(name, default, "a list of strings")
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise InvalidInput(f"{name} must be a list of strings, got {value!r}.")
        return value

    def mapping(self, name: str, default: Any = _REQUIRED) -> Any:
        value = self.data.get(name)
        if value is None:
            return self._default(name, default, "an object")
        if not isinstance(value, dict):
            raise InvalidInput(f"{name} must be an object, got {value!r}.")
        return value

    def integer_or_text(self, name: str, default: Any = _REQUIRED) -> Any:
        value = self.data.get(name)
        if value is None:
            return self._default(name, default, "an integer or a string")
        if isinstance(value, bool) or not isinstance(value, (int, str)):
            raise InvalidInput(f"{name} must be an integer or a string, got {value!r}.")
        return value

    @staticmethod
    def _default(name: str, default: Any, kind: str) -> Any:
        if default is _REQUIRED:
            raise InvalidInput(f"{name} is required: send it as {kind}.")
        return default
