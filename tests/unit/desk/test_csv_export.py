"""The CSV an export writes: Excel's byte order mark, RFC 4180 quoting, no formula injection."""
from __future__ import annotations

import csv
import io

from adapters.grpc.desk_mappers import csv_chunks
from application.desk.export import Export


def test_cells_are_quoted_and_text_that_a_spreadsheet_would_run_is_shown_as_text():
    rows = [["PO-1", "=HYPERLINK(\"http://x\")", "a, \"b\"\nc", "多语言"], ["PO-2", "-1+2", "@SUM(A1)", ""]]
    data = b"".join(c.data for c in csv_chunks(Export(("order", "name", "note", "text"), iter([rows]))))
    assert data.startswith("\ufeff".encode())
    parsed = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert parsed == [["order", "name", "note", "text"],
                      ["PO-1", "'=HYPERLINK(\"http://x\")", "a, \"b\"\nc", "多语言"], ["PO-2", "'-1+2", "'@SUM(A1)", ""]]
