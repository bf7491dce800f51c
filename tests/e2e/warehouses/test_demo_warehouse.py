"""The demo's own warehouse (make run): what the banner's grpcurl lines list."""
from __future__ import annotations

from adapters.grpc.gen.erp.v1 import warehouse_pb2 as w
from adapters.grpc.gen.erp.v1 import warehouse_service_pb2 as pb
from bootstrap.demo_warehouse import seed_demo_warehouse
from domain.principal import Principal, Role
from sandboxes.carrier import DEFAULT_TOKEN


def test_the_demo_warehouse_lists_with_a_pdf_and_a_zpl_channel(stack, carrier, warehouses):
    admin_id, key = stack.key_for("demo admin", Role.ADMIN)
    demo = seed_demo_warehouse(stack.app.warehouses, Principal(admin_id, "demo admin", Role.ADMIN),
                               carrier.base_url, DEFAULT_TOKEN)
    listed = warehouses.ListWarehouses(pb.ListWarehousesRequest(), metadata=stack.md(key))
    assert [x.name for x in listed.warehouses] == [f"warehouses/{demo.warehouse_id}"]
    channels = warehouses.ListChannels(pb.ListChannelsRequest(warehouse=listed.warehouses[0].name),
                                       metadata=stack.md(key)).channels
    assert {(c.display_name, c.label_format) for c in channels} == {
        ("USPS Ground Advantage", w.LABEL_FORMAT_PDF_4X6), ("UPS Ground", w.LABEL_FORMAT_ZPL)}
    assert all(c.temu_carriers[0].region_id == 211 for c in channels)
