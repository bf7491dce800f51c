"""The request sign of docs/temu-protocol.md §4, checked against Temu's official worked example."""
import hashlib
import json

from adapters.temu.signing import encode_body, sign, string_to_sign

SECRET = "c7e0a1a63542be4de3cb5488f9fba8149e8fc290"
SEND_REQUEST_LIST = [{
    "orderSendInfoList": [{"quantity": 1, "orderSn": "211-21905473070712792",
                           "parentOrderSn": "PO-211-21905452099192792", "goodsId": 601099548666279,
                           "skuId": 17592352673534}],
    "carrierId": "699272611", "trackingNumber": "270324232756"}]
OFFICIAL_PARAMS = {
    "access_token": "2nifvmpyymvypwmcms5ct4uqqudrwgpmzbcnmkt1jzjkuaf3x56iixym",
    "app_key": "f9d5cc9313893a20d5aa85c654e8f503", "data_type": "JSON",
    "sendRequestList": SEND_REQUEST_LIST, "sendType": 0, "timestamp": 1711009072,
    "type": "bg.logistics.shipment.confirm",
}
OFFICIAL_STRING_TO_SIGN = (
    SECRET
    + "access_token2nifvmpyymvypwmcms5ct4uqqudrwgpmzbcnmkt1jzjkuaf3x56iixym"
    + "app_keyf9d5cc9313893a20d5aa85c654e8f503"
    + "data_typeJSON"
    + 'sendRequestList[{"orderSendInfoList":[{"quantity":1,"orderSn":"211-21905473070712792",'
      '"parentOrderSn":"PO-211-21905452099192792","goodsId":601099548666279,"skuId":17592352673534}],'
      '"carrierId":"699272611","trackingNumber":"270324232756"}]'
    + "sendType0"
    + "timestamp1711009072"
    + "typebg.logistics.shipment.confirm"
    + SECRET
)


def md5_upper(text: str) -> str:
    return hashlib.md5(text.encode("utf-8")).hexdigest().upper()


def test_the_official_example_builds_the_same_string_to_sign_byte_for_byte():
    assert string_to_sign(OFFICIAL_PARAMS, SECRET) == OFFICIAL_STRING_TO_SIGN


def test_the_official_example_signs_to_the_published_sign():
    assert sign(OFFICIAL_PARAMS, SECRET) == "4CCF219942D4180C6DDA3CE36C1B838F"


def test_the_key_order_of_the_caller_does_not_change_the_sign():
    reversed_params = dict(reversed(list(OFFICIAL_PARAMS.items())))
    assert sign(reversed_params, SECRET) == "4CCF219942D4180C6DDA3CE36C1B838F"


def test_an_existing_sign_field_is_left_out_of_the_string_to_sign():
    assert sign({**OFFICIAL_PARAMS, "sign": "WHATEVER"}, SECRET) == "4CCF219942D4180C6DDA3CE36C1B838F"


def test_unicode_text_is_signed_as_raw_utf8_not_as_escapes():
    params = {"goodsName": "白色 T恤 – Größe M", "type": "x"}
    assert sign(params, "s") == md5_upper("sgoodsName白色 T恤 – Größe Mtypexs")


def test_booleans_are_signed_as_json_true_and_false():
    params = {"hasPreSaleOrder": True, "returnEnableBuyShippingLabelOnly": False}
    assert sign(params, "s") == md5_upper("shasPreSaleOrdertruereturnEnableBuyShippingLabelOnlyfalses")


def test_nested_objects_keep_their_key_order_and_are_not_re_sorted():
    params = {"request": {"b": 1, "a": [True, None, "x"]}}
    assert sign(params, "s") == md5_upper('srequest{"b":1,"a":[true,null,"x"]}s')


def test_the_body_sent_carries_nested_values_exactly_as_they_were_signed():
    body = encode_body({**OFFICIAL_PARAMS, "goodsName": "白色"}).decode("utf-8")
    assert '"sendRequestList":' + OFFICIAL_STRING_TO_SIGN.split("sendRequestList")[1].split("sendType")[0] in body
    assert '"goodsName":"白色"' in body
    assert json.loads(body)["sendRequestList"] == SEND_REQUEST_LIST
