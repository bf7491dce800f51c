"""What the order search matches (DESK-2, docs/order-search.md), in one place for both sides: the terms
stored for an order and the text a search looks them up with are made by the same functions.

- Order numbers, labels, warnings, fulfilment types and exception reasons match exactly.
- Recipient and goods names match at the start of a word: the stored terms of "John A Smith"
  are "john a smith", "a smith" and "smith", and a search is a prefix of one of them. Case,
  accents as Unicode composes them (NFKC) and runs of spaces do not count.
- Seller SKUs match by prefix, case ignored.

Every search is a prefix of an indexed term, never a pattern: ``%``, ``_`` and ``\\`` are
characters like any other, and no search reads more of the index than the terms it matches.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from enum import Enum

MAX_ORDER_SNS = 500  # a pasted list of numbers
MIN_SEARCH_LENGTH = 2  # one character would match a large share of every order
TERM_LENGTH = 64  # stored terms and searches are cut here: a longer search matches as its start
MAX_WORDS = 16  # only the first words of a long goods name start a term


class SortField(str, Enum):
    CREATE_TIME = "create_time"
    UPDATE_TIME = "update_time"
    SHIP_BY_TIME = "ship_by_time"


@dataclass(frozen=True, slots=True)
class OrderSort:
    field: SortField = SortField.CREATE_TIME
    descending: bool = True


def normalized(text: str) -> str:
    """Compared form of a name: NFKC, case-folded, single spaces, no outer spaces."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def search_key(text: str) -> str:
    """What a name or SKU search looks up: the normalized text, cut like the stored terms."""
    return normalized(text)[:TERM_LENGTH]


def word_terms(text: str) -> set[str]:
    """The stored terms of a name: the text from the start of each of its first words on."""
    words = normalized(text).split(" ")
    if words == [""]:
        return set()
    return {" ".join(words[i:])[:TERM_LENGTH] for i in range(min(len(words), MAX_WORDS))}


def exception_reason(exception: str) -> str:
    """``BAD_PLATFORM_DATA:MISSING_REGION`` -> ``BAD_PLATFORM_DATA``."""
    return exception.split(":", 1)[0]
