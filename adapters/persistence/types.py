"""Column types that let the domain keep its own value objects.

Datetimes are stored in UTC and always come back timezone-aware UTC, also on SQLite (which keeps
them as naive text). JSON columns are stored as compact text, keys sorted (or, for dataclasses
orjson writes itself, in field order), so equal values are equal rows on every database; the
domain replaces (never mutates) these values, so no mutation tracking is needed.
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timezone
from typing import Any

import orjson
import sqlalchemy as sa
from sqlalchemy.engine import Dialect

from adapters.json_text import dumps, loads
from adapters.persistence import json_codecs as codec
from domain.shop import ShopName


class UTCDateTime(sa.TypeDecorator[datetime]):
    """A timestamp with time zone. Naive datetimes are refused: they are a bug upstream."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r}: the application works in aware UTC")
        value = value.astimezone(timezone.utc)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def bind_processor(self, dialect: Dialect) -> Callable[[datetime | None], object] | None:
        """On SQLite, one step to the text SQLite's DATETIME keeps (``YYYY-MM-DD HH:MM:SS.ffffff``
        in UTC) instead of two Python-level conversions: a bulk insert of orders spent a tenth of
        its time here."""
        if dialect.name != "sqlite":
            return super().bind_processor(dialect)
        return _sqlite_utc_text

    def result_processor(self, dialect: Dialect, coltype: object) -> Callable[[object], datetime | None] | None:
        """On SQLite, the stored text to an aware datetime in one step: SQLAlchemy's parse and then
        ``process_result_value`` took 10 us a column, a sixth of a GetOrder row's decoding."""
        if dialect.name != "sqlite":
            return super().result_processor(dialect, coltype)
        return _sqlite_utc_datetime

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=timezone.utc)
        return value.astimezone(timezone.utc)


def _sqlite_utc_datetime(value: object) -> datetime | None:
    if value is None:
        return None
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    return moment.replace(tzinfo=timezone.utc) if moment.tzinfo is None else moment.astimezone(timezone.utc)


def _sqlite_utc_text(value: datetime | None) -> str | None:
    if value is None:
        return None
    if value.tzinfo is not timezone.utc:
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r}: the application works in aware UTC")
        value = value.astimezone(timezone.utc)
    return value.isoformat(" ", "microseconds")[:26]  # without its "+00:00"


class ShopNameType(sa.TypeDecorator[ShopName]):
    impl = sa.String(64)
    cache_ok = True

    def process_bind_param(self, value: ShopName | None, dialect: Dialect) -> str | None:
        return None if value is None else value.value

    def process_result_value(self, value: str | None, dialect: Dialect) -> ShopName | None:
        return None if value is None else ShopName(value)


class _JsonText(sa.TypeDecorator[Any]):
    """JSON in a TEXT column; subclasses say how a domain value becomes JSON and back.

    ``native = True``: the value is made of dataclasses whose fields are the JSON keys, which
    orjson writes itself, faster than building dicts first (keys then come in field
    order, not sorted: equal values still give equal text)."""

    impl = sa.Text
    cache_ok = True
    native = False
    encode: Callable[[Any], Any] = staticmethod(lambda v: v)
    decode: Callable[[Any], Any] = staticmethod(lambda v: v)

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | None:
        if value is None:
            return None
        if self.native:
            try:
                return orjson.dumps(value).decode()
            except TypeError:  # an integer beyond 64 bits: the general path below takes it
                pass
        return dumps(self.encode(value))

    def process_result_value(self, value: str | None, dialect: Dialect) -> Any:
        return None if value is None else self.decode(loads(value))


class CredentialsJson(_JsonText):
    """A shop's token matrix."""

    cache_ok = True
    encode = staticmethod(codec.credentials_to_json)
    decode = staticmethod(codec.credentials_from_json)


class OrderLinesJson(_JsonText):
    cache_ok = True
    native = True
    encode = staticmethod(codec.lines_to_json)
    decode = staticmethod(codec.lines_from_json)


class LabelsJson(_JsonText):
    cache_ok = True
    native = True
    encode = staticmethod(codec.labels_to_json)
    decode = staticmethod(codec.labels_from_json)


class AddressJson(_JsonText):
    cache_ok = True
    native = True
    encode = staticmethod(codec.address_to_json)
    decode = staticmethod(codec.address_from_json)


class OrderAmountsJson(_JsonText):
    cache_ok = True
    encode = staticmethod(codec.amounts_to_json)
    decode = staticmethod(codec.amounts_from_json)


class PostalAddressJson(_JsonText):
    cache_ok = True
    encode = staticmethod(codec.postal_address_to_json)
    decode = staticmethod(codec.postal_address_from_json)


class TemuCarriersJson(_JsonText):
    cache_ok = True
    encode = staticmethod(codec.temu_carriers_to_json)
    decode = staticmethod(codec.temu_carriers_from_json)


class PackageLinesJson(_JsonText):
    cache_ok = True
    encode = staticmethod(codec.package_lines_to_json)
    decode = staticmethod(codec.package_lines_from_json)


class HistoryJson(_JsonText):
    cache_ok = True
    encode = staticmethod(codec.history_to_json)
    decode = staticmethod(codec.history_from_json)


class StringsJson(_JsonText):
    """A tuple of strings (warnings, exception codes, sync errors)."""

    cache_ok = True
    encode = staticmethod(list)
    decode = staticmethod(tuple)


def enum_column_type(enum_cls: type) -> sa.Enum:
    """An enum stored by value in a VARCHAR(32), without a CHECK constraint, so adding a member
    needs no migration."""
    return sa.Enum(enum_cls, native_enum=False, create_constraint=False, length=32,
                   values_callable=lambda cls: [m.value for m in cls], validate_strings=True)
