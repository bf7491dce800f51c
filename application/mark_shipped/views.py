"""The mark-shipped queue (订单标发) as a user sees it: views, the list's filter, the read port."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from application.ports.readers import Page
from domain.upload import Upload, UploadState


@dataclass(frozen=True, slots=True)
class UploadView:
    id: str
    shop_id: str
    order_ids: tuple[str, ...]
    parent_order_sns: tuple[str, ...]
    send_type: int  # Temu's sendType: 0 single, 1 split, 2 merged; -1 before the gate passed
    tracking_numbers: tuple[str, ...]
    state: UploadState
    reason: str
    message: str
    attempts: int
    automatic: bool
    created_at: datetime
    updated_at: datetime


def upload_view(u: Upload) -> UploadView:
    """Read while the unit of work is open: a rolled-back aggregate is not read after."""
    return UploadView(id=u.id, shop_id=u.shop_id, order_ids=u.order_ids, parent_order_sns=u.parent_order_sns,
                      send_type=u.send_type, tracking_numbers=u.tracking_numbers, state=u.state, reason=u.reason,
                      message=u.message, attempts=u.attempts, automatic=u.automatic, created_at=u.created_at,
                      updated_at=u.updated_at)


@dataclass(frozen=True, slots=True)
class UploadFilter:
    owner_id: str | None = None  # None: every owner (administrators)
    shop_ids: tuple[str, ...] = ()
    states: tuple[UploadState, ...] = ()
    changed_after: datetime | None = None
    changed_before: datetime | None = None


class UploadReader(Protocol):
    """``list`` is newest first (by creation), page tokens as for every list (INVALID_PAGE_TOKEN)."""

    def list(self, flt: UploadFilter, page_size: int, page_token: str) -> Page: ...
