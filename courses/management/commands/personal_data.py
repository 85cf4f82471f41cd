"""Personal data from the command line (docs/privacy.md):

    manage.py personal_data export --organisation CODE --employee NUMBER
    manage.py personal_data erase --organisation CODE --employee NUMBER [--yes]
    manage.py personal_data purge [--dry-run]
    manage.py personal_data expire [--dry-run]
    manage.py personal_data destroy_pairing --programme NAME [--dry-run] [--yes]
"""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError
from django.core.serializers.json import DjangoJSONEncoder

from people.models import Employee

from ...models import Programme
from ...personal_data import personal_data_erase, personal_data_extract, personal_data_purge


class Command(BaseCommand):
    help = "Register extract, erasure, the purge after the retention date, and ending the survey pairing."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        for name in ("export", "erase"):
            p = sub.add_parser(name)
            p.add_argument("--organisation", required=True, help="the organisation's code")
            p.add_argument("--employee", required=True, help="the employee number")
            if name == "erase":
                p.add_argument("--yes", action="store_true", help="do not ask for confirmation")
        p = sub.add_parser("purge", help="anonymise the people of programmes past their retention date")
        p.add_argument("--dry-run", action="store_true")
        p = sub.add_parser("expire", help="erase outbox texts, drafts and page feedback past their time")
        p.add_argument("--dry-run", action="store_true")
        p = sub.add_parser("destroy_pairing", help="make before/after survey answers unpairable, for good")
        p.add_argument("--programme", required=True, help="the programme's name")
        p.add_argument("--dry-run", action="store_true")
        p.add_argument("--yes", action="store_true")

    def _employee(self, options) -> Employee:
        employee = Employee.objects.filter(
            organisation__code=options["organisation"], employee_number=options["employee"], erased_at__isnull=True
        ).first()
        if employee is None:
            raise CommandError("No such employee in that organisation.")
        return employee

    def _confirm(self, options, question: str) -> None:
        if not options.get("yes") and input(f"{question} [y/N] ").strip().lower() not in {"y", "yes", "j", "ja"}:
            raise CommandError("Nothing was changed.")

    def handle(self, *args, **options):
        action = options["action"]
        if action == "export":
            data = personal_data_extract(employee=self._employee(options))
            self.stdout.write(json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2))
        elif action == "erase":
            employee = self._employee(options)
            self._confirm(options, f"Erase the personal data of employee {employee.employee_number}?")
            result = personal_data_erase(employee=employee, erased_by=None)
            self.stdout.write(f"{result['mode']}: " + json.dumps(result["counts"], sort_keys=True))
        elif action == "purge":
            report = personal_data_purge(dry_run=options["dry_run"])
            prefix = "Would anonymise" if options["dry_run"] else "Anonymised"
            self.stdout.write(f"{prefix} {report.employees} employees of {len(report.programmes)} programmes past "
                              f"their retention date: " + json.dumps(report.counts, sort_keys=True))
        elif action == "expire":
            from cms.services import outbox_bodies_erase, page_feedback_expire
            from surveys.privacy import survey_drafts_expire

            dry = options["dry_run"]
            counts = {
                "outbox_bodies": outbox_bodies_erase(dry_run=dry),
                "page_feedback": page_feedback_expire(dry_run=dry),
                "survey_drafts": survey_drafts_expire(dry_run=dry),
            }
            self.stdout.write(("Would erase: " if dry else "Erased: ") + json.dumps(counts, sort_keys=True))
        elif action == "destroy_pairing":
            from surveys.privacy import survey_pairing_destroy

            programme = Programme.objects.filter(name=options["programme"]).first()
            if programme is None:
                raise CommandError("No such programme.")
            try:
                if options["dry_run"]:
                    n = survey_pairing_destroy(programme=programme, dry_run=True)
                    self.stdout.write(f"Would make {n} responses unpairable.")
                    return
                self._confirm(options, "Make every before/after pair of this programme unlinkable, irreversibly?")
                n = survey_pairing_destroy(programme=programme)
            except ValueError as exc:
                raise CommandError(str(exc)) from exc
            self.stdout.write(f"{n} responses can no longer be paired.")
