"""The merchant's tag list: create, rename or recolour, delete, list."""
from __future__ import annotations

from datetime import datetime

from application.idempotency import RequestIds, request_hash
from application.ids import time_ordered_uuid
from application.paging import page_size
from application.ports.clock import Clock
from application.ports.desk import DeskReader
from application.ports.readers import Page
from application.ports.unit_of_work import UnitOfWork, UnitOfWorkFactory
from domain.desk import Activity, Change, Tag, tag_color, tag_name
from domain.errors import AlreadyExists, NotFound
from domain.principal import Principal

MAX_PAGE_SIZE = 1000


def tag_not_found(tag_id: str, field: str = "") -> NotFound:
    return NotFound(f"There is no tag '{tag_id}'.", resource_type="erp.v1.Tag", resource_name=f"tags/{tag_id}",
                    reason="TAG_NOT_FOUND", field=field or None)


class TagList:
    """- One list per merchant (this ERP), kept by administrators; everyone may read and use it.
    - Names are unique ignoring case ("Urgent" and "urgent" are one tag): ALREADY_EXISTS.
    - Deleting a tag takes it off every order that carried it; each such order's activity says so.
    - Every change is in the activity log, with before and after.
    """

    def __init__(self, uow: UnitOfWorkFactory, reader: DeskReader, clock: Clock) -> None:
        self._uow, self._reader, self._clock = uow, reader, clock

    def create(self, principal: Principal, name: str, color: str, request_id: str | None = None) -> Tag:
        principal.check_admin("change the tag list")
        name, color_ = tag_name(name), tag_color(color)
        ids = RequestIds("CreateTag", principal.id, request_id, request_hash(name, color_))
        with self._uow() as uow:
            if (first := ids.replayed(uow)) is not None:
                return _existing(uow, first)
            _check_name_free(uow, name)
            now = self._clock.now()
            tag = Tag(time_ordered_uuid(), name, color_, now, now)
            uow.desk.add_tag(tag)
            _log(uow, principal, "tag.created", tag, [Change("name", "", name), Change("color", "", color_ or "")])
            ids.remember(uow, tag.id)
            uow.commit()
        return tag

    def update(self, principal: Principal, tag_id: str, name: str | None, color: str | None,
               request_id: str | None = None) -> Tag:
        """``None`` leaves a field as it is; ``color=""`` removes the colour."""
        principal.check_admin("change the tag list")
        name = tag_name(name) if name is not None else None
        color_ = tag_color(color) if color is not None else None
        ids = RequestIds("UpdateTag", principal.id, request_id, request_hash(tag_id, name, color, color_))
        with self._uow() as uow:
            if (first := ids.replayed(uow)) is not None:
                return _existing(uow, first)
            old = uow.desk.tag(tag_id) or _raise(tag_not_found(tag_id))
            if name is not None and name.casefold() != old.name.casefold():
                _check_name_free(uow, name)
            new = Tag(old.id, old.name if name is None else name, old.color if color is None else color_,
                      old.created_at, self._clock.now())
            uow.desk.save_tag(new)
            changes = [Change(f, before or "", after or "") for f, before, after in
                       (("name", old.name, new.name), ("color", old.color, new.color)) if before != after]
            if changes:
                _log(uow, principal, "tag.updated", new, changes)
            ids.remember(uow, new.id)
            uow.commit()
        return new

    def delete(self, principal: Principal, tag_id: str, request_id: str | None = None) -> None:
        principal.check_admin("change the tag list")
        ids = RequestIds("DeleteTag", principal.id, request_id, request_hash(tag_id))
        with self._uow() as uow:
            if ids.replayed(uow) is not None:
                return
            tag = uow.desk.tag(tag_id) or _raise(tag_not_found(tag_id))
            carried = uow.desk.delete_tag(tag_id)
            now = self._clock.now()
            _log(uow, principal, "tag.deleted", tag, [Change("name", tag.name, "")], now)
            uow.activity.record(Activity(time_ordered_uuid(), now, principal.id, "order.untagged",
                                         f"orders/{o.order_id}", o.shop_id, o.order_id,
                                         (Change("tags", tag.name, ""),)) for o in carried)
            ids.remember(uow, tag_id)
            uow.commit()

    def list(self, principal: Principal, size: int, page_token: str) -> Page:
        return self._reader.list_tags(page_size(size, MAX_PAGE_SIZE), page_token)


def _raise(error: Exception):
    raise error


def _existing(uow: UnitOfWork, tag_id: str) -> Tag:
    return uow.desk.tag(tag_id) or _raise(tag_not_found(tag_id))


def _check_name_free(uow: UnitOfWork, name: str) -> None:
    taken = uow.desk.tag_by_name(name)
    if taken is not None:
        raise AlreadyExists(f"A tag named '{taken.name}' exists already (tags/{taken.id}): use it, or rename it.",
                            reason="TAG_NAME_TAKEN", tag=f"tags/{taken.id}")


def _log(uow: UnitOfWork, principal: Principal, action: str, tag: Tag, changes: list[Change],
         at: datetime | None = None) -> None:
    uow.activity.record([Activity(time_ordered_uuid(), at or tag.updated_at, principal.id, action, f"tags/{tag.id}",
                                  None, None, tuple(changes))])
