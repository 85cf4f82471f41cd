"""Every page each role can reach, on a 360 px phone, at normal and at the largest text size.

For each role the sweep starts at the role's landing page, in Swedish and in English, and follows
the same-origin links it finds (breadth first), leaving out signing out, the Wagtail admin,
downloads and exports. Addresses of one kind – one view, or one type of Wagtail page, with the
same query keys – are opened up to ``PER_KIND`` times per language rather than once per id: a
second session or round may be in another state, the twentieth adds nothing. On every page it
opens it asserts that nothing is wider than the phone at normal and at the largest text size,
that every table sits in its scroll container, that axe finds no WCAG 2.1 A/AA violation, and on
every ``/en/`` page, that every link stays in English.

The largest text size is measured on the page already open, by the class reading.js sets when a
reader picks "Störst text" (the server sets the same class from the cookie); axe runs once per
page, and again at the largest size only for its rules that depend on the layout.
The data is a small programme built here, with the long Swedish names real programmes have.
"""

from __future__ import annotations

import datetime
import re
import time
from collections import Counter, deque
from urllib.parse import urldefrag, urlsplit

import pytest
from axe_playwright_python.base import AxeResults
from playwright.sync_api import Error as PlaywrightError

from django.test import RequestFactory
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone, translation

from wagtail.models import Page

from cms.templatetags.reading import COOKIE_NAME as READING_COOKIE
from tests.e2e.conftest import DESKTOP, PHONE

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.sweep]

#: Addresses of one kind opened per role and language (see the module's docstring): enough for
#: the three states the data gives a session (held and closed, running, coming) and a round.
PER_KIND = 3
#: A bound per role and language: a link that grows without end (a calendar, a search) stops here.
MAX_PAGES = 60
#: Addresses the sweep does not open: they sign out, belong to the admin, or are files.
SKIPPED = re.compile(
    r"^/(admin|documents|i18n|static|media|favicon\.ico)(/|$)"
    r"|/logga-ut/|/lank/|/transkription/|/export|/kodbok|/utskrift/|/pdf/|/intyg/arbetsplats/|[?&]format=|\.(csv|xlsx|ics|txt|pdf|vtt|mp4|webm)$"
)
#: Links an English page may have outside /en/: the language switcher and the files it serves.
ENGLISH_EXEMPT = re.compile(r"^/(admin|documents|static|media|i18n)(/|$)")
#: Pages that show the same to everyone, whoever is signed in: the anonymous visitor's sweep
#: covers them (each role's own header and menu is covered on every other page of that role).
SAME_FOR_EVERYONE = {"cms:accessibility", "cms:privacy", "cms:processing_record", "cms:login"}
#: The class reading.js puts on <html> for "Störst text" (cms/templatetags/reading.py).
LARGEST_TEXT = "text-xlarge"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
#: Best-practice rules the site keeps too: unique landmarks, all content in a landmark, roles
#: only where ARIA allows them.
AXE_EXTRA_RULES = ["landmark-unique", "region", "aria-allowed-role"]
#: The one WCAG rule whose outcome can change with the text size alone: a box that starts to
#: scroll must be reachable by keyboard. (Colours stay; larger text only needs less contrast.)
AXE_LAYOUT_RULES = ["scrollable-region-focusable"]


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
    steering = user_with_role(Role.STEERING_GROUP, email="styrgrupp@example.se")

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
        "HR": hr, "editor": editor, "programme admin": admin, "steering group": steering,
        "workplace": workplace,
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


def page_kind(path: str) -> tuple:
    """What kind of page an address shows: its language, its view or Wagtail page type, and the
    names (not the values) of its query."""
    parts = urlsplit(path)
    language = parts.path.strip("/").split("/")[0]
    query = tuple(sorted({pair.split("=")[0] for pair in parts.query.split("&") if pair}))
    with translation.override(language):
        try:
            match = resolve(parts.path)
        except Resolver404:
            return language, parts.path, (), query
        if match.url_name == "wagtail_serve":
            request = RequestFactory().get(parts.path)
            found = Page.route_for_request(request, match.args[0] if match.args else match.kwargs["path"])
            if found is not None:
                page, args, _kwargs = found
                return language, type(page.specific).__name__, bool(args), query
    return language, match.view_name, tuple(sorted(match.kwargs)), query


class Axe:
    """axe-core on the page as it is now: every WCAG 2.1 A/AA rule, or only some rules.

    The script is put into every page of the context when the page starts, rather than sent
    with each check."""

    def __init__(self, context, script: str):
        context.add_init_script(script=script)

    def violations(self, page, rules: list[str] | None = None) -> str:
        if rules is None:
            options = {"runOnly": {"type": "tag", "values": AXE_TAGS},
                       "rules": {rule: {"enabled": True} for rule in AXE_EXTRA_RULES}}
        else:
            options = {"runOnly": {"type": "rule", "values": rules}}
        results = AxeResults(page.evaluate("options => axe.run(document, options)",
                                           {**options, "resultTypes": ["violations"]}))
        return results.generate_report() if results.violations_count else ""


#: The elements that scroll now, by their place in the document (which a text size leaves alone).
SCROLLING = """() => [...document.querySelectorAll("body *")].flatMap((element, index) => {
    const style = getComputedStyle(element);
    const across = element.scrollWidth > element.clientWidth && /auto|scroll/.test(style.overflowX);
    const down = element.scrollHeight > element.clientHeight && /auto|scroll/.test(style.overflowY);
    return across || down ? [index] : [];
})"""
#: The innermost elements that reach past the phone's right edge, to name in a failure.
TOO_WIDE = """limit => [...document.querySelectorAll("body *")]
    .filter(element => element.getBoundingClientRect().right > limit + 0.5)
    .filter(element => {  // what a scrolling box holds does not widen the page
        for (let box = element.parentElement; box && box !== document.body; box = box.parentElement) {
            if (getComputedStyle(box).overflowX !== "visible") { return false; }
        }
        return true;
    })
    .filter((element, _index, wide) => !wide.some(other => other !== element && element.contains(other)))
    .slice(0, 4)
    .map(element => `${element.tagName.toLowerCase()}${element.className ? "." + element.className : ""}`
        + ` (${Math.round(element.getBoundingClientRect().right)} px): ${element.textContent.trim().slice(0, 50)}`)"""
#: What the Wagtail user bar's button covers in <main> once the page is scrolled to its end (it
#: floats over the bottom corner; the footer leaves room for it).
UNDER_USERBAR = """() => {
    const host = document.querySelector("wagtail-userbar");
    const trigger = host && host.shadowRoot && host.shadowRoot.querySelector("#wagtail-userbar-trigger");
    if (!trigger) { return []; }
    window.scrollTo(0, document.documentElement.scrollHeight);
    const bar = trigger.getBoundingClientRect();
    const texts = [...document.querySelectorAll("main *")].filter(element =>
        [...element.childNodes].some(node => node.nodeType === Node.TEXT_NODE && node.textContent.trim())
        || element.matches("input, select, textarea, button, img, svg"));
    const covered = texts.filter(element => {
        const box = element.getBoundingClientRect();
        return box.width && box.height && box.left < bar.right && box.right > bar.left
            && box.top < bar.bottom && box.bottom > bar.top;
    }).map(element => element.textContent.trim().slice(0, 40) || element.tagName);
    window.scrollTo(0, 0);
    return covered;
}"""
#: Tables a scrolling box does not hold (each would widen a phone's page with its longest row).
LOOSE_TABLES = """() => [...document.querySelectorAll("main table")]
    .filter(table => !table.closest(".table-wrap, .table-scroll"))
    .map(table => (table.querySelector("caption") || table).textContent.trim().slice(0, 60))"""


class Sweep:
    """One role's walk through the site, collecting what is wrong so that one run names every page."""

    def __init__(self, page, origin: str, role: str, axe: Axe):
        self.page, self.origin, self.role, self.axe = page, origin, role, axe
        self.skipped_kinds = set() if role == "anonymous" else SAME_FOR_EVERYONE
        self.widths: dict[tuple[str, str], int] = {}
        self.problems: list[str] = []
        self.seconds: Counter = Counter()

    def _timed(self, what: str, call, *args):
        started = time.perf_counter()
        try:
            return call(*args)
        finally:
            self.seconds[what] += time.perf_counter() - started

    def _width(self, path: str, label: str) -> None:
        width = self.page.evaluate("document.documentElement.scrollWidth")
        self.widths[(path, label)] = width
        if width > PHONE["width"]:
            culprits = self.page.evaluate(TOO_WIDE, PHONE["width"])
            self.problems.append(f"{self.role}: {path} is {width} px wide at 360 px with {label}: {culprits}")
        covered = self.page.evaluate(UNDER_USERBAR)
        if covered:
            self.problems.append(f"{self.role}: on {path} with {label} the Wagtail user bar covers {covered}")

    def _axe(self, path: str, label: str, rules: list[str] | None = None) -> None:
        report = self._timed(f"axe ({label})", self.axe.violations, self.page, rules)
        if report:
            self.problems.append(f"{self.role}: {path} ({label}):\n{report}")

    def check(self, path: str) -> None:
        """The page open now, at normal text, then at the largest text size."""
        loose = self.page.evaluate(LOOSE_TABLES)
        if loose:
            self.problems.append(f"{self.role}: {path} has tables outside a scroll container: {loose}")
        self._width(path, "normal text")
        self._axe(path, "normal text")
        scrolling = set(self.page.evaluate(SCROLLING))
        self.page.evaluate(f"document.documentElement.classList.add('{LARGEST_TEXT}')")
        self._width(path, "largest text")
        if not set(self.page.evaluate(SCROLLING)) <= scrolling:
            self._axe(path, "largest text", AXE_LAYOUT_RULES)

    def same_as_chosen(self, path: str) -> None:
        """The largest text set by class measures as when a reader has chosen it: the server
        then renders the page with the class from the cookie."""
        self.page.context.add_cookies([{"name": READING_COOKIE, "value": LARGEST_TEXT, "url": self.page.url}])
        self.page.reload()
        chosen = self.page.evaluate("document.documentElement.scrollWidth")
        self.page.context.add_cookies([{"name": READING_COOKIE, "value": "", "url": self.page.url}])
        assert LARGEST_TEXT in self.page.evaluate("document.documentElement.className")
        assert chosen == self.widths[(path, "largest text")], f"{self.role}: {path} is {chosen} px with the cookie"

    def walk(self, start: str) -> None:
        """Open every page reachable from ``start`` (a bounded number of each kind)."""
        queue, seen, kinds, opened = deque([start]), {start}, Counter([page_kind(start)]), 0
        prefix = start[:4]
        while queue and opened < MAX_PAGES:
            path = queue.popleft()
            try:
                response = self._timed("load", self.page.goto, self.origin + path)
            except PlaywrightError as error:
                self.problems.append(f"{self.role}: {path} could not be opened as a page: {error.message}")
                continue
            assert response is not None and response.ok, f"{self.role}: {path} answered {response and response.status}"
            opened += 1
            here = urlsplit(self.page.url)
            current = here.path + (f"?{here.query}" if here.query else "")
            links = _same_origin_links(self.page, self.origin)
            if current.startswith("/en/"):
                assert self.page.locator(".language-switcher").count() == 1
                strays = sorted({link for link in links
                                 if not link.startswith("/en/") and not ENGLISH_EXEMPT.match(link)})
                if strays:
                    self.problems.append(f"{self.role}: {current} links out of English to {strays}")
            self.check(current)
            if path == start:
                self.same_as_chosen(current)
            for link in links:
                if link in seen or SKIPPED.search(link) or not link.startswith(prefix):
                    continue
                seen.add(link)
                kind = page_kind(link)
                if kind[1] not in self.skipped_kinds and kinds[kind] < PER_KIND:
                    kinds[kind] += 1
                    queue.append(link)
        assert not queue, f"{self.role}: more than {MAX_PAGES} pages from {start}; left {sorted(queue)}"

    @property
    def pages(self) -> list[str]:
        return sorted({path for path, _label in self.widths})

    def summary(self) -> str:
        widest = sorted(self.widths.items(), key=lambda item: -item[1])
        kinds = sorted({page_kind(path)[1] for path in self.pages})
        lines = [f"{self.role}: {len(self.pages)} pages of {len(kinds)} kinds; "
                 + ", ".join(f"{what} {seconds:.1f} s" for what, seconds in sorted(self.seconds.items()))]
        for label in ("normal text", "largest text"):
            (path, _label), width = next(item for item in widest if item[0][1] == label)
            lines.append(f"  widest with {label}: {width} px ({path})")
        lines.append("  pages: " + " ".join(self.pages))
        return "\n".join(lines)


#: Fewer pages than this means the crawl lost its way (a landing page without its links).
MIN_PAGES = {"anonymous": 10, "employee by link": 16, "employee": 16, "process leader": 20, "manager": 24, "HR": 10,
             "editor": 2, "programme admin": 30, "steering group": 4}
ROLES = list(MIN_PAGES)


@pytest.mark.parametrize("role", ROLES)
def test_every_reachable_page_fits_a_phone_and_passes_axe(role, page, live_server, site_home, login, axe):
    from people.links import employee_link_url

    started = time.perf_counter()
    world = _world()
    built = time.perf_counter() - started
    page.set_viewport_size(PHONE)
    origin = live_server.url
    starts = ["/sv/", "/en/"] if role == "anonymous" else [reverse("cms:landing"), "/en/min-sida/"]
    if role == "employee by link":
        page.goto(origin + urlsplit(employee_link_url(world["person"])).path)
        assert page.get_by_role("heading", level=1).inner_text().startswith("Välkommen")
    elif role != "anonymous":
        login(page, world[role])
    sweep = Sweep(page, origin, role, Axe(page.context, axe.axe_script))
    for start in starts:
        sweep.walk(start)
    print(f"\n{sweep.summary()}\n  data {built:.1f} s, sign-in and crawl {time.perf_counter() - started - built:.1f} s")
    if role in ("HR", "programme admin"):
        # Our own report in the Wagtail admin, where the landing page sends them (desktop width).
        page.set_viewport_size(DESKTOP)
        page.context.add_cookies([{"name": READING_COOKIE, "value": "", "url": origin}])
        page.goto(origin + reverse("sessions_hours_report"))
        sweep._axe(reverse("sessions_hours_report"), "desktop")
    assert not sweep.problems, "\n\n".join(sweep.problems)
    assert len(sweep.pages) >= MIN_PAGES[role], sweep.pages
