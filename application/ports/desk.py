"""The order desk's ports: its records (tags, order tags, notes), the activity log, its reads."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from application.ports.readers import Page
from domain.desk import Activity, Note, Tag


@dataclass(frozen=True, slots=True)
class OrderOwner:
    """Whose an order is: enough to decide whether a caller may see it."""

    order_id: str
    shop_id: str
    owner_id: str


class DeskRecords(Protocol):
    """Tags, the links between orders and tags, and notes, in the unit of work's transaction."""

    def tag(self, tag_id: str) -> Tag | None: ...
    def tag_by_name(self, name: str) -> Tag | None:
        """The tag of this name, compared casefolded."""
        ...
    def tags(self, tag_ids: Iterable[str]) -> dict[str, Tag]: ...
    def add_tag(self, tag: Tag) -> None: ...
    def save_tag(self, tag: Tag) -> None: ...
    def delete_tag(self, tag_id: str) -> list[OrderOwner]:
        """Delete the tag and its links; the orders that carried it."""
        ...
    def owners(self, order_ids: Iterable[str]) -> dict[str, OrderOwner]:
        """The stored orders among ``order_ids``, with their shop and its owner."""
        ...
    def tags_of(self, order_ids: Iterable[str]) -> dict[str, set[str]]:
        """Each order's tag ids (orders without tags are left out)."""
        ...
    def link(self, pairs: list[tuple[str, str]], now: datetime) -> None:
        """Add (order id, tag id) links that do not exist yet."""
        ...
    def unlink(self, pairs: list[tuple[str, str]]) -> None: ...
    def note(self, note_id: str) -> Note | None: ...
    def add_note(self, note: Note) -> None: ...


class ActivityLog(Protocol):
    """The entries of the activity log, written when the unit of work commits, with the change.

    The unit of work's order repository records the orders it creates and changes itself, in the
    name of ``actor_id``: ``SYSTEM_ACTOR`` unless a use case acting for a caller said otherwise.
    """

    actor_id: str

    def act_as(self, principal_id: str) -> None: ...
    def record(self, entries: Iterable[Activity]) -> None: ...


@dataclass(frozen=True, slots=True)
class ActivityFilter:
    """Every field that is set narrows the list; ``owner_id`` keeps a shop owner to the entries
    of their own shops."""

    order_id: str | None = None
    shop_id: str | None = None
    actor_id: str | None = None
    owner_id: str | None = None


class DeskReader(Protocol):
    """Pages of tags (by name), an order's notes and the activity log (newest first); page tokens
    as for ``ShopReader``."""

    def list_tags(self, page_size: int, page_token: str) -> Page: ...
    def list_notes(self, order_id: str, page_size: int, page_token: str) -> Page: ...
    def list_activity(self, flt: ActivityFilter, page_size: int, page_token: str) -> Page: ...
    def tags_on(self, order_ids: list[str]) -> dict[str, tuple[Tag, ...]]:
        """Each order's tags, by name (orders without tags are left out)."""
        ...
    def tag_names_of(self, order_ids: list[str]) -> dict[str, tuple[str, ...]]:
        """Each order's tag names, sorted (for exports)."""
        ...
