"""Temu configuration: real hosts by default, a sandbox or proxy by environment only."""
import pytest

from adapters.temu.config import TemuConfig
from bootstrap.settings import Settings


def test_production_points_every_gateway_at_temus_real_hosts():
    config = TemuConfig.production("key", "secret")
    assert config.url_of("us") == "https://openapi-b-us.temu.com/openapi/router"
    assert config.url_of("eu") == "https://openapi-b-eu.temu.com/openapi/router"
    assert config.url_of("global") == "https://openapi-b-global.temu.com/openapi/router"
    assert config.url_of("cn") == "https://openapi.kuajingmaihuo.com/openapi/router"
    assert config.url_of("pa") == "https://openapi-b-partner.temu.com/openapi/router"


def test_a_base_url_serves_every_gateway_under_its_own_path():
    config = TemuConfig.for_base_url("http://127.0.0.1:8123/", "key", "secret")
    assert config.url_of("pa") == "http://127.0.0.1:8123/pa/openapi/router"


def test_the_environment_selects_a_sandbox_by_base_url():
    config = Settings.from_env({"TEMU_APP_KEY": "k", "TEMU_APP_SECRET": "s",
                                  "TEMU_BASE_URL": "http://127.0.0.1:9000"}).temu_config()
    assert (config.app_key, config.url_of("us")) == ("k", "http://127.0.0.1:9000/us/openapi/router")


def test_the_environment_can_override_single_gateways_and_keeps_production_for_the_rest():
    config = Settings.from_env({"TEMU_APP_KEY": "k", "TEMU_APP_SECRET": "s",
                                  "TEMU_GATEWAY_EU": "https://proxy.example/eu"}).temu_config()
    assert config.url_of("eu") == "https://proxy.example/eu"
    assert config.url_of("us") == "https://openapi-b-us.temu.com/openapi/router"


def test_a_missing_app_key_or_secret_is_refused_at_startup():
    with pytest.raises(ValueError, match="TEMU_APP_SECRET"):
        Settings.from_env({"TEMU_APP_KEY": "k"}).temu_config()


def test_a_gateway_url_without_http_scheme_is_refused():
    with pytest.raises(ValueError, match="https://"):
        TemuConfig("k", "s", {"us": "openapi-b-us.temu.com"})


def test_the_app_secret_never_shows_in_the_config_repr():
    assert "very-secret" not in repr(TemuConfig.production("key", "very-secret"))
