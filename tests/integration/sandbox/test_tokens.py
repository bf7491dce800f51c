"""Access tokens: what Temu says about them and every way it refuses one."""
from .conftest import APP_KEY, error_of

INFO = "bg.open.accesstoken.info.get"
LIST = "bg.order.list.v2.get"
EXPIRED_MSG = ("access_token is expired or have been refreshed, please contact seller to share "
               "the new access_token with you.")


def test_token_info_describes_the_mall_region_expiry_and_scopes_of_an_order_token(world):
    result = world.temu.call(INFO, world.token)["result"]

    assert result["mallId"] == world.mall and result["mallType"] == 1
    assert result["regionId"] == 211
    assert result["expiredTime"] > world.registry.clock.now() + 364 * 86400
    assert {"bg.order.list.v2.get", "bg.order.shippinginfo.v2.get"} <= set(result["apiScopeList"])
    assert set(result) >= {"semiUniqueId", "appSubscribeEventCodeList", "appSubscribeStatus",
                           "authEventCodeList"}


def test_a_token_registered_without_expiry_reports_a_null_expired_time(world):
    token = world.order_token(expired_time=None)

    assert world.temu.call(INFO, token)["result"]["expiredTime"] is None


def test_a_local_token_reports_mall_type_100(world):
    local = world.registry.add_mall(100, "Local shop")
    token = world.registry.issue_token(local, gateway="us", region_id=211, kind="local", app_key=APP_KEY)

    result = world.temu.call(INFO, token)["result"]

    assert result["mallType"] == 100 and "bg.local.goods.list.query" in result["apiScopeList"]


def test_a_product_token_is_inspected_and_used_on_the_partner_gateway(world):
    token = world.registry.issue_token(world.mall, gateway="pa", region_id=211, kind="product",
                                       app_key=APP_KEY)

    info = world.temu.call("bg.open.accesstoken.info.get.global", token, "pa")["result"]
    stock = world.temu.call("bg.btg.goods.stock.quantity.get", token, "pa", productSkcId=123)

    assert "bg.btg.goods.stock.quantity.get" in info["apiScopeList"]
    assert stock["result"] == {"total": 0, "productSkuStockList": []}


def test_a_product_token_used_on_an_order_gateway_is_type_not_exists(world):
    token = world.registry.issue_token(world.mall, gateway="pa", region_id=211, kind="product",
                                       app_key=APP_KEY)

    assert error_of(world.temu.call(LIST, token, "us"))[0] == 3000003
    assert error_of(world.temu.call(INFO, token, "eu"))[0] == 3000003


def test_an_order_token_used_on_another_regions_gateway_is_type_not_exists(world):
    eu_token = world.order_token(gateway="eu", region_id=210)

    assert error_of(world.temu.call(LIST, eu_token, "us")) == (3000003, "type not exists")


def test_a_call_without_access_token_is_refused_with_3000030(world):
    assert error_of(world.temu.call(INFO, None)) == (3000030, "there is no access_token in body.")


def test_an_unknown_token_is_refused_with_3000031(world):
    assert error_of(world.temu.call(INFO, "made-up-token")) == (3000031, "access_token not exists.")


def test_a_token_of_another_app_is_refused_with_3000033(world):
    world.registry.add_app("other-app", "other-secret")
    foreign = world.registry.issue_token(world.mall, gateway="us", region_id=211, kind="order",
                                         app_key="other-app")

    assert error_of(world.temu.call(INFO, foreign)) == (
        3000033, "access_token and app_key are not mapping.")


def test_a_token_past_its_expiry_on_the_sandbox_clock_is_refused_with_3000034(world):
    now = world.registry.clock.now()
    token = world.order_token(expired_time=now + 600)
    assert world.temu.call(INFO, token)["success"]

    world.registry.clock.advance(601)
    params = world.temu.params(INFO, token, timestamp=world.registry.clock.now())

    assert error_of(world.temu.send(params)) == (3000034, EXPIRED_MSG)


def test_a_revoked_token_is_refused_with_3000034(world):
    world.registry.revoke_token(world.token)

    assert error_of(world.temu.call(LIST, world.token)) == (3000034, EXPIRED_MSG)


def test_issuing_a_new_token_replaces_the_old_one_which_then_answers_3000034(world):
    new = world.order_token()

    assert error_of(world.temu.call(INFO, world.token))[0] == 3000034
    assert world.temu.call(INFO, new)["success"] is True


def test_a_token_for_another_gateway_or_kind_does_not_replace_the_current_one(world):
    world.order_token(gateway="eu", region_id=210)
    world.registry.issue_token(world.mall, gateway="pa", region_id=211, kind="product", app_key=APP_KEY)

    assert world.temu.call(INFO, world.token)["success"] is True


def test_a_type_missing_from_the_tokens_scope_list_is_refused_with_3000032(world):
    token = world.order_token(scopes=["bg.open.accesstoken.info.get", "bg.order.list.v2.get"])

    code, message = error_of(world.temu.call("bg.order.shippinginfo.v2.get", token,
                                             parentOrderSn="PO-211-1"))

    assert code == 3000032 and message.startswith("access_token don't have this api access")
    assert world.temu.call(LIST, token)["success"] is True
