"""The committed generated code matches proto/, and the check notices when it does not."""
from __future__ import annotations

import shutil
import subprocess
import sys

from proto import generate


def test_the_committed_generated_code_is_up_to_date():
    result = subprocess.run([sys.executable, "-m", "proto.generate", "--check"], cwd=generate.ROOT,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr


def test_the_check_names_edited_missing_and_extra_files(tmp_path):
    copy = tmp_path / "gen"
    shutil.copytree(generate.OUT, copy, ignore=shutil.ignore_patterns("__pycache__"))
    (copy / "erp" / "v1" / "shop_pb2.py").write_text("# edited by hand\n")
    (copy / "erp" / "v1" / "shop_service_pb2.pyi").unlink()
    (copy / "erp" / "v1" / "old_pb2.py").write_text("")
    assert generate.differences(copy) == ["erp/v1/old_pb2.py", "erp/v1/shop_pb2.py",
                                          "erp/v1/shop_service_pb2.pyi"]


def test_the_generated_service_keeps_its_proto_package_name():
    from adapters.grpc.gen.erp.v1 import shop_service_pb2
    assert shop_service_pb2.DESCRIPTOR.services_by_name["ShopService"].full_name == "erp.v1.ShopService"
    assert shop_service_pb2.DESCRIPTOR.name == "erp/v1/shop_service.proto"
