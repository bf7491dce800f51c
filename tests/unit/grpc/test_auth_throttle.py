"""Failed authentications are throttled per peer address: after the limit within the window,
that address is refused with RESOURCE_EXHAUSTED and RetryInfo, other addresses are not."""
from __future__ import annotations

import pytest

from adapters.grpc.auth import authenticator_from_keys
from adapters.grpc.auth_throttle import FailedAuthThrottle, peer_address
from domain.errors import RateLimited, Unauthenticated
from domain.principal import Principal, Role

ALICE = Principal("p-alice", "Alice", Role.SHOP_OWNER)
AUTH = authenticator_from_keys({"alice-key": ALICE})
MALLORY, OTHER = "ipv4:10.0.0.66:40000", "ipv4:10.0.0.7:40000"


class Clock:
    now = 1000.0

    def __call__(self) -> float:
        return self.now


def attempt(throttle: FailedAuthThrottle, key: str, peer: str = MALLORY):
    return throttle.caller([("x-api-key", key)], peer, AUTH)


def test_after_the_limit_of_failures_the_peer_is_refused_until_the_oldest_leaves_the_window():
    clock = Clock()
    throttle = FailedAuthThrottle(limit=3, window_s=60, monotonic=clock)
    for second in range(3):
        clock.now = 1000 + second
        with pytest.raises(Unauthenticated):
            attempt(throttle, f"guess-{second}", peer=f"ipv4:10.0.0.66:{40000 + second}")
    with pytest.raises(RateLimited) as refused:
        attempt(throttle, "alice-key")  # a right key is not even looked up meanwhile
    assert refused.value.reason == "TOO_MANY_FAILED_AUTHENTICATIONS"
    assert refused.value.retry_after_s == pytest.approx(58)
    assert attempt(throttle, "alice-key", peer=OTHER) == ALICE
    clock.now = 1060.5
    assert attempt(throttle, "alice-key") == ALICE


def test_a_missing_key_counts_as_a_failure_and_successes_do_not():
    throttle = FailedAuthThrottle(limit=2, window_s=60, monotonic=Clock())
    for _ in range(5):
        attempt(throttle, "alice-key")
    with pytest.raises(Unauthenticated):
        throttle.caller([], MALLORY, AUTH)
    with pytest.raises(Unauthenticated):
        attempt(throttle, "wrong")
    with pytest.raises(RateLimited):
        attempt(throttle, "alice-key")


@pytest.mark.parametrize(("peer", "address"), [("ipv4:10.0.0.7:5123", "ipv4:10.0.0.7"),
                                               ("ipv6:[::1]:5123", "ipv6:[::1]"), ("unix:/tmp/s", "unix:/tmp/s")])
def test_the_port_is_not_part_of_the_peer_address(peer, address):
    assert peer_address(peer) == address
