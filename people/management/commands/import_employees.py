"""``manage.py import_employees <file> [--organisation CODE] [--dry-run] [--update-only]
[--allow-mass-leavers]`` and ``manage.py import_employees --undo-last --organisation CODE``

Imports employees from an HR system's CSV or XLSX file, like the admin's import screen, and
prints a report per row in Swedish. Exit status:

- 1 when the file has errors; then nothing is written;
- 2 when the file would mark more than ``SAMTALSRUM_IMPORT_LEAVER_SHARE`` per cent of an
  organisation's current employees as left and ``--allow-mass-leavers`` was not given: the
  new and changed employees are imported, but nobody is marked as left (see
  ``people.leaver_rule``).

``--undo-last`` undoes the organisation's latest import within ``SAMTALSRUM_IMPORT_UNDO_HOURS``.
"""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from people.import_limits import FileLimits, ImportFileError, check_size
from people.importing import read_employee_file
from people.models import EmployeeImport, Organisation
from people.services import ImportResult, RowAction, employee_import, employee_import_undo


class Command(BaseCommand):
    help = "Importera anställda från en CSV- eller XLSX-fil från HR-systemet."

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", help="CSV- eller XLSX-fil")
        parser.add_argument(
            "--organisation",
            help="Organisationens kod (eller namn); behövs om filen saknar kolumn för organisation",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Visa vad som skulle hända utan att spara"
        )
        parser.add_argument(
            "--update-only",
            action="store_true",
            help="Lägg till och uppdatera, men markera ingen som slutad",
        )
        parser.add_argument(
            "--allow-mass-leavers",
            action="store_true",
            help="Markera som slutade även om det gäller en stor del av organisationen",
        )
        parser.add_argument(
            "--undo-last",
            action="store_true",
            help="Ångra organisationens senaste import (kräver --organisation)",
        )

    def handle(
        self,
        *args,
        file: str | None,
        organisation: str | None,
        dry_run: bool,
        update_only: bool,
        allow_mass_leavers: bool,
        undo_last: bool,
        **options,
    ):
        translation.activate("sv")
        org = self.find_organisation(organisation)
        if undo_last:
            self.undo_last(org)
            return
        if not file:
            raise CommandError("Ange filen som ska importeras.")
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"Filen {file} finns inte.")
        try:
            check_size(path.stat().st_size, FileLimits.from_settings())  # before reading it
        except ImportFileError as exc:
            raise CommandError(str(exc), returncode=1) from exc
        table = read_employee_file(path.read_bytes(), path.name)
        try:
            result = employee_import(
                importer=None,
                table=table,
                organisation=org,
                dry_run=dry_run,
                update_only=update_only,
                allow_mass_leavers=allow_mass_leavers,
            )
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages), returncode=1) from exc
        self.report(result)
        if result.has_errors:
            raise CommandError("Filen har fel. Ingenting har importerats.", returncode=1)
        if result.leavers_withheld:
            message = (
                f"{result.leaver_check.message()} Därför markeras ingen som slutad. Kör igen med "
                "--allow-mass-leavers om de verkligen har slutat, eller med --update-only om "
                "filen bara gäller en del av organisationen."
            )
            if dry_run:
                self.stderr.write(message)
            else:
                raise CommandError(message, returncode=2)

    def find_organisation(self, organisation: str | None) -> Organisation | None:
        if not organisation:
            return None
        org = (
            Organisation.objects.filter(code__iexact=organisation).first()
            or Organisation.objects.filter(name__iexact=organisation).first()
        )
        if org is None:
            raise CommandError(f"Okänd organisation «{organisation}».")
        return org

    def undo_last(self, org: Organisation | None) -> None:
        if org is None:
            raise CommandError("Ange organisationen vars senaste import ska ångras (--organisation).")
        imports = EmployeeImport.objects.filter(status=EmployeeImport.Status.IMPORTED).order_by(
            "-imported_at"
        )
        record = next(
            (item for item in imports if org.pk in item.summary.get("organisation_ids", [])), None
        )
        if record is None:
            raise CommandError(f"{org.name} har ingen import som kan ångras.")
        try:
            employee_import_undo(record=record, undone_by=None)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        self.stdout.write(self.style.SUCCESS(
            f"Importen av {record.file_name} ({record.imported_at:%Y-%m-%d %H:%M}) är ångrad: "
            f"{record.created_count} nya borttagna, {record.updated_count} ändrade och "
            f"{record.left_count} slutade återställda."
        ))

    def report(self, result: ImportResult) -> None:
        out = self.stdout
        for message in result.file_errors:
            out.write(self.style.ERROR(f"Fel i filen: {message}"))
        for row in result.rows_errors_first():
            line = (
                f"Rad {row.line}: {row.get_action_display()} – {row.employee_number} "
                f"{row.name}".rstrip()
            )
            if row.workplace:
                line += f" ({row.workplace})"
            if row.changes:
                line += f": {', '.join(row.changes)}"
            if row.action == RowAction.ERROR:
                out.write(self.style.ERROR(line))
                for message in row.errors:
                    out.write(self.style.ERROR(f"    {message}"))
            else:
                out.write(line)
        label = "Saknas i filen, markeras inte" if result.leavers_withheld else "Slutat"
        for leaver in result.leavers:
            out.write(
                f"{label}: {leaver.employee_number} {leaver.name} ({leaver.workplace}) – "
                f"anställd till {leaver.employment_end.isoformat()}"
            )
        counts = result.counts
        left = 0 if result.leavers_withheld else counts["left"]
        summary = (
            f"{counts['rows']} rader: {counts['created']} nya, {counts['updated']} ändrade, "
            f"{counts['unchanged']} oförändrade, {counts['errors']} med fel; "
            f"{left} markeras som slutade."
        )
        if result.imported:
            out.write(self.style.SUCCESS(f"Importerat. {summary}"))
        elif result.has_errors:
            out.write(self.style.ERROR(f"Inget importerat. {summary}"))
        else:
            out.write(f"Provkörning, inget sparat. {summary}")
