"""The ``order_terms`` rows of an order and the ``sku_terms`` of its lines: what the search finds
it by (the rules are ``application.orders.search``), and the conditions that look them up.

Each ``order_terms`` row is (field, term, order id). Goods names and seller SKUs are indexed per
seller SKU instead (``sku_terms``: field, term, seller SKU), and reach orders through
``order_skus``: a shop sells the same SKUs over and over, so a new order rarely adds a row there,
where a long goods name would add a dozen rows per line to every order. Exact fields are looked up with ``=``/``IN``, prefixes as a
range of the primary key, ``term >= 'smi' AND term < 'smj'``, never with LIKE: a ``%`` or ``_``
typed by a user is a character like any other, and no search reads more of the index than the
terms it matches.
"""
from __future__ import annotations

from collections.abc import Iterable

import sqlalchemy as sa

from adapters.persistence.tables import order_skus, order_terms, sku_terms
from application.orders.search import TERM_LENGTH, exception_reason, normalized, word_terms
from domain.order import Order
from domain.platform_order import Address, Label, OrderLine

SN, NAME, PRODUCT, SKU = "sn", "recipient", "product", "sku_prefix"
LABEL, WARNING, FULFILLMENT, EXCEPTION = "label", "warning", "fulfillment", "exception"
# The columns of ``orders`` (and attributes of ``Order``) the terms come from, in the order of
# ``terms_of``'s arguments: the repository rewrites the terms when one of them changes.
SOURCES = ("parent_order_sn", "lines", "labels", "warnings", "exceptions", "address")

_MAX_CODE_POINT = 0x10FFFF


def term_rows(written: Iterable[Order]) -> list[dict[str, str]]:
    return [{"field": f, "term": t, "order_id": o.id} for o in written for f, t in sorted(terms_of(
        o.parent_order_sn, o.lines, o.labels, o.warnings, o.exceptions, o.address))]


def terms_of(parent_order_sn: str, lines: tuple[OrderLine, ...], labels: tuple[Label, ...],
             warnings: tuple[str, ...], exceptions: tuple[str, ...], address: Address | None) -> set[tuple[str, str]]:
    # One set filled in one pass over the lines: every stored order goes through here, and a
    # union of a set per field cost more than the rows' COPY (bench/README.md).
    found = {(SN, parent_order_sn)}
    add = found.add
    for line in lines:
        add((SN, line.order_sn))
        add((FULFILLMENT, line.fulfillment_type))
        for label in line.labels:
            if label.value:
                add((LABEL, label.name))
        for w in line.warnings:
            add((WARNING, w))
    for label in labels:
        if label.value:
            add((LABEL, label.name))
    for w in warnings:
        add((WARNING, w))
    for e in exceptions:
        add((EXCEPTION, exception_reason(e)))
    if address is not None and address.name:
        for t in word_terms(address.name):
            add((NAME, t))
    return {(f, t[:128]) for f, t in found if t}


def sku_term_rows(lines: Iterable[OrderLine]) -> set[tuple[str, str, str]]:
    """(field, term, seller SKU) of these lines: their goods names' words and their SKUs. Each
    (SKU, goods name) pair is worked out once: a page of orders repeats the same few SKUs."""
    found: set[tuple[str, str, str]] = set()
    for sku, goods_name in {(line.seller_sku, line.goods_name) for line in lines if line.seller_sku}:
        found.update((PRODUCT, t[:128], sku) for t in word_terms(goods_name))
        found.add((SKU, normalized(sku)[:TERM_LENGTH], sku))
    return found


def with_sku_prefix(field: str, prefix: str) -> sa.Select:
    """The ids of the orders with a line of a seller SKU whose term of ``field`` starts with
    ``prefix`` (a goods name the SKU has had, or the SKU itself)."""
    c = sku_terms.c
    skus = sa.select(c.seller_sku).where(c.field == field, *_prefix_of(c.term, prefix))
    return sa.select(order_skus.c.order_id).where(order_skus.c.seller_sku.in_(skus))


def with_term(field: str, term_is: sa.ColumnElement[bool]) -> sa.Select:
    """The ids of the orders with a term of ``field`` that meets ``term_is`` (a condition on
    ``order_terms.c.term``, e.g. one of some values)."""
    return sa.select(order_terms.c.order_id).where(order_terms.c.field == field, term_is)


def with_prefix(field: str, prefix: str) -> sa.Select:
    """The ids of the orders with a term of ``field`` that starts with ``prefix`` (not empty)."""
    c = order_terms.c
    return sa.select(c.order_id).where(c.field == field, *_prefix_of(c.term, prefix))


def _prefix_of(term: sa.ColumnElement, prefix: str) -> list[sa.ColumnElement[bool]]:
    """``term`` starts with ``prefix``, as a range of the index."""
    after = _successor(prefix)
    return [term >= prefix] + ([term < after] if after is not None else [])


def _successor(prefix: str) -> str | None:
    """The least text greater than every text starting with ``prefix``, in code point order (the
    order of UTF-8 bytes, hence of the column); None when there is none."""
    while prefix:
        last = ord(prefix[-1]) + 1
        if last == 0xD800:  # surrogates are not characters
            last = 0xE000
        if last <= _MAX_CODE_POINT:
            return prefix[:-1] + chr(last)
        prefix = prefix[:-1]
    return None
