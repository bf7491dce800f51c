"""TEMU仓库绑定 end to end (issue 12, item 5, acceptance 3; MARK-3): a US local shop's upload is
refused before any Temu call until its ERP warehouse or channel is bound to one of the shop's
Temu warehouses, then every parcel carries it (``selfShippingWarehouseId``); the sandbox refuses a
local shop's confirmation without it (tests/integration/temu/test_temu_logistics_sandbox.py).
SQLite and PostgreSQL."""
from __future__ import annotations

import grpc
import pytest

from adapters.grpc.gen.erp.v1 import mark_shipped_service_pb2 as pb
from domain.principal import Role
from tests.e2e.mark_shipped.flows import labelled_packages, reason_of, stubs, synced, upload_of


def test_a_local_shop_uploads_only_once_bound_and_every_parcel_carries_the_temu_warehouse(stack, carrier):
    md = stack.md()
    mall, shop, [order] = synced(stack, quantity=2, local=True)
    main = stack.temu.add_warehouse(mall, "Ontario CA", is_default=True)
    second = stack.temu.add_warehouse(mall, "Edison NJ")
    warehouse, channel, packages = labelled_packages(stack, carrier, md, order, parts=2)
    _, marker = stubs(stack)

    [refused] = marker.MarkShipped(pb.MarkShippedRequest(orders=[order.name]), metadata=md).results
    assert refused.status.code == grpc.StatusCode.FAILED_PRECONDITION.value[0]
    assert reason_of(refused.status) == "TEMU_WAREHOUSE_NOT_BOUND"
    for words in (warehouse.split("/")[1], channel.split("/")[1], "BindTemuWarehouse", "ListTemuWarehouses"):
        assert words in refused.status.message
    assert refused.upload.state == pb.UPLOAD_STATE_FAILED and refused.upload.reason == "TEMU_WAREHOUSE_NOT_BOUND"
    assert stack.temu.confirmations(mall) == [] and stack.temu.refused_confirmations(mall) == []

    listed = marker.ListTemuWarehouses(pb.ListTemuWarehousesRequest(shop=shop), metadata=md).temu_warehouses
    assert {(w.temu_warehouse, w.display_name, w.is_default) for w in listed} == {
        (main, "Ontario CA", True), (second, "Edison NJ", False)}
    with pytest.raises(grpc.RpcError) as unknown:
        marker.BindTemuWarehouse(pb.BindTemuWarehouseRequest(shop=shop, warehouse=warehouse,
                                                             temu_warehouse="WH-404"), metadata=md)
    assert unknown.value.code() is grpc.StatusCode.INVALID_ARGUMENT and main in unknown.value.details()
    marker.BindTemuWarehouse(pb.BindTemuWarehouseRequest(shop=shop, warehouse=warehouse, temu_warehouse=main),
                             metadata=md)
    bound = marker.BindTemuWarehouse(pb.BindTemuWarehouseRequest(shop=shop, channel=channel, temu_warehouse=second),
                                     metadata=md).binding
    assert bound.channel == channel and bound.temu_warehouse_name == "Edison NJ"
    bindings = marker.ListTemuWarehouseBindings(pb.ListTemuWarehouseBindingsRequest(shop=shop), metadata=md).bindings
    assert {(b.warehouse, b.channel, b.temu_warehouse) for b in bindings} == {
        (warehouse, "", main), ("", channel, second)}

    marker.RetryMarkShipped(pb.RetryMarkShippedRequest(name=refused.upload.name), metadata=md)
    assert upload_of(marker, md, shop, pb.UPLOAD_STATE_UPLOADED), "uploaded once bound"
    [confirmation] = stack.temu.confirmations(mall)
    assert confirmation["send_type"] == 1 and len(confirmation["package_sns"]) == 2
    book = stack.temu.shipment_book
    assert [book.packages[sn].warehouse_id for sn in confirmation["package_sns"]] == [second, second]  # the channel's wins

    marker.UnbindTemuWarehouse(pb.UnbindTemuWarehouseRequest(shop=shop, channel=channel), metadata=md)
    left = marker.ListTemuWarehouseBindings(pb.ListTemuWarehouseBindingsRequest(shop=shop), metadata=md).bindings
    assert [(b.warehouse, b.temu_warehouse) for b in left] == [(warehouse, main)]
    with pytest.raises(grpc.RpcError) as gone:
        marker.UnbindTemuWarehouse(pb.UnbindTemuWarehouseRequest(shop=shop, channel=channel), metadata=md)
    assert gone.value.code() is grpc.StatusCode.NOT_FOUND


def test_binding_requests_name_their_fields_and_other_owners_things_are_not_found(stack, carrier):
    md = stack.md()
    _, marker = stubs(stack)
    for request, field in ((pb.BindTemuWarehouseRequest(shop="shops/x", temu_warehouse="WH-1"), "warehouse"),
                           (pb.BindTemuWarehouseRequest(shop="shops/x", warehouse="warehouses/a", channel="channels/b",
                                                        temu_warehouse="WH-1"), "warehouse"),
                           (pb.BindTemuWarehouseRequest(shop="shops/x", warehouse="warehouses/a"), "temu_warehouse"),
                           (pb.BindTemuWarehouseRequest(shop="x", warehouse="warehouses/a", temu_warehouse="W"), "shop")):
        with pytest.raises(grpc.RpcError) as bad:
            marker.BindTemuWarehouse(request, metadata=md)
        assert bad.value.code() is grpc.StatusCode.INVALID_ARGUMENT and field in bad.value.details()
    mall, shop, _ = synced(stack, quantity=1, local=True)
    wid = stack.temu.add_warehouse(mall, "Ontario CA")
    with pytest.raises(grpc.RpcError) as missing:
        marker.BindTemuWarehouse(pb.BindTemuWarehouseRequest(shop=shop, warehouse="warehouses/nope",
                                                             temu_warehouse=wid), metadata=md)
    assert missing.value.code() is grpc.StatusCode.NOT_FOUND
    _, key = stack.key_for("another seller", Role.SHOP_OWNER)
    with pytest.raises(grpc.RpcError) as hidden:
        marker.ListTemuWarehouses(pb.ListTemuWarehousesRequest(shop=shop), metadata=stack.md(key))
    assert hidden.value.code() is grpc.StatusCode.NOT_FOUND
