"""Exports: one file convention for every CSV, streamed rows, and big files built in the background.

**The convention** follows the reader's language, because that is what their Excel expects
(docs/exports.md):

- Swedish: ``;`` between columns, a decimal comma (``1,42``), UTF-8 with a byte-order mark;
- English: ``,`` between columns, a decimal point, UTF-8 with a byte-order mark.

Both write dates as ISO 8601 (``2026-03-01``, ``2026-03-01 09:30``), which Excel reads as
dates in either language. Text goes through :mod:`cms.spreadsheets`, so formulas never run.

**An export** is an :class:`ExportKind`: its columns, and a function that yields its rows as
plain tuples from a server-side cursor – no model instances, no translation per row – for a
viewer whose scope the selectors apply. Up to ``SAMTALSRUM_EXPORT_STREAM_MAX_ROWS`` rows a CSV is
streamed in the request; a larger CSV, and every XLSX, becomes an :class:`~cms.models.ExportJob`
that a Celery task writes to a file (openpyxl's write-only mode for XLSX), with progress, a
download link and an e-mail when it is ready. Files expire after
``SAMTALSRUM_EXPORT_KEEP_HOURS``.
"""

from __future__ import annotations

import csv
import datetime
import io
import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, BinaryIO

from django.utils import timezone
from django.utils.functional import Promise

from . import xlsx_stream
from .spreadsheets import FORMULA_TRIGGERS, clean_text, csv_value

logger = logging.getLogger(__name__)

BOM = "\ufeff"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS = ("csv", "xlsx")
# Rows written between two progress updates of a job, and per chunk of a streamed CSV.
CHUNK_ROWS = 2000
#: The last line of a streamed CSV that failed half-way: the status (200) is already sent, so
#: the file itself says it is incomplete instead of silently losing rows.
INCOMPLETE_LINE = "EXPORTEN AVBRÖTS – filen är ofullständig. Ladda ner den igen."


@dataclass(frozen=True)
class Convention:
    """How a CSV is written for readers of one language."""

    language: str
    delimiter: str
    decimal: str


SWEDISH = Convention("sv", ";", ",")
ENGLISH = Convention("en", ",", ".")


def convention_for(language: str | None) -> Convention:
    """The convention for a reader of ``language`` (Swedish unless it is English)."""
    return ENGLISH if (language or "").lower().startswith("en") else SWEDISH


# --------------------------------------------------------------------------------- columns

TEXT = "text"
INTEGER = "integer"
DECIMAL = "decimal"
#: Minutes written as hours with two decimals (the HR report's "timmar").
HOURS = "hours"
DATE = "date"
DATETIME = "datetime"


@dataclass(frozen=True)
class ExportColumn:
    heading: Promise | str
    kind: str = TEXT


def _local(value: datetime.datetime) -> datetime.datetime:
    return timezone.localtime(value) if timezone.is_aware(value) else value


def _number_text(value: Any, decimal: str) -> str:
    if isinstance(value, float):
        text = repr(value)
    elif isinstance(value, Decimal):
        text = format(value, "f")
    else:
        text = str(value)
    return text.replace(".", decimal) if decimal != "." else text


def value_text(value: Any, convention: Convention) -> str:
    """Any single value as the convention writes it in a CSV cell (for exports whose columns
    are not declared, such as Wagtail's own list exports)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        if convention.language == "sv":
            return "Ja" if value else "Nej"
        return "Yes" if value else "No"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float | Decimal):
        return _number_text(value, convention.decimal)
    if isinstance(value, datetime.datetime):
        return _local(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return csv_value(str(value))


def _csv_formatters(columns: list[ExportColumn], convention: Convention) -> list[Callable[[Any], Any]]:
    decimal = convention.decimal

    # Characters XML forbids are replaced in the whole chunk at once (csv_lines); per cell only
    # the formula check remains – the same result as csv_value, at a third of the cost.
    def text(value):
        if value is None:
            return ""
        if type(value) is not str:
            value = str(value)
        return "'" + value if value.startswith(FORMULA_TRIGGERS) else value

    def integer(value):
        return "" if value is None else value

    def hours(value):
        if value is None or value == "":
            return ""
        text = f"{value / 60:.2f}"
        return text if decimal == "." else text.replace(".", decimal)

    def number(value):
        return "" if value is None or value == "" else _number_text(value, decimal)

    def date(value):
        return value.isoformat() if value else ""

    def moment(value):
        return _local(value).strftime("%Y-%m-%d %H:%M") if value else ""

    table = {TEXT: text, INTEGER: integer, HOURS: hours, DECIMAL: number, DATE: date, DATETIME: moment}
    return [table[c.kind] for c in columns]


def csv_lines(
    columns: list[ExportColumn], rows: Iterable[tuple], convention: Convention, *, chunk_rows: int = CHUNK_ROWS
) -> Iterator[bytes]:
    """A CSV in ``convention`` as UTF-8 chunks: the byte-order mark and the headings first, at
    once, then ``chunk_rows`` rows per chunk. Holds one chunk in memory, whatever the size."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=convention.delimiter, lineterminator="\r\n")
    writer.writerow([csv_value(str(c.heading)) for c in columns])
    yield (BOM + buffer.getvalue()).encode("utf-8")
    buffer.seek(0)
    buffer.truncate()
    formatters = _csv_formatters(columns, convention)
    pairs = list(enumerate(formatters))
    count = 0
    try:
        for row in rows:
            writer.writerow([f(row[i]) for i, f in pairs])
            count += 1
            if count == chunk_rows:
                yield clean_text(buffer.getvalue()).encode("utf-8")
                buffer.seek(0)
                buffer.truncate()
                count = 0
    except Exception:
        if count:  # the rows read before the failure still reach the reader
            yield clean_text(buffer.getvalue()).encode("utf-8")
        raise
    if count:
        yield clean_text(buffer.getvalue()).encode("utf-8")


def values_csv(rows: Iterable[Iterable[Any]], convention: Convention) -> bytes:
    """Small in-memory tables (a codebook, a summary) as a CSV file in ``convention``."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=convention.delimiter, lineterminator="\r\n")
    for row in rows:
        writer.writerow([value_text(v, convention) for v in row])
    return (BOM + buffer.getvalue()).encode("utf-8")


def xlsx_write(
    columns: list[ExportColumn],
    rows: Iterable[tuple],
    output: BinaryIO,
    *,
    title: str = "Export",
    progress: Callable[[int], None] | None = None,
) -> int:
    """Write the rows to ``output`` as an XLSX, streamed in constant memory (cms/xlsx_stream.py):
    text always as text, numbers as numbers, hours as hours with two decimals, dates as dates.
    Returns the number of rows written; calls ``progress(rows)`` every :data:`CHUNK_ROWS`."""

    def moment(value):
        return xlsx_stream.datetime_cell(value, _local)

    table = {
        TEXT: xlsx_stream.text_cell, INTEGER: xlsx_stream.number_cell, HOURS: xlsx_stream.hours_cell,
        DECIMAL: xlsx_stream.number_cell, DATE: xlsx_stream.date_cell, DATETIME: moment,
    }
    return xlsx_stream.write(
        [str(c.heading) for c in columns], [table[c.kind] for c in columns], rows, output,
        title=title, progress=progress, every=CHUNK_ROWS,
    )


def csv_write(
    columns: list[ExportColumn],
    rows: Iterable[tuple],
    output: BinaryIO,
    convention: Convention,
    *,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Write the rows to ``output`` as a CSV in ``convention``; returns the number of rows."""
    count = 0

    def counted(source: Iterable[tuple]) -> Iterator[tuple]:
        nonlocal count
        for row in source:
            yield row
            count += 1
            if progress is not None and count % CHUNK_ROWS == 0:
                progress(count)

    for chunk in csv_lines(columns, counted(rows), convention):
        output.write(chunk)
    return count


# ----------------------------------------------------------------------------- export kinds


@dataclass(frozen=True)
class ExportKind:
    """One export the platform offers. Every callable takes the viewer and the parameters the
    view validated (JSON values), and applies the viewer's scope through the selectors, so a
    background job that runs later sees what the requester may see *then*."""

    key: str
    title: Promise | str
    #: Whether the viewer may run this export with these parameters at all (checked again when
    #: a job runs: a role taken away in between stops it).
    allowed: Callable[[Any, dict], bool]
    columns: Callable[[dict], list[ExportColumn]]
    count: Callable[[Any, dict], int]
    rows: Callable[[Any, dict], Iterator[tuple]]
    filename: Callable[[dict], str]
    #: Where the requester goes back to (the report the export came from).
    back_url: Callable[[dict], str]


_kinds: dict[str, ExportKind] = {}


def register_export(kind: ExportKind) -> ExportKind:
    _kinds[kind.key] = kind
    return kind


def export_kind(key: str) -> ExportKind | None:
    return _kinds.get(key)
