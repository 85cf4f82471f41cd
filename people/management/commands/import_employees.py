"""``manage.py import_employees <file> [--organisation CODE] [--dry-run]``

Imports employees from an HR system's CSV or XLSX file, like the admin's import screen, and
prints a report per row in Swedish. Exits with status 1 when the file has errors; then nothing
is written.
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from people.importing import read_employee_file
from people.models import Organisation
from people.services import ImportResult, RowAction, employee_import


class Command(BaseCommand):
    help = "Importera anställda från en CSV- eller XLSX-fil från HR-systemet."

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV- eller XLSX-fil")
        parser.add_argument(
            "--organisation",
            help="Organisationens kod (eller namn); behövs om filen saknar kolumn för organisation",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Visa vad som skulle hända utan att spara"
        )

    def handle(self, *args, file: str, organisation: str | None, dry_run: bool, **options):
        translation.activate("sv")
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"Filen {file} finns inte.")
        org = None
        if organisation:
            org = (
                Organisation.objects.filter(code__iexact=organisation).first()
                or Organisation.objects.filter(name__iexact=organisation).first()
            )
            if org is None:
                raise CommandError(f"Okänd organisation «{organisation}».")
        table = read_employee_file(path.read_bytes(), path.name)
        result = employee_import(importer=None, table=table, organisation=org, dry_run=dry_run)
        self.report(result)
        if result.has_errors:
            raise CommandError("Filen har fel. Ingenting har importerats.", returncode=1)

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
        for leaver in result.leavers:
            out.write(
                f"Slutat: {leaver.employee_number} {leaver.name} ({leaver.workplace}) – "
                f"anställd till {leaver.employment_end.isoformat()}"
            )
        counts = result.counts
        summary = (
            f"{counts['rows']} rader: {counts['created']} nya, {counts['updated']} ändrade, "
            f"{counts['unchanged']} oförändrade, {counts['errors']} med fel; "
            f"{counts['left']} markeras som slutade."
        )
        if result.imported:
            out.write(self.style.SUCCESS(f"Importerat. {summary}"))
        elif result.has_errors:
            out.write(self.style.ERROR(f"Inget importerat. {summary}"))
        else:
            out.write(f"Provkörning, inget sparat. {summary}")
