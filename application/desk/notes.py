"""Notes on an order: free text, who wrote it and when."""
from __future__ import annotations

from application.desk.access import visible_order
from application.idempotency import RequestIds, request_hash
from application.ids import time_ordered_uuid
from application.paging import page_size
from application.ports.clock import Clock
from application.ports.desk import DeskReader
from application.ports.readers import Page
from application.ports.unit_of_work import UnitOfWorkFactory
from domain.desk import Activity, Change, Note, note_text
from domain.principal import Principal

MAX_PAGE_SIZE = 100
LOGGED_CHARS = 200  # a note's start, in the activity log; the note itself keeps the whole text


class OrderNotes:
    """- Anyone who may see the order may add a note to it (the caller is its author) and read its
      notes, newest first; others get NOT_FOUND, as from GetOrder.
    - Notes are kept as written: not edited, not deleted (they are the desk's memory).
    - Each note is in the activity log too.
    """

    def __init__(self, uow: UnitOfWorkFactory, reader: DeskReader, clock: Clock) -> None:
        self._uow, self._reader, self._clock = uow, reader, clock

    def add(self, principal: Principal, order_id: str, text: str, request_id: str | None = None) -> Note:
        text = note_text(text)
        ids = RequestIds("AddOrderNote", principal.id, request_id, request_hash(order_id, text))
        with self._uow() as uow:
            order = visible_order(uow, principal, order_id)
            if (first := ids.replayed(uow)) is not None and (note := uow.desk.note(first)) is not None:
                return note
            note = Note(time_ordered_uuid(), order_id, principal.id, text, self._clock.now())
            uow.desk.add_note(note)
            shown = text if len(text) <= LOGGED_CHARS else text[:LOGGED_CHARS] + "…"
            uow.activity.record([Activity(time_ordered_uuid(), note.created_at, principal.id, "order.note_added",
                                          f"orders/{order_id}", order.shop_id, order_id,
                                          (Change("note", "", shown),))])
            ids.remember(uow, note.id)
            uow.commit()
        return note

    def list(self, principal: Principal, order_id: str, size: int, page_token: str) -> Page:
        with self._uow() as uow:
            visible_order(uow, principal, order_id)
        return self._reader.list_notes(order_id, page_size(size, MAX_PAGE_SIZE), page_token)
