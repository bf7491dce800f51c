"""CountOrders counts what ListOrders lists: its request is ListOrders' filters, field for field."""
from __future__ import annotations

from dataclasses import replace

from adapters.grpc.gen.erp.v1 import order_service_pb2 as pb
from adapters.grpc.order_requests import count_query, list_query
from tests.unit.grpc.fake_shop_use_cases import ALICE

PAGING_AND_ORDER = {"page_size", "page_token", "order_by"}


def fields(message) -> dict[str, tuple[int, int, str]]:
    return {f.name: (f.number, f.type, f.message_type and f.message_type.full_name, f.is_repeated)
            for f in message.DESCRIPTOR.fields}


def test_count_orders_takes_every_filter_of_list_orders_with_the_same_name_and_number():
    listing = {k: v for k, v in fields(pb.ListOrdersRequest).items() if k not in PAGING_AND_ORDER}
    assert fields(pb.CountOrdersRequest) == listing


def test_both_requests_read_into_the_same_filters():
    common = dict(recipient_name="smi", order_sns=["PO-1"], labels=["soon_to_be_overdue"], region_ids=[211])
    counted, listed = count_query(pb.CountOrdersRequest(**common), ALICE), list_query(pb.ListOrdersRequest(**common), ALICE)
    assert counted == replace(listed, page_size=counted.page_size) and counted.order_sns == ("PO-1",)
