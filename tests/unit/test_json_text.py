"""The adapters' JSON reads every document exactly, big integers included, whichever parser runs."""
from __future__ import annotations

import json
import re

from hypothesis import given
from hypothesis import strategies as st

from adapters.json_text import has_long_digit_run, loads

values = st.recursive(
    st.none() | st.booleans() | st.integers(min_value=-(10**30), max_value=10**30) | st.text(max_size=30)
    | st.floats(allow_nan=False, allow_infinity=False),
    lambda children: st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=10), children, max_size=5),
    max_leaves=30)


@given(values)
def test_every_document_reads_back_to_the_value_written(value):
    text = json.dumps(value, ensure_ascii=False)
    assert loads(text) == value and loads(text.encode()) == value


@given(st.binary(max_size=200) | st.text(alphabet="0123456789 a:,-", max_size=200).map(str.encode))
def test_long_digit_runs_are_found_exactly_where_the_regular_expression_finds_them(raw):
    assert has_long_digit_run(raw) == (re.search(rb"[0-9]{19}", raw) is not None)
