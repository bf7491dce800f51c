"""The control API's common parts: routing ``/sandbox/…`` requests to a sandbox's handlers, and
typed reading of their input, with errors a person can act on."""
from __future__ import annotations

import json
from typing import Any, Callable, Mapping, TypeVar
from urllib.parse import parse_qs

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


T = TypeVar("T")
Route = Callable[[T, Input], dict[str, Any]]


def handle(routes: Mapping[tuple[str, str], Route[T]], target: T, method: str, path: str, query: str,
           body: bytes) -> tuple[int, dict[str, Any]]:
    """Run one control request against ``target``; returns (HTTP status, JSON payload)."""
    path = path.rstrip("/") or "/"
    route = routes.get((method, path))
    if route is None:
        return unrouted(routes, method, path)
    try:
        return 200, route(target, Input(read(method, query, body), from_query=method in ("GET", "DELETE")))
    except (InvalidInput, ValueError) as error:
        return 400, {"error": str(error)}


def unrouted(routes: Mapping[tuple[str, str], object], method: str, path: str) -> tuple[int, dict[str, Any]]:
    """The answer to a request no route takes: 405 when the path takes other methods, else 404."""
    allowed = [m for m, p in routes if p == path]
    if allowed:
        return 405, {"error": f"{path} accepts {', '.join(allowed)}, not {method}."}
    return 404, {"error": f"No control endpoint {method} {path}: GET /sandbox lists them."}


def query_fields(query: str) -> dict[str, Any]:
    """A query string's fields, the last value of each."""
    return {k: v[-1] for k, v in parse_qs(query).items()}


def read(method: str, query: str, body: bytes) -> dict[str, Any]:
    """The query string of a GET or DELETE, else the JSON object body (empty: no fields)."""
    if method in ("GET", "DELETE"):
        return query_fields(query)
    if not body.strip():
        return {}
    try:
        data = json.loads(body)
    except ValueError:
        raise InvalidInput("The body is not valid JSON: send a JSON object.") from None
    if not isinstance(data, dict):
        raise InvalidInput("The body must be a JSON object.")
    return data
