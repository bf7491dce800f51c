"""UpdateTracking end to end (issue 12, item 7): a wrong tracking number of an uploaded package is
corrected at Temu (the sandbox's bg.logistics.shipment.shippingtype.update) and in the ERP; Temu's
refusal (a delivered order's package) is answered with Temu's reason and changes nothing.
SQLite and PostgreSQL."""
from __future__ import annotations

import grpc
import pytest

from adapters.grpc.gen.erp.v1 import fulfillment_service_pb2 as fpb
from adapters.grpc.gen.erp.v1 import mark_shipped_service_pb2 as pb
from tests.e2e.mark_shipped.flows import labelled_single_order, stubs, upload_of
from tests.unit.grpc.rich_status import rich_status


def reason(raised) -> str:
    return rich_status(raised.value)[1]["ErrorInfo"].reason


def test_a_wrong_tracking_number_is_corrected_at_temu_until_temu_no_longer_allows_it(stack, carrier):
    md = stack.md()
    mall, shop, order, package = labelled_single_order(stack, carrier, md)
    fulfillment, marker = stubs(stack)
    wrong = package.tracking_numbers[0]
    with pytest.raises(grpc.RpcError) as early:
        marker.UpdateTracking(pb.UpdateTrackingRequest(package=package.name, tracking_number="9400111122223333"),
                              metadata=md)
    assert early.value.code() is grpc.StatusCode.FAILED_PRECONDITION and reason(early) == "UPLOAD_NOT_UPLOADED"
    marker.MarkShipped(pb.MarkShippedRequest(orders=[order.name]), metadata=md)
    assert upload_of(marker, md, shop, pb.UPLOAD_STATE_UPLOADED)

    corrected = marker.UpdateTracking(pb.UpdateTrackingRequest(package=package.name, old_tracking_number=wrong,
                                                               tracking_number="9400111122223333"), metadata=md)
    assert list(corrected.tracking_numbers) == ["9400111122223333"]
    assert list(corrected.upload.tracking_numbers) == ["9400111122223333"] and wrong in corrected.upload.message
    [edit] = stack.temu.tracking_edits()
    assert (edit["old_tracking_number"], edit["tracking_number"]) == (wrong, "9400111122223333")
    again = fulfillment.GetPackage(fpb.GetPackageRequest(name=package.name), metadata=md).package
    assert list(again.tracking_numbers) == ["9400111122223333"]

    for request, field in ((pb.UpdateTrackingRequest(package=package.name, tracking_number="9400111122223333"),
                            "tracking_number"),
                           (pb.UpdateTrackingRequest(package=package.name, old_tracking_number="NOPE1234",
                                                     tracking_number="9400555566667777"), "old_tracking_number"),
                           (pb.UpdateTrackingRequest(package="p1", tracking_number="9400555566667777"), "package")):
        with pytest.raises(grpc.RpcError) as bad:
            marker.UpdateTracking(request, metadata=md)
        assert bad.value.code() is grpc.StatusCode.INVALID_ARGUMENT
        assert [v.field for v in rich_status(bad.value)[1]["BadRequest"].field_violations] == [field]

    stack.temu.advance_order(order.parent_order_sn)  # 4 → 5: delivered, Temu no longer edits it
    with pytest.raises(grpc.RpcError) as refused:
        marker.UpdateTracking(pb.UpdateTrackingRequest(package=package.name, tracking_number="9400555566667777"),
                              metadata=md)
    assert refused.value.code() is grpc.StatusCode.FAILED_PRECONDITION
    assert reason(refused) == "PACKAGE_NOT_EDITABLE" and "120015529" in refused.value.details()
    assert len(stack.temu.tracking_edits()) == 1
    kept = fulfillment.GetPackage(fpb.GetPackageRequest(name=package.name), metadata=md).package
    assert list(kept.tracking_numbers) == ["9400111122223333"]
