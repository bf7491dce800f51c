"""WarehouseService requests -> application commands, every bad field of a request at once.

Rules that belong to the domain (address fields, SKU shape, Temu carriers) are checked there;
here only what protobuf cannot say (resource names, enums, sizes, request ids).
"""
from __future__ import annotations

from adapters.grpc.gen.erp.v1 import warehouse_service_pb2 as pb
from adapters.grpc.shop_requests import Checks
from adapters.grpc.warehouse_mappers import LABEL_FORMATS, WAREHOUSE_KINDS, address_from_proto, id_from_name
from application.warehouses.commands import (
    MAX_SKU_BATCH, AddCarrierAccountCommand, DeleteSkuMappingsCommand, DisableChannelCommand, EnableChannelCommand,
    RegisterWarehouseCommand, ReplaceCarrierCredentialsCommand, SetSkuMappingsCommand, SetWarehouseActiveCommand,
)
from domain.errors import ValidationFailed
from domain.principal import Principal
from domain.sku_mapping import SkuMapping
from domain.warehouse import TemuCarrier, WarehouseKind

MAX_TEMU_CARRIERS = 50
MAX_PRINCIPAL_ID = 64
MAX_INT32 = 2**31 - 1


def _owner(c: Checks, owner: str, field: str = "owner") -> str | None:
    if len(owner) > MAX_PRINCIPAL_ID or not owner.isprintable():
        c.add(field, f"a principal id, at most {MAX_PRINCIPAL_ID} printable characters")
    return owner or None


def add_account_command(req: pb.AddCarrierAccountRequest, principal: Principal) -> AddCarrierAccountCommand:
    c = Checks()
    owner = _owner(c, req.owner)
    request_id = c.request_id(req.request_id)
    c.done()
    return AddCarrierAccountCommand(principal, req.display_name, req.provider, req.api_token, req.base_url,
                                    owner_id=owner, request_id=request_id)


def replace_credentials_command(req: pb.UpdateCarrierCredentialsRequest,
                                principal: Principal) -> ReplaceCarrierCredentialsCommand:
    c = Checks()
    account = c.check(lambda: id_from_name(req.carrier_account, "carrierAccounts", "carrier_account"))
    c.done()
    return ReplaceCarrierCredentialsCommand(principal, account, req.api_token,
                                            req.base_url if req.HasField("base_url") else None)


def register_command(req: pb.RegisterWarehouseRequest, principal: Principal) -> RegisterWarehouseCommand:
    c = Checks()
    kind = c.check(lambda: WAREHOUSE_KINDS.from_proto(req.kind, "kind", required=True))
    account_id = ""
    if kind is WarehouseKind.OWN:
        if not req.HasField("address"):
            c.add("address", "must be set for an own warehouse")
        account_id = c.check(lambda: id_from_name(req.carrier_account, "carrierAccounts", "carrier_account")) or ""
    owner = _owner(c, req.owner)
    request_id = c.request_id(req.request_id)
    c.done()
    return RegisterWarehouseCommand(
        principal, req.display_name, kind,
        address=address_from_proto(req.address) if req.HasField("address") else None,
        return_address=address_from_proto(req.return_address) if req.HasField("return_address") else None,
        carrier_account_id=account_id, provider_account_id=req.provider_account_id,
        provider_warehouse_code=req.provider_warehouse_code, owner_id=owner, request_id=request_id)


def warehouse_id(name: str, field: str = "name") -> str:
    c = Checks()
    found = c.check(lambda: id_from_name(name, "warehouses", field))
    c.done()
    return found


def set_active_command(name: str, principal: Principal, active: bool) -> SetWarehouseActiveCommand:
    return SetWarehouseActiveCommand(principal, warehouse_id(name), active)


def enable_channel_command(req: pb.EnableChannelRequest, principal: Principal) -> EnableChannelCommand:
    c = Checks()
    warehouse = c.check(lambda: id_from_name(req.warehouse, "warehouses", "warehouse"))
    c.required(req.service_token.strip(), "service_token")
    if len(req.service_token) > 128:
        c.add("service_token", "at most 128 characters")
    label_format = c.check(lambda: LABEL_FORMATS.from_proto(req.label_format, "label_format", required=True))
    if len(req.temu_carriers) > MAX_TEMU_CARRIERS:
        c.add("temu_carriers", f"at most {MAX_TEMU_CARRIERS}")
    for i, t in enumerate(req.temu_carriers):
        if len(t.carrier_name) > 64:
            c.add(f"temu_carriers[{i}].carrier_name", "at most 64 characters")
    request_id = c.request_id(req.request_id)
    c.done()
    carriers = tuple(TemuCarrier(t.region_id, t.carrier_id, t.carrier_name) for t in req.temu_carriers)
    return EnableChannelCommand(principal, warehouse, req.service_token.strip(), label_format, name=req.display_name,
                                temu_carriers=carriers, request_id=request_id)


def disable_channel_command(req: pb.DisableChannelRequest, principal: Principal) -> DisableChannelCommand:
    c = Checks()
    channel = c.check(lambda: id_from_name(req.name, "channels", "name"))
    c.done()
    return DisableChannelCommand(principal, channel)


def _mappings(c: Checks, items, principal: Principal) -> tuple[SkuMapping, ...]:
    if not 1 <= len(items) <= MAX_SKU_BATCH:
        c.add("mappings", f"1 to {MAX_SKU_BATCH} items (this request has {len(items)})")
        return ()
    found = []
    for i, m in enumerate(items):
        shop = c.check(lambda: id_from_name(m.shop, "shops", f"mappings[{i}].shop")) if m.shop else ""
        _owner(c, m.owner, f"mappings[{i}].owner")
        try:
            found.append(SkuMapping(owner_id=m.owner or principal.id, seller_sku=m.seller_sku, shop_id=shop or "",
                                    temu_sku_id=m.temu_sku_id, temu_seller_sku=m.temu_seller_sku))
        except ValidationFailed as err:
            for v in err.violations:
                c.add(f"mappings[{i}].{v.field}", v.description)
    return tuple(found)


def set_sku_command(req: pb.SetSkuMappingsRequest, principal: Principal) -> SetSkuMappingsCommand:
    c = Checks()
    mappings = _mappings(c, req.mappings, principal)
    request_id = c.request_id(req.request_id)
    c.done()
    return SetSkuMappingsCommand(principal, mappings, request_id=request_id)


def delete_sku_command(req: pb.DeleteSkuMappingsRequest, principal: Principal) -> DeleteSkuMappingsCommand:
    c = Checks()
    # The key is what matters: a placeholder seller SKU lets the domain check the key alone.
    for m in req.mappings:
        if not m.seller_sku:
            m.seller_sku = "-"
    mappings = _mappings(c, req.mappings, principal)
    c.done()
    return DeleteSkuMappingsCommand(principal, mappings)


def checked_page(page_size: int, page_token: str, owner: str = "", *, required: dict[str, tuple[str, str]] = {},
                 optional: dict[str, tuple[str, str]] = {}) -> dict[str, str]:
    """A list request's page, owner and resource names (``field: (value, collection)``) -> their
    ids; an optional name left empty is ""."""
    c = Checks()
    c.page(page_size, page_token)
    _owner(c, owner)
    ids = {field: c.check(lambda: id_from_name(value, collection, field)) or ""
           for field, (value, collection) in {**required, **{k: v for k, v in optional.items() if v[0]}}.items()}
    c.done()
    return {field: ids.get(field, "") for field in (*required, *optional)}
