"""The order desk's own records: the merchant's tag list, notes on orders, and the activity log.

None of them is part of the ``Order`` aggregate: a note or a tag never bumps an order's version,
so a person writing a note never conflicts with a sync updating the order.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from domain.errors import FieldViolation, ValidationFailed

MAX_TAG_NAME = 64
MAX_NOTE = 4000
SYSTEM_ACTOR = "system"  # who the activity log names for changes no API caller made (syncs)
_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")


def _invalid(field: str, problem: str) -> ValidationFailed:
    return ValidationFailed(f"The {field} {problem}.", [FieldViolation(field, problem)])


def tag_name(value: str, field: str = "display_name") -> str:
    """A tag's name: 1 to 64 printable characters, spaces at the ends dropped."""
    name = value.strip()
    if not name:
        raise _invalid(field, "must be set")
    if len(name) > MAX_TAG_NAME:
        raise _invalid(field, f"must be at most {MAX_TAG_NAME} characters")
    if not name.isprintable():
        raise _invalid(field, "must be printable text")
    return name


def tag_color(value: str, field: str = "color") -> str | None:
    """``#RRGGBB`` or empty (no colour)."""
    if not value:
        return None
    if not _COLOR.match(value):
        raise _invalid(field, "must be a colour like #1F77B4")
    return value.upper()


def note_text(value: str, field: str = "text") -> str:
    """A note: 1 to 4,000 characters once trimmed; line breaks and tabs allowed, other control
    characters not (they garble exports and terminals)."""
    text = value.strip()
    if not text:
        raise _invalid(field, "must be set")
    if len(text) > MAX_NOTE:
        raise _invalid(field, f"must be at most {MAX_NOTE:,} characters")
    if not all(ch.isprintable() or ch in "\n\t" for ch in text):
        raise _invalid(field, "must be text without control characters (line breaks and tabs are fine)")
    return text


@dataclass(frozen=True, slots=True)
class Tag:
    id: str
    name: str
    color: str | None
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class Note:
    id: str
    order_id: str
    author_id: str
    text: str
    created_at: datetime


@dataclass(frozen=True, slots=True)
class Change:
    """One field of a change: its value before and after, as text ("" when absent)."""

    field: str
    before: str
    after: str


@dataclass(frozen=True, slots=True)
class Activity:
    """One entry of the activity log: who changed what, when, and how."""

    id: str
    at: datetime
    actor_id: str  # a principal's id, or SYSTEM_ACTOR
    action: str  # e.g. order.created, order.updated, order.tagged, order.note_added, tag.renamed
    subject: str  # the resource changed, e.g. orders/{id}, tags/{id}
    shop_id: str | None
    order_id: str | None
    changes: tuple[Change, ...]
