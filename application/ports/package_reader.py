"""The package read side: views straight from storage."""
from __future__ import annotations

from typing import Protocol

from application.packages.views import PackageFilter, PackageView
from application.ports.readers import Page


class PackageReader(Protocol):
    """``list`` is newest first; page tokens as for ``ShopReader`` (INVALID_PAGE_TOKEN)."""

    def get(self, package_id: str) -> PackageView | None: ...
    def list(self, flt: PackageFilter, page_size: int, page_token: str) -> Page: ...
