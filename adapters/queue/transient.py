"""Temu down or throttling us is expected weather, not a bug: one WARNING line with the code and
the retry, and Dramatiq's retry after the delay Temu asked for. Raising ``dramatiq.Retry`` keeps
the worker from logging a traceback at ERROR, which it does for every other exception: those
are left for our own bugs."""
from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

import dramatiq
from dramatiq.middleware import CurrentMessage

from domain.errors import UpstreamUnavailable

log = logging.getLogger("erp.worker")


@contextmanager
def retried_quietly(what: str) -> Iterator[None]:
    """``what`` names the job in the line, e.g. ``addresses of shop 42``."""
    try:
        yield
    except UpstreamUnavailable as err:
        message = CurrentMessage.get_current_message()
        retry = (message.options.get("retries", 0) + 1) if message is not None else "?"
        code = err.details.get("temu_error_code")
        log.warning("%s: %s%s; retry %s in %.0f s", what, err.reason, f" (Temu {code})" if code else "", retry,
                    err.retry_after_s)
        raise dramatiq.Retry(delay=int(err.retry_after_s * 1000)) from None
