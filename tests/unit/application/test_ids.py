"""Order ids: UUIDs of version 7, so that ids made later sort later."""
from __future__ import annotations

import time
import uuid

from application.ids import time_ordered_uuid


def test_an_id_is_an_rfc_9562_version_7_uuid_carrying_the_current_millisecond():
    before = time.time_ns() // 1_000_000
    made = uuid.UUID(time_ordered_uuid())
    after = time.time_ns() // 1_000_000

    assert made.version == 7 and made.variant == uuid.RFC_4122
    assert before <= made.int >> 80 <= after


def test_ids_made_in_a_later_millisecond_sort_after_earlier_ones_and_never_repeat():
    first = [time_ordered_uuid() for _ in range(1000)]
    time.sleep(0.002)
    later = time_ordered_uuid()

    assert max(first) < later
    assert len(set(first)) == 1000
