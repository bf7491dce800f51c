"""What an error sends stays within what a gRPC client accepts, and never a carrier API token."""
from __future__ import annotations

from google.rpc import error_details_pb2, status_pb2

from adapters.grpc.errors import MAX_MESSAGE, MAX_VIOLATIONS, error_status, secrets_of
from adapters.grpc.gen.erp.v1 import warehouse_service_pb2 as pb
from domain.errors import FieldViolation, UpstreamRejected, ValidationFailed


def test_a_batch_of_bad_items_fits_in_the_metadata_a_client_accepts():
    violations = [FieldViolation(f"mappings[{i}].seller_sku", "1 to 128 printable characters " * 3) for i in range(500)]
    err = ValidationFailed("bad: " + "; ".join(v.field for v in violations), violations)
    status = error_status(err)
    sent = sum(len(value) for _, value in status.trailing_metadata) + len(status.details)
    assert sent < 8192 * 3 // 4  # binary metadata travels base64-encoded
    assert len(status.details) <= MAX_MESSAGE


def test_a_carrier_api_token_never_leaves_in_an_error():
    request = pb.AddCarrierAccountRequest(api_token="shippo_live_secret123", display_name="x")
    status = error_status(UpstreamRejected("the carrier said shippo_live_secret123 is bad"), secrets_of(request))
    assert "shippo_live_secret123" not in status.details
    assert not any(b"shippo_live_secret123" in value for _, value in status.trailing_metadata)


def test_the_first_violations_are_the_ones_sent():
    status = error_status(ValidationFailed("bad", [FieldViolation(f"f{i}", "wrong") for i in range(100)]))
    sent = status_pb2.Status.FromString(dict(status.trailing_metadata)["grpc-status-details-bin"])
    bad = error_details_pb2.BadRequest()
    assert any(detail.Unpack(bad) for detail in sent.details)
    assert [v.field for v in bad.field_violations] == [f"f{i}" for i in range(MAX_VIOLATIONS)]
