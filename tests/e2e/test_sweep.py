"""Every page each role can reach, on a 360 px phone, at normal and at the largest text size.

For each role the sweep starts at the role's landing page and follows the same-origin links it
finds (breadth first, up to ``MAX_PAGES``), leaving out signing out, the Wagtail admin,
downloads and exports. On every page it asserts that nothing is wider than the phone and that
axe finds no WCAG 2.1 A/AA violation; on every ``/en/`` page, that every link stays in English.
The data is a small programme built here, with the long Swedish names real programmes have.
"""

from __future__ import annotations

import datetime
import re
from collections import deque
from urllib.parse import urldefrag, urlsplit

import pytest

from django.urls import reverse
from django.utils import timezone

from cms.templatetags.reading import COOKIE_NAME as READING_COOKIE
from tests.e2e.conftest import DESKTOP, PHONE

# Not in the default run yet: it takes about three minutes per role (`-m sweep` runs it).
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.sweep]

#: A bound per role and language: a link that grows without end (a calendar, a search) stops here.
MAX_PAGES = 45
#: Addresses the sweep does not open: they sign out, belong to the admin, or are files.
SKIPPED = re.compile(
    r"^/(admin|documents|i18n|static|media|favicon\.ico)(/|$)"
    r"|/logga-ut/|/lank/|/transkription/|/export|/kodbok|/utskrift/|\.(csv|xlsx|ics|txt|pdf|vtt|mp4|webm)$"
)
#: Links an English page may have outside /en/: the language switcher and the files it serves.
ENGLISH_EXEMPT = re.compile(r"^/(admin|documents|static|media|i18n)(/|$)")
SIZES = (("normal text", ""), ("largest text", "text-xlarge"))


def _world():
    """A programme with both tracks, material partly in English, sessions, hours and surveys."""
    from people.models import Role
    from sessions.models import Attendance, AttendanceStatus, Invitation, Session, SessionStatus
    from surveys.models import Phase, SurveyKind
    from tests.cms.factories import content_tree, english_locale
    from tests.factories import (
        EmployeeFactory,
        OrganisationFactory,
        UserFactory,
        WorkplaceFactory,
        user_with_role,
    )
    from tests.sessions.factories import SessionFactory, programme_with_tracks
    from tests.surveys.factories import (
        SurveyInvitationFactory,
        SurveyRoundFactory,
        survey_with_questions,
    )
    from tests.surveys.helpers import answer, close

    tree = content_tree()
    english = english_locale()
    for page in (tree.home, tree.index, tree.guide):  # the segment stays Swedish only
        translated = page.copy_for_translation(english).specific
        translated.save_revision().publish()

    organisation = OrganisationFactory(name="Södra Dalarnas Räddningstjänstförbund")
    workplace = WorkplaceFactory(organisation=organisation, name="Hemtjänstgruppen Centrumområdet")
    programme, work_track, _prep, work_modules, _prep_modules = programme_with_tracks(
        organisations=[organisation], name="Vilka är vi? Medarbetarutvecklingsprogrammet"
    )
    work_modules[0].lecture_segment = tree.segment
    work_modules[0].discussion_guide = tree.guide
    work_modules[0].title = "Arbetsplatsgemenskapsutveckling och inkluderingsarbete"
    work_modules[0].save()

    person = EmployeeFactory(workplace=workplace, first_name="Amina", last_name="Abdullahi-Johansson", gender="woman")
    employee_user = UserFactory(employee=person, email="anstalld@example.se")
    staff = [EmployeeFactory(workplace=workplace, gender=g) for g in ("woman", "man", "woman", "man", "woman", "man")]
    manager = user_with_role(Role.MANAGER, workplace=workplace, email="chef@example.se")
    leader = user_with_role(Role.PROCESS_LEADER, workplace=workplace, email="ledare@example.se")
    hr = user_with_role(Role.HR, organisation=organisation, email="hr@example.se")
    editor = user_with_role(Role.EDITOR, email="redaktor@example.se")
    admin = user_with_role(Role.PROGRAMME_ADMIN, email="admin@example.se")

    now = timezone.now()
    past = SessionFactory(module=work_modules[0], workplace=workplace, starts_at=now - datetime.timedelta(days=20),
                          ends_at=now - datetime.timedelta(days=20) + datetime.timedelta(hours=1),
                          place="Konferensrummet Bergslagen", process_leaders=[leader])
    running = SessionFactory(module=work_modules[1], workplace=workplace, starts_at=now - datetime.timedelta(minutes=5),
                             ends_at=now + datetime.timedelta(minutes=55), place="Personalrummet",
                             process_leaders=[leader])
    SessionFactory(module=work_modules[2], workplace=workplace, starts_at=now + datetime.timedelta(days=7),
                   ends_at=now + datetime.timedelta(days=7, hours=1), place="Personalrummet", process_leaders=[leader])
    for session in (past, running):
        for someone in (person, *staff):
            Invitation.objects.create(session=session, employee=someone)
    for someone, minutes in ((person, 60), (staff[0], 45), (staff[1], 60)):
        Attendance.objects.create(session=past, employee=someone, minutes=minutes, recorded_by=leader,
                                  status=AttendanceStatus.PRESENT if minutes == 60 else AttendanceStatus.PARTIAL)
    Session.objects.filter(pk=past.pk).update(status=SessionStatus.CLOSED, closed_at=now - datetime.timedelta(days=20))

    rounds = []
    for kind, phase in ((SurveyKind.BEFORE, Phase.BEFORE), (SurveyKind.AFTER, Phase.AFTER)):
        survey = survey_with_questions(programme=programme, kind=kind, title=f"Medarbetarenkät {phase}")
        rounds.append(SurveyRoundFactory(survey=survey, programme=programme, phase=phase, name=f"Omgång {phase}",
                                         opens_on=datetime.date(2026, 1, 1), workplaces=[workplace]))
    for someone in staff:
        answer(rounds[0], someone, tillhorighet=3, trygghet=4, roll=1, amnen=[1], tankar="Före")
        answer(rounds[1], someone, tillhorighet=4, trygghet=6, roll=2, amnen=[2], tankar="Efter")
    close(*rounds)
    open_survey = survey_with_questions(programme=programme, kind=SurveyKind.BEFORE,
                                        title="Uppföljningsenkät om arbetsplatsgemenskap")
    open_round = SurveyRoundFactory(survey=open_survey, programme=programme, phase=Phase.BEFORE, name="Uppföljning",
                                    opens_on=datetime.date(2026, 1, 1), workplaces=[workplace])
    SurveyInvitationFactory(round=open_round, employee=person)
    return {
        "employee": employee_user, "person": person, "manager": manager, "process leader": leader,
        "HR": hr, "editor": editor, "programme admin": admin, "workplace": workplace,
    }


def _same_origin_links(page, origin: str) -> list[str]:
    hrefs = page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
    paths = []
    for href in hrefs:
        href, _fragment = urldefrag(href)
        parts = urlsplit(href)
        if f"{parts.scheme}://{parts.netloc}" != origin:
            continue
        paths.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return paths


def _check_page(page, path: str, role: str, axe_check, widths: dict, problems: list) -> None:
    for label, reading in SIZES:
        page.context.add_cookies([{"name": READING_COOKIE, "value": reading, "url": page.url}])
        page.reload()
        width = page.evaluate("document.documentElement.scrollWidth")
        widths[(role, path, label)] = width
        if width > PHONE["width"]:
            problems.append(f"{role}: {path} is {width} px wide at 360 px with {label}")
        try:
            axe_check(page, f"{role}: {path} ({label})")
        except AssertionError as violations:
            problems.append(str(violations))


def sweep(page, origin: str, start: str, role: str, axe_check, problems: list) -> dict:
    """Open every page reachable from ``start``; return the width of each page at each size.

    What is wrong is collected in ``problems``, so that one run names every page at fault."""
    widths: dict = {}
    queue, seen = deque([start]), {start}
    while queue:
        path = queue.popleft()
        response = page.goto(origin + path)
        assert response is not None and response.ok, f"{role}: {path} answered {response and response.status}"
        here = urlsplit(page.url)
        current = here.path + (f"?{here.query}" if here.query else "")
        links = _same_origin_links(page, origin)
        if current.startswith("/en/"):
            switcher = page.locator(".language-switcher")
            assert switcher.count() == 1
            strays = sorted({link for link in links if not link.startswith("/en/") and not ENGLISH_EXEMPT.match(link)})
            if strays:
                problems.append(f"{role}: {current} links out of English to {strays}")
        _check_page(page, current, role, axe_check, widths, problems)
        for link in links:
            if link in seen or SKIPPED.search(link) or not link.startswith(start[:4]):
                continue
            seen.add(link)
            if len(seen) <= MAX_PAGES:
                queue.append(link)
    return widths


#: Fewer pages than this means the crawl lost its way (a landing page without its links).
MIN_PAGES = {"anonymous": 6, "employee by link": 10, "employee": 10, "process leader": 10, "manager": 8, "HR": 8,
             "editor": 6, "programme admin": 10}
ROLES = ["anonymous", "employee by link", "employee", "process leader", "manager", "HR", "editor", "programme admin"]


@pytest.mark.parametrize("role", ROLES)
def test_every_reachable_page_fits_a_phone_and_passes_axe(role, page, live_server, site_home, login, axe_check):
    from people.links import employee_link_url

    world = _world()
    page.set_viewport_size(PHONE)
    origin = live_server.url
    starts = ["/sv/", "/en/"] if role == "anonymous" else [reverse("cms:landing"), "/en/min-sida/"]
    if role == "employee by link":
        page.goto(origin + urlsplit(employee_link_url(world["person"])).path)
        assert page.get_by_role("heading", level=1).inner_text().startswith("Välkommen")
    elif role != "anonymous":
        login(page, world[role])
    widths: dict = {}
    problems: list[str] = []
    for start in starts:
        widths |= sweep(page, origin, start, role, axe_check, problems)
    pages = {path for (_role, path, _size) in widths}
    widest = max(widths.items(), key=lambda item: item[1])
    print(f"\n{role}: {len(pages)} pages, widest {widest[1]} px ({widest[0][1]}, {widest[0][2]})")
    for (_role, path, size), width in sorted(widths.items(), key=lambda item: -item[1])[:5]:
        print(f"  {width} px  {path} ({size})")
    if role in ("HR", "programme admin"):
        # Our own report in the Wagtail admin, where the landing page sends them (desktop width).
        page.set_viewport_size(DESKTOP)
        page.context.add_cookies([{"name": READING_COOKIE, "value": "", "url": origin}])
        page.goto(origin + reverse("sessions_hours_report"))
        try:
            axe_check(page, f"{role}: hours report in the admin")
        except AssertionError as violations:
            problems.append(str(violations))
    assert not problems, "\n\n".join(problems)
    assert len(pages) >= MIN_PAGES[role], sorted(pages)
