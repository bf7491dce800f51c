"""How every list reads the page size it was asked for (AIP-158)."""
from __future__ import annotations

DEFAULT_PAGE_SIZE = 50


def page_size(requested: int, maximum: int) -> int:
    """0 asks for the default size; more than ``maximum`` gets ``maximum``. The API refuses a
    negative size before a query is made (``adapters.grpc.shop_requests.Checks.page``)."""
    return min(max(requested, 0) or DEFAULT_PAGE_SIZE, maximum)
