"""Issue 13, export: the orders of a ListOrders filter as CSV for Excel, in the chosen columns,
streamed in chunks; a bad column or filter is refused before any data."""
from __future__ import annotations

import csv
import io

import grpc
from openpyxl import load_workbook

from adapters.grpc.gen.erp.v1 import order_desk_service_pb2 as dpb, order_pb2, order_service_pb2 as opb
from tests.e2e.desk.desk_helpers import desk, owner_key, refused, synced_shop, tag
from tests.e2e.orders.sync_helpers import all_orders, eventually


def export(stack, md=None, **request) -> tuple[list[list[str]], list[dpb.ExportOrdersResponse]]:
    chunks = list(desk(stack).ExportOrders(dpb.ExportOrdersRequest(**request), metadata=md or stack.md(), timeout=30))
    data = b"".join(c.data for c in chunks)
    assert data.startswith(b"\xef\xbb\xbf")  # the byte order mark: Excel reads UTF-8
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""))), chunks


def test_the_orders_of_a_filter_export_in_the_chosen_columns_in_list_order(stack):
    shop, orders = synced_shop(stack, "Export", orders=30)
    urgent = tag(stack, "Urgent")
    desk(stack).TagOrders(dpb.TagOrdersRequest(orders=orders[:3], tags=[urgent]), metadata=stack.md())
    rows, chunks = export(stack, filter=opb.ListOrdersRequest(shops=[shop]),
                          columns=["order", "parent_order_sn", "state", "tags", "total_quantity"])
    assert rows[0] == ["order", "parent_order_sn", "state", "tags", "total_quantity"]
    listed = all_orders(stack, shop)
    assert [r[0] for r in rows[1:]] == [o.name for o in listed]
    assert [r[1] for r in rows[1:]] == [o.parent_order_sn for o in listed]
    assert {r[0] for r in rows[1:] if r[3] == "Urgent"} == set(orders[:3])
    assert sum(c.rows for c in chunks) == 30
    to_review = all_orders(stack, shop, states=[order_pb2.ORDER_STATE_TO_REVIEW])
    rows, _ = export(stack, filter=opb.ListOrdersRequest(shops=[shop], states=[order_pb2.ORDER_STATE_TO_REVIEW]))
    assert len(rows) - 1 == len(to_review) and "seller_skus" in rows[0]  # no columns: the default ones


def test_an_xlsx_export_holds_the_same_rows_as_the_csv_one(stack):
    shop, _ = synced_shop(stack, "Workbook", orders=5)
    columns = ["order", "state", "seller_skus"]
    rows, _ = export(stack, filter=opb.ListOrdersRequest(shops=[shop]), columns=columns)
    chunks = list(desk(stack).ExportOrders(dpb.ExportOrdersRequest(
        filter=opb.ListOrdersRequest(shops=[shop]), columns=columns, format=dpb.EXPORT_FORMAT_XLSX),
        metadata=stack.md(), timeout=30))
    sheet = load_workbook(io.BytesIO(b"".join(c.data for c in chunks)), read_only=True)["Orders"]
    assert [[v or "" for v in r] for r in sheet.iter_rows(values_only=True)] == rows
    assert chunks[-1].rows == len(rows) - 1


def test_a_shop_owner_exports_only_the_orders_of_their_shops(stack):
    owner, md = owner_key(stack)
    my_shop, _ = synced_shop(stack, "Mine", orders=3, owner=owner, seed=8)
    synced_shop(stack, "Theirs", orders=4, seed=9)

    def same():
        rows, _ = export(stack, md, columns=["order"])
        return sorted(r[0] for r in rows[1:]) == sorted(o.name for o in all_orders(stack, my_shop))
    assert eventually(same)


def test_an_unknown_column_or_a_bad_filter_is_refused_naming_the_field(stack):
    d, md = desk(stack), stack.md()
    cases = [
        (dpb.ExportOrdersRequest(columns=["order", "password"]), "columns[1]"),
        (dpb.ExportOrdersRequest(filter=opb.ListOrdersRequest(page_size=10)), "filter.page_size"),
        (dpb.ExportOrdersRequest(filter=opb.ListOrdersRequest(tags=["tags/nope"])), "filter.tags[0]"),
        (dpb.ExportOrdersRequest(filter=opb.ListOrdersRequest(shops=["nope"])), "filter.shops[0]"),
        (dpb.ExportOrdersRequest(columns=["order"] * 51), "columns"),
        (dpb.ExportOrdersRequest(format=7), "format"),
        (dpb.ExportOrdersRequest(filter=opb.ListOrdersRequest(order_sns=["PO-1"] * 501)), "filter.order_sns"),
        (dpb.ExportOrdersRequest(filter=opb.ListOrdersRequest(recipient_name="%")), "filter.recipient_name"),
        (dpb.ExportOrdersRequest(filter=opb.ListOrdersRequest(order_by="price desc")), "filter.order_by"),
    ]
    for request, field in cases:
        code, fields, _ = refused(lambda r, **kw: list(d.ExportOrders(r, **kw)), request, md)
        assert code == grpc.StatusCode.INVALID_ARGUMENT and field in fields, (request, fields)
