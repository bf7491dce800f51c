"""TEMU仓库绑定 (MARK-3): which of a shop's Temu warehouses (``WH-…``, Temu's
``selfShippingWarehouseId``) an ERP warehouse or logistics channel ships from.

A binding belongs to one shop (Temu warehouses are per shop). A package's channel binding wins
over its warehouse's: one ERP warehouse may ship under several Temu warehouses by channel.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import Enum

from domain.errors import FieldViolation, ValidationFailed

MAX_TEMU_WAREHOUSE_ID = 64


class BindingTarget(str, Enum):
    WAREHOUSE = "WAREHOUSE"
    CHANNEL = "CHANNEL"


@dataclass(frozen=True, slots=True)
class TemuWarehouseBinding:
    shop_id: str
    target: BindingTarget
    target_id: str  # the ERP warehouse or channel id
    temu_warehouse_id: str
    temu_warehouse_name: str
    updated_at: datetime

    def __post_init__(self) -> None:
        wid = self.temu_warehouse_id
        if not wid or len(wid) > MAX_TEMU_WAREHOUSE_ID or not wid.isascii() or not wid.isprintable() or " " in wid:
            raise ValidationFailed("A Temu warehouse id is the WH-… id Temu lists for the shop.",
                                   [FieldViolation("temu_warehouse", "a warehouse id from ListTemuWarehouses")])


def temu_warehouse_for(bindings: dict[tuple[BindingTarget, str], TemuWarehouseBinding], warehouse_id: str,
                       channel_id: str) -> str | None:
    """The Temu warehouse a package of this ERP warehouse and channel ships from, or None."""
    found = bindings.get((BindingTarget.CHANNEL, channel_id)) or bindings.get((BindingTarget.WAREHOUSE, warehouse_id))
    return found.temu_warehouse_id if found is not None else None
