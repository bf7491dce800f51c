"""Temu down inside an actor is one WARNING line and a Dramatiq retry, never a traceback."""
from __future__ import annotations

import logging

import dramatiq
import pytest

from adapters.queue.transient import retried_quietly
from domain.errors import UpstreamUnavailable


def test_temu_down_in_an_actor_is_one_warning_and_a_retry_after_what_temu_asked(caplog):
    caplog.set_level(logging.INFO)
    with pytest.raises(dramatiq.Retry) as retry, retried_quietly("addresses of shop s1"):
        raise UpstreamUnavailable("Temu is busy", retry_after_s=4.0, temu_error_code=4000000)
    assert retry.value.delay == 4000
    assert [(r.levelno, r.exc_info) for r in caplog.records] == [(logging.WARNING, None)]
    assert "addresses of shop s1" in caplog.text and "4000000" in caplog.text


def test_our_own_bugs_are_not_hidden():
    with pytest.raises(KeyError), retried_quietly("addresses of shop s1"):
        raise KeyError("a bug")
