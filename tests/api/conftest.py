"""Two organisations with sessions, attendance and corrections, and tokens for each."""

import datetime

import pytest

from django.core.cache import cache
from django.test import Client

from api.services import api_token_create
from sessions.models import HoursCorrection
from tests.factories import EmployeeFactory, UserFactory, WorkplaceFactory
from tests.sessions.factories import (
    AttendanceFactory,
    InvitationFactory,
    SessionFactory,
    at,
    programme_with_tracks,
)


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


class ApiClient(Client):
    def __init__(self, token: str | None = None, **kwargs):
        super().__init__(**kwargs)
        self.token = token

    def request(self, **request):
        if self.token:
            request.setdefault("HTTP_AUTHORIZATION", f"Bearer {self.token}")
        return super().request(**request)


def token_for(organisation, *scopes, **kwargs) -> str:
    return api_token_create(creator=None, organisation=organisation, name="Lönesystem",
                            scopes=list(scopes or ["read"]), **kwargs)[1]


@pytest.fixture
def world(organisation, other_organisation, workplace, other_workplace):
    """Sessions in March 2026 at one workplace of each organisation, an open preparatory session
    attended by both, a correction in each, and data in April as well."""
    programme, work_track, prep_track, work_modules, prep_modules = programme_with_tracks(
        organisations=[organisation, other_organisation]
    )
    leader = UserFactory()
    ours = [EmployeeFactory(workplace=workplace, last_name=f"Vår{i}") for i in range(3)]
    theirs = [EmployeeFactory(workplace=other_workplace, last_name=f"Deras{i}") for i in range(2)]
    second = WorkplaceFactory(organisation=organisation, name="Hemtjänsten")
    ours.append(EmployeeFactory(workplace=second, last_name="Hemtjänst"))
    ours_session = SessionFactory(module=work_modules[0], workplace=workplace, starts_at=at(10))
    april = SessionFactory(module=work_modules[1], workplace=workplace, starts_at=at(7, month=4))
    theirs_session = SessionFactory(module=work_modules[0], workplace=other_workplace, starts_at=at(11))
    open_prep = SessionFactory(module=prep_modules[0], workplace=None, starts_at=at(12),
                               ends_at=at(12) + datetime.timedelta(minutes=120))
    for employee in ours[:3]:
        InvitationFactory(session=ours_session, employee=employee)
        AttendanceFactory(session=ours_session, employee=employee, minutes=60)
        AttendanceFactory(session=april, employee=employee, minutes=45, status="partial")
    for employee in theirs:
        InvitationFactory(session=theirs_session, employee=employee)
        AttendanceFactory(session=theirs_session, employee=employee, minutes=50, status="partial")
    InvitationFactory(session=open_prep, employee=ours[0])
    AttendanceFactory(session=open_prep, employee=ours[0], minutes=120)
    InvitationFactory(session=open_prep, employee=theirs[0])
    AttendanceFactory(session=open_prep, employee=theirs[0], minutes=90, status="partial")
    HoursCorrection.objects.create(employee=ours[1], session=ours_session, track=work_track, minutes=-15,
                                   reason="Gick tidigare", created_by=leader)
    HoursCorrection.objects.create(employee=theirs[1], session=theirs_session, track=work_track, minutes=10,
                                   reason="Kom tidigare", created_by=leader)
    return {
        "programme": programme, "ours": ours, "theirs": theirs, "second": second,
        "sessions": {"ours": ours_session, "april": april, "theirs": theirs_session, "open": open_prep},
        "work_track": work_track, "leader": leader,
    }


@pytest.fixture
def reader(organisation):
    return ApiClient(token_for(organisation, "read"))


@pytest.fixture
def writer(organisation):
    return ApiClient(token_for(organisation, "read", "write"))
