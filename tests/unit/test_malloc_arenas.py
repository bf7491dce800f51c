"""A worker limits glibc's malloc arenas before its threads start (bench/README.md, issue 11:
the RSS of a worker with dozens of threads kept rising with the default of 8 a core), unless the
operator chose a number with ``MALLOC_ARENA_MAX``."""
from __future__ import annotations

import platform

import pytest

from bootstrap import limit_malloc_arenas

glibc = pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="mallopt is glibc's")


@glibc
def test_glibc_takes_the_limit(monkeypatch):
    monkeypatch.delenv("MALLOC_ARENA_MAX", raising=False)
    assert limit_malloc_arenas() is True


def test_an_operators_malloc_arena_max_is_left_as_it_is(monkeypatch):
    monkeypatch.setenv("MALLOC_ARENA_MAX", "4")
    assert limit_malloc_arenas() is False
