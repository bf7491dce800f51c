"""The files of an export, as the chunks ExportOrders streams: CSV for Excel, or XLSX.

CSV goes out a batch at a time as it is written. XLSX is a zip whose directory comes last, so
openpyxl's write-only workbook (constant memory: rows go to a temporary file as they come) is
finished first and then sent in chunks; its first byte leaves after its last row is read.
"""
from __future__ import annotations

import csv
import io
import tempfile
from collections.abc import Iterator

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from adapters.grpc.gen.erp.v1 import order_desk_service_pb2 as pb
from application.desk.export import Export

BOM = "\ufeff"
XLSX_CHUNK = 1 << 20
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_chunks(export: Export) -> Iterator[pb.ExportOrdersResponse]:
    """The header (after the byte order mark), then one chunk per batch of rows."""
    yield pb.ExportOrdersResponse(data=(BOM + _csv([list(export.columns)])).encode("utf-8"))
    for rows in export.batches:
        yield pb.ExportOrdersResponse(data=_csv(rows).encode("utf-8"), rows=len(rows))


def _csv(rows: list[list[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerows([[_inert(cell) for cell in row] for row in rows])
    return out.getvalue()


def _inert(cell: str) -> str:
    """A spreadsheet runs a cell starting with = + - @ as a formula (CSV injection): such text,
    e.g. a product name from Temu, is written after an apostrophe, which shows it as text."""
    return "'" + cell if cell.startswith(_FORMULA_STARTS) else cell


def xlsx_chunks(export: Export) -> Iterator[pb.ExportOrdersResponse]:
    """The workbook (one sheet, "Orders", header first) in chunks of 1 MiB; the last chunk
    carries the number of rows."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Orders")
    sheet.append(list(export.columns))
    rows = 0
    for batch in export.batches:
        for row in batch:
            sheet.append([_xlsx_cell(sheet, cell) for cell in row])
        rows += len(batch)
    with tempfile.TemporaryFile() as file:
        book.save(file)
        file.seek(0)
        chunk = file.read(XLSX_CHUNK)
        while chunk:
            following = file.read(XLSX_CHUNK)
            yield pb.ExportOrdersResponse(data=chunk, rows=0 if following else rows)
            chunk = following


def _xlsx_cell(sheet, value: str):
    """Text stays text: openpyxl would store a value starting with = as a formula, and refuses
    the control characters XML cannot hold (dropped here)."""
    value = ILLEGAL_CHARACTERS_RE.sub("", value)
    if not value.startswith("="):
        return value
    cell = WriteOnlyCell(sheet, value)
    cell.data_type = "s"
    return cell
