"""Under a request's deadline the Temu client neither waits past it nor retries after it."""
import pytest

from adapters import deadline
from domain.errors import UpstreamUnavailable
from tests.unit.temu.test_temu_client import call, envelope


def test_no_retry_starts_when_its_backoff_would_end_after_the_deadline(temu):
    temu.replies = [envelope(code=4000000)]
    with deadline.within(0.2), pytest.raises(UpstreamUnavailable):
        call(temu.client(max_retries=4))
    assert len(temu.requests) == 2  # backoffs 0.125 s, then 0.25 s: past the 0.2 s left
    assert temu.sleeps == [0.125]


def test_an_attempt_waits_no_longer_than_the_time_left(temu):
    temu.replies = [envelope({"ok": 1})]
    with deadline.within(1.5):
        call(temu.client())
    timeout = temu.requests[0].extensions["timeout"]
    assert 0 < timeout["read"] <= 1.5 and timeout["connect"] <= 1.5


def test_nothing_is_sent_once_the_deadline_has_passed(temu):
    temu.replies = [envelope({"ok": 1})]
    with deadline.within(0.0), pytest.raises(UpstreamUnavailable) as caught:
        call(temu.client())
    assert temu.requests == [] and caught.value.reason == "UPSTREAM_DEADLINE"

