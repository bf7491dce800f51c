"""Callers of the API and what they may do (AUTH-12)."""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from domain.errors import PermissionDenied


class Role(str, Enum):
    ADMIN = "ADMIN"  # 管理员: every shop
    SHOP_OWNER = "SHOP_OWNER"  # Temu店铺负责人: only the shops assigned to them


@dataclass(frozen=True, slots=True)
class Principal:
    id: str
    name: str
    role: Role

    @property
    def is_admin(self) -> bool:
        return self.role is Role.ADMIN

    def can_see_shop(self, owner_id: str) -> bool:
        return self.is_admin or owner_id == self.id

    def check_may_act_for(self, owner_id: str) -> None:
        if not self.is_admin and owner_id != self.id:
            raise PermissionDenied(
                "A shop owner can only authorize shops for themselves; ask an administrator to "
                "authorize a shop for someone else.", reason="NOT_ALLOWED_FOR_OTHER_OWNER")

    def check_admin(self, what: str) -> None:
        if not self.is_admin:
            raise PermissionDenied(f"Only an administrator may {what}.", reason="ADMIN_ONLY")
