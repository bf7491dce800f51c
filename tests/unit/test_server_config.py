"""Configuration of the server process read from the environment."""
from __future__ import annotations

import pytest

from server import _shop_cache_wanted


@pytest.mark.parametrize(("value", "wanted"), [(None, True), ("on", True), (" OFF ", False), ("off", False)])
def test_the_shop_cache_is_on_unless_switched_off(value, wanted):
    assert _shop_cache_wanted({} if value is None else {"ERP_SHOP_CACHE": value}) is wanted


def test_a_misspelt_shop_cache_switch_stops_the_server_naming_the_variable():
    with pytest.raises(ValueError, match="ERP_SHOP_CACHE must be 'on' or 'off', not 'of'"):
        _shop_cache_wanted({"ERP_SHOP_CACHE": "of"})
