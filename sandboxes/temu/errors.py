"""Temu's error codes and their exact ``errorMsg`` texts (docs/temu-protocol.md §6).

Gateway texts are copied from the official table. The texts of 3000025–3000028 are not in our
sources beyond their meaning; they follow the wording of their neighbours.
"""
from __future__ import annotations

SUCCESS = 1000000
BAD_PARAMS = 3000000
SIGN_INVALID = 3000001
NO_TYPE = 3000002
TYPE_NOT_EXISTS = 3000003
NO_TIMESTAMP = 3000010
TIMESTAMP_INVALID = 3000011
TIMESTAMP_EXPIRED = 3000012
NO_DATA_TYPE = 3000013
DATA_TYPE_INVALID = 3000014
NO_APP_KEY = 3000025
APP_KEY_NOT_EXISTS = 3000026
NO_ACCESS_TOKEN = 3000030
TOKEN_NOT_EXISTS = 3000031
TOKEN_SCOPE_MISSING = 3000032
TOKEN_APP_MISMATCH = 3000033
TOKEN_EXPIRED = 3000034
NO_SIGN = 3000040
SYSTEM_EXCEPTION = 4000000
RATE_LIMITED = 4000004
WRONG_REGION = 120011072
ORDER_NOT_FOUND = 140020002
# Logistics refusals (docs/temu-protocol.md §21); texts from the v2.confirm error table.
ALREADY_SHIPPED = 120012004
ORDER_INCOMPLETE = 120012003
QUANTITY_MISMATCH = 120013002
ADDRESSES_DIFFER = 120012015
TRACKING_BLANK = 120014001
TRACKING_DUPLICATE = 120014003
TRACKING_USED = 120014004
TRACKING_SYMBOLS = 120014020
TRACKING_CARRIER_MISMATCH = 120014022
TRACKING_INVALID = 120014023
WAREHOUSE_INVALID = 120011085
WAREHOUSE_MISSING = 120015527
TOO_MANY_SUB_PACKAGES = 120011098
SUB_PACKAGE_QUANTITY = 120011045
ADDRESS_CHANGE_PENDING = 120012023
CANCEL_PENDING = 120012030
RISK_ALERT_PENDING = 120012031
ORDER_INVALID = 120012007
PACKAGE_INVALID = 120018027
PACKAGE_NOT_EDITABLE = 120015529

MESSAGES: dict[int, str] = {
    SUCCESS: "SUCCESS",
    2000000: "BUSINESS_EXCEPTION",
    BAD_PARAMS: "BAD_PARAMS",
    SIGN_INVALID: "SIGN_UNVALID",
    NO_TYPE: "there is no type in body.",
    TYPE_NOT_EXISTS: "type not exists",
    3000004: "type has been sunset",
    NO_TIMESTAMP: "there is no timestamp in body.",
    TIMESTAMP_INVALID: "timestamp is invalid.",
    TIMESTAMP_EXPIRED: "timestamp is expired.",
    NO_DATA_TYPE: "there is no data_type in body.",
    DATA_TYPE_INVALID: "data_type is invalid",
    NO_APP_KEY: "there is no app_key in body.",
    APP_KEY_NOT_EXISTS: "app_key not exists.",
    3000027: "app_key don't have this api permission.",
    3000028: "app_key has been suspended.",
    NO_ACCESS_TOKEN: "there is no access_token in body.",
    TOKEN_NOT_EXISTS: "access_token not exists.",
    TOKEN_SCOPE_MISSING: (
        "access_token don't have this api access, please ask for seller to authorize this api "
        "in seller center first，and share the new access_token with you."),
    TOKEN_APP_MISMATCH: "access_token and app_key are not mapping.",
    TOKEN_EXPIRED: (
        "access_token is expired or have been refreshed, please contact seller to share the new "
        "access_token with you."),
    NO_SIGN: "there is no sign in body.",
    SYSTEM_EXCEPTION: "SYSTEM_EXCEPTION",
    RATE_LIMITED: "RATE_LIMIT_EXCEED_EXCEPTION",
    5000000: "AUTHORIZE_NOT_ALLOW",
    5000003: "NOT_IN_IP_WHITE_LIST",
    6000001: "RPC_INTERFACE_NOT_FOUND",
    7000000: "BUSINESS_SERVICE_ERROR",
    WRONG_REGION: (
        "The request area is incorrect, please check the request gateway: Europe is EU, US is US, "
        "other non-European countries is global"),
    140020001: (
        "This interface does not support cross-border sellers. Please check whether the store "
        "bound to the token is a SEMI or LOCAL store!"),
    ORDER_NOT_FOUND: "Order not found",
    ALREADY_SHIPPED: "The order has been shipped. This submission is not effective for the shipped order.",
    ORDER_INCOMPLETE: "Incomplete order.",
    QUANTITY_MISMATCH: "Item quantity does not match.",
    ADDRESSES_DIFFER: "Combined delivery failed since the delivery addresses for PO orders are different.",
    TRACKING_BLANK: "Tracking number is blank.",
    TRACKING_DUPLICATE: "Duplicate tracking number",
    TRACKING_USED: "Tracking number has been used",
    TRACKING_SYMBOLS: ("Delivery failed because the tracking number cannot be recognized. Please delete "
                       "specific symbol such as -, %, # etc."),
    TRACKING_CARRIER_MISMATCH: "Incorrect trackingNumber/carrierId. Please check and retry.",
    TRACKING_INVALID: "Tracking number is invalid: {*}.",
    WAREHOUSE_INVALID: "selfShippingWarehouseId is invalid, please have a check",
    WAREHOUSE_MISSING: "Missing required parameter selfShippingWarehouseId",
    TOO_MANY_SUB_PACKAGES: "A package is allowed to add a maximum of only 10 sub tracking numbers.",
    SUB_PACKAGE_QUANTITY: "For splitSubPackage quantity needs to be 1.",
    ADDRESS_CHANGE_PENDING: "Address change pending. Please process before shipping.",
    CANCEL_PENDING: "Order cancel pending. Please process before shipping.",
    RISK_ALERT_PENDING: "The current parent order has a pending risk control alert.",
    ORDER_INVALID: ("The parentOrder or Order is invalid. Please check if the parentOrder matches the Order, "
                    "the parentOrder or Order is nonexistent etc."),
    PACKAGE_INVALID: ("The packageSn is invalid. Please check the request area or if the packageSn is "
                      "nonexistent etc."),
    PACKAGE_NOT_EDITABLE: "The current package does not meet the modification conditions and cannot be edited.",
}

UNKNOWN_CODE_MESSAGE = "SANDBOX_INJECTED_FAULT"


def message_for(code: int) -> str:
    """The text Temu sends with ``code``; a neutral marker for codes we have no text for."""
    return MESSAGES.get(code, UNKNOWN_CODE_MESSAGE)


class TemuError(Exception):
    """A refusal the gateway answers with ``success: false``.

    ``detail`` is appended to BAD_PARAMS-style messages so that a developer reading the
    envelope learns which field was wrong (``BAD_PARAMS: pageSize must be at most 100``).
    """

    def __init__(self, code: int, detail: str = "", message: str | None = None) -> None:
        text = message if message is not None else message_for(code)
        self.code = code
        self.message = f"{text}: {detail}" if detail else text
        super().__init__(self.message)


def bad_params(detail: str) -> TemuError:
    return TemuError(BAD_PARAMS, detail)
