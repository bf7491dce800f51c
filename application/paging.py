"""How every list reads the page size it was asked for (AIP-158)."""
from __future__ import annotations

DEFAULT_PAGE_SIZE = 50


def page_size(requested: int, maximum: int) -> int:
    """0 asks for the default size; more than ``maximum`` gets ``maximum``. A negative size is
    refused at the API's edge, with the request's other bad fields, before a list is asked for."""
    return min(max(requested, 0) or DEFAULT_PAGE_SIZE, maximum)
