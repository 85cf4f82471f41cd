"""A person with data in every app, the way the demo has them (for the scan tests)."""

import datetime
from dataclasses import dataclass

import pytest
from axes.models import AccessAttempt
from django_otp.plugins.otp_totp.models import TOTPDevice

from django.utils import timezone

from cms.services import page_feedback_submit, site_home_ensure
from people.links import employee_link_url, employee_links_revoke
from people.models import EmployeeImport, EmployeeImportChange, Role
from people.services import role_assign
from sessions.services import (
    attendance_record,
    hours_correction_create,
    session_close,
    session_schedule,
)
from surveys.services import survey_draft_save
from tests.factories import EmployeeFactory, UserFactory, user_with_role
from tests.sessions.factories import at, programme_with_tracks
from tests.surveys.factories import (
    SurveyInvitationFactory,
    SurveyRoundFactory,
    survey_with_questions,
)
from tests.surveys.helpers import answer

FIRST, LAST, NUMBER, EMAIL = "Zelmira", "Quistorp", "ZQ4711", "zelmira.quistorp@example.se"


@dataclass
class Person:
    employee: object
    login: object
    programme: object
    session: object


@pytest.fixture
def person(organisation, workplace, client, django_capture_on_commit_callbacks) -> Person:

    programme, track, _prep, modules, _p = programme_with_tracks(
        organisations=[organisation], retention_until=datetime.date(2030, 12, 31)
    )
    employee = EmployeeFactory(workplace=workplace, first_name=FIRST, last_name=LAST, employee_number=NUMBER,
                               email=EMAIL, gender="woman")
    colleague = EmployeeFactory(workplace=workplace)
    login = UserFactory(email=EMAIL, first_name=FIRST, last_name=LAST, employee=employee)
    role_assign(user=login, role=Role.PROCESS_LEADER, workplace=workplace)
    manager = user_with_role(Role.MANAGER, workplace=workplace, email="chef.p@example.se")
    leader = user_with_role(Role.PROCESS_LEADER, workplace=workplace, email="ledare.p@example.se")
    with django_capture_on_commit_callbacks(execute=True):
        session = session_schedule(
            workplace=workplace, module=modules[0], starts_at=at(10), ends_at=at(10) + datetime.timedelta(hours=1),
            place="Personalrummet", process_leaders=[leader], invitees=[employee, colleague], scheduled_by=manager,
            confirm_warnings=True,
        )
    attendance_record(session=session, employee=employee, status="present", recorded_by=leader,
                      now=session.starts_at + datetime.timedelta(minutes=5))
    session_close(session=session, closed_by=leader, now=session.ends_at)
    hours_correction_create(employee=employee, track=track, minutes=-10, session=session, created_by=manager,
                            reason=f"{FIRST} {LAST} gick tio minuter tidigare")
    employee_links_revoke(employee=employee, revoked_by=manager)
    # Survey: one answered round, one open with a draft that names her.
    survey = survey_with_questions(programme=programme)
    answered = SurveyRoundFactory(survey=survey, workplaces=[workplace])
    answer(answered, employee, tillhorighet=4, tankar="Bra samtal")
    draft_round = SurveyRoundFactory(survey=survey, workplaces=[workplace])
    invitation = SurveyInvitationFactory(round=draft_round, employee=employee)
    survey_draft_save(invitation_id=invitation.pk, data={f"q_{survey.questions.first().pk}": [f"Jag heter {FIRST} {LAST}"]},
                      owner="x" * 64)
    # A real page: a transactional test before this one may have flushed the migrations' pages.
    page_feedback_submit(page=site_home_ensure(), rating="helpful",
                         comment=f"Hälsningar {FIRST} {LAST}, {EMAIL}")
    AccessAttempt.objects.create(username=EMAIL, ip_address="10.1.2.3", user_agent="Firefox", http_accept="*/*",
                                 path_info="/sv/logga-in/", get_data="", post_data=f"username={EMAIL}",
                                 failures_since_start=2)
    TOTPDevice.objects.create(user=login, name=f"{FIRST} {LAST}s telefon", confirmed=True)
    record = EmployeeImport.objects.create(file_name="hr.csv", content=b"", status="imported",
                                           imported_at=timezone.now(), organisation=organisation)
    EmployeeImportChange.objects.create(employee_import=record, employee=employee, action="updated",
                                        before={"email": "old@example.se", "last_name": LAST},
                                        after={"email": EMAIL, "last_name": LAST})
    # A browser opened with her link, and one signed in as her.
    client.get(employee_link_url(employee).split("8000", 1)[-1])
    client.force_login(login)
    return Person(employee=employee, login=login, programme=programme, session=session)
