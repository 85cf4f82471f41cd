"""An XLSX file written as a stream: one worksheet of text, numbers, hours, dates and times.

The exports of every employee (100 000 rows, eleven columns) spent twenty times what the
database needs on openpyxl's cell objects – one Python object per cell, serialised one by one
– and nothing of that is needed for a sheet of plain values. Here each row is one string of
SpreadsheetML appended to the deflated worksheet part as it comes, so memory stays constant and
the time is about that of writing the CSV (benchmarks/bench_exports.py).

What it writes (ECMA-376, the parts Excel, LibreOffice and openpyxl need):

- text as inline strings (``t="inlineStr"``): never evaluated, so a name starting with ``=``
  stays a name (cms/spreadsheets.py); characters XML 1.0 forbids become U+FFFD, and text is cut
  to Excel's cell limit;
- whole numbers and decimals as numbers; hours with two decimals (number format ``0.00``);
- dates and times as Excel serial numbers with a date (``yyyy-mm-dd``) or date-and-time
  (``yyyy-mm-dd hh:mm``) format, times in the site's zone;
- the first row (the headings) bold, and frozen, so the headings stay in view.

The small reports of the admin (Wagtail's spreadsheet export) keep using openpyxl.
"""

from __future__ import annotations

import datetime
import zipfile
from collections.abc import Callable, Iterable
from typing import Any, BinaryIO
from xml.sax.saxutils import escape

from .spreadsheets import xlsx_value

# Style indexes of ``_STYLES``'s cellXfs, in order.
PLAIN, HEADING, HOURS, DATE, DATETIME = range(5)

_EPOCH = datetime.date(1899, 12, 30)  # Excel's day 0 (with its 1900 leap-year quirk)
_DAY_SECONDS = 86_400

_CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
<Default Extension="xml" ContentType="application/xml"/>\
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>\
<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>\
<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>\
</Types>"""

_ROOT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>\
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>\
</Relationships>"""

_CORE = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" \
xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" \
xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\
<dc:title>{title}</dc:title><dc:creator>Samtalsrum</dc:creator>\
<dcterms:created xsi:type="dcterms:W3CDTF">{created}</dcterms:created>\
</cp:coreProperties>"""

_WORKBOOK = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
<sheets><sheet name="{name}" sheetId="1" r:id="rId1"/></sheets></workbook>"""

_WORKBOOK_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>\
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>\
</Relationships>"""

_STYLES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
<numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd"/>\
<numFmt numFmtId="165" formatCode="yyyy\\-mm\\-dd\\ hh:mm"/></numFmts>\
<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>\
<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>\
<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
<cellXfs count="5"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>\
<xf numFmtId="2" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>\
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>\
</styleSheet>"""

_SHEET_START = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" \
state="frozen"/></sheetView></sheetViews><sheetData>"""
_SHEET_END = "</sheetData></worksheet>"

_EMPTY = "<c/>"

# Sheet names: at most 31 characters, none of these.
_SHEET_NAME_FORBIDDEN = str.maketrans(dict.fromkeys("[]:*?/\\", " "))


def text_cell(value: Any, style: int = PLAIN) -> str:
    if value is None or value == "":
        return _EMPTY
    text = escape(xlsx_value(value if type(value) is str else str(value)))
    space = ' xml:space="preserve"' if text[:1].isspace() or text[-1:].isspace() else ""
    styled = f' s="{style}"' if style else ""
    return f'<c t="inlineStr"{styled}><is><t{space}>{text}</t></is></c>'


def number_cell(value: Any) -> str:
    if value is None or value == "":
        return _EMPTY
    if type(value) is bool:
        return f'<c t="b"><v>{int(value)}</v></c>'
    return f"<c><v>{value}</v></c>"


def hours_cell(minutes: Any) -> str:
    if minutes is None or minutes == "":
        return _EMPTY
    return f'<c s="{HOURS}"><v>{round(minutes / 60, 2)}</v></c>'


def date_cell(value: datetime.date | None) -> str:
    if not value:
        return _EMPTY
    return f'<c s="{DATE}"><v>{(value - _EPOCH).days}</v></c>'


def datetime_cell(value: datetime.datetime | None, to_local: Callable[[datetime.datetime], datetime.datetime]) -> str:
    if not value:
        return _EMPTY
    local = to_local(value)
    seconds = local.hour * 3600 + local.minute * 60 + local.second + local.microsecond / 1e6
    serial = (local.date() - _EPOCH).days + seconds / _DAY_SECONDS
    return f'<c s="{DATETIME}"><v>{serial!r}</v></c>'


def write(
    headings: list[str],
    cells: list[Callable[[Any], str]],
    rows: Iterable[tuple],
    output: BinaryIO,
    *,
    title: str,
    progress: Callable[[int], None] | None = None,
    every: int = 10_000,
) -> int:
    """Write ``rows`` to ``output`` as an XLSX: ``cells[i]`` turns column ``i``'s value into its
    cell (the functions above). Returns the number of rows written, calls ``progress(rows)``
    every ``every`` rows."""
    name = escape((title.translate(_SHEET_NAME_FORBIDDEN).strip() or "Export")[:31])
    created = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    count = 0
    # Level 1: nearly the size of level 6 for repetitive XML, at a fraction of the time.
    with zipfile.ZipFile(output, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as package:
        package.writestr("[Content_Types].xml", _CONTENT_TYPES)
        package.writestr("_rels/.rels", _ROOT_RELS)
        package.writestr("docProps/core.xml", _CORE.format(title=name, created=created))
        package.writestr("xl/workbook.xml", _WORKBOOK.format(name=name))
        package.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        package.writestr("xl/styles.xml", _STYLES)
        with package.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            heading = "".join(text_cell(str(h), HEADING) for h in headings)
            buffer = [_SHEET_START, f"<row>{heading}</row>"]
            pairs = list(enumerate(cells))
            for row in rows:
                buffer.append("<row>" + "".join([cell(row[i]) for i, cell in pairs]) + "</row>")
                count += 1
                if count % 1000 == 0:
                    sheet.write("".join(buffer).encode("utf-8"))
                    buffer.clear()
                    if progress is not None and count % every == 0:
                        progress(count)
            buffer.append(_SHEET_END)
            sheet.write("".join(buffer).encode("utf-8"))
    return count
