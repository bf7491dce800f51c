"""Static facts of the Temu platform the sandbox imitates: gateways, regions, token scopes."""
from __future__ import annotations

GATEWAYS = ("us", "eu", "global", "cn", "pa")
ORDER_GATEWAYS = ("us", "eu", "global")

# Region ids served by each order gateway (docs/temu-protocol.md §15); GLOBAL serves every other region.
US_REGION_IDS = frozenset({211, 219})
EU_REGION_IDS = frozenset({
    210, 76, 98, 13, 20, 32, 50, 52, 53, 54, 64, 68, 69, 72, 79, 90, 96, 108, 113, 114, 122,
    141, 162, 163, 167, 180, 181, 186, 191, 91, 112, 151,
})

MALL_SEMI = 1
MALL_LOCAL = 100
MALL_TYPES = (MALL_SEMI, MALL_LOCAL)

TOKEN_KINDS = ("order", "product", "local")

ORDER_SCOPES = (
    "bg.order.list.v2.get", "bg.order.detail.v2.get", "bg.order.shippinginfo.v2.get",
    "bg.logistics.companies.get", "bg.logistics.warehouse.list.get",
    "bg.logistics.shipment.v2.confirm", "bg.logistics.shipment.v2.get",
    "bg.logistics.shipment.shippingtype.update", "bg.open.accesstoken.info.get",
)
# A "sensitive" interface the seller grants apart (docs/temu-protocol.md §12a): tokens are issued
# without it unless asked for, as a seller who ticked only the regular authorizations.
AMOUNT_SCOPE = "bg.order.amount.query"
PRODUCT_SCOPES = (
    "bg.btg.goods.stock.quantity.get", "bg.btg.goods.stock.quantity.update",
    "temu.goods.list.get", "bg.open.accesstoken.info.get.global",
)
LOCAL_SCOPES = ORDER_SCOPES + (
    "bg.local.goods.list.query", "temu.local.sku.list.retrieve",
    "temu.local.goods.sku.stock.query", "bg.local.goods.stock.edit",
)
DEFAULT_SCOPES: dict[str, tuple[str, ...]] = {
    "order": ORDER_SCOPES, "product": PRODUCT_SCOPES, "local": LOCAL_SCOPES,
}

TOKEN_LIFETIME_SECONDS = 365 * 86400  # the official sample token lives about 365 days (docs/temu-protocol.md §9)

# Status codes of parentOrderStatus that the list filter accepts (41 and 51 are local-only
# partial states the sandbox never produces, so they simply match nothing).
LIST_STATUS_FILTERS = frozenset({0, 1, 2, 3, 4, 5, 41, 51})


def serves_region(gateway: str, region_id: int) -> bool:
    """Whether orders of ``region_id`` are read through ``gateway``."""
    if gateway == "us":
        return region_id in US_REGION_IDS
    if gateway == "eu":
        return region_id in EU_REGION_IDS
    if gateway == "global":
        return region_id not in US_REGION_IDS and region_id not in EU_REGION_IDS
    return True


def order_gateway_of(region_id: int) -> str:
    """The order gateway that serves ``region_id``."""
    return next(g for g in ORDER_GATEWAYS if serves_region(g, region_id))


def site_id_of(region_id: int) -> int:
    # NOTE: our sources give no region → site table; US site 100 is documented, the rest is a
    # plausible stand-in (EU sites are 105–152, other sites start at 101).
    if region_id in US_REGION_IDS:
        return 100
    return 105 if region_id in EU_REGION_IDS else 101


# Carriers per order gateway (``bg.logistics.companies.get``): (id, name, brand). The ids are the
# sandbox's own; real ones come from Temu's list.
CARRIERS: dict[str, tuple[tuple[int, str, str], ...]] = {
    "us": ((998264743, "USPS", "USPS"), (998264744, "UPS", "UPS"), (998264745, "FedEx", "FedEx"),
           (998264746, "DHL eCommerce", "DHL"), (998264747, "OnTrac", "OnTrac")),
    "eu": ((998265001, "DHL Paket", "DHL"), (998265002, "DPD", "DPD"), (998265003, "GLS", "GLS"),
           (998265004, "Hermes", "Hermes"), (998265005, "UPS", "UPS")),
    "global": ((998266001, "DHL Express", "DHL"), (998266002, "FedEx International", "FedEx")),
}


def carriers_of(region_id: int) -> tuple[tuple[int, str, str], ...]:
    return CARRIERS[order_gateway_of(region_id)]
