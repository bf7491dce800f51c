"""The rules of the shop row cache that no database timing can show reliably: a value read
before an eviction is never stored after it, nothing is stored while changes cannot be followed,
and no entry is used past its maximum age."""
from __future__ import annotations

from adapters.persistence.shop_cache import MAX_AGE_S, ShopRowCache, _Feed


class Feed(_Feed):
    """A feed that is up or down as the test says."""

    def __init__(self) -> None:
        self.up = True

    def poll(self, cache: ShopRowCache) -> None:
        if self.up != cache._armed:
            cache.evict_all(armed=self.up)

    def close(self) -> None:
        self.up = False


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_value_read_before_an_eviction_is_not_stored_after_it():
    cache = ShopRowCache(Feed())
    _, generation = cache.lookup("s1")

    cache.evict(["s2"])  # any eviction: the row read meanwhile may be older than it
    cache.store("s1", "old row", generation)

    assert cache.lookup("s1")[0] is None
    _, generation = cache.lookup("s1")
    cache.store("s1", "new row", generation)
    assert cache.lookup("s1")[0] == "new row"


def test_nothing_is_stored_or_answered_while_changes_cannot_be_followed():
    feed = Feed()
    cache = ShopRowCache(feed)
    _, generation = cache.lookup("s1")
    cache.store("s1", "row", generation)

    feed.up = False
    found, generation = cache.lookup("s1")
    cache.store("s1", "row read while down", generation)
    assert (found, generation) == (None, None)

    feed.up = True
    assert cache.lookup("s1")[0] is None  # everything from before the outage is gone


def test_an_entry_is_not_used_past_its_maximum_age():
    clock = Clock()
    cache = ShopRowCache(Feed(), monotonic=clock)
    _, generation = cache.lookup("s1")
    cache.store("s1", "row", generation)

    clock.now += MAX_AGE_S - 1
    assert cache.lookup("s1")[0] == "row"
    clock.now += 2
    assert cache.lookup("s1")[0] is None


def test_a_closed_cache_stores_nothing():
    cache = ShopRowCache(Feed())
    cache.close()

    _, generation = cache.lookup("s1")
    cache.store("s1", "row", generation)

    assert cache.lookup("s1")[0] is None
