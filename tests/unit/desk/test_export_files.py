"""The files an export writes: CSV with Excel's byte order mark, RFC 4180 quoting and no formula
injection; XLSX whose cells are all text."""
from __future__ import annotations

import csv
import io

from openpyxl import load_workbook

from adapters.grpc.export_files import csv_chunks, xlsx_chunks
from application.desk.export import Export


def test_cells_are_quoted_and_text_that_a_spreadsheet_would_run_is_shown_as_text():
    rows = [["PO-1", "=HYPERLINK(\"http://x\")", "a, \"b\"\nc", "多语言"], ["PO-2", "-1+2", "@SUM(A1)", ""]]
    data = b"".join(c.data for c in csv_chunks(Export(("order", "name", "note", "text"), iter([rows]))))
    assert data.startswith("\ufeff".encode())
    parsed = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert parsed == [["order", "name", "note", "text"],
                      ["PO-1", "'=HYPERLINK(\"http://x\")", "a, \"b\"\nc", "多语言"], ["PO-2", "'-1+2", "'@SUM(A1)", ""]]


def test_an_xlsx_export_keeps_every_cell_as_text_and_drops_what_xml_cannot_hold():
    rows = [["PO-1", "=HYPERLINK(\"http://x\")", "bell\x07here", "多语言"]] * 3
    chunks = list(xlsx_chunks(Export(("order", "name", "note", "text"), iter([rows[:2], rows[2:]]))))
    assert chunks[-1].rows == 3 and all(c.rows == 0 for c in chunks[:-1])
    sheet = load_workbook(io.BytesIO(b"".join(c.data for c in chunks)), read_only=True)["Orders"]
    values = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert values == [["order", "name", "note", "text"], *[["PO-1", "=HYPERLINK(\"http://x\")", "bellhere", "多语言"]] * 3]
