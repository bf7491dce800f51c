"""A token's time-dependent readings (expired, days left, warning) change only where
``readings_change_at`` says: what lets a cached view of a shop stay right as the clock moves."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from hypothesis import given
from hypothesis import strategies as st

from domain.shop import auth_status_changes_at, effective_auth_status
from domain.shop_kinds import AuthStatus, TokenKind
from domain.token import Credential

EPOCH = datetime(2026, 1, 1, tzinfo=timezone.utc)
MICRO = timedelta(microseconds=1)
# NOTE: offsets in microseconds; whole-day multiples are drawn on purpose (the edge cases)
offsets = st.one_of(st.integers(-40 * 86_400 * 10**6, 120 * 86_400 * 10**6),
                    st.integers(-40, 120).map(lambda d: d * 86_400 * 10**6),
                    st.integers(-40, 120).map(lambda d: d * 86_400 * 10**6 + 1),
                    st.integers(-40, 120).map(lambda d: d * 86_400 * 10**6 - 1))


def credential(expires_at: datetime) -> Credential:
    return Credential(TokenKind.ORDER, "fp", frozenset(), expires_at, True, EPOCH, EPOCH)


def readings(cred: Credential, at: datetime) -> tuple:
    return cred.is_expired(at), cred.days_left(at), cred.warning_days(at)


@given(offsets, offsets, st.floats(0, 1))
def test_readings_hold_until_the_moment_given_and_change_right_after_it(expiry, now, where):
    now_at = EPOCH + timedelta(microseconds=now)
    cred = credential(EPOCH + timedelta(microseconds=expiry))

    change = cred.readings_change_at(now_at)

    if change is None:
        assert cred.is_expired(now_at)
        assert readings(cred, now_at + timedelta(days=400)) == readings(cred, now_at)
        return
    assert now_at <= change <= cred.expires_at
    inside = now_at + (change - now_at) * where
    if inside < change:
        assert readings(cred, inside) == readings(cred, now_at)
        assert readings(cred, change - MICRO) == readings(cred, now_at)
    assert readings(cred, change + MICRO) != readings(cred, now_at)


@given(offsets, offsets, st.sampled_from(list(AuthStatus)))
def test_the_effective_status_holds_until_the_moment_given(expiry, now, stored):
    now_at, expires_at = EPOCH + timedelta(microseconds=now), EPOCH + timedelta(microseconds=expiry)

    change = auth_status_changes_at(stored, expires_at, now_at)

    shown = effective_auth_status(stored, expires_at, now_at)
    if change is None:
        assert effective_auth_status(stored, expires_at, now_at + timedelta(days=400)) is shown
    else:
        assert effective_auth_status(stored, expires_at, change - MICRO) is shown
        assert effective_auth_status(stored, expires_at, change) is not shown
