"""Who may open what: every URL of the project, for every kind of visitor, against a declaration.

The walk covers every URL pattern whose view is ours (cms, people, courses, sessions, surveys)
and every Wagtail admin URL of our own models. Each URL is requested by ten visitors (anonymous,
an employee through their signed link, an employee signed in, the process leader and the
manager of workplace A, the manager of workplace B, HR of organisation X and of Y, an editor, a
programme admin) and each answer is classed as *allowed* or *refused*. The declaration below
says, per URL, who is allowed; everyone else must be refused. Allowed list pages of visitors
outside the data's scope must not show the data (the marker names of organisation X).

A URL without a declaration fails the test, so a new page cannot ship without someone deciding
who may open it. Each request runs in a savepoint that is rolled back, so a POST by one visitor
(closing a session, sending invitations) does not change what the next one is asked.
"""

from __future__ import annotations

import copy
import datetime
import re
from dataclasses import dataclass

import pytest

from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from people.links import employee_link_token
from people.models import Role
from sessions.models import Attendance, Invitation
from surveys.links import answer_token
from surveys.models import Phase, SurveyInvitation, SurveyKind
from tests.factories import (
    EmployeeFactory,
    OrganisationFactory,
    TwoFactorClient,
    UserFactory,
    WorkplaceFactory,
    user_with_role,
)
from tests.sessions.factories import SessionFactory, programme_with_tracks
from tests.surveys.factories import SurveyRoundFactory, survey_with_questions

OUR_MODULES = ("cms", "people", "courses", "sessions", "surveys", "api", "dashboards")
OUR_LABELS = {"cms", "people", "courses", "dialogue_sessions", "surveys", "api", "dashboards"}

VISITORS = (
    "anonymous", "employee_link", "employee", "process_leader_a", "manager_a", "manager_b",
    "hr_x", "hr_y", "editor", "steering_group", "programme_admin",
)

# Names that appear only in organisation X's data: a list page shown to a visitor outside X's
# scope must contain none of them.
MARKERS = ("Xenofontos", "Xanthippa-rummet")

ALL = set(VISITORS)
SIGNED_IN = ALL - {"anonymous", "employee_link"}
STAFF_A = {"process_leader_a", "manager_a"}
ADMIN_X = {"hr_x", "programme_admin"}
WAGTAIL_USERS = {"hr_x", "hr_y", "editor", "programme_admin"}
TWO_FACTOR = {"hr_x", "hr_y", "programme_admin"}
SIGNED_IN_EMPLOYEES = {"employee_link", "employee", "process_leader_a", "manager_a", "manager_b"}

# --- The declaration: who may open each URL ---------------------------------------------------
# Keys are URL names; for the admin of our own models, "<viewset>:*" applies to all its views
# unless a view has its own entry. Everyone not named is refused.
EXPECTED: dict[str, set[str]] = {
    # Public pages and the sign-in steps.
    "cms:login": ALL,
    "cms:logout": ALL,  # POST only; signs out whoever asks
    "cms:accessibility": ALL,
    "cms:privacy": ALL,
    "cms:processing_record": ALL,
    "favicon": ALL,
    # The header's language switcher: only this browser's cookie changes.
    "set_language": ALL,  # the record of processing (GDPR art. 30) is public
    # A signed link is a capability: whoever holds it opens that person's pages (docs/anonymity.md
    # says why nobody else is ever shown one).
    "cms:employee_link": ALL,
    "cms:landing": SIGNED_IN | {"employee_link"},
    # The code step only makes sense half-way through a sign-in; those already past it are sent on.
    "people:two_factor_verify": TWO_FACTOR,
    "people:two_factor": SIGNED_IN,
    "people:two_factor_setup": SIGNED_IN,
    "people:two_factor_backup_codes": TWO_FACTOR,
    # Those who must use a second factor cannot switch it off.
    "people:two_factor_disable": SIGNED_IN - TWO_FACTOR,
    # Saving one's own language: whoever the browser acts for as an employee, for themself only.
    "people:my_language": SIGNED_IN_EMPLOYEES,
    "courses:my_programme": SIGNED_IN | {"employee_link"},
    "courses:search": ALL,
    # Everyone's own register extract (GDPR art. 15); staff without an employment have none.
    "courses:my_data": SIGNED_IN_EMPLOYEES,
    # Sessions.
    "sessions:list": SIGNED_IN,
    "sessions:planner": {"manager_a", "programme_admin"},
    "sessions:create": {"manager_a", "programme_admin"},
    "sessions:create_open": {"programme_admin"},
    "sessions:detail": {"process_leader_a", "manager_a", "hr_x", "programme_admin"},
    "sessions:edit": {"manager_a", "programme_admin"},
    "sessions:cancel": {"manager_a", "programme_admin"},
    # The manager stands in for an absent process leader at their own workplace.
    "sessions:facilitate": {"process_leader_a", "manager_a", "programme_admin"},
    "sessions:close": {"process_leader_a", "manager_a", "programme_admin"},
    "sessions:roll_call_mark": {"process_leader_a", "manager_a", "programme_admin"},
    "sessions:reopen": {"process_leader_a", "manager_a", "programme_admin"},
    "sessions:attendance_list": {"process_leader_a", "manager_a", "hr_x", "programme_admin"},
    "sessions:correct": {"manager_a", "hr_x", "programme_admin"},
    "sessions:sign_up": {"process_leader_a", "manager_a", "manager_b"},
    "sessions:invitation_cancel": {"employee_link", "employee", "manager_a", "programme_admin"},
    "sessions:my_sessions": {"employee_link", "employee", "process_leader_a", "manager_a", "manager_b"},
    "sessions:my_hours": {"employee_link", "employee", "process_leader_a", "manager_a", "manager_b"},
    "sessions:certificate": {"employee", "hr_x", "programme_admin"},
    "sessions:cofinancing": {"hr_x", "hr_y", "programme_admin"},
    # Surveys: the personal link and the letter-code form are the employee's alone.
    "surveys:answer": ALL,
    "surveys:answer_draft": ALL,
    "surveys:thanks": ALL,
    "surveys:participate": ALL,
    "surveys:answer_here": set(),
    "surveys:answer_here_draft": set(),
    "surveys:results_index": SIGNED_IN,
    # Results are for the round's own managers and HR, never its process leaders.
    "surveys:results": {"manager_a", "hr_x", "programme_admin"},
    "surveys:export": {"programme_admin"},
    "surveys:codebook": {"programme_admin"},
    "surveys:rounds": {"process_leader_a", "manager_a", "manager_b", "hr_x", "hr_y", "programme_admin"},
    "surveys:round_invite": {"programme_admin"},
    "surveys:round_qr": {"process_leader_a", "manager_a", "programme_admin"},
    "surveys:round_letters": ADMIN_X,
    # Our own admin screens.
    "site_history": WAGTAIL_USERS,
    # An export's page and file are its requester's alone (hr_x asked), not other HR's, not
    # even a programme admin's.
    "cms_export_job": {"hr_x"},
    "cms_export_job_status": {"hr_x"},
    "cms_export_job_download": {"hr_x"},
    "site_history_results": WAGTAIL_USERS,
    "people_import:*": ADMIN_X,
    "people_import:template": {"hr_x", "hr_y", "programme_admin"},
    "people_import:upload": {"hr_x", "hr_y", "programme_admin"},
    "sessions_hours_report": {"hr_x", "hr_y", "programme_admin"},
    "sessions_hours_report_results": {"hr_x", "hr_y", "programme_admin"},
    "surveys_links_reissue": ADMIN_X,
    # One person's extract and erasure: HR of their organisation and programme admins.
    "personal_data_extract": ADMIN_X,
    "personal_data_erase": ADMIN_X,
    # Feedback is read and deleted, never written, in the admin.
    "page_feedback:*": {"editor", "programme_admin"},
    "page_feedback:add": set(),
    "page_feedback:edit": set(),
    "page_feedback:copy": set(),
    "page_feedback:usage": set(),
    # Organisations and workplaces are the programme admin's; HR reads their own.
    "organisation:*": {"programme_admin"},
    "organisation:index": {"hr_x", "hr_y", "programme_admin"},
    "organisation:index_results": {"hr_x", "hr_y", "programme_admin"},
    "organisation:inspect": ADMIN_X,
    "workplace:*": {"programme_admin"},
    "workplace:index": {"hr_x", "hr_y", "programme_admin"},
    "workplace:index_results": {"hr_x", "hr_y", "programme_admin"},
    "workplace:inspect": ADMIN_X,
    # HR keeps their own organisations' employees; nobody but a programme admin deletes one.
    "employee:*": ADMIN_X,
    "employee:index": {"hr_x", "hr_y", "programme_admin"},
    "employee:index_results": {"hr_x", "hr_y", "programme_admin"},
    "employee:add": {"hr_x", "hr_y", "programme_admin"},
    "employee:delete": {"programme_admin"},
    "roleassignment:*": {"programme_admin"},
    # Editors read the programmes and keep the tracks' modules (content); only admins create.
    "programmes:*": {"programme_admin"},
    "programmes:index": {"editor", "programme_admin"},
    "programmes:index_results": {"editor", "programme_admin"},
    "programmes:inspect": {"editor", "programme_admin"},
    "tracks:*": {"editor", "programme_admin"},
    "tracks:add": {"programme_admin"},
    "tracks:delete": {"programme_admin"},
    "tracks:copy": {"programme_admin"},
    # The wording of the e-mails: editors and programme admins.
    "wagtailsnippets_courses_messagetext:*": {"editor", "programme_admin"},
    "wagtailsnippetchoosers_courses_messagetext:*": {"editor", "programme_admin"},
    "wagtailsnippetchoosers_courses_messagetext:create": set(),
    # Choosers of the role form (logins) and of the workplace filters and fields.
    "user_chooser:*": {"programme_admin"},
    "user_chooser:create": set(),
    "workplace_chooser:*": {"hr_x", "hr_y", "programme_admin"},
    "workplace_chooser:create": set(),
    # Choosing a workplace outside one's scope is a 404 (HR of organisation Y, workplace of X).
    "workplace_chooser:chosen": {"hr_x", "programme_admin"},
    # Surveys are snippets: editors translate them (wagtail-localize edits a translation through
    # the survey's edit view); only programme admins add, copy or delete one.
    "wagtailsnippets_surveys_survey:*": {"editor", "programme_admin"},
    "wagtailsnippets_surveys_survey:add": {"programme_admin"},
    "wagtailsnippets_surveys_survey:copy": {"programme_admin"},
    "wagtailsnippets_surveys_survey:delete": {"programme_admin"},
    "wagtailsnippetchoosers_surveys_survey:*": {"editor", "programme_admin"},
    "wagtailsnippetchoosers_surveys_survey:create": set(),
    "surveyround:*": {"programme_admin"},
    "wagtailusers_users:*": {"programme_admin"},
    # The API answers tokens only (tests/api prove each token's scope); a browser session gets 401.
    "api:schema": ALL,
    "api:docs": ALL,
    "api:hours": set(),
    "api:sessions": set(),
    "api:attendance": set(),
    "api:cofinancing": set(),
    "api:employee_import": set(),
    # Integration tokens: HR for their own organisations, programme admins for all.
    "api_tokens:*": ADMIN_X,
    "api_tokens:index": {"hr_x", "hr_y", "programme_admin"},
    "api_tokens:index_results": {"hr_x", "hr_y", "programme_admin"},
    "api_tokens:add": {"hr_x", "hr_y", "programme_admin"},
    "api_tokens:delete": set(),
    # The progress report is aggregates only, for the steering group and programme admins.
    "dashboards:progress_report": {"steering_group", "programme_admin"},
    "dashboards:progress_report_pdf": {"steering_group", "programme_admin"},
    # Funder evidence with names: HR of the organisation and programme admins.
    "sessions:workplace_certificates": ADMIN_X,
    "sessions_cofinancing_report": {"hr_x", "hr_y", "programme_admin"},
    "sessions_cofinancing_report_results": {"hr_x", "hr_y", "programme_admin"},
    "sessions_participants": {"hr_x", "hr_y", "programme_admin"},
    "sessions_participants_results": {"hr_x", "hr_y", "programme_admin"},  # revoked, never deleted: the log of its uses stays
}


# --- The world the visitors look at ------------------------------------------------------------


@dataclass
class World:
    clients: dict[str, Client]
    kwargs: dict[str, dict[str, object]]


def _ready_export_job(requester):
    from django.core.files.base import ContentFile

    from cms.models import ExportJob

    job = ExportJob(requester=requester, kind="hours_report", export_format="csv", language="sv",
                    file_name="timmar.csv", status=ExportJob.Status.READY, rows_done=0, rows_total=0,
                    expires_at=timezone.now() + datetime.timedelta(hours=1))
    job.file.save("timmar.csv", ContentFile(b"\xef\xbb\xbfAnst\xc3\xa4llningsnummer\r\n"), save=False)
    job.save()
    return job


def _world() -> World:
    org_x = OrganisationFactory(name="Xstad kommun", code="x")
    org_y = OrganisationFactory(name="Ystad kommun", code="y")
    workplace_a = WorkplaceFactory(organisation=org_x, name="Arbetsplats A")
    workplace_b = WorkplaceFactory(organisation=org_x, name="Arbetsplats B")
    workplace_c = WorkplaceFactory(organisation=org_y, name="Arbetsplats C")
    programme, track, prep_track, modules, prep_modules = programme_with_tracks(organisations=[org_x, org_y])
    employee = EmployeeFactory(workplace=workplace_a, first_name="Xenia", last_name="Xenofontos")
    EmployeeFactory(workplace=workplace_c, first_name="Ylva", last_name="Ystadsson")

    def staff(role, **kwargs):
        person = EmployeeFactory(workplace=kwargs.get("workplace") or workplace_a)
        return user_with_role(role, employee=person if role in (Role.MANAGER, Role.PROCESS_LEADER) else None,
                              **kwargs)

    users = {
        "employee": UserFactory(employee=employee, email="anstalld@example.se"),
        "process_leader_a": staff(Role.PROCESS_LEADER, workplace=workplace_a),
        "manager_a": staff(Role.MANAGER, workplace=workplace_a),
        "manager_b": staff(Role.MANAGER, workplace=workplace_b),
        "hr_x": user_with_role(Role.HR, organisation=org_x),
        "hr_y": user_with_role(Role.HR, organisation=org_y),
        "editor": user_with_role(Role.EDITOR),
        "steering_group": user_with_role(Role.STEERING_GROUP),
        "programme_admin": user_with_role(Role.PROGRAMME_ADMIN),
    }

    now = timezone.now()
    session = SessionFactory(module=modules[0], workplace=workplace_a, starts_at=now + datetime.timedelta(minutes=5),
                             ends_at=now + datetime.timedelta(minutes=65), place="Xanthippa-rummet",
                             process_leaders=[users["process_leader_a"]])
    invitation = Invitation.objects.create(session=session, employee=employee)
    past = SessionFactory(module=modules[1], workplace=workplace_a, starts_at=now - datetime.timedelta(days=2),
                          ends_at=now - datetime.timedelta(days=2) + datetime.timedelta(hours=1),
                          process_leaders=[users["process_leader_a"]])
    Invitation.objects.create(session=past, employee=employee)
    Attendance.objects.create(session=past, employee=employee, status="present", minutes=60)
    open_session = SessionFactory(module=prep_modules[0], workplace=None, capacity=10,
                                  starts_at=now + datetime.timedelta(days=7),
                                  ends_at=now + datetime.timedelta(days=7, hours=2))

    survey = survey_with_questions(programme=programme, kind=SurveyKind.BEFORE)
    survey_round = SurveyRoundFactory(survey=survey, programme=programme, phase=Phase.BEFORE,
                                      opens_on=timezone.localdate() - datetime.timedelta(days=1),
                                      workplaces=[workplace_a])
    survey_invitation = SurveyInvitation.objects.create(round=survey_round, employee=employee, nonce="n" * 32)
    token = answer_token(survey_invitation)
    from wagtail.models import Page

    from cms.models import PageFeedback

    feedback = PageFeedback.objects.create(page=Page.objects.filter(depth=2).first() or Page.objects.first(),
                                           comment="Bra")
    from people.models import EmployeeImport

    employee_import = EmployeeImport.objects.create(organisation=org_x, created_by=users["hr_x"],
                                                    file_name="x.csv", content=b"")
    role = users["manager_a"].roles.first()
    from courses.models import MessageText

    message_text = MessageText.objects.create(kind="invite", programme=programme, language="sv", subject="Hej")
    from api.services import api_token_create

    api_token, _secret = api_token_create(creator=None, organisation=org_x, name="Lön", scopes=["read"])
    export_job = _ready_export_job(users["hr_x"])

    clients = {}
    for name in VISITORS:
        client = TwoFactorClient()
        if name == "employee_link":
            client.get(f"/sv/lank/{employee_link_token(employee)}/")
        elif name != "anonymous":
            client.force_login(users[name])
        clients[name] = client

    month = timezone.localdate().strftime("%Y-%m")
    by_name = {
        "sessions:planner": {"workplace_id": workplace_a.pk},
        "sessions:create": {"workplace_id": workplace_a.pk},
        "sessions:sign_up": {"pk": open_session.pk},
        "sessions:invitation_cancel": {"pk": invitation.pk},
        "sessions:certificate": {"employee_id": employee.pk, "month": month},
        "sessions:workplace_certificates": {"workplace_id": workplace_a.pk, "month": month},
        "surveys:answer": {"token": token},
        "surveys:answer_draft": {"token": token},
        "surveys:answer_here": {"invitation_id": survey_invitation.pk},
        "surveys:answer_here_draft": {"invitation_id": survey_invitation.pk},
        "surveys:results": {"programme_id": programme.pk},
        "surveys:export": {"programme_id": programme.pk, "fmt": "csv"},
        "surveys:codebook": {"programme_id": programme.pk},
        "surveys:round_invite": {"round_id": survey_round.pk},
        "surveys:round_qr": {"round_id": survey_round.pk, "workplace_id": workplace_a.pk},
        "surveys:round_letters": {"round_id": survey_round.pk},
        "cms:employee_link": {"token": employee_link_token(employee)},
        "surveys_links_reissue": {"employee_id": employee.pk},
        "personal_data_extract": {"employee_id": employee.pk, "pk": employee.pk},
        "personal_data_erase": {"employee_id": employee.pk, "pk": employee.pk},
        "people_import:*": {"pk": employee_import.pk},
        "page_feedback:*": {"pk": feedback.pk},
        "organisation:*": {"pk": org_x.pk},
        "workplace:*": {"pk": workplace_a.pk},
        "employee:*": {"pk": employee.pk},
        "roleassignment:*": {"pk": role.pk},
        "programmes:*": {"pk": programme.pk},
        "tracks:*": {"pk": track.pk},
        "wagtailsnippets_courses_messagetext:*": {"pk": message_text.pk},
        "wagtailsnippetchoosers_courses_messagetext:*": {"pk": message_text.pk},
        "user_chooser:*": {"pk": users["manager_a"].pk},
        "workplace_chooser:*": {"pk": workplace_a.pk},
        "wagtailsnippets_surveys_survey:*": {"pk": survey.pk},
        "wagtailsnippetchoosers_surveys_survey:*": {"pk": survey.pk},
        "surveyround:*": {"pk": survey_round.pk},
        "wagtailusers_users:*": {"pk": users["manager_a"].pk},
        "cms_export_job": {"job_id": export_job.pk},
        "cms_export_job_status": {"job_id": export_job.pk},
        "cms_export_job_download": {"job_id": export_job.pk},
        "api_tokens:*": {"pk": api_token.pk},
    }
    for name in ("detail", "edit", "cancel", "facilitate", "roll_call_mark", "close", "reopen", "attendance_list",
                 "correct"):
        by_name[f"sessions:{name}"] = {"pk": session.pk}
    by_name["sessions:correct"] = {"pk": past.pk}
    by_name["sessions:reopen"] = {"pk": past.pk}
    return World(clients=clients, kwargs=by_name)


# --- The walk ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Route:
    name: str
    path: str
    methods: tuple[str, ...]

    @property
    def group(self) -> str:
        return self.name.split(":")[0] + ":*"


def _is_ours(pattern: URLPattern, prefix: str) -> bool:
    callback = pattern.callback
    module = getattr(callback, "__module__", "") or ""
    model = getattr(callback, "view_initkwargs", {}).get("model")
    if hasattr(model, "_meta") and model._meta.app_label in OUR_LABELS:
        return True
    return module.split(".")[0] in OUR_MODULES


def _walk(resolver: URLResolver, prefix: str = "", namespace: str | None = None):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(part for part in (namespace, pattern.namespace) if part) or None
            yield from _walk(pattern, prefix + str(pattern.pattern), inner)
        elif _is_ours(pattern, prefix) and pattern.name:
            # Unnamed patterns are catch-alls (the API's problem+json 404), never a page.
            name = f"{namespace}:{pattern.name}" if namespace else pattern.name
            yield name, prefix + str(pattern.pattern), pattern.callback


def _routes() -> list[Route]:
    routes = []
    for name, path, callback in _walk(get_resolver()):
        # POST-only views answer GET with 405 to everyone: ask them with POST instead.
        methods = ("POST",) if _post_only(callback) else ("GET",)
        routes.append(Route(name=name, path=path, methods=methods))
    return routes


def _post_only(callback) -> bool:
    import inspect

    view_class = getattr(callback, "view_class", None)
    if view_class is not None:
        return "get" not in view_class.http_method_names
    seen = callback
    for _ in range(10):
        closure = inspect.getclosurevars(seen).nonlocals if inspect.isfunction(seen) else {}
        if closure.get("request_method_list") == ["POST"]:
            return True
        seen = getattr(seen, "__wrapped__", None)
        if seen is None:
            return False
    return False


def _expected(route: Route) -> set[str] | None:
    if route.name in EXPECTED:
        return EXPECTED[route.name]
    return EXPECTED.get(route.group)


def _kwargs(world: World, route: Route) -> dict:
    given = world.kwargs.get(route.name) or world.kwargs.get(route.group) or {}
    wanted = set(re.findall(r"<(?:\w+:)?(\w+)>", route.path))
    return {key: value for key, value in given.items() if key in wanted}


def _url(route: Route, kwargs: dict) -> str:
    from django.urls import reverse

    return reverse(route.name, kwargs=kwargs)


REFUSED_REDIRECTS = ("/logga-in/", "/admin/login/", "/tvastegsverifiering/app/", "/logga-in/kod/")


def _outcome(response, url: str) -> str:
    status = response.status_code
    if status in (401, 403, 404, 410):
        return "refused"
    if status in (301, 302, 303):
        location = response.headers.get("Location", "")
        if any(part in location for part in REFUSED_REDIRECTS):
            return "refused"
        # Wagtail's admin answers a refusal by sending the visitor to the dashboard.
        if url.startswith("/admin/") and location.rstrip("/").endswith("/admin") and url != "/admin/":
            return "refused"
        return "allowed"
    if status == 405:
        return "refused"
    assert status < 500, f"{url} answered {status}"
    return "allowed"


def _ask(client: Client, route: Route, url: str):
    return _ask_with(client, route.methods[0], url)


def _ask_with(client: Client, method: str, url: str, data: dict | None = None):
    """One request in a savepoint that is rolled back afterwards. The rollback undoes what the
    request wrote, the session included, so the visitor's cookies go back to what they were
    too (opening a signed link starts a new session)."""
    cookies = copy.deepcopy(client.cookies)
    with transaction.atomic():
        response = client.post(url, data or {}) if method == "POST" else client.get(url)
        transaction.set_rollback(True)
    client.cookies = cookies
    return response


def test_every_url_has_a_declared_expectation(db):
    missing = sorted({route.name for route in _routes() if _expected(route) is None})
    assert missing == [], f"URLs without a declared expectation: {missing}"


@pytest.mark.parametrize("visitor", VISITORS)
def test_each_visitor_opens_exactly_what_the_declaration_allows(db, visitor):
    world = _world()
    client = world.clients[visitor]
    wrong = []
    checked = 0
    for route in _routes():
        expected = _expected(route)
        if expected is None:
            continue
        url = _url(route, _kwargs(world, route))
        response = _ask(client, route, url)
        outcome = _outcome(response, url)
        want = "allowed" if visitor in expected else "refused"
        checked += 1
        if outcome != want:
            wrong.append(f"{route.methods[0]} {url} ({route.name}): {outcome}, declared {want} "
                         f"[{response.status_code} {response.headers.get('Location', '')}]")
        elif outcome == "allowed" and not _in_scope_of_x(visitor) and response.status_code == 200:
            body = response.content.decode(errors="replace")
            leaked = [marker for marker in MARKERS if marker in body]
            if leaked:
                wrong.append(f"{url} ({route.name}) shows {leaked} to {visitor}")
    assert not wrong, "\n" + "\n".join(wrong)
    assert checked >= 150


def _in_scope_of_x(visitor: str) -> bool:
    """Visitors who may see organisation X's people by name somewhere."""
    return visitor in {"employee_link", "employee", "process_leader_a", "manager_a", "hr_x", "programme_admin"}
