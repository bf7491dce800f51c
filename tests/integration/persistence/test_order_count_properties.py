"""Property: for any stored orders and any filter, CountOrders' count of each state is the number
of orders ListOrders pages through for that filter in that state, and the counts add up to every
order the pages show (SQLite and PostgreSQL)."""
from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from adapters.persistence import order_filters
from adapters.persistence.order_filters import FEW_IDS
from adapters.persistence.order_reader import SqlOrderReader
from application.orders.search import OrderSort, SortField, exception_reason
from application.orders.views import OrderFilter
from domain.order_states import OrderState
from domain.platform_order import Address, Label, TemuStatus

from .builders import NOW, random_line, random_order, random_shop

STATUSES = [TemuStatus.PENDING, TemuStatus.UN_SHIPPING, TemuStatus.CANCELED, TemuStatus.SHIPPED, 77]
NAMES = ["John Smith", "Ann Lee", "joan SMART", "Émile Zola"]

an_order = st.fixed_dictionaries({
    "status": st.sampled_from(STATUSES), "name": st.none() | st.sampled_from(NAMES),
    "sku": st.sampled_from(["MUG-1", "mug-2", "CUP-1"]), "soon": st.booleans(),
    "ship_by_h": st.none() | st.integers(0, 48), "created_h": st.integers(0, 5),
})
a_filter = st.fixed_dictionaries({
    "states": st.lists(st.sampled_from(list(OrderState)), max_size=3, unique=True).map(tuple),
    "recipient_name": st.sampled_from([None, "jo", "smi", "zol", "émile"]),
    "seller_sku_prefix": st.sampled_from([None, "mug", "cup-"]),
    "labels": st.sampled_from([(), ("soon_to_be_overdue",)]),
    "ship_by_to": st.sampled_from([None, NOW + timedelta(hours=24)]),
    "exception_reasons": st.sampled_from([(), ("BAD_PLATFORM_DATA",)]),
    "n_sns": st.integers(0, 3),
})


@pytest.fixture(autouse=True)
def _few_ids_restored():
    yield
    order_filters.FEW_IDS = FEW_IDS


def _stored(db, specs: list[dict]) -> tuple[str, list]:
    shop = random_shop(mall_id=uuid.uuid4().int % 10**12 + 1)  # hypothesis seeds ``random`` alike each time
    orders = []
    for i, spec in enumerate(specs):
        line = replace(random_line(spec["sku"]), labels=(Label("soon_to_be_overdue", int(spec["soon"])),))
        order = random_order(shop.id, status=spec["status"], lines=(line,),
                             created_at=NOW - timedelta(hours=spec["created_h"]),
                             ship_by=None if spec["ship_by_h"] is None else NOW + timedelta(hours=spec["ship_by_h"]))
        if spec["name"]:
            order.record_address(Address(name=spec["name"]), NOW)
        orders.append(order)
    with db.uow() as uow:
        uow.shops.add(shop)
        uow.commit()
    with db.uow() as uow:
        uow.orders.add_new(orders)
        uow.commit()
    return shop.id, orders


def _all_pages(reader: SqlOrderReader, flt: OrderFilter, sort: OrderSort) -> list:
    seen, totals, token = [], set(), ""
    while True:
        page = reader.list(flt, 3, token, sort)
        seen += page.items
        totals.add(page.total_size)
        if not (token := page.next_page_token):
            assert totals == {len(seen)}  # every page, the first and those after a token, counts them all
            return seen


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(specs=st.lists(an_order, max_size=10), f=a_filter, sort=st.sampled_from(list(SortField)), desc=st.booleans(),
       few_ids=st.sampled_from([0, 2, FEW_IDS]))
def test_counts_per_state_are_the_sizes_of_the_list_pages(db, specs, f, sort, desc, few_ids):
    order_filters.FEW_IDS = few_ids  # searches both as their ids and as subqueries
    shop, orders = _stored(db, specs)
    n_sns = f.pop("n_sns")
    sns = tuple(o.lines[0].order_sn for o in orders[:n_sns]) + ("211-missing",) * bool(n_sns)
    flt = OrderFilter(shop_ids=(shop,), order_sns=sns, **f)
    reader, order = SqlOrderReader(db.engine), OrderSort(sort, desc)

    counts = reader.count(flt)
    listed = _all_pages(reader, flt, order)

    assert counts.total == len(listed) == len({o.id for o in listed})
    for state in OrderState:
        in_state = [o for o in listed if o.state == state]
        assert counts.states[state] == len(in_state)
        if not flt.states or state in flt.states:
            assert reader.list(replace(flt, states=(state,)), 100, "", order).total_size == len(in_state)
    carried = {sn for o in listed for sn in (o.parent_order_sn, *(line.order_sn for line in o.lines))}
    assert reader.list(flt, 3, "", order).missing == tuple(sn for sn in sns if sn not in carried)
    if sns:  # the numbers the only condition: another shop may carry them too, never "211-missing"
        assert reader.list(OrderFilter(order_sns=sns), 3, "", order).missing == ("211-missing",)
    reasons = [{exception_reason(e) for e in o.exceptions} for o in listed]
    assert counts.exception_reasons == {r: sum(r in rs for rs in reasons) for r in set().union(*reasons)}
