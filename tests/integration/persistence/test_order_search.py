"""The order search over SQL: what each search finds, what it treats literally, the sorts and
their pages, the counts per state, and the index every prefix search uses."""
from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
import sqlalchemy as sa

from adapters.persistence.order_reader import SqlOrderReader
from adapters.persistence.order_terms import NAME, with_prefix
from application.orders.search import OrderSort, SortField
from application.orders.views import OrderFilter
from domain.errors import ValidationFailed
from domain.order_states import OrderState
from domain.platform_order import Address, Label, TemuStatus

from .builders import NOW, random_line, random_order, random_shop


@pytest.fixture
def shop(db) -> str:
    shop = random_shop(owner_id="alice")
    with db.uow() as uow:
        uow.shops.add(shop)
        uow.commit()
    return shop.id


def store(db, *orders) -> None:
    with db.uow() as uow:
        uow.orders.add_new(list(orders))
        uow.commit()


def line(order_sn: str, *, goods: str = "Ceramic mug 350 ml", sku: str = "MUG-1", **kw):
    return replace(random_line(sku), order_sn=order_sn, goods_name=goods, **kw)


def order_with(shop: str, sn: str, *lines, recipient: str | None = None, **kw):
    order = random_order(shop, sn=sn, lines=lines or (line(f"{sn}-1"),), **kw)
    if recipient is not None:
        order.record_address(Address(name=recipient, city="Austin"), NOW)
    return order


def found(db, **flt) -> list[str]:
    return sorted(o.parent_order_sn for o in SqlOrderReader(db.engine).list(OrderFilter(**flt), 100, "").items)


def test_numbers_find_their_order_by_parent_or_child_and_the_missing_ones_are_named(db, shop):
    store(db, order_with(shop, "PO-211-1", line("211-1-a"), line("211-1-b")), order_with(shop, "PO-211-2"))
    page = SqlOrderReader(db.engine).list(OrderFilter(order_sns=("211-1-b", "PO-211-2", "211-9", "PO-X")), 10, "")

    assert sorted(o.parent_order_sn for o in page.items) == ["PO-211-1", "PO-211-2"]
    assert page.missing == ("211-9", "PO-X") and page.total_size == 2
    assert found(db, parent_order_sn="PO-211-2") == ["PO-211-2"]


def test_a_number_with_commas_quotes_or_braces_is_looked_up_as_itself(db, shop):
    # PostgreSQL gets a list as one text split at commas, unless a number holds a comma
    store(db, order_with(shop, "PO-1,2", line('211-"{a}"')), order_with(shop, "PO-1"), order_with(shop, "PO-2"))
    reader = SqlOrderReader(db.engine)

    page = reader.list(OrderFilter(order_sns=('211-"{a}"', "PO-2", "{PO-1}")), 10, "")
    assert sorted(o.parent_order_sn for o in page.items) == ["PO-1,2", "PO-2"] and page.missing == ("{PO-1}",)
    page = reader.list(OrderFilter(order_sns=("PO-1,2", "PO-1", "PO-9")), 10, "")
    assert sorted(o.parent_order_sn for o in page.items) == ["PO-1", "PO-1,2"] and page.missing == ("PO-9",)


def test_names_match_at_the_start_of_a_word_whatever_the_case(db, shop):
    store(db, order_with(shop, "PO-a", recipient="John  SMITH"), order_with(shop, "PO-b", recipient="Smithers Jo"),
          order_with(shop, "PO-c", line("c-1", goods="Blue ceramic MUG, 350 ml", sku="MUG-BLUE"), recipient="Ann Lee"),
          order_with(shop, "PO-none"))  # no address yet

    assert found(db, recipient_name="smith") == ["PO-a", "PO-b"]
    assert found(db, recipient_name="john sm") == ["PO-a"]
    assert found(db, recipient_name="mith") == []
    assert found(db, product_name="ceramic mug,") == ["PO-c"]
    assert found(db, product_name="mug") == ["PO-a", "PO-b", "PO-c", "PO-none"]


def test_a_goods_name_finds_the_orders_of_every_sku_that_had_it(db, shop):
    store(db, order_with(shop, "PO-old", line("o-1", goods="Ceramic mug", sku="MUG-1")))
    store(db, order_with(shop, "PO-new", line("n-1", goods="Stoneware cup", sku="MUG-1")),
          order_with(shop, "PO-cup", line("c-1", goods="Stoneware cup", sku="CUP-9")))
    assert found(db, product_name="ceramic") == ["PO-new", "PO-old"]  # MUG-1 was named so once
    assert found(db, product_name="stoneware") == ["PO-cup", "PO-new", "PO-old"]


def test_a_seller_sku_matches_by_prefix_case_ignored(db, shop):
    store(db, order_with(shop, "PO-1", line("1-1", sku="MUG-WHT-11")), order_with(shop, "PO-2", line("2-1", sku="mugs-9")),
          order_with(shop, "PO-3", line("3-1", sku="CUP-1")))
    assert found(db, seller_sku_prefix="mug") == ["PO-1", "PO-2"]
    assert found(db, seller_sku_prefix="mug-w") == ["PO-1"]


def test_wildcards_and_injection_are_plain_characters(db, shop):
    store(db, order_with(shop, "PO-a", recipient="John Smith"), order_with(shop, "PO-b", recipient="100% cotton_x"))
    for text in ["%", "_", "\\", "%mith", "s_ith", "'; DROP TABLE orders; --", "' OR '1'='1"]:
        assert found(db, recipient_name=text) == [], text
        assert found(db, seller_sku_prefix=text) == [] and found(db, product_name=text) == [], text
        assert found(db, order_sns=(text,)) == [], text
    assert len(found(db)) == 2  # the table is still there


def test_a_percent_or_underscore_the_name_has_is_found_as_itself(db, shop):
    store(db, order_with(shop, "PO-a", recipient="100% cotton_x"), order_with(shop, "PO-b", recipient="1000 cottonx"))
    assert found(db, recipient_name="100%") == ["PO-a"]
    assert found(db, recipient_name="cotton_") == ["PO-a"]


def test_labels_warnings_regions_fulfilment_ship_by_and_exception_reasons_filter(db, shop):
    soon = order_with(shop, "PO-soon", line("s-1", labels=(Label("soon_to_be_overdue", 1),),
                                            fulfillment_type="fulfillBySeller"), ship_by=NOW + timedelta(hours=5))
    not_soon = order_with(shop, "PO-not", line("n-1", labels=(Label("soon_to_be_overdue", 0),),
                                               warnings=("REQUIRES_SIGNATURE",)), ship_by=NOW + timedelta(days=3))
    odd = random_order(shop, sn="PO-odd", status=77)  # an unknown Temu status: an exception
    store(db, soon, not_soon, odd)

    assert found(db, labels=("soon_to_be_overdue",)) == ["PO-soon"]
    assert found(db, warnings=("REQUIRES_SIGNATURE", "other")) == ["PO-not"]
    assert found(db, fulfillment_types=("fulfillBySeller",)) == ["PO-soon"]
    assert found(db, region_ids=(211,)) == ["PO-not", "PO-odd", "PO-soon"] and found(db, region_ids=(1,)) == []
    assert found(db, ship_by_from=NOW, ship_by_to=NOW + timedelta(days=1)) == ["PO-soon"]
    assert found(db, exception_reasons=("BAD_PLATFORM_DATA",)) == ["PO-odd"]


def test_the_search_follows_the_order_when_it_changes(db, shop):
    order = order_with(shop, "PO-late")
    store(db, order)
    assert found(db, recipient_name="zoe") == []
    with db.uow() as uow:
        uow.orders.get(order.id).record_address(Address(name="Zoe Hart"), NOW)
        uow.commit()
    assert found(db, recipient_name="zoe") == ["PO-late"]
    with db.uow() as uow:
        uow.orders.get(order.id).record_address(Address(name="Amy Hart"), NOW)
        uow.commit()
    assert found(db, recipient_name="zoe") == [] and found(db, recipient_name="amy h") == ["PO-late"]
    assert found(db, recipient_name="hart") == ["PO-late"]


def test_sorts_page_through_every_order_once_with_no_ship_by_last(db, shop):
    orders = [order_with(shop, f"PO-{i}", ship_by=None if i % 4 == 0 else NOW + timedelta(hours=i % 3),
                         updated_at=NOW - timedelta(minutes=i % 5)) for i in range(14)]
    store(db, *orders)
    reader = SqlOrderReader(db.engine)
    for sort in (OrderSort(SortField.SHIP_BY_TIME, False), OrderSort(SortField.SHIP_BY_TIME, True),
                 OrderSort(SortField.UPDATE_TIME, True), OrderSort(SortField.CREATE_TIME, False)):
        seen, token = [], ""
        while True:
            page = reader.list(OrderFilter(), 3, token, sort)
            seen += page.items
            if not (token := page.next_page_token):
                break
        assert sorted(o.id for o in seen) == sorted(o.id for o in orders), sort
        attr = {SortField.SHIP_BY_TIME: "ship_by", SortField.UPDATE_TIME: "temu_updated_at",
                SortField.CREATE_TIME: "temu_created_at"}[sort.field]
        far = NOW + timedelta(days=10**5)
        keys = [(getattr(o, attr) or far, o.id) for o in seen]
        assert keys == sorted(keys, reverse=sort.descending), sort


def test_a_page_token_is_bound_to_its_sort(db, shop):
    store(db, *[order_with(shop, f"PO-{i}") for i in range(3)])
    reader = SqlOrderReader(db.engine)
    token = reader.list(OrderFilter(), 1, "", OrderSort(SortField.UPDATE_TIME, True)).next_page_token
    with pytest.raises(ValidationFailed) as caught:
        reader.list(OrderFilter(), 1, token, OrderSort(SortField.CREATE_TIME, True))
    assert caught.value.reason == "INVALID_PAGE_TOKEN"


def test_counts_per_state_and_exception_reason(db, shop):
    store(db, order_with(shop, "PO-1"), order_with(shop, "PO-2"), random_order(shop, sn="PO-3", status=TemuStatus.PENDING),
          random_order(shop, sn="PO-4", status=77))
    counts = SqlOrderReader(db.engine).count(OrderFilter(shop_ids=(shop,)))

    assert counts.states[OrderState.TO_REVIEW] == 2 and counts.states[OrderState.AWAITING_PLATFORM] == 1
    assert counts.states[OrderState.EXCEPTION] == 1 and counts.states[OrderState.MARKED] == 0
    assert counts.exception_reasons == {"BAD_PLATFORM_DATA": 1} and counts.total == 4
    assert SqlOrderReader(db.engine).count(OrderFilter(owner_id="bob")).total == 0


def test_the_counts_kept_per_shop_follow_each_change_and_agree_with_counting(db, shop):
    first, second = order_with(shop, "PO-1"), order_with(shop, "PO-2")
    store(db, first, second)
    with db.uow() as uow:
        uow.orders.get(first.id).raise_exception("STUCK_AT_WAREHOUSE", NOW)
        uow.orders.get(second.id).assign(NOW)
        uow.commit()
    reader = SqlOrderReader(db.engine)
    kept = reader.count(OrderFilter(owner_id="alice"))  # whole shops: the kept counts
    counted = reader.count(OrderFilter(owner_id="alice", region_ids=(211,)))  # narrower: counted

    assert kept == counted
    assert kept.states[OrderState.EXCEPTION] == 1 and kept.states[OrderState.ASSIGNED] == 1
    assert kept.states[OrderState.TO_REVIEW] == 0 and kept.exception_reasons == {"STUCK_AT_WAREHOUSE": 1}


def test_every_search_reads_the_index_not_the_table(db, shop):
    store(db, order_with(shop, "PO-1", recipient="John Smith"))
    query = with_prefix(NAME, "smi%_")
    statement = sa.text(str(query.compile(db.engine, compile_kwargs={"literal_binds": True})))
    assert "LIKE" not in statement.text
    with db.engine.connect() as conn:
        if db.backend == "postgresql":
            conn.exec_driver_sql("SET enable_seqscan = off")  # a tiny table would be read whole anyway
            plan = " ".join(conn.execute(sa.text("EXPLAIN " + statement.text)).scalars())
            assert "Index" in plan and "pk_order_terms" in plan, plan
        else:
            plan = " ".join(r[-1] for r in conn.execute(sa.text("EXPLAIN QUERY PLAN " + statement.text)))
            assert "SEARCH" in plan and "SCAN" not in plan, plan
