"""Cell values that are safe in any spreadsheet program, whatever a person typed.

Every CSV and XLSX the platform writes passes its text through here, because names, comments
and free-text answers come from people and two things in them do harm:

- Formula injection (OWASP, "CSV injection"): Excel and LibreOffice run a cell that starts with
  ``=``, ``+``, ``-``, ``@``, a tab or a carriage return as a formula (``=HYPERLINK(…)``,
  ``+cmd|…``). In CSV such text gets a leading apostrophe, which both programs read as "this is
  text" and hide; in XLSX the cell is written with the string type, so it is never evaluated.
- Characters that XML 1.0 forbids make openpyxl refuse the whole file (most control
  characters) or write one that Excel reports as broken (U+FFFE, U+FFFF, lone surrogates).
  They are replaced by U+FFFD, so the reader sees that something was there.

https://owasp.org/www-community/attacks/CSV_Injection
"""

from __future__ import annotations

import re
from typing import Any

from openpyxl.cell import WriteOnlyCell
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

# The ASCII triggers, and the full-width forms some Excel versions also treat as formulas.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
# Excel's limit on the characters in one cell; longer text is cut with a visible marker.
XLSX_MAX_CELL_CHARS = 32_767
_CUT_MARKER = " […]"
# Not a character of XML 1.0 (https://www.w3.org/TR/xml/#charsets). openpyxl's own pattern,
# ILLEGAL_CHARACTERS_RE, knows only the control characters.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean_text(text: str) -> str:
    """``text`` with the characters XML 1.0 forbids replaced by U+FFFD."""
    return _NOT_XML.sub("\ufffd", text)


def csv_value(value: Any) -> Any:
    """A value ready for ``csv.writer``: text cleaned and defused, other values unchanged."""
    if not isinstance(value, str):
        return value
    text = clean_text(value)
    if text.startswith(FORMULA_TRIGGERS):
        return "'" + text
    return text


def xlsx_value(value: Any) -> Any:
    """A value ready for an openpyxl cell: text cleaned and cut to Excel's cell limit."""
    if not isinstance(value, str):
        return value
    text = clean_text(value)
    if len(text) > XLSX_MAX_CELL_CHARS:
        text = text[: XLSX_MAX_CELL_CHARS - len(_CUT_MARKER)] + _CUT_MARKER
    return text


def xlsx_cell(worksheet: WriteOnlyWorksheet, value: Any) -> WriteOnlyCell:
    """A write-only cell holding ``value``; text is always stored as text, never a formula."""
    cell = WriteOnlyCell(worksheet, xlsx_value(value))
    if cell.data_type == "f":
        cell.data_type = "s"
    return cell


def xlsx_row(worksheet: WriteOnlyWorksheet, values: list[Any]) -> list[WriteOnlyCell]:
    """``values`` as safe write-only cells, for ``worksheet.append``."""
    return [xlsx_cell(worksheet, value) for value in values]


class SafeSpreadsheetExportMixin:
    """Put before Wagtail's ``SpreadsheetExportMixin`` (a ReportView, an IndexView with
    ``list_export``): every exported value goes through :func:`csv_value` or
    :func:`xlsx_value`, and a CSV follows the reader's convention (``cms.exports``: for Swedish,
    ``;``, decimal comma and a byte-order mark)."""

    def preprocess_field_value(self, field: str, value: Any, export_format: str) -> Any:
        value = super().preprocess_field_value(field, value, export_format)  # type: ignore[misc]
        if export_format == "csv":
            from .exports import value_text

            return value_text(value, self.export_convention)
        return xlsx_value(value)

    @property
    def export_convention(self):
        from django.utils import translation

        from .exports import convention_for

        return convention_for(translation.get_language())

    def stream_csv(self, queryset):
        import csv

        from .exports import BOM

        class Line:
            def write(self, value: str) -> str:
                return value

        writer = csv.DictWriter(Line(), fieldnames=self.list_export, delimiter=self.export_convention.delimiter)
        fields = self.list_export  # type: ignore[attr-defined]
        yield BOM + writer.writerow({f: csv_value(self.get_heading(queryset, f)) for f in fields})  # type: ignore[attr-defined]
        for item in queryset:
            yield self.write_csv_row(writer, self.to_row_dict(item))  # type: ignore[attr-defined]

    def write_csv_response(self, queryset):
        response = super().write_csv_response(queryset)  # type: ignore[misc]
        response["Content-Type"] = "text/csv; charset=utf-8"
        response["Cache-Control"] = "no-store"
        return response
