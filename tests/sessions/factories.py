"""Factories for sessions, plus a ready-made programme with both tracks."""

import datetime

import factory
from factory.django import DjangoModelFactory

from django.utils import timezone

from courses.models import TrackKind
from sessions.models import Attendance, Invitation, Session
from tests.factories import ModuleFactory, ProgrammeFactory, TrackFactory


def at(day: int, hour: int = 9, month: int = 3, year: int = 2026) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, 0, tzinfo=timezone.get_current_timezone())


class SessionFactory(DjangoModelFactory):
    class Meta:
        model = Session
        skip_postgeneration_save = True

    module = factory.SubFactory(ModuleFactory)
    starts_at = factory.LazyFunction(lambda: at(10))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(minutes=60))
    place = "Personalrummet"

    @factory.post_generation
    def process_leaders(obj, create, extracted, **kwargs):  # noqa: N805
        if create and extracted:
            obj.process_leaders.set(extracted)


class InvitationFactory(DjangoModelFactory):
    class Meta:
        model = Invitation

    session = factory.SubFactory(SessionFactory)


class AttendanceFactory(DjangoModelFactory):
    class Meta:
        model = Attendance

    session = factory.SubFactory(SessionFactory)
    status = "present"
    minutes = 60


def programme_with_tracks(*, modules: int = 5, organisations=(), **kwargs):
    """A programme with a workplace track of ``modules`` one-hour modules and a preparatory track."""
    programme = ProgrammeFactory(**kwargs)
    programme.organisations.set(organisations)
    workplace_track = TrackFactory(programme=programme, kind=TrackKind.WORKPLACE, target_minutes=300)
    prep_track = TrackFactory(programme=programme, kind=TrackKind.PREPARATORY, name="Preparandprocessen",
                              target_minutes=840)
    work_modules = [ModuleFactory(track=workplace_track, title=f"Samtal {i + 1}", sort_order=i) for i in range(modules)]
    prep_modules = [ModuleFactory(track=prep_track, title=f"Preparand {i + 1}", planned_minutes=120, sort_order=i)
                    for i in range(3)]
    return programme, workplace_track, prep_track, work_modules, prep_modules
