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
