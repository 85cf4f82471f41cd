"""Demo sessions: one held workplace dialogue for the demo manager's workplace and preparatory
sessions with attendance, so the planner, the facilitator view and the HR report show figures.

Idempotent and deterministic: every demo session has a fixed calendar UID.
"""

from __future__ import annotations

import datetime
import random

from django.utils import timezone

from courses.models import Programme, TrackKind
from people.models import Employee, Role, RoleAssignment, User, Workplace

from .models import (
    Attendance,
    AttendanceStatus,
    Invitation,
    InvitationStatus,
    Session,
    SessionStatus,
)

PROGRAMME_NAME = "Vilka är vi?"


def _programme() -> Programme | None:
    return (
        Programme.objects.filter(name__icontains=PROGRAMME_NAME).order_by("-starts_on").first()
        or Programme.objects.order_by("-starts_on").first()
    )


def _at(days: int, hour: int) -> datetime.datetime:
    today = timezone.localdate() + datetime.timedelta(days=days)
    return datetime.datetime(today.year, today.month, today.day, hour, 0, tzinfo=timezone.get_current_timezone())


def _session(uid: str, **fields) -> tuple[Session, bool]:
    leaders = fields.pop("process_leaders", [])
    session, created = Session.objects.get_or_create(uid=f"demo-{uid}@samtalsrum", defaults=fields)
    if created and leaders:
        session.process_leaders.set(leaders)
    return session, created


def _attend(session: Session, employees: list[Employee], rng: random.Random, recorded_by: User | None) -> None:
    """Invite, take attendance, then close: in that order, as the database refuses to change the
    invitations or attendance of a session once it is closed."""
    Invitation.objects.bulk_create(
        [Invitation(session=session, employee=e, status=InvitationStatus.INVITED) for e in employees],
        ignore_conflicts=True,
    )
    length = session.length_minutes
    rows = []
    for employee in employees:
        roll = rng.random()
        if roll < 0.8:
            status, minutes = AttendanceStatus.PRESENT, length
        elif roll < 0.9:
            status, minutes = AttendanceStatus.PARTIAL, rng.choice([30, 40, 45])
        else:
            status, minutes = AttendanceStatus.ABSENT, 0
        rows.append(Attendance(session=session, employee=employee, status=status, minutes=min(minutes, length),
                               recorded_by=recorded_by))
    Attendance.objects.bulk_create(rows, ignore_conflicts=True)
    Session.objects.filter(pk=session.pk).update(
        status=SessionStatus.CLOSED, closed_at=session.ends_at, closed_by=recorded_by
    )


def seed(*, stdout) -> list[str]:
    rng = random.Random(4)  # noqa: S311 - demo data
    programme = _programme()
    if programme is None:
        stdout.write("  sessioner: inget program hittades (courses-demo saknas) – hoppar över.")
        return []
    tracks = {t.kind: t for t in programme.tracks.prefetch_related("modules")}
    work, prep = tracks.get(TrackKind.WORKPLACE), tracks.get(TrackKind.PREPARATORY)
    chef = User.objects.filter(email="chef@demo.samtalsrum.se").first()
    leader = User.objects.filter(email="ledare@demo.samtalsrum.se").first()
    workplace = (
        Workplace.objects.filter(role_assignments__user=chef, role_assignments__role=Role.MANAGER).order_by("pk").first()
        if chef else None
    )
    made = 0
    if work is not None and workplace is not None:
        modules = list(work.modules.order_by("sort_order", "pk"))
        if modules:
            staff = list(Employee.objects.filter(workplace=workplace).order_by("employee_number"))
            module = modules[0]
            session, created = _session(
                "workplace-1",
                module=module,
                workplace=workplace,
                starts_at=_at(-14, 13),
                ends_at=_at(-14, 13) + datetime.timedelta(minutes=module.planned_minutes),
                place="Personalrummet",
                created_by=chef,
                process_leaders=[leader] if leader else [],
            )
            if created:
                _attend(session, staff, rng, leader)
                made += 1
    else:
        stdout.write("  sessioner: arbetsplatsspår eller demochefens arbetsplats saknas – inga arbetsplatssessioner.")

    if prep is not None:
        modules = list(prep.modules.order_by("sort_order", "pk"))
        participants = list(
            Employee.objects.filter(
                user__roles__role__in=[Role.MANAGER, Role.PROCESS_LEADER],
                user__roles__workplace__organisation__code="avesta",
            )
            .distinct()
            .order_by("employee_number")[:60]
        )
        admin = User.objects.filter(email="admin@demo.samtalsrum.se").first()
        for index, module in enumerate(modules[:2]):
            starts = _at(-40 + index * 7, 9)
            session, created = _session(
                f"prep-{index + 1}",
                module=module,
                workplace=None,
                starts_at=starts,
                ends_at=starts + datetime.timedelta(minutes=module.planned_minutes),
                place="Avesta kommunhus, Stora salen",
                capacity=80,
                created_by=admin,
            )
            if created:
                _attend(session, participants, rng, admin)
                made += 1
        if modules:
            module = modules[min(2, len(modules) - 1)]
            starts = _at(10, 9)
            session, created = _session(
                "prep-open",
                module=module,
                workplace=None,
                starts_at=starts,
                ends_at=starts + datetime.timedelta(minutes=module.planned_minutes),
                place="Avesta kommunhus, Stora salen",
                capacity=20,
                created_by=admin,
            )
            if created:
                Invitation.objects.bulk_create(
                    [
                        Invitation(
                            session=session,
                            employee=e,
                            status=InvitationStatus.INVITED if i < 20 else InvitationStatus.WAITLISTED,
                        )
                        for i, e in enumerate(participants[:24])
                    ],
                    ignore_conflicts=True,
                )
                made += 1
    # Keep the demo roles visible in the output.
    leaders = RoleAssignment.objects.filter(role=Role.PROCESS_LEADER).count()
    stdout.write(f"  sessioner: {Session.objects.count()} tillfällen ({made} nya), {leaders} processledaruppdrag")
    return []
