"""Acceptance 6 of issue 2: a canary token never shows up in logs, errors, answers or the DB file."""
from __future__ import annotations

import logging
from pathlib import Path

import grpc
import pytest
import sqlalchemy as sa

from adapters.grpc.gen.erp.v1 import shop_pb2, shop_service_pb2 as pb
from tests.e2e.conftest import APP_KEY

CANARY = "CANARYtok3n7f2a9c41e8b6d05"


def test_a_canary_token_appears_nowhere_in_plaintext(stack, caplog):
    caplog.set_level(logging.DEBUG)
    seen: list[str] = []
    mall = stack.temu.add_mall(mall_type=1)

    def call(rpc, request):
        try:
            seen.append(str(rpc(request, metadata=stack.md())))
        except grpc.RpcError as err:
            seen.append(f"{err.code()} {err.details()} {err.trailing_metadata()}")

    def authorize(token: str, name: str = "Canary shop") -> None:
        call(stack.shops().AuthorizeShop, pb.AuthorizeShopRequest(
            display_name=name, kind=shop_pb2.SHOP_KIND_CROSS_BORDER, region=shop_pb2.REGION_US, token=token))

    authorize(CANARY + "unknown")  # unknown to Temu
    stack.temu.issue_token(mall, gateway="us", region_id=211, kind="order", app_key=APP_KEY,
                           scopes=["bg.open.accesstoken.info.get"], token=CANARY + "scopes")
    authorize(CANARY + "scopes")  # not an order token
    stack.temu.issue_token(mall, gateway="us", region_id=211, kind="order", app_key=APP_KEY, token=CANARY)
    stack.temu.inject_fault(error_code=4000000, access_token=CANARY, times=2)
    authorize(CANARY)  # succeeds after two retries
    authorize(CANARY, "Canary again")  # already authorized
    shop_name = stack.shops().ListShops(pb.ListShopsRequest(), metadata=stack.md()).shops[0].name
    stack.temu.revoke_token(CANARY)
    call(stack.shops().ReauthorizeShop, pb.ReauthorizeShopRequest(shop=shop_name, token=CANARY))  # replaced
    call(stack.shops().GetShop, pb.GetShopRequest(name=shop_name))

    assert len(seen) == 6 and "AUTH_STATUS_PARTIAL" in seen[2]
    assert not [s for s in seen if CANARY in s]
    assert not [r for r in caplog.records if CANARY in r.getMessage() or CANARY in str(r.args)]
    assert CANARY not in caplog.text
    _assert_not_in_database(stack)


def _assert_not_in_database(stack) -> None:
    url = sa.make_url(stack.app.engine.url)
    if url.get_backend_name() == "sqlite":
        stack.app.engine.dispose()
        files = [Path(url.database + suffix) for suffix in ("", "-wal") if Path(url.database + suffix).exists()]
        assert files and all(CANARY.encode() not in f.read_bytes() for f in files)
        return
    with stack.app.engine.connect() as conn:
        for table in sa.inspect(conn).get_table_names():
            dump = str(conn.execute(sa.text(f'SELECT * FROM "{table}"')).fetchall())
            assert CANARY not in dump, table


@pytest.fixture(autouse=True)
def _debug_everything():
    root = logging.getLogger()
    old = root.level
    root.setLevel(logging.DEBUG)
    yield
    root.setLevel(old)
