"""Protobuf <-> warehouse-side DTOs: enums, resource names, addresses, the four resources."""
from __future__ import annotations

import re

from adapters.grpc.gen.erp.v1 import warehouse_pb2 as pb
from adapters.grpc.mappers import EnumMap, shop_name, timestamp
from application.ports.carrier import CarrierService
from application.warehouses.views import CarrierAccountView, ChannelView, WarehouseView
from domain.errors import FieldViolation, ValidationFailed
from domain.sku_mapping import SkuMapping
from domain.warehouse import LabelFormat, PostalAddress, TemuCarrier, WarehouseKind

WAREHOUSE_KINDS = EnumMap(WarehouseKind, pb.WarehouseKind, "WAREHOUSE_KIND")
LABEL_FORMATS = EnumMap(LabelFormat, pb.LabelFormat, "LABEL_FORMAT")
_ID = r"([A-Za-z0-9][A-Za-z0-9_.~-]{0,63})"
_NAMES = {collection: re.compile(rf"^{collection}/{_ID}$")
          for collection in ("warehouses", "channels", "carrierAccounts", "providerAccounts", "shops")}


def id_from_name(name: str, collection: str, field: str) -> str:
    """``{collection}/{id}`` -> ``id``; ``ValidationFailed`` naming ``field`` when malformed."""
    match = _NAMES[collection].match(name)
    if match is None:
        problem = "must be set" if not name else f"must look like {collection}/{{id}}"
        raise ValidationFailed(f"{field}: {problem}.", [FieldViolation(field, problem)])
    return match.group(1)


def address_from_proto(a: pb.PostalAddress) -> PostalAddress:
    return PostalAddress(name=a.name, street1=a.street1, city=a.city, zip=a.zip, country=a.country, state=a.state,
                         street2=a.street2, street3=a.street3, company=a.company, phone=a.phone, email=a.email)


def address_to_proto(a: PostalAddress | None) -> pb.PostalAddress | None:
    if a is None:
        return None
    return pb.PostalAddress(name=a.name, company=a.company, street1=a.street1, street2=a.street2, street3=a.street3,
                            city=a.city, state=a.state, zip=a.zip, country=a.country, phone=a.phone, email=a.email)


def warehouse_to_proto(v: WarehouseView) -> pb.Warehouse:
    return pb.Warehouse(
        name=f"warehouses/{v.id}", display_name=v.name, kind=WAREHOUSE_KINDS.to_proto(v.kind), owner=v.owner_id,
        address=address_to_proto(v.address), return_address=address_to_proto(v.return_address),
        carrier_account=f"carrierAccounts/{v.carrier_account_id}" if v.carrier_account_id else "",
        provider_account_id=v.provider_account_id, provider_warehouse_code=v.provider_warehouse_code,
        active=v.active, create_time=timestamp(v.created_at), update_time=timestamp(v.updated_at))


def account_to_proto(v: CarrierAccountView) -> pb.CarrierAccount:
    return pb.CarrierAccount(name=f"carrierAccounts/{v.id}", display_name=v.display_name, provider=v.provider,
                             base_url=v.base_url, owner=v.owner_id, verify_time=timestamp(v.verified_at),
                             create_time=timestamp(v.created_at))


def service_to_proto(s: CarrierService) -> pb.CarrierService:
    return pb.CarrierService(carrier=s.carrier, service_token=s.token, display_name=s.name,
                             provider_carrier_account=s.carrier_account)


def temu_carrier_to_proto(c: TemuCarrier) -> pb.TemuCarrier:
    return pb.TemuCarrier(region_id=c.region_id, carrier_id=c.carrier_id, carrier_name=c.carrier_name)


def channel_to_proto(v: ChannelView) -> pb.LogisticsChannel:
    return pb.LogisticsChannel(
        name=f"channels/{v.id}", warehouse=f"warehouses/{v.warehouse_id}", display_name=v.name, carrier=v.carrier,
        service_token=v.service_token, label_format=LABEL_FORMATS.to_proto(v.label_format),
        temu_carriers=[temu_carrier_to_proto(c) for c in v.temu_carriers], active=v.active,
        create_time=timestamp(v.created_at), update_time=timestamp(v.updated_at))


def sku_mapping_to_proto(m: SkuMapping) -> pb.SkuMapping:
    return pb.SkuMapping(owner=m.owner_id, shop=shop_name(m.shop_id) if m.shop_id else "",
                         temu_sku_id=m.temu_sku_id, temu_seller_sku=m.temu_seller_sku, seller_sku=m.seller_sku)
