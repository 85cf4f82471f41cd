"""Builders of HR files for the import tests."""

from __future__ import annotations

import csv
import io

HEADER_SV = ["Anställningsnummer", "Förnamn", "Efternamn", "E-post", "Arbetsplats"]
HEADER_EN = ["Employee number", "First name", "Last name", "Email", "Workplace"]


def csv_bytes(rows: list[list[str]], *, delimiter: str = ";", encoding: str = "utf-8") -> bytes:
    """A CSV file as an HR system writes it; ``encoding="utf-8-sig"`` adds a byte-order mark."""
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows(rows)
    return buffer.getvalue().encode(encoding)


def xlsx_bytes(rows: list[list[object]]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def employee_rows(count: int, *, workplace: str, start: int = 1) -> list[list[str]]:
    return [
        [f"A{n:05d}", f"Förnamn{n}", f"Efternamn{n}", f"person{n}@example.se", workplace]
        for n in range(start, start + count)
    ]


def xlsx_bomb_bytes() -> bytes:
    """A 5 KB workbook whose one extra cell sits at XFD1048576, so that its sheet declares
    itself 1 048 576 rows by 16 384 columns (17 billion cells)."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER_SV)
    sheet["XFD1048576"] = "x"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_with_sheet(sheet_xml: bytes, *, extra: dict[str, bytes] | None = None) -> bytes:
    """An ordinary workbook whose first sheet's XML is replaced by ``sheet_xml``."""
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(xlsx_bytes([HEADER_SV])))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = sheet_xml if item.filename == "xl/worksheets/sheet1.xml" else source.read(item)
            target.writestr(item.filename, data)
        for name, data in (extra or {}).items():
            target.writestr(name, data)
    return buffer.getvalue()


SHEET_NS = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
