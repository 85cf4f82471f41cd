import csv
import io

import pytest
from openpyxl import Workbook, load_workbook

from cms.spreadsheets import XLSX_MAX_CELL_CHARS, csv_value, xlsx_row

HOSTILE = [
    '=HYPERLINK("http://evil.example","klicka")',
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1:A2)",
    "\t=1+1",
    "\uff1d1+1",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_csv_text_that_a_spreadsheet_would_run_is_written_as_text(text):
    buffer = io.StringIO()
    csv.writer(buffer).writerow([csv_value(text)])
    cell = next(csv.reader(io.StringIO(buffer.getvalue())))[0]
    assert cell == "'" + text


def test_csv_keeps_ordinary_text_and_numbers():
    assert csv_value("Åsa Öberg") == "Åsa Öberg"
    assert csv_value(-5) == -5
    assert csv_value("a\x00b\x1bc") == "a\ufffdb\ufffdc"


def _roundtrip(values):
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Blad1")
    sheet.append(xlsx_row(sheet, values))
    output = io.BytesIO()
    workbook.save(output)
    output.seek(0)
    return list(next(load_workbook(output).active.iter_rows()))


def test_xlsx_stores_formulas_as_text_and_survives_control_characters():
    cells = _roundtrip([*HOSTILE, "kontroll\x00\x07\x1f", "²", "مرحبا", "🙂", 42])
    for cell, text in zip(cells, HOSTILE, strict=False):
        assert cell.data_type == "s"
        assert cell.value == text
    assert cells[len(HOSTILE)].value == "kontroll\ufffd\ufffd\ufffd"
    assert [c.value for c in cells[len(HOSTILE) + 1 :]] == ["²", "مرحبا", "🙂", 42]


def test_xlsx_cuts_text_longer_than_a_cell_can_hold_and_says_so():
    (cell,) = _roundtrip(["x" * (XLSX_MAX_CELL_CHARS + 10)])
    assert len(cell.value) == XLSX_MAX_CELL_CHARS
    assert cell.value.endswith("[…]")


def test_xlsx_replaces_what_xml_cannot_hold_so_the_file_opens():
    cells = _roundtrip(["a\ufffeb\uffffc", "d\ud800e", "f\tg\nh"])
    assert [c.value for c in cells] == ["a\ufffdb\ufffdc", "d\ufffde", "f\tg\nh"]
