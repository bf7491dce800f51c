"""Temu's documented logistics refusals (docs/temu-protocol.md §21) as errors with stable reasons.

Each code becomes ``PreconditionFailed`` with one reason of ``application.ports.temu_logistics``,
a sentence saying what to do, and Temu's own words and code in the details. Codes not listed
stay as the client raised them (``UpstreamRejected`` with Temu's code and words).
"""
from __future__ import annotations

from application.ports import temu_logistics as r
from domain.errors import DomainError, PreconditionFailed

_CHECK_TRACKING = "Check the tracking number and its carrier, then upload again."
_SHIP_SEPARATELY = "Ship these orders in separate parcels."
_USE_TEMU_LABELS = "Buy the label through Temu (Buy Shipping) in the seller centre for this order."

# code: (reason, subject, what the seller does about it)
REFUSALS: dict[int, tuple[str, str, str]] = {
    120012003: (r.SPLIT_PARENT_INCOMPLETE, "order",
                "Temu ships a parent order only whole: upload every unshipped item of it in one call."),
    120013002: (r.SPLIT_PARENT_INCOMPLETE, "order",
                "The quantities do not cover the parent order exactly: upload every unshipped unit once."),
    120012015: (r.MERGED_ADDRESS_MISMATCH, "order",
                "The merged orders go to different addresses at Temu: ship them in separate parcels."),
    120014004: (r.TRACKING_NUMBER_REUSED, "tracking_number",
                "Temu already accepted this tracking number for another shipment: use the parcel's own number."),
    120014003: (r.TRACKING_NUMBER_DUPLICATE, "tracking_number",
                "The same tracking number is given twice in one upload: give each parcel and box its own."),
    120014001: (r.TRACKING_NUMBER_INVALID, "tracking_number", _CHECK_TRACKING),
    120014005: (r.TRACKING_NUMBER_INVALID, "tracking_number", _CHECK_TRACKING),
    120014008: (r.TRACKING_NUMBER_INVALID, "tracking_number", _CHECK_TRACKING),
    120014019: (r.TRACKING_NUMBER_INVALID, "tracking_number", _CHECK_TRACKING),
    120014020: (r.TRACKING_NUMBER_INVALID, "tracking_number",
                "Remove symbols such as -, % or # from the tracking number."),
    120014023: (r.TRACKING_NUMBER_INVALID, "tracking_number", _CHECK_TRACKING),
    120014022: (r.CARRIER_INVALID, "carrier_id",
                "The tracking number does not fit the carrier: check the Temu carrier mapped to the channel."),
    120015002: (r.CARRIER_INVALID, "carrier_id", "Map the channel to a carrier from Temu's carrier list."),
    120015037: (r.CARRIER_INVALID, "carrier_id", "This carrier cannot ship this order at Temu: choose another."),
    120015527: (r.WAREHOUSE_REQUIRED, "warehouse",
                "Bind the ERP warehouse or logistics channel to a Temu warehouse (TEMU仓库绑定)."),
    120011085: (r.WAREHOUSE_INVALID, "warehouse",
                "The bound Temu warehouse is unknown to Temu: bind one from the shop's Temu warehouse list."),
    120011006: (r.WAREHOUSE_INVALID, "warehouse",
                "The bound Temu warehouse is unknown to Temu: bind one from the shop's Temu warehouse list."),
    120012063: (r.WAREHOUSE_INVALID, "warehouse", "Temu does not let this warehouse ship this order: bind another."),
    120012064: (r.WAREHOUSE_INVALID, "warehouse", "Temu does not let this warehouse ship this order: bind another."),
    120011011: (r.WAREHOUSE_INVALID, "warehouse", "Temu does not let this warehouse ship to the buyer's address."),
    120011086: (r.WAREHOUSE_SETUP_INCOMPLETE, "warehouse",
                "Fill in the warehouse management type and brand in the Temu seller centre, then upload again."),
    120012004: (r.ALREADY_SHIPPED, "order",
                "Temu has this order as shipped already: compare its tracking numbers before anything else."),
    120012023: (r.PENDING_CANCEL_OR_ADDRESS_CHANGE, "order",
                "The buyer asked for an address change: handle it, or upload refusing the change."),
    120012030: (r.PENDING_CANCEL_OR_ADDRESS_CHANGE, "order",
                "The buyer asked to cancel: handle it, or upload refusing the cancellation."),
    120017007: (r.PENDING_CANCEL_OR_ADDRESS_CHANGE, "order",
                "A cancellation is under review at Temu: wait for its outcome."),
    120012031: (r.PENDING_RISK_ALERT, "order",
                "Temu raised a risk alert on this order: check it in the seller centre before shipping."),
    120011072: (r.WRONG_GATEWAY, "shop",
                "The order belongs to another Temu region than the shop's: check the shop's region."),
    120012007: (r.ORDER_MISMATCH, "order",
                "Temu does not know this order, or the child order is not under that parent: sync the order."),
    120012016: (r.ORDER_MISMATCH, "order",
                "Temu does not know this order, or the child order is not under that parent: sync the order."),
    120018027: (r.PACKAGE_NOT_FOUND, "package", "Temu does not know this package in this region."),
    120015529: (r.PACKAGE_NOT_EDITABLE, "package", "Temu no longer lets this package's tracking be changed."),
    120018010: (r.PACKAGE_NOT_EDITABLE, "package", "The package was cancelled at Temu: upload the order again."),
    120018015: (r.PACKAGE_NOT_EDITABLE, "package", "The package was cancelled at Temu: upload the order again."),
    120018049: (r.PACKAGE_NOT_EDITABLE, "package", "Cancel the pickup appointment first, then change the tracking."),
    120012034: (r.SELF_SHIPPING_RESTRICTED, "shop", _USE_TEMU_LABELS),
    120012035: (r.SELF_SHIPPING_RESTRICTED, "shop", _USE_TEMU_LABELS),
    120011091: (r.SELF_SHIPPING_RESTRICTED, "shop", _USE_TEMU_LABELS),
    120011059: (r.SELF_SHIPPING_RESTRICTED, "shop", "Buy USPS labels through Temu (Buy Shipping) instead."),
    120011092: (r.SELF_SHIPPING_RESTRICTED, "shop", "Buy FedEx labels through Temu (Buy Shipping) instead."),
    120015528: (r.TEMU_LABEL_REQUIRED, "order", _USE_TEMU_LABELS),
    120015530: (r.TEMU_LABEL_REQUIRED, "order", _USE_TEMU_LABELS),
    120015537: (r.TEMU_LABEL_REQUIRED, "order", _USE_TEMU_LABELS),
    120015543: (r.MUST_SHIP_SEPARATELY, "order", _SHIP_SEPARATELY),
    120015518: (r.MUST_SHIP_SEPARATELY, "order", _SHIP_SEPARATELY),
    120015539: (r.MUST_SHIP_SEPARATELY, "order", _SHIP_SEPARATELY),
    120011098: (r.SUB_PACKAGES_INVALID, "package", "At most 10 extra boxes per parcel."),
    120011044: (r.SUB_PACKAGES_INVALID, "package", "At most 10 extra boxes per parcel."),
    120011045: (r.SUB_PACKAGES_INVALID, "package", "Extra boxes are only for a parcel of exactly one unit."),
    120012020: (r.BOUGHT_LABEL_EXISTS, "package",
                "Temu holds a bought-label package for this order: change that package's tracking instead."),
    120011031: (r.AGREEMENT_UNSIGNED, "shop", "Sign the pending agreement on the Temu seller centre home page."),
}


def refusal(error: DomainError, code: int | None, what: str) -> DomainError:
    """The error for ``code`` when Temu documents it for logistics, else ``error`` unchanged."""
    known = REFUSALS.get(code) if code is not None else None
    if known is None:
        return error
    reason, subject, advice = known
    words = error.details.get("temu_message", "")
    said = f" Temu said: \u201c{words}\u201d (error {code})." if words else f" (Temu error {code}.)"
    return PreconditionFailed(f"Temu refused {what}. {advice}{said}", reason=reason, subject=subject,
                              **error.details)
