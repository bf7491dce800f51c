"""Order lines, labels, addresses and token matrices survive their JSON columns exactly."""
from __future__ import annotations

import json
from datetime import datetime, timezone

from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy.dialects import postgresql, sqlite

from adapters.persistence.json_codecs import lines_to_json
from adapters.persistence.types import AddressJson, CredentialsJson, LabelsJson, OrderLinesJson
from domain.platform_order import Address, Label, OrderLine
from domain.shop_kinds import TokenKind
from domain.token import Credential

text = st.text(max_size=40)
ids = st.none() | st.integers(min_value=-(2**80), max_value=2**80)
labels = st.tuples(st.builds(Label, text, st.integers(-(2**31), 2**31))).map(tuple) | st.just(())
lines = st.lists(st.builds(OrderLine, text, ids, ids, ids, text, text, text, st.integers(0, 10**6),
                           st.integers(0, 10**6), st.integers(0, 10**6), st.integers(0, 9), text,
                           st.lists(st.builds(Label, text, st.integers(-9, 9)), max_size=3).map(tuple),
                           st.lists(text, max_size=3).map(tuple)), max_size=4).map(tuple)
addresses = st.builds(Address, text, text, text, text, text, text, text, text, text, text, text)


def round_trip(column_type, value, dialect):
    stored = column_type.process_bind_param(value, dialect)
    assert isinstance(stored, str)
    return column_type.process_result_value(stored, dialect)


@given(lines, labels, addresses, st.sampled_from([sqlite.dialect(), postgresql.dialect()]))
def test_lines_labels_and_addresses_come_back_equal_even_with_ids_beyond_64_bits(ls, lb, address, dialect):
    assert round_trip(OrderLinesJson(), ls, dialect) == ls
    assert round_trip(LabelsJson(), lb, dialect) == lb
    assert round_trip(AddressJson(), address, dialect) == address


@given(lines)
def test_lines_stored_with_sorted_keys_by_earlier_versions_still_read_back(ls):
    earlier = json.dumps(lines_to_json(ls), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    assert OrderLinesJson().process_result_value(earlier, sqlite.dialect()) == ls


def test_a_token_matrix_read_twice_is_equal_but_each_read_gets_a_dict_of_its_own():
    moment = datetime(2026, 11, 1, tzinfo=timezone.utc)
    creds = {TokenKind.ORDER: Credential(TokenKind.ORDER, "fp-1", frozenset({"bg.order.list.v2.get"}), moment, True,
                                         moment, moment)}
    column, dialect = CredentialsJson(), postgresql.dialect()
    stored = column.process_bind_param(creds, dialect)
    first, second = column.process_result_value(stored, dialect), column.process_result_value(stored, dialect)
    assert first == second == creds
    first[TokenKind.PRODUCT] = creds[TokenKind.ORDER]
    assert column.process_result_value(stored, dialect) == creds
