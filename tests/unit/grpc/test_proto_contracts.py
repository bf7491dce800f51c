"""buf lint and buf breaking (python -m proto.contracts) accept today's contract and new files in
its style, catch a breaking change, and pass with a clear message when there is nothing to compare."""
from __future__ import annotations

import importlib
import shutil
import textwrap
from pathlib import Path

import pytest

from proto import contracts
from proto.generate import OUT, PACKAGE, PROTO_ROOT

LRO = "google.longrunning.Operation"


@pytest.fixture
def proto_copy(tmp_path: Path) -> Path:
    copy = tmp_path / "proto"
    shutil.copytree(PROTO_ROOT / "erp", copy / "erp")
    return copy


def test_a_new_service_file_in_the_existing_style_passes_lint(proto_copy):
    (proto_copy / "erp" / "v1" / "parcel_service.proto").write_text(textwrap.dedent('''\
        syntax = "proto3";

        package erp.v1;

        import "google/longrunning/operations.proto";

        // Parcels.
        service ParcelService {
          // Gets a parcel.
          rpc GetParcel(GetParcelRequest) returns (GetParcelResponse);
          // Ships a parcel: a worker job.
          rpc ShipParcel(ShipParcelRequest) returns (google.longrunning.Operation);
        }

        // Request of GetParcel.
        message GetParcelRequest {
          // The parcel, `parcels/{parcel}`.
          string name = 1;
        }

        // Response of GetParcel.
        message GetParcelResponse {
          // The parcel's name.
          string name = 1;
        }

        // Request of ShipParcel.
        message ShipParcelRequest {
          // The parcel, `parcels/{parcel}`.
          string name = 1;
        }
        '''))
    assert contracts.lint(proto_copy) == 0


def test_removing_a_field_is_caught_as_a_breaking_change(proto_copy, capfd):
    order = proto_copy / "erp" / "v1" / "order_service.proto"
    text = order.read_text()
    field = "  string seller_sku = 8;\n"
    assert field in text
    order.write_text(text.replace(field, ""))

    assert contracts.breaking(proto_copy, PROTO_ROOT) != 0
    out = capfd.readouterr().out
    assert "ListOrdersRequest" in out and "seller_sku" in out


def test_an_added_field_is_not_a_breaking_change(proto_copy):
    order = proto_copy / "erp" / "v1" / "order_service.proto"
    order.write_text(order.read_text().replace(
        "  google.protobuf.Timestamp ship_by_before = 10;\n",
        "  google.protobuf.Timestamp ship_by_before = 10;\n  // New.\n  string note = 99;\n"))
    assert contracts.breaking(proto_copy, PROTO_ROOT) == 0


def test_without_a_previous_commit_breaking_says_so_and_passes(capsys):
    assert contracts.breaking_against_git("0" * 40) == 0
    assert "no previous contract to compare with" in capsys.readouterr().err


def _methods():
    for path in sorted((OUT / "erp" / "v1").glob("*_pb2.py")):
        module = importlib.import_module(f"{PACKAGE}.erp.v1.{path.stem}")
        for service in module.DESCRIPTOR.services_by_name.values():
            yield from service.methods


def test_every_rpc_has_its_own_request_and_response_unless_it_starts_an_operation():
    """The part of buf's RPC_REQUEST_RESPONSE_UNIQUE / RPC_RESPONSE_STANDARD_NAME that proto/buf.yaml
    turns off for the methods returning a google.longrunning.Operation."""
    methods = list(_methods())
    assert methods
    for m in methods:
        assert m.input_type.name == f"{m.name}Request", m.full_name
        assert m.output_type.full_name == LRO or m.output_type.name == f"{m.name}Response", m.full_name
