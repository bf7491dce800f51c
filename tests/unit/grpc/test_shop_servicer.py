"""ShopServicer: requests become the right commands; bad shapes are refused field by field."""
from __future__ import annotations

import pytest
from google.protobuf import field_mask_pb2

from adapters.grpc.call_context import call_scope, set_principal
from adapters.grpc.gen.erp.v1 import shop_pb2, shop_service_pb2 as pb
from adapters.grpc.shop_servicer import ShopServicer
from application.shops.commands import ListShopsQuery, RenameShopCommand, SetShopStatusCommand
from domain.errors import ValidationFailed
from domain.shop_kinds import AuthStatus, Region, ShopKind
from tests.unit.grpc.fake_shop_use_cases import ALICE, GOOD_TOKEN, FakeShopUseCases

UUID = "3F2C1A9E-6B7D-4C1E-9A51-2B0E8D4F7C10"


@pytest.fixture
def shops() -> FakeShopUseCases:
    return FakeShopUseCases()


@pytest.fixture
def servicer(shops) -> ShopServicer:
    with call_scope("req-1"):
        set_principal(ALICE)
        yield ShopServicer(shops)


def violations(err: pytest.ExceptionInfo) -> dict[str, str]:
    return {v.field: v.description for v in err.value.violations}


def authorize(**fields) -> pb.AuthorizeShopRequest:
    base = dict(display_name="Alice EU", kind=shop_pb2.SHOP_KIND_CROSS_BORDER, region=shop_pb2.REGION_EU,
                token=GOOD_TOKEN)
    return pb.AuthorizeShopRequest(**{**base, **fields})


def test_authorize_shop_passes_the_caller_the_enums_and_a_normalised_request_id(servicer, shops):
    reply = servicer.AuthorizeShop(authorize(request_id=UUID), None)
    [cmd] = shops.commands
    assert (cmd.principal, cmd.kind, cmd.region, cmd.owner_id) == (ALICE, ShopKind.CROSS_BORDER, Region.EU, None)
    assert cmd.request_id == UUID.lower()
    assert reply.shop.display_name == "Alice EU" and reply.shop.region == shop_pb2.REGION_EU


def test_an_empty_authorize_request_names_every_missing_field_at_once(servicer):
    with pytest.raises(ValidationFailed) as err:
        servicer.AuthorizeShop(pb.AuthorizeShopRequest(), None)
    assert set(violations(err)) == {"display_name", "kind", "region", "token"}


@pytest.mark.parametrize("request_id", ["not-a-uuid", "{3f2c1a9e-6b7d-4c1e-9a51-2b0e8d4f7c10}",
                                        "3f2c1a9e6b7d4c1e9a512b0e8d4f7c10", UUID + "0"])
def test_a_request_id_that_is_not_a_canonical_uuid_is_refused(servicer, request_id):
    with pytest.raises(ValidationFailed) as err:
        servicer.AuthorizeShop(authorize(request_id=request_id), None)
    assert set(violations(err)) == {"request_id"}


def test_an_unknown_enum_number_is_refused_naming_the_field(servicer):
    with pytest.raises(ValidationFailed) as err:
        servicer.AuthorizeShop(authorize(kind=7), None)
    assert violations(err) == {"kind": "unknown value 7"}


def test_a_bad_shop_name_from_the_domain_is_reported_under_the_request_field(servicer):
    with pytest.raises(ValidationFailed) as err:
        servicer.AuthorizeShop(authorize(display_name="   "), None)
    assert set(violations(err)) == {"display_name"}
    update = pb.UpdateShopRequest(shop=shop_pb2.Shop(name="shops/alice-1", display_name="x" * 65))
    with pytest.raises(ValidationFailed) as err:
        servicer.UpdateShop(update, None)
    assert set(violations(err)) == {"shop.display_name"}


def test_update_shop_renames_and_refuses_fields_that_cannot_change(servicer, shops):
    reply = servicer.UpdateShop(pb.UpdateShopRequest(
        shop=shop_pb2.Shop(name="shops/alice-1", display_name="Renamed"),
        update_mask=field_mask_pb2.FieldMask(paths=["display_name"])), None)
    assert reply.shop.display_name == "Renamed"
    assert shops.commands == [RenameShopCommand(ALICE, "alice-1", "Renamed")]
    with pytest.raises(ValidationFailed) as err:
        servicer.UpdateShop(pb.UpdateShopRequest(
            shop=shop_pb2.Shop(name="shops/alice-1", display_name="X"),
            update_mask=field_mask_pb2.FieldMask(paths=["region"])), None)
    assert set(violations(err)) == {"update_mask"}


def test_update_shop_without_a_shop_names_the_missing_fields(servicer):
    with pytest.raises(ValidationFailed) as err:
        servicer.UpdateShop(pb.UpdateShopRequest(), None)
    assert set(violations(err)) == {"shop", "shop.name", "shop.display_name"}


def test_enable_and_disable_become_status_commands(servicer, shops):
    servicer.EnableShop(pb.EnableShopRequest(name="shops/alice-1"), None)
    reply = servicer.DisableShop(pb.DisableShopRequest(name="shops/alice-1"), None)
    assert shops.commands == [SetShopStatusCommand(ALICE, "alice-1", True),
                              SetShopStatusCommand(ALICE, "alice-1", False)]
    assert reply.shop.status == shop_pb2.SHOP_STATUS_DISABLED


def test_reauthorize_without_a_token_kind_leaves_the_choice_to_the_use_case(servicer, shops):
    servicer.ReauthorizeShop(pb.ReauthorizeShopRequest(shop="shops/alice-1", token=GOOD_TOKEN), None)
    assert shops.commands[0].token_kind is None


def test_list_shops_passes_the_page_size_and_maps_the_filters(servicer, shops):
    reply = servicer.ListShops(pb.ListShopsRequest(page_size=10_000, auth_status=shop_pb2.AUTH_STATUS_PARTIAL,
                                                   name_contains="alice"), None)
    assert shops.commands == [ListShopsQuery(ALICE, page_size=10_000, auth_status=AuthStatus.PARTIAL,
                                             name_contains="alice")]
    assert [s.name for s in reply.shops] == ["shops/alice-1"] and reply.total_size == 1


def test_list_shops_refuses_a_negative_page_size_and_an_unknown_status(servicer):
    with pytest.raises(ValidationFailed) as err:
        servicer.ListShops(pb.ListShopsRequest(page_size=-1, status=42), None)
    assert set(violations(err)) == {"page_size", "status"}


def test_get_shop_answers_the_shop_under_its_resource_name(servicer):
    assert servicer.GetShop(pb.GetShopRequest(name="shops/alice-1"), None).shop.name == "shops/alice-1"
