"""The streamed XLSX writer (cms/xlsx_stream.py), read back with openpyxl as a spreadsheet
program would: every kind of value in its place and type, and hostile text kept harmless."""

import datetime
import io
import zipfile
from decimal import Decimal
from zoneinfo import ZoneInfo

import openpyxl

from django.utils import timezone

from cms import xlsx_stream
from cms.spreadsheets import XLSX_MAX_CELL_CHARS

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def _naive(*parts: int) -> datetime.datetime:
    """A spreadsheet's date and time: local, without a zone (Excel has none)."""
    return datetime.datetime(*parts)  # noqa: DTZ001 - what openpyxl reads back


def _write(rows, cells, headings=None, title="Timmar per anställd"):
    output = io.BytesIO()
    headings = headings or [f"Kolumn {i}" for i in range(len(cells))]
    written = xlsx_stream.write(headings, cells, rows, output, title=title)
    output.seek(0)
    return written, output


def test_values_come_back_in_place_and_type():
    local = lambda value: timezone.localtime(value, STOCKHOLM)  # noqa: E731
    cells = [
        xlsx_stream.text_cell, xlsx_stream.number_cell, xlsx_stream.hours_cell, xlsx_stream.number_cell,
        xlsx_stream.date_cell, lambda v: xlsx_stream.datetime_cell(v, local), xlsx_stream.text_cell,
    ]
    summer = datetime.datetime(2026, 6, 1, 7, 30, tzinfo=datetime.UTC)  # 09:30 in Stockholm (CEST)
    rows = [
        ("Åsa Öberg-Ärlig", 45, 45, Decimal("312.50"), datetime.date(2026, 3, 2), summer, "sista"),
        (None, None, None, None, None, None, "bara sista"),  # empty cells keep the columns in place
        ("  mellanslag  ", 0, 0, True, datetime.date(1900, 3, 1), None, ""),
    ]
    written, output = _write(rows, cells)
    assert written == 3
    book = openpyxl.load_workbook(output)
    sheet = book.active
    assert sheet.title == "Timmar per anställd"
    values = list(sheet.values)
    assert values[0] == tuple(f"Kolumn {i}" for i in range(7))
    assert values[1] == ("Åsa Öberg-Ärlig", 45, 0.75, 312.5, _naive(2026, 3, 2),
                         _naive(2026, 6, 1, 9, 30), "sista")
    assert values[2] == (None, None, None, None, None, None, "bara sista")
    assert values[3][:5] == ("  mellanslag  ", 0, 0, True, _naive(1900, 3, 1))
    assert sheet["C2"].number_format == "0.00" and sheet["E2"].number_format == "yyyy\\-mm\\-dd"
    assert sheet["A1"].font.b and not sheet["A2"].font.b  # the headings are bold
    assert sheet.freeze_panes == "A2"  # and stay in view


def test_hostile_text_stays_text():
    formula = '=HYPERLINK("https://evil.example","Klicka")'
    rows = [(formula,), ("+cmd|' /C calc'!A0",), ("<b>&amp; \x00\x07\ufffe",), ("x" * (XLSX_MAX_CELL_CHARS + 10),)]
    _written, output = _write(rows, [xlsx_stream.text_cell], title="Ett [konstigt]: namn/med*tecken?som är för långt")
    sheet = openpyxl.load_workbook(output).active
    cells = [row[0] for row in sheet.iter_rows(min_row=2)]
    assert cells[0].value == formula and cells[0].data_type == "s"  # a string, never a formula
    assert cells[1].data_type == "s"
    assert cells[2].value == "<b>&amp; \ufffd\ufffd\ufffd"
    assert len(cells[3].value) == XLSX_MAX_CELL_CHARS and cells[3].value.endswith("[…]")
    assert len(sheet.title) <= 31 and not set(sheet.title) & set("[]:*?/\\")


def test_a_large_sheet_is_written_as_a_stream():
    """100 000 rows go out in pieces: the worksheet part is deflated as it is written, and the
    progress callback sees the count grow."""
    seen = []

    def rows():
        for n in range(100_000):
            yield (f"Anställd {n}", n)

    output = io.BytesIO()
    written = xlsx_stream.write(["Namn", "Nummer"], [xlsx_stream.text_cell, xlsx_stream.number_cell], rows(),
                                output, title="Stor", progress=seen.append, every=20_000)
    assert written == 100_000 and seen == [20_000, 40_000, 60_000, 80_000, 100_000]
    with zipfile.ZipFile(output) as package:
        info = package.getinfo("xl/worksheets/sheet1.xml")
        assert info.compress_type == zipfile.ZIP_DEFLATED and info.compress_size < info.file_size / 5
    sheet = openpyxl.load_workbook(output, read_only=True).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 100_001 and rows[-1] == ("Anställd 99999", 99999)
