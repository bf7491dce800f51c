"""Every list reads a requested page size the same way."""
from application.paging import DEFAULT_PAGE_SIZE, page_size
from application.orders.queries import MAX_PAGE_SIZE as MAX_ORDERS
from application.shops.queries import MAX_PAGE_SIZE as MAX_SHOPS


def test_no_page_size_gets_the_default_and_a_large_one_the_lists_maximum():
    assert page_size(0, MAX_SHOPS) == page_size(0, MAX_ORDERS) == DEFAULT_PAGE_SIZE
    assert (page_size(10_000, MAX_SHOPS), page_size(10_000, MAX_ORDERS)) == (500, 100)
    assert page_size(7, MAX_ORDERS) == 7
