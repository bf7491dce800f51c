"""Keyset pages and their page tokens, for every list the readers serve.

A page token is opaque to callers: base64url JSON of a fingerprint of the filter it was issued
for and the sort key of the last row shown. A token from another filter, or one this API did not
issue, is ``ValidationFailed`` with reason INVALID_PAGE_TOKEN.
"""
from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Callable, Sequence

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from application.ports.readers import Page
from domain.errors import FieldViolation, ValidationFailed


def keyset_page(engine: Engine, rows: sa.Select, order: Sequence[sa.ColumnElement], *, flt: object,
                page_token: str, page_size: int, item: Callable[[sa.Row], object],
                key_of: Callable[[sa.Row], Sequence[str]],
                parse_key: Callable[[list[str]], Sequence[object]] = list, newest_first: bool = False,
                total: int | None = None, count_with_page: bool = False) -> Page:
    """The page of ``rows`` sorted by ``order`` (columns unique together) after the row
    ``page_token`` names, each row made an ``item``, with the number of rows that match in all
    (counted, unless the caller knows it: ``total``).
    ``key_of`` gives a row's sort key as text, ``parse_key`` reads it back as column values.

    ``count_with_page``, for rows the caller knows to be few (each of them is read to sort them
    anyway): the first page counts them in its own statement, ``count(*) OVER ()`` (a column
    after the row's own), saving a round trip and a second read of the same rows. A later page
    sees only the rows after its token, so it counts apart."""
    query = rows.order_by(*(c.desc() if newest_first else c for c in order))
    if page_token:
        try:
            key = tuple(parse_key(_read_token(page_token, flt, len(order))))
        except ValueError:
            raise ValidationFailed("The page_token is not one this API issued for these filters: start "
                                   "again without a page_token.",
                                   [FieldViolation("page_token", "invalid or stale")],
                                   reason="INVALID_PAGE_TOKEN") from None
        after = sa.tuple_(*order)
        query = query.where(after < key if newest_first else after > key)
    count = rows.with_only_columns(sa.func.count(), maintain_column_froms=True)
    with engine.connect() as conn:
        if count_with_page and total is None and not page_token:
            found = conn.execute(query.add_columns(sa.func.count().over()).limit(page_size + 1)).all()
            total = found[0][-1] if found else 0
        else:
            found = conn.execute(query.limit(page_size + 1)).all()
            total = conn.execute(count).scalar_one() if total is None else total
    shown = found[:page_size]
    next_token = _token(flt, key_of(shown[-1])) if len(found) > page_size else ""
    return Page(items=[item(r) for r in shown], next_page_token=next_token, total_size=total)


def _fingerprint(flt: object) -> str:
    return hashlib.sha256(repr(flt).encode()).hexdigest()[:16]


def _token(flt: object, key: Sequence[str]) -> str:
    raw = json.dumps([_fingerprint(flt), *key], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _read_token(token: str, flt: object, parts: int) -> list[str]:
    data = json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))  # or a ValueError
    if (not isinstance(data, list) or len(data) != parts + 1 or data[0] != _fingerprint(flt)
            or not all(isinstance(k, str) for k in data)):
        raise ValueError(token)
    return data[1:]
