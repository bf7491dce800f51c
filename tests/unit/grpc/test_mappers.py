"""Protobuf <-> DTO mapping: round trips, enums, resource names."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from google.protobuf import timestamp_pb2
from hypothesis import given, strategies as st

from adapters.grpc.gen.erp.v1 import shop_pb2
from adapters.grpc.mappers import (
    AUTH_STATUSES, REGIONS, SHOP_KINDS, SHOP_STATUSES, TOKEN_KINDS, moment, shop_from_proto,
    shop_id_from_name, shop_to_proto, timestamp,
)
from domain.errors import ValidationFailed
from domain.shop_kinds import AuthStatus, ShopKind, ShopStatus
from tests.unit.grpc.fake_shop_use_cases import NOW, shop_view

ENUM_MAPS = [SHOP_KINDS, REGIONS, TOKEN_KINDS, AUTH_STATUSES, SHOP_STATUSES]


def test_a_shop_survives_the_round_trip_through_protobuf():
    view = shop_view("3f2c1a9e-6b7d-4c1e-9a51-2b0e8d4f7c10", "Home 美区", "p-alice",
                     kind=ShopKind.LOCAL, status=ShopStatus.DISABLED, auth_status=AuthStatus.EXPIRED,
                     expiry_warning_days=0)
    assert shop_from_proto(shop_to_proto(view)) == view


def test_absent_expiry_fields_stay_absent():
    view = shop_view("s1", "Home", "p-alice", expiry_warning_days=None, auth_expires_at=None)
    proto = shop_to_proto(view)
    assert not proto.HasField("expiry_warning_days") and not proto.HasField("auth_expire_time")
    assert shop_from_proto(proto) == view


def test_an_expiry_warning_of_zero_days_is_sent_as_present():
    assert shop_to_proto(shop_view("s1", "Home", "p-alice", expiry_warning_days=0)).HasField("expiry_warning_days")


def test_the_shop_message_uses_resource_names_and_proto_enums():
    proto = shop_to_proto(shop_view("s1", "Home", "p-alice"))
    assert proto.name == "shops/s1"
    assert proto.kind == shop_pb2.SHOP_KIND_CROSS_BORDER and proto.region == shop_pb2.REGION_US
    assert proto.credentials[0].kind == shop_pb2.TOKEN_KIND_ORDER


@pytest.mark.parametrize("enum_map", ENUM_MAPS, ids=lambda m: m.domain.__name__)
def test_every_domain_enum_member_has_a_proto_value_and_back(enum_map):
    for member in enum_map.domain:
        assert enum_map.from_proto(enum_map.to_proto(member), "f") is member


def test_unspecified_means_no_value_unless_the_field_is_required():
    assert REGIONS.from_proto(0, "region") is None
    with pytest.raises(ValidationFailed) as err:
        REGIONS.from_proto(0, "region", required=True)
    assert [v.field for v in err.value.violations] == ["region"]


def test_an_unknown_enum_number_is_invalid_and_names_the_field():
    with pytest.raises(ValidationFailed) as err:
        AUTH_STATUSES.from_proto(99, "auth_status")
    assert [(v.field, v.description) for v in err.value.violations] == [("auth_status", "unknown value 99")]


@pytest.mark.parametrize("name", ["", "shops/", "shop/s1", "shops/s1/orders/o1", "shops/../x",
                                  "shops/s1 ", "shops/" + "a" * 65, "shops/' OR 1=1 --"])
def test_a_malformed_shop_name_is_invalid_and_names_the_field(name):
    with pytest.raises(ValidationFailed) as err:
        shop_id_from_name(name, "shop")
    assert [v.field for v in err.value.violations] == ["shop"]


def test_a_well_formed_shop_name_gives_the_id():
    assert shop_id_from_name("shops/3f2c1a9e-6b7d-4c1e-9a51-2b0e8d4f7c10", "name") == \
        "3f2c1a9e-6b7d-4c1e-9a51-2b0e8d4f7c10"


ZONES = st.sampled_from([None, timezone.utc, timezone(timedelta(hours=8)), timezone(timedelta(hours=-5, minutes=-30))])


@given(st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2200, 1, 1), timezones=ZONES))
def test_a_timestamp_holds_what_protobufs_own_conversion_gives_in_any_zone_and_before_1970(moment_):
    expected = timestamp_pb2.Timestamp()
    expected.FromDatetime(moment_)
    assert timestamp(moment_) == expected


def test_timestamps_keep_microseconds_and_come_back_in_utc():
    east = NOW.astimezone(timezone(timedelta(hours=8)))
    back = moment(timestamp(east))
    assert back == NOW and back.tzinfo == timezone.utc

