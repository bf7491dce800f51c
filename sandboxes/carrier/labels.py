"""Label documents: a one-page 4x6-inch PDF (288 x 432 pt) or a 4x6 ZPL II label at 8 dots/mm.

Both carry the service, both addresses and the tracking number, which the ZPL prints as a
Code 128 barcode. The PDF is written by hand (one page, Helvetica, a correct xref table), so
the sandbox needs no PDF library.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class LabelContent:
    tracking_number: str
    carrier: str
    service: str
    address_from: tuple[str, ...]
    address_to: tuple[str, ...]


def render(kind: str, content: LabelContent) -> tuple[bytes, str]:
    """The document and its media type for a ``label_file_type``."""
    if kind == "ZPLII":
        return zpl(content), "application/zpl"
    return pdf(content), "application/pdf"


def address_lines(address: dict) -> tuple[str, ...]:
    street = " ".join(str(address.get(k) or "") for k in ("street1", "street2", "street3")).strip()
    place = " ".join(str(address.get(k) or "") for k in ("city", "state", "zip")).strip()
    lines = (address.get("name"), address.get("company"), street, f"{place} {address.get('country', '')}")
    return tuple(str(line).strip() for line in lines if line and str(line).strip())


def pdf(content: LabelContent) -> bytes:
    text = _page_text(content)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 288 432] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(text) + text + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _page_text(content: LabelContent) -> bytes:
    lines = [(14, f"{content.carrier} {content.service}"), (9, "FROM:"),
             *((9, line) for line in content.address_from), (9, ""), (12, "SHIP TO:"),
             *((12, line) for line in content.address_to), (9, ""), (10, "TRACKING #"),
             (16, content.tracking_number)]
    ops, y = [], 410
    for size, line in lines:
        ops.append(f"BT /F1 {size} Tf 18 {y} Td ({_pdf_escape(line)}) Tj ET")
        y -= size + 6
    ops.append("2 w 12 12 264 408 re S")
    return "\n".join(ops).encode("latin-1", "replace")


def _pdf_escape(text: str) -> str:
    safe = text.encode("latin-1", "replace").decode("latin-1")
    return safe.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def zpl(content: LabelContent) -> bytes:
    rows = ["^XA", "^CI28", "^PW812", "^LL1218", f"^FO40,40^A0N,40,40^FD{_zpl(content.carrier)} "
            f"{_zpl(content.service)}^FS"]
    y = 110
    for line in ("FROM:", *content.address_from, "", "SHIP TO:", *content.address_to):
        rows.append(f"^FO40,{y}^A0N,28,28^FD{_zpl(line)}^FS")
        y += 36
    rows += [f"^FO40,{y + 40}^BY3^BCN,160,Y,N,N^FD{_zpl(content.tracking_number)}^FS", "^XZ"]
    return "\n".join(rows).encode("utf-8")


def _zpl(text: str) -> str:
    return text.replace("^", " ").replace("~", " ")
