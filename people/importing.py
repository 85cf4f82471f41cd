"""Reading employee files exported from HR systems.

Pure functions: bytes and a file name in, rows and Swedish error messages out. Nothing here
touches the database; matching rows against organisations, workplaces and employees is done by
:func:`people.services.employee_import`.

What HR systems really produce: CSV separated by comma or semicolon (Swedish Excel writes
semicolons), encoded as UTF-8 with or without a byte-order mark or as Windows-1252, and XLSX.
Columns are found by their header in Swedish or English, ignoring case, spaces and punctuation.
"""

from __future__ import annotations

import csv
import datetime
import functools
import io
import itertools
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from .import_limits import (
    FileLimits,
    ImportFileError,
    bounded_rows,
    check_size,
    check_text,
    check_xlsx_archive,
    damaged_xlsx_error,
    iter_bounded_rows,
    scan_xlsx_sheet,
)

# Field name → the header names it answers to, already normalised by :func:`normalise_header`.
COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "employee_number": (
        "anställningsnummer", "anstnr", "anstnummer", "anställningsnr", "personalnummer",
        "personalnr", "employeenumber", "employeeno", "employeeid", "employeenr",
    ),
    "first_name": ("förnamn", "tilltalsnamn", "firstname", "givenname"),
    "last_name": ("efternamn", "lastname", "surname", "familyname"),
    "email": ("epost", "epostadress", "mejl", "mejladress", "email", "emailaddress", "mail"),
    "workplace": (
        "arbetsplats", "enhet", "arbetsplatskod", "enhetskod", "arbetsställe", "workplace",
        "unit", "workplacecode", "unitcode",
    ),
    "organisation": (
        "organisation", "organisationskod", "arbetsgivare", "arbetsgivarkod", "employer",
        "organization", "organisationcode", "organizationcode", "employercode",
    ),
    "employment_start": (
        "anställdfrån", "startdatum", "anställningsstart", "anställningsdatum",
        "employmentstart", "startdate", "employmentstartdate", "hiredate",
    ),
    "employment_end": (
        "anställdtill", "slutdatum", "anställningsslut", "employmentend", "enddate",
        "employmentenddate",
    ),
    "preferred_language": ("språk", "föredragetspråk", "language", "preferredlanguage"),
    "gender": ("kön", "gender", "sex"),
    "hourly_cost": ("timkostnad", "timkostnadkr", "kostnadpertimme", "hourlycost", "costperhour"),
}

REQUIRED_COLUMNS = ("employee_number", "first_name", "last_name", "workplace")

# How each field is named in messages to the user.
COLUMN_LABELS: dict[str, str] = {
    "employee_number": "anställningsnummer",
    "first_name": "förnamn",
    "last_name": "efternamn",
    "email": "e-post",
    "workplace": "arbetsplats",
    "organisation": "organisation",
    "employment_start": "anställd från",
    "employment_end": "anställd till",
    "preferred_language": "språk",
    "gender": "kön",
    "hourly_cost": "timkostnad",
}

MAX_LENGTHS = {"employee_number": 50, "first_name": 100, "last_name": 100, "email": 254}

GENDER_VALUES: dict[str, str] = {
    "kvinna": "woman", "k": "woman", "kvinnor": "woman", "woman": "woman", "female": "woman",
    "f": "woman", "w": "woman",
    "man": "man", "m": "man", "män": "man", "male": "man",
    "annat": "other", "annan": "other", "other": "other", "x": "other", "ickebinär": "other",
    "villinteange": "other", "annatvillinteange": "other",
}

#: What HR systems write in the language column – codes (ISO 639-1 and -2), Swedish and
#: English names and the language's own name – mapped to the codes of ``settings.LANGUAGES``
#: (compared after :func:`normalise_header`, so case, spaces and dashes do not matter).
LANGUAGE_VALUES: dict[str, str] = {
    "sv": "sv", "svenska": "sv", "swedish": "sv", "se": "sv", "swe": "sv",
    "en": "en", "engelska": "en", "english": "en", "eng": "en",
    "sveasy": "sv-easy", "lättläst": "sv-easy", "lättlästsvenska": "sv-easy",
    "easytoreadswedish": "sv-easy", "easyswedish": "sv-easy",
    "ar": "ar", "ara": "ar", "arabiska": "ar", "arabic": "ar", "العربية": "ar",
    "so": "so", "som": "so", "somaliska": "so", "somali": "so", "soomaali": "so",
    "ti": "ti", "tir": "ti", "tigrinja": "ti", "tigrinya": "ti", "tigrigna": "ti", "ትግርኛ": "ti",
    "fa": "fa", "fas": "fa", "per": "fa", "persiska": "fa", "persian": "fa", "farsi": "fa",
    "فارسی": "fa", "dari": "fa",
}

DATE_FORMATS = ("%Y-%m-%d", "%Y%m%d", "%Y/%m/%d", "%d.%m.%Y", "%d/%m/%Y")

_NON_WORD = re.compile(r"[\W_]+")
_SPACES = re.compile(r"\s+")


def normalise_header(text: str) -> str:
    """Lower case, without spaces or punctuation: ``"Anst.nr"`` → ``"anstnr"``."""
    return _NON_WORD.sub("", str(text).casefold())


def normalise_key(text: str) -> str:
    """How names and codes are compared: case-insensitive, runs of spaces as one."""
    return _SPACES.sub(" ", str(text)).strip().casefold()


_ALIAS_TO_FIELD = {alias: name for name, aliases in COLUMN_ALIASES.items() for alias in aliases}


@dataclass(slots=True)
class ImportRow:
    """One data row with its values checked and converted.

    ``values`` holds only the columns present in the file, so a column left out of an export
    leaves that field as it is.
    """

    line: int
    values: dict[str, Any] = field(default_factory=dict)
    raw: dict[str, str] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)


@dataclass
class ImportTable:
    """A read file: which columns it has and its rows, or why it could not be read."""

    file_name: str
    columns: dict[str, str] = field(default_factory=dict)  # field → header as written
    rows: list[ImportRow] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # about the whole file
    ignored_columns: list[str] = field(default_factory=list)


def decode(data: bytes) -> str:
    """Text of a CSV file: UTF-8 with a BOM, UTF-8, or else Windows-1252."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data.decode("utf-8-sig")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def sniff_delimiter(text: str) -> str:
    """Semicolon or comma, whichever the header line has more of."""
    # The first filled line is nearly always near the top: look there before splitting it all.
    prefix = text[:65536]
    lines = prefix.splitlines()
    header = next((line for line in lines[:-1] if line.strip()), None)
    if header is None:
        header = next((line for line in text.splitlines() if line.strip()), "")
    return ";" if header.count(";") > header.count(",") else ","


def _cells_from_csv(data: bytes, limits: FileLimits) -> Iterator[list[Any]]:
    """The rows of a CSV file, read as a stream (the checks of the bytes are made first)."""
    check_text(data)
    text = decode(data)
    return iter_bounded_rows(
        csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text)), limits,
        text_only=True,
    )


def _cells_from_xlsx(data: bytes, limits: FileLimits) -> list[list[Any]]:
    """The first sheet's rows, read as a stream within ``limits`` (see people.import_limits).

    Whatever openpyxl or the zip and XML parsers raise on a broken file becomes one message:
    a damaged file can fail in many ways, and each is the user's file, not our bug.
    """
    from openpyxl import load_workbook

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise ImportFileError(_("Filen kunde inte läsas som en Excel-fil (XLSX).")) from exc
    with archive:
        check_xlsx_archive(archive, len(data), limits)
        is_office_file = "[Content_Types].xml" in archive.namelist()
    if not is_office_file:  # another kind of zip archive
        raise ImportFileError(_("Filen kunde inte läsas som en Excel-fil (XLSX)."))
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # any failure to open is a damaged file
        raise damaged_xlsx_error() from exc
    try:
        if not workbook.worksheets:
            raise ImportFileError(_("Filen är tom."))
        sheet = workbook.worksheets[0]
        # The sheet's declared <dimension> may claim a million rows: check where the cells
        # really are first, then read no further than the limits.
        with sheet._get_source() as source:
            scan_xlsx_sheet(source, limits)
        sheet.reset_dimensions()
        return bounded_rows(
            sheet.iter_rows(max_row=limits.max_rows, max_col=limits.max_columns, values_only=True),
            limits,
        )
    except ImportFileError:
        raise
    except Exception as exc:  # see above
        raise damaged_xlsx_error() from exc
    finally:
        workbook.close()


def _is_xlsx(data: bytes, file_name: str) -> bool:
    return file_name.lower().endswith((".xlsx", ".xlsm")) or data.startswith(b"PK\x03\x04")


def _cell_text(value: Any) -> str:
    """A cell as text; whole numbers from spreadsheets lose their ``.0``."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value).strip()


def parse_date(value: Any) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = str(value).strip()
    # Spreadsheets saved as CSV often keep a time part: "2024-01-15 00:00:00".
    text = text.split(" ")[0].split("T")[0]
    for fmt in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, fmt).date()  # noqa: DTZ007 - a date only
        except ValueError:
            continue
    raise ValueError(text)


def parse_decimal(value: Any) -> Decimal:
    """Swedish or English notation: ``"1 234,50"``, ``"1234.50"``, ``"325 kr"``."""
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        number = Decimal(str(value))
    else:
        text = str(value).strip().lower().removesuffix("kr").removesuffix("sek")
        text = text.replace("\u00a0", "").replace(" ", "")
        if "," in text and "." in text:
            text = text.replace(".", "").replace(",", ".")  # 1.234,50
        else:
            text = text.replace(",", ".")
        number = Decimal(text)
    if not number.is_finite():
        raise InvalidOperation
    return number.quantize(Decimal("0.01"))


class _Invalid(Exception):  # noqa: N818 - a signal between a converter and its caller
    """A cell that fails its check; ``message`` builds the Swedish message only when needed."""

    def __init__(self, message: Callable[[], str]) -> None:
        self.message = message


def _required(name: str) -> Callable[[str, Any], str]:
    label = COLUMN_LABELS[name]
    max_length = MAX_LENGTHS.get(name)

    def convert(text: str, value: Any) -> str:
        if not text:
            raise _Invalid(lambda: _("Fältet %(column)s är tomt.") % {"column": label})
        if max_length is not None and len(text) > max_length:
            raise _Invalid(
                lambda: _("Fältet %(column)s är för långt (högst %(max)s tecken).")
                % {"column": label, "max": max_length}
            )
        return text

    return convert


def _organisation(text: str, value: Any) -> str:
    return text


# Django's own patterns for an address, compiled here once: the validator reaches its patterns
# through lazy objects, which cost more than the match itself at 100 000 rows. An address they
# accept is valid; any other is left to ``validate_email`` itself (allow-list, IP literals).
_EMAIL_USER = re.compile(validate_email.user_regex.pattern, validate_email.user_regex.flags).match
_EMAIL_DOMAIN = re.compile(
    validate_email.domain_regex.pattern, validate_email.domain_regex.flags
).match


def _email(text: str, value: Any) -> str:
    email = text.lower()
    if email:
        user, at, domain = email.rpartition("@")
        if at and len(email) <= 320 and _EMAIL_USER(user) and _EMAIL_DOMAIN(domain):
            return email
        try:
            validate_email(email)
        except ValidationError:
            raise _Invalid(lambda: _("Ogiltig e-postadress «%(value)s».") % {"value": text}) from None
    return email


_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}").fullmatch


@functools.lru_cache(maxsize=4096)
def _date_from_text(text: str) -> datetime.date:
    """A date cell as text: ISO 8601 (what nearly every export writes) first, checked with a
    precompiled pattern and read by ``date.fromisoformat``; the other styles after."""
    if _ISO_DATE(text):
        try:
            return datetime.date.fromisoformat(text)
        except ValueError:
            pass  # "2024-02-30": let the slow path say so
    return parse_date(text)


def _date(name: str) -> Callable[[str, Any], datetime.date | None]:
    label = COLUMN_LABELS[name]

    def convert(text: str, value: Any) -> datetime.date | None:
        if not text:
            return None
        try:
            if isinstance(value, str):
                return _date_from_text(text)
            return parse_date(value)  # a spreadsheet's date or number
        except ValueError:
            raise _Invalid(
                lambda: _("Ogiltigt datum «%(value)s» i kolumnen %(column)s (skriv ÅÅÅÅ-MM-DD).")
                % {"value": text, "column": label}
            ) from None

    return convert


@functools.lru_cache(maxsize=4096)
def _cost_from_text(text: str) -> Decimal:
    return parse_decimal(text)


def _hourly_cost(text: str, value: Any) -> Decimal | None:
    if not text:
        return None
    try:
        number = _cost_from_text(text) if isinstance(value, str) else parse_decimal(value)
    except (InvalidOperation, ValueError):
        raise _Invalid(
            lambda: _("Ogiltigt tal «%(value)s» i kolumnen %(column)s.")
            % {"value": text, "column": COLUMN_LABELS["hourly_cost"]}
        ) from None
    if number < 0 or number >= _MAX_COST:
        raise _Invalid(lambda: _("Timkostnaden «%(value)s» är orimlig (0–999 999 kr).") % {"value": text})
    return number


_MAX_COST = Decimal("1000000")


def _gender(text: str, value: Any) -> str:
    found = GENDER_VALUES.get(text)  # already written as a key: no need to normalise
    if found is not None:
        return found
    key = normalise_header(text)
    if key and key not in GENDER_VALUES:
        raise _Invalid(
            lambda: _("Okänt kön «%(value)s» (skriv kvinna, man, annat eller lämna tomt).")
            % {"value": text}
        )
    return GENDER_VALUES.get(key, "")


def _preferred_language(text: str, value: Any) -> str:
    """The language column: which values it accepts, and the message for any other."""
    key = normalise_header(text)
    if key and key not in LANGUAGE_VALUES:
        raise _Invalid(
            lambda: _("Okänt språk «%(value)s» (skriv svenska, engelska, lättläst, arabiska, somaliska, "
                      "tigrinja eller persiska, eller språkkoden sv, en, sv-easy, ar, so, ti eller fa).")
            % {"value": text}
        )
    return LANGUAGE_VALUES.get(key, "sv")


# Field → how one of its cells is checked and converted: ``convert(text, value)`` returns the
# value to store or raises :class:`_Invalid`. ``text`` is the stripped cell, ``value`` the cell
# as read (a spreadsheet may give a date or a number).
_CONVERTERS: dict[str, Callable[[str, Any], Any]] = {
    **{name: _required(name) for name in REQUIRED_COLUMNS},
    "organisation": _organisation,
    "email": _email,
    "employment_start": _date("employment_start"),
    "employment_end": _date("employment_end"),
    "hourly_cost": _hourly_cost,
    "gender": _gender,
    "preferred_language": _preferred_language,
}


def _match_header(header_row: list[Any]) -> tuple[dict[str, int], dict[str, str], list[str]]:
    """Field → column position and header text, and the headers that are not used."""
    positions: dict[str, int] = {}
    headers: dict[str, str] = {}
    ignored: list[str] = []
    for position, cell in enumerate(header_row):
        text = _cell_text(cell)
        name = _ALIAS_TO_FIELD.get(normalise_header(text))
        if name is None or name in positions:
            # Exports often carry more than we need (telephone, both unit name and code, …);
            # the first matching column wins and the rest are listed as not used.
            if text:
                ignored.append(text)
            continue
        positions[name] = position
        headers[name] = text
    return positions, headers, ignored


def _filled(cells: Sequence[Any]) -> bool:
    # Rows from bounded_rows end with a filled cell, so the last one nearly always answers.
    return bool(cells) and (
        _cell_text(cells[-1]) != "" or any(_cell_text(cell) for cell in cells)
    )


def table_from_cells(cells: Iterable[Sequence[Any]], file_name: str) -> ImportTable:
    """Find the header row, match it to fields and convert each following row.

    ``cells`` is read once, as a stream: only the rows up to the header (at most ten filled
    ones) are held while it is looked for.
    """
    table = ImportTable(file_name=file_name)
    rows = iter(cells)
    # Some exports put a title or a date above the headers: take the first of the first few
    # filled rows that has every required column.
    head: list[Sequence[Any]] = []  # the rows read while looking for the header
    filled: list[int] = []
    header_index: int | None = None
    for cells_row in rows:
        head.append(cells_row)
        if not _filled(cells_row):
            continue
        filled.append(len(head) - 1)
        if all(name in _match_header(cells_row)[0] for name in REQUIRED_COLUMNS):
            header_index = len(head) - 1
            break
        if len(filled) == 10:
            break
    if not filled:
        table.errors.append(_("Filen är tom."))
        return table
    if header_index is None:
        header_index = filled[0]
    positions, table.columns, table.ignored_columns = _match_header(head[header_index])
    missing = [COLUMN_LABELS[name] for name in REQUIRED_COLUMNS if name not in positions]
    if missing:
        for _rest in rows:  # a file beyond the limits says so first, as when read whole
            pass
        table.errors.append(
            _("Filen saknar kolumner för: %(columns)s. Första raden ska ha kolumnrubriker.")
            % {"columns": ", ".join(missing)}
        )
        return table

    columns = [(name, position, _CONVERTERS[name]) for name, position in positions.items()]
    data_rows = itertools.chain(head[header_index + 1 :], rows)
    append = table.rows.append
    for line, cells_row in enumerate(data_rows, start=header_index + 2):
        last = cells_row[-1] if cells_row else None
        if not (last.__class__ is str and last.strip()) and not _filled(cells_row):
            continue  # blank lines at the end of exports
        values: dict[str, Any] = {}
        raw: dict[str, str] = {}
        errors: list[str] = []
        length = len(cells_row)
        for name, position, convert in columns:
            value = cells_row[position] if position < length else None
            text = value.strip() if value.__class__ is str else _cell_text(value)
            raw[name] = text
            try:
                values[name] = convert(text, value)
            except _Invalid as invalid:
                errors.append(invalid.message())
        start, end = values.get("employment_start"), values.get("employment_end")
        if start and end and end < start:
            errors.append(_("Anställd till ligger före anställd från."))
        append(ImportRow(line, values, raw, errors))
    if not table.rows:
        table.errors.append(_("Filen har kolumnrubriker men inga rader med anställda."))
    return table


def read_employee_file(data: bytes, file_name: str, *, limits: FileLimits | None = None) -> ImportTable:
    """Read an uploaded CSV or XLSX file into an :class:`ImportTable`.

    Never raises for a bad file: whatever is wrong with it is in the table's ``errors``, in
    Swedish. The file is read within ``limits`` (by default the settings'; see
    :mod:`people.import_limits`).
    """
    limits = limits or FileLimits.from_settings()
    try:
        check_size(len(data), limits)
        if _is_xlsx(data, file_name):
            cells = _cells_from_xlsx(data, limits)
        else:
            cells = _cells_from_csv(data, limits)
        # The rows of a CSV file are read while they are interpreted, so a limit or a
        # broken line found on the way still ends here.
        return table_from_cells(cells, file_name)
    except ImportFileError as exc:
        return ImportTable(file_name=file_name, errors=[str(exc)])
    except csv.Error:
        return ImportTable(
            file_name=file_name, errors=[_("Filen kunde inte läsas som CSV eller XLSX.")]
        )
