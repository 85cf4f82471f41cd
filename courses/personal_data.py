"""Register extract, erasure and restriction, and the purge after the retention date
(GDPR articles 15, 17 and 18), run over every app's provider (``people.privacy_register``).
They live in ``courses`` because the retention date is a programme's.

Before the retention date of the person's programme an erasure request *restricts*: the
funder's evidence (name, employee number, employment, attendance, corrections) stays, the
rest is erased, and the person is no longer e-mailed, listed or exported except as evidence.
After the date the purge anonymises everything about them. See docs/privacy.md.
"""

from __future__ import annotations

import dataclasses
import datetime
import logging
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from people.models import Employee, Organisation, User
from people.privacy_register import Category, Subject, personal_fields, providers

from .models import Programme

logger = logging.getLogger(__name__)


def subject_for(employee: Employee) -> Subject:
    user = User.objects.filter(employee=employee).first()
    emails = tuple(sorted({e.lower() for e in (employee.email, user.email if user else "") if e}))
    return Subject(
        employee_id=employee.pk, organisation_id=employee.organisation_id, user_id=user.pk if user else None,
        full_name=employee.full_name if (employee.first_name or employee.last_name) else "",
        employee_number=employee.employee_number, emails=emails,
    )


def employee_retention_until(employee: Employee) -> datetime.date | None:
    """The last retention date of the programmes the person's organisation is in; None when
    any of them has none (the evidence is then kept) or there is no programme."""
    dates = list(Programme.objects.filter(organisations=employee.organisation_id).values_list("retention_until", flat=True))
    if not dates or None in dates:
        return None
    return max(dates)


def personal_data_extract(*, employee: Employee) -> dict:
    """Everything stored about one person, section by section, with the register's categories."""
    subject = subject_for(employee)
    sections: dict = {}
    for provider in providers():
        if provider.export is not None:
            sections.update(provider.export(subject))
    categories: dict[str, list[str]] = {c.value: [] for c in Category}
    for declaration, personal in personal_fields():
        categories[personal.category.value].append(f"{declaration.model}.{personal.name}")
    return {
        "generated_at": timezone.now(),
        "retention_until": employee_retention_until(employee),
        "categories": categories,
        **sections,
    }


def _run_erasure(subject: Subject, *, keep_evidence: bool) -> dict[str, int]:
    counts: dict[str, int] = {}
    for provider in reversed(providers()):
        if provider.erase is not None:
            for key, value in provider.erase(subject, keep_evidence).items():
                counts[key] = counts.get(key, 0) + value
    return counts


def _log(organisation_id: int, action: str, *, by: User | None, data: dict) -> None:
    """Logged on the organisation, with counts and ids only: never the erased data."""
    from wagtail.log_actions import log

    log(Organisation.objects.get(pk=organisation_id), action, user=by, data=data)
    logger.info("%s on organisation %s: %s", action, organisation_id, data)


@transaction.atomic
def personal_data_erase(*, employee: Employee, erased_by: User | None, today: datetime.date | None = None) -> dict:
    """Answer an erasure request. Before the retention date: restrict and erase what is not
    evidence; after it (or with no programme holding evidence): anonymise everything."""
    today = today or timezone.localdate()
    employee = Employee.objects.select_for_update().get(pk=employee.pk)
    retention = employee_retention_until(employee)
    has_evidence = employee.attendances.exists() or employee.hours_corrections.exists()
    keep_evidence = has_evidence and (retention is None or retention >= today)
    subject = dataclasses.replace(subject_for(employee), requested=True)
    counts = _run_erasure(subject, keep_evidence=keep_evidence)
    mode = "restrict" if keep_evidence else "erase"
    _log(subject.organisation_id, "samtalsrum.personal_data.erase", by=erased_by,
         data={"employee": subject.employee_id, "mode": mode, "counts": counts})
    return {"mode": mode, "retention_until": retention, "counts": counts}


@dataclass
class PurgeReport:
    programmes: list[str] = field(default_factory=list)
    employees: int = 0
    counts: dict[str, int] = field(default_factory=dict)

    def add(self, counts: dict[str, int]) -> None:
        for key, value in counts.items():
            self.counts[key] = self.counts.get(key, 0) + value

    @property
    def changed(self) -> int:
        return self.employees + sum(self.counts.values())


def purge_due_employees(today: datetime.date):
    """People none of whose programmes still needs their evidence, not yet anonymised."""
    waiting = Programme.objects.filter(retention_until__isnull=True) | Programme.objects.filter(
        retention_until__gte=today
    )
    done_orgs = Programme.objects.filter(retention_until__lt=today).values("organisations")
    return (
        Employee.objects.filter(erased_at__isnull=True, organisation_id__in=done_orgs)
        .exclude(organisation_id__in=waiting.values("organisations"))
        .order_by("pk")
    )


def personal_data_purge(*, today: datetime.date | None = None, dry_run: bool = False) -> PurgeReport:
    """Anonymise everything about the people of programmes past their retention date.

    With ``dry_run`` nothing changes and the report says what would. Idempotent: a second
    run finds nobody left and changes nothing. Logged per organisation, without the data.
    """
    today = today or timezone.localdate()
    report = PurgeReport()
    programmes = list(Programme.objects.filter(retention_until__lt=today).order_by("pk"))
    report.programmes = [p.name for p in programmes]
    employees = list(purge_due_employees(today))
    report.employees = len(employees)
    if dry_run:
        for programme in programmes:
            for provider in providers():
                if provider.programme_purge is not None:
                    report.add(provider.programme_purge(programme, dry_run=True))
        return report
    by_organisation: dict[int, int] = {}
    for employee in employees:
        with transaction.atomic():
            report.add(_run_erasure(subject_for(employee), keep_evidence=False))
        by_organisation[employee.organisation_id] = by_organisation.get(employee.organisation_id, 0) + 1
    for programme in programmes:
        with transaction.atomic():
            for provider in providers():
                if provider.programme_purge is not None:
                    report.add(provider.programme_purge(programme, dry_run=False))
    for organisation_id, count in by_organisation.items():
        _log(organisation_id, "samtalsrum.personal_data.purge", by=None, data={"employees": count})
    return report
