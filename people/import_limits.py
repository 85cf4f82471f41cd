"""Limits on the HR files the import reads: a hostile or broken file is refused within seconds,
in bounded memory, with a message in Swedish – never a crash.

A 5 KB XLSX can declare a sheet of 1 048 576 × 16 384 cells (one cell at XFD1048576), and a
zip archive can unpack to gigabytes. So nothing here trusts what a file says about itself;
every limit is checked as a step of its own, before the rows are interpreted by
:mod:`people.importing`:

1. the size of the file (``SAMTALSRUM_IMPORT_MAX_FILE_MB``) – :func:`check_size`;
2. what kind of bytes a text file holds (an old XLS, UTF-16, NUL bytes) – :func:`check_text`;
3. for XLSX, the zip archive before anything is unpacked: number of parts, unpacked size and
   packing ratio – :func:`check_xlsx_archive`;
4. for XLSX, the first sheet's XML, scanned as a stream before openpyxl builds a single row:
   the sheet's own ``<dimension>`` is ignored and the position of every cell is checked
   instead – :func:`scan_xlsx_sheet`;
5. every row as it is read: rows (``SAMTALSRUM_IMPORT_MAX_ROWS``), columns and characters per
   cell – :func:`bounded_rows`.

``tests/people/test_import_files.py`` measures the peak memory of the XFD1048576 file in a
subprocess and keeps it under a ceiling.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import IO, Any
from xml.parsers import expat

from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import gettext as _

# What the XLSX format itself allows; a cell beyond is a broken or hostile file.
XLSX_MAX_ROW = 1_048_576
XLSX_MAX_COLUMN = 16_384



class ImportFileError(Exception):
    """The file as a whole cannot be read; the message is for the user."""


@dataclass(frozen=True)
class FileLimits:
    """How much of a file the import reads. The first two are settings; the rest are far above
    what any HR export holds and only stop files that are broken or built to do harm."""

    max_bytes: int
    max_rows: int
    max_columns: int = 200
    max_cell_chars: int = 5_000
    # XLSX only: the unpacked size of all parts, how tightly one part may be packed (ordinary
    # sheets pack 5–20 times; zip bombs a thousand times and more) and how many parts.
    max_unpacked_bytes: int = 100 * 1024 * 1024
    max_packing_ratio: int = 100
    max_archive_members: int = 1_000
    # XLSX only: cells in the sheet's XML, empty ones included (they cost time to read too).
    max_sheet_cells: int = 5_000_000

    @classmethod
    def from_settings(cls) -> FileLimits:
        return cls(
            max_bytes=settings.SAMTALSRUM_IMPORT_MAX_FILE_MB * 1024 * 1024,
            max_rows=settings.SAMTALSRUM_IMPORT_MAX_ROWS,
        )

    @property
    def max_megabytes(self) -> int:
        return self.max_bytes // (1024 * 1024)


def _number(value: int) -> str:
    return number_format(value, force_grouping=True)


# --- 1. Size -----------------------------------------------------------------------------------


def check_size(size: int, limits: FileLimits) -> None:
    """Refuse a file larger than the setting allows, before it is read into memory."""
    if size > limits.max_bytes:
        raise ImportFileError(
            _("Filen är för stor (högst %(size)s MB).") % {"size": _number(limits.max_megabytes)}
        )


# --- 2. What kind of text -----------------------------------------------------------------------

_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def _looks_like_utf16(data: bytes) -> bool:
    """Text saved as UTF-16 without a byte-order mark: every other byte of the ASCII text is NUL."""
    sample = data[:4096]
    if len(sample) < 4:
        return False
    even, odd = sample[0::2], sample[1::2]
    return even.count(0) > len(even) // 2 or odd.count(0) > len(odd) // 2


def check_text(data: bytes) -> None:
    """Refuse bytes that are no CSV: an old Excel file, UTF-16 text, or NUL bytes.

    PostgreSQL cannot store a NUL character, and UTF-16 read as Windows-1252 would give every
    second character as a NUL; both are refused with a message that says what to do instead.
    """
    if data.startswith(_OLE2_MAGIC):
        raise ImportFileError(
            _("Filen är en äldre Excel-fil (XLS). Spara den som Excel-arbetsbok (XLSX) eller "
              "CSV och ladda upp den igen.")
        )
    if data.startswith(_UTF16_BOMS) or (b"\x00" in data[:4096] and _looks_like_utf16(data)):
        raise ImportFileError(
            _("Filen är sparad som UTF-16 (”Unicode-text”). Spara den som CSV UTF-8 eller "
              "Excel-arbetsbok (XLSX) och ladda upp den igen.")
        )
    if b"\x00" in data:
        raise ImportFileError(
            _("Filen innehåller NUL-tecken och är ingen textfil. Spara den som CSV UTF-8 eller "
              "Excel-arbetsbok (XLSX) och ladda upp den igen.")
        )


# --- 3. The XLSX archive -----------------------------------------------------------------------


def damaged_xlsx_error() -> ImportFileError:
    return ImportFileError(
        _("Excel-filen är skadad eller ofullständig och kunde inte läsas. Öppna den i Excel, "
          "spara den igen och ladda upp den på nytt.")
    )


def check_xlsx_archive(archive: zipfile.ZipFile, packed_size: int, limits: FileLimits) -> None:
    """Refuse a zip archive that would unpack to more than the limits allow.

    Python's zipfile never returns more than the size a part declares, so checking the
    declared sizes bounds what is unpacked later, whatever the archive really holds.
    """
    members = archive.infolist()
    if len(members) > limits.max_archive_members:
        raise damaged_xlsx_error()
    unpacked = 0
    for member in members:
        if member.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise damaged_xlsx_error()  # Excel writes nothing else
        unpacked += member.file_size
        ratio_ok = member.file_size <= limits.max_packing_ratio * max(member.compress_size, 1)
        if member.file_size > 1024 * 1024 and not ratio_ok:
            raise ImportFileError(
                _("Excel-filen är packad på ett sätt som vanliga Excel-filer inte är, och har "
                  "inte lästs. Öppna den i Excel, spara den som en ny fil och ladda upp den.")
            )
    if unpacked > limits.max_unpacked_bytes or unpacked > limits.max_packing_ratio * max(packed_size, 1):
        raise ImportFileError(
            _("Excel-filen blir för stor när den packas upp (högst %(size)s MB). Ta bort blad "
              "och bilder som inte behövs, eller spara listan som CSV.")
            % {"size": _number(limits.max_unpacked_bytes // (1024 * 1024))}
        )


# --- 4. The XLSX sheet, scanned before it is read ----------------------------------------------


def _outside(row: int, column: int, limits: FileLimits) -> ImportFileError:
    from openpyxl.utils import get_column_letter

    cell = f"{get_column_letter(min(column, XLSX_MAX_COLUMN))}{row}"
    return ImportFileError(
        _("Excel-filen har innehåll i cell %(cell)s, utanför det som kan läsas (högst "
          "%(rows)s rader och %(columns)s kolumner). Ta bort det som ligger utanför listan "
          "och spara filen igen.")
        % {"cell": cell, "rows": _number(limits.max_rows), "columns": _number(limits.max_columns)}
    )


_ROW, _CELL, _VALUE = 1, 2, 3
_ELEMENTS = {"row": _ROW, "c": _CELL, "v": _VALUE, "is": _VALUE}
_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ")


def _column_index(letters: str) -> int:
    """``"A"`` → 1, ``"XFD"`` → 16 384; 0 for anything that is no column."""
    if not 1 <= len(letters) <= 3 or not _LETTERS.issuperset(letters):
        return 0
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - 64
    return index


def scan_xlsx_sheet(source: IO[bytes], limits: FileLimits) -> None:
    """Stream through a sheet's XML and refuse it if any cell with a value lies beyond the
    limits, or the XML is broken – before openpyxl builds a single row.

    Only the position of each cell is looked at (the row's and the cell's ``r`` attribute,
    or the running count where one is left out, as openpyxl counts them); nothing is kept, so
    memory stays the same for any sheet. Empty cells that only carry formatting may lie
    anywhere. This runs once per element of the sheet, so it is written for speed.
    """
    row = column = cells_in_row = cells = 0
    pending = False
    columns: dict[str, int] = {}

    def start(name: str, attributes: dict[str, str]) -> None:
        nonlocal row, column, cells_in_row, cells, pending
        kind = _ELEMENTS.get(name)
        if kind is None:
            if ":" not in name:
                return
            kind = _ELEMENTS.get(name.rpartition(":")[2])  # a prefixed namespace, x:c
            if kind is None:
                return
        if kind == _CELL:
            cells += 1
            cells_in_row += 1
            ref = attributes.get("r")
            if ref:
                letters = ref.rstrip("0123456789")
                found = columns.get(letters)
                if found is None:
                    found = columns[letters] = _column_index(letters)
                column = found
            else:
                column += 1
            if not 0 < column <= XLSX_MAX_COLUMN or cells_in_row > XLSX_MAX_COLUMN:
                raise damaged_xlsx_error()
            if cells > limits.max_sheet_cells:
                raise ImportFileError(
                    _("Excel-filen har fler än %(max)s celler och kan inte läsas. Spara listan "
                      "i en ny fil utan tomma, formaterade områden.")
                    % {"max": _number(limits.max_sheet_cells)}
                )
            pending = True
        elif kind == _VALUE:
            if pending and (row > limits.max_rows or column > limits.max_columns):
                raise _outside(row, column, limits)
            pending = False
        else:
            ref = attributes.get("r")
            row = int(ref) if ref and ref.isdigit() else row + 1
            column = cells_in_row = 0
            pending = False
            if not 0 < row <= XLSX_MAX_ROW:
                raise damaged_xlsx_error()

    def refuse_declarations(*args: Any) -> None:
        raise damaged_xlsx_error()  # Excel never writes a DTD; entities are how XML bombs work

    parser = expat.ParserCreate()
    parser.StartElementHandler = start
    parser.StartDoctypeDeclHandler = refuse_declarations
    parser.EntityDeclHandler = refuse_declarations
    try:
        parser.ParseFile(source)
    except (expat.ExpatError, ValueError, zipfile.BadZipFile, EOFError, OSError) as exc:
        raise damaged_xlsx_error() from exc


# --- 5. Rows as they are read ------------------------------------------------------------------


def _is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def bounded_rows(rows: Iterable[Sequence[Any]], limits: FileLimits) -> list[list[Any]]:
    """The rows of a sheet or CSV file as lists, refused past the row, column or cell limits.

    Rows are taken one at a time from ``rows`` (a stream), so a file that breaks a limit is
    refused as soon as the offending row is reached. Empty cells at the end of a row are
    dropped; a row with nothing in it stays, so row numbers in messages match the file.
    """
    return list(iter_bounded_rows(rows, limits))


def iter_bounded_rows(
    rows: Iterable[Sequence[Any]], limits: FileLimits, *, text_only: bool = False
) -> Iterator[list[Any]]:
    """:func:`bounded_rows` as a stream: each row is checked and given on as it is read.

    ``text_only`` says every cell is a string without NUL characters (a CSV file that passed
    :func:`check_text`), which lets a row whose cells together fit in one cell's limit pass
    without looking at each cell.
    """
    max_rows, max_columns, max_chars = limits.max_rows, limits.max_columns, limits.max_cell_chars
    for number, row in enumerate(rows, start=1):
        cells = row if text_only and row.__class__ is list else list(row)  # csv gives fresh lists
        while cells and _is_empty(cells[-1]):
            cells.pop()
        if not cells:
            if number <= max_rows:
                yield cells
            continue
        if number > max_rows:
            raise ImportFileError(
                _("Filen har fler än %(max)s rader, mer än vad som kan importeras åt gången. "
                  "Kontakta programmets administratör.")
                % {"max": _number(max_rows)}
            )
        if len(cells) > max_columns:
            raise ImportFileError(
                _("Rad %(row)s har fler än %(max)s kolumner. Ta bort kolumner som inte behövs "
                  "och ladda upp filen igen.")
                % {"row": _number(number), "max": _number(max_columns)}
            )
        if text_only and sum(map(len, cells)) <= max_chars:
            yield cells
            continue
        for value in cells:
            if not isinstance(value, str):
                continue
            if len(value) > max_chars:
                raise ImportFileError(
                    _("Rad %(row)s har en cell med fler än %(max)s tecken. Kontrollera att "
                      "filen är en lista över anställda.")
                    % {"row": _number(number), "max": _number(max_chars)}
                )
            if "\x00" in value:
                raise ImportFileError(
                    _("Rad %(row)s innehåller ett NUL-tecken, som inte kan sparas. Ta bort det "
                      "och ladda upp filen igen.")
                    % {"row": _number(number)}
                )
        yield cells
