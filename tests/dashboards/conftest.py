"""A programme with two organisations, three workplaces, sessions and attendance, at any size."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

import pytest

from django.utils import timezone

from courses.models import Milestone, Phase, Programme, Track, TrackKind
from people.models import Employee, Gender, Organisation, Role, User, Workplace
from sessions.models import (
    Attendance,
    AttendanceStatus,
    Invitation,
    InvitationStatus,
    Session,
    SessionStatus,
)
from tests.factories import (
    ModuleFactory,
    OrganisationFactory,
    ProgrammeFactory,
    WorkplaceFactory,
    user_with_role,
)


def at(day: datetime.date, hour: int = 9) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, tzinfo=timezone.get_current_timezone())


@dataclass
class World:
    programme: Programme
    org_a: Organisation
    org_b: Organisation
    wp_a1: Workplace
    wp_a2: Workplace
    wp_b1: Workplace
    employees: list[Employee]
    steering: User
    admin: User
    hr_a: User
    hr_b: User
    manager: User
    leader: User


def build_world(per_workplace: int, *, tag: str = "") -> World:
    org_a = OrganisationFactory(name=f"Alfa kommun{tag}", code=f"alfa{tag}")
    org_b = OrganisationFactory(name=f"Beta bostäder{tag}", code=f"beta{tag}")
    wp_a1 = WorkplaceFactory(organisation=org_a, name="Hemtjänsten Norr")
    wp_a2 = WorkplaceFactory(organisation=org_a, name="Köket")
    wp_b1 = WorkplaceFactory(organisation=org_b, name="Fastighetsskötsel")
    programme = ProgrammeFactory(
        name=f"Vilka är vi{tag}", starts_on=datetime.date(2026, 1, 1), ends_on=datetime.date(2027, 12, 31),
        planned_participants=60, anonymity_threshold=5, cofinancing_budget=Decimal("100000"),
    )
    programme.organisations.set([org_a, org_b])
    Phase.objects.create(programme=programme, name="Analys och planering", starts_on=datetime.date(2026, 1, 1),
                         ends_on=datetime.date(2026, 2, 28), sort_order=0)
    Phase.objects.create(programme=programme, name="Genomförande", starts_on=datetime.date(2026, 3, 1),
                         ends_on=datetime.date(2027, 6, 30), sort_order=1)
    Phase.objects.create(programme=programme, name="Avslutning", starts_on=datetime.date(2027, 7, 1),
                         ends_on=datetime.date(2027, 12, 31), sort_order=2)
    Milestone.objects.create(programme=programme, title="Konferensdag", due_on=datetime.date(2027, 11, 18))
    work = Track.objects.create(programme=programme, kind=TrackKind.WORKPLACE, name="Arbetsplatsprocessen", target_minutes=120)
    Track.objects.create(programme=programme, kind=TrackKind.PREPARATORY, name="Preparandprocessen", target_minutes=840)
    m1 = ModuleFactory(track=work, title="Samtal 1", planned_minutes=60, sort_order=1)
    m2 = ModuleFactory(track=work, title="Samtal 2", planned_minutes=60, sort_order=2)

    employees = []
    n = 0
    for wp in (wp_a1, wp_a2, wp_b1):
        for _i in range(per_workplace):
            n += 1
            employees.append(Employee(
                organisation=wp.organisation, workplace=wp, employee_number=f"ANR{n:04d}Q{tag}",
                first_name=f"Förnamnxq{n:03d}", last_name=f"Efternamnxq{n:03d}", email=f"personxq{n}{tag}@example.se",
                gender=(Gender.WOMAN, Gender.MAN, Gender.OTHER, "")[n % 4],
                hourly_cost=Decimal("250.00") if n % 2 else None,
                employment_start=datetime.date(2015, 1, 1),
                employment_end=datetime.date(2026, 6, 30) if n % 7 == 0 else None,
            ))
    employees = Employee.objects.bulk_create(employees)

    leader_employee = employees[1]
    leader = user_with_role(Role.PROCESS_LEADER, workplace=wp_a1, employee=leader_employee, email=f"ledare{tag}@example.se")
    manager = user_with_role(Role.MANAGER, workplace=wp_a1, employee=employees[0], email=f"chef{tag}@example.se")
    march = datetime.date(2026, 3, 10)
    for wp in (wp_a1, wp_a2, wp_b1):
        people = [e for e in employees if e.workplace_id == wp.pk]
        for index, module in enumerate((m1, m2)):
            session = Session.objects.create(
                module=module, workplace=wp, starts_at=at(march + datetime.timedelta(days=index * 30)),
                ends_at=at(march + datetime.timedelta(days=index * 30), 10),
            )
            session.process_leaders.add(leader)
            attendees = people if index == 0 else people[: len(people) // 2]
            Invitation.objects.bulk_create(
                Invitation(session=session, employee=e, status=InvitationStatus.INVITED) for e in people
            )
            Attendance.objects.bulk_create(
                Attendance(session=session, employee=e, status=AttendanceStatus.PRESENT, minutes=60) for e in attendees
            )
            Session.objects.filter(pk=session.pk).update(status=SessionStatus.CLOSED, closed_at=session.ends_at)
        upcoming = Session.objects.create(
            module=m2, workplace=wp, starts_at=timezone.now() + datetime.timedelta(days=7),
            ends_at=timezone.now() + datetime.timedelta(days=7, hours=1),
        )
        upcoming.process_leaders.add(leader)
    return World(
        programme=programme, org_a=org_a, org_b=org_b, wp_a1=wp_a1, wp_a2=wp_a2, wp_b1=wp_b1, employees=employees,
        steering=user_with_role(Role.STEERING_GROUP, email=f"styrgrupp{tag}@example.se", first_name="Sara", last_name="Styr"),
        admin=user_with_role(Role.PROGRAMME_ADMIN, email=f"admin{tag}@example.se"),
        hr_a=user_with_role(Role.HR, organisation=org_a, email=f"hr-a{tag}@example.se"),
        hr_b=user_with_role(Role.HR, organisation=org_b, email=f"hr-b{tag}@example.se"),
        manager=manager, leader=leader,
    )


@pytest.fixture
def world(db) -> World:
    return build_world(12)
