"""The three attacks of issue 8, tried as the people who see results would try them.

Each test only uses what those people can see or click: pages, links, the QR codes (their
encoded payload, recorded as segno makes them), exports and e-mails to their own address.
See docs/anonymity.md for the rules that make them fail.
"""

import csv
import io
import re
from collections import Counter
from html import unescape
from urllib.parse import urlsplit

import pytest
import segno
from openpyxl import load_workbook

from django.core import mail
from django.test import Client
from django.urls import reverse

from cms.models import OutboxMessage
from surveys.services import survey_response_submit, survey_round_invite
from tests.factories import EmployeeFactory, WorkplaceFactory
from tests.surveys.factories import SurveyInvitationFactory
from tests.surveys.helpers import answer, answer_many, close, people

pytestmark = pytest.mark.django_db

SECRET_DRAFT = "Min chef kränker mig på varje möte"
THRESHOLD = 5


# --- helpers: what a viewer can reach ---------------------------------------------------


_HREF = re.compile(r'href="([^"#]+)')
_SKIP = ("/admin", "/static", "/media", "/documents", "/i18n", "/sv/logga-ut", "/en/logga-ut")


def _path(url: str) -> str | None:
    parts = urlsplit(unescape(url))
    if parts.netloc and parts.netloc not in ("127.0.0.1:8000", "testserver", "localhost"):
        return None
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    return path if path.startswith("/") and not path.startswith(_SKIP) else None


def _crawl(client, starts, limit=250):
    """Every page reachable by following links from ``starts``; returns {path: html}."""
    seen, queue, pages = set(), list(starts), {}
    while queue and len(seen) < limit:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        response = client.get(path)
        if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
            continue
        html = response.content.decode()
        pages[path] = html
        for href in _HREF.findall(html):
            target = _path(href)
            if target and target not in seen:
                queue.append(target)
    return pages


@pytest.fixture
def qr_payloads(monkeypatch):
    """What every QR code drawn during the test encodes (as a phone would decode it)."""
    payloads = []
    real_make = segno.make

    def recording_make(content, *args, **kwargs):
        payloads.append(content)
        return real_make(content, *args, **kwargs)

    monkeypatch.setattr(segno, "make", recording_make)
    return payloads


def _opens_a_form_or_draft(html: str) -> bool:
    return "data-survey-form" in html or SECRET_DRAFT in html


# --- 1. personal links in a manager's hands -----------------------------------------------


def test_attack_personal_links_in_managers_hands(
    client, before_round, workplace, manager, process_leader, qr_payloads, django_capture_on_commit_callbacks
):
    """A manager and a process leader collect every link on every page they can reach, every
    QR code those pages draw and every e-mail sent to them; none opens anyone's form or draft."""
    staff = people(workplace, 6)
    with django_capture_on_commit_callbacks(execute=True):
        survey_round_invite(survey_round=before_round)
    # One employee starts answering from their own e-mail and saves a draft.
    victim = staff[0]
    own_link = next(m for m in mail.outbox if victim.email in m.to).body
    own_path = _path(re.search(r"https?://\S+/enkater/svar/\S+/", own_link).group(0))
    victim_browser = Client()
    page = victim_browser.get(own_path).content.decode()
    assert "data-survey-form" in page
    field = re.search(r'<textarea id="(q_\d+)"', page).group(1)
    victim_browser.post(own_path, {field: SECRET_DRAFT, "action": "save"})

    qr_page = reverse("surveys:round_qr", kwargs={"round_id": before_round.pk, "workplace_id": workplace.pk})
    for viewer in (manager, process_leader):
        qr_payloads.clear()
        client.force_login(viewer)
        pages = _crawl(client, [reverse("cms:landing"), reverse("surveys:rounds"), reverse("surveys:results_index"), qr_page])
        assert qr_page in pages, "the QR page must be reachable for the test to mean anything"
        assert qr_payloads, "no QR code was drawn: the test would prove nothing"
        collected = set(filter(None, (_path(p) for p in qr_payloads)))
        for html in pages.values():
            collected.update(filter(None, (_path(h) for h in _HREF.findall(html))))
        for message in OutboxMessage.objects.filter(to_email__iexact=viewer.email):
            collected.update(filter(None, (_path(u) for u in re.findall(r"https?://\S+", message.body_text))))
        for path in sorted(collected):
            for browser in (client, Client()):
                response = browser.get(path)
                if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
                    html = response.content.decode()
                    assert SECRET_DRAFT not in html, f"{viewer.email} reads someone's draft at {path}"
                    if "data-survey-form" in html:
                        # Only the viewer's own survey (a manager is an employee too) may open.
                        assert _link_owner(path) == viewer.employee_id, f"{viewer.email} opens someone's form at {path}"


def _link_owner(path: str) -> int | None:
    from surveys.links import invitation_from_token

    match = re.search(r"/enkater/svar/([^/]+)/", path)
    check = invitation_from_token(match.group(1)) if match else None
    return check.invitation.employee_id if check and check.invitation else None


# --- 2. differencing over time ------------------------------------------------------------


def _normalise_html(html: str) -> list[str]:
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)
    html = re.sub(r"<svg.*?</svg>", "<svg/>", html, flags=re.S)  # QR codes and charts: compared as tables
    return sorted(line.strip() for line in html.splitlines() if line.strip())


def _normalise_rows(rows: list[list]) -> list[tuple]:
    return sorted(tuple("" if c is None else str(c) for c in row[1:]) for row in rows)


def _snapshot(client, programme, before_round, workplace) -> dict[str, object]:
    """Everything the logged-in viewer can look at about the surveys."""
    shots: dict[str, object] = {}
    index = reverse("surveys:results_index")
    detail = reverse("surveys:results", kwargs={"programme_id": programme.pk})
    urls = [reverse("cms:landing"), index, detail, reverse("surveys:rounds"),
            reverse("surveys:round_qr", kwargs={"round_id": before_round.pk, "workplace_id": workplace.pk})]
    first = client.get(detail)
    if first.status_code == 200:
        urls += [f"{detail}?grupp={g}" for g in re.findall(r'<option value="([^"]+)"', first.content.decode())]
    for url in urls:
        response = client.get(url)
        shots[url] = (response.status_code, _normalise_html(response.content.decode()))
    for fmt in ("csv", "xlsx"):
        url = reverse("surveys:export", kwargs={"programme_id": programme.pk, "fmt": fmt})
        response = client.get(url)
        if response.status_code != 200:
            shots[url] = response.status_code
        elif fmt == "csv":
            shots[url] = _normalise_rows(list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";")))
        else:
            book = load_workbook(io.BytesIO(response.content))
            shots[url] = [_normalise_rows([list(r) for r in book[name].values]) for name in book.sheetnames]
    codebook = reverse("surveys:codebook", kwargs={"programme_id": programme.pk})
    response = client.get(codebook)
    shots[codebook] = (response.status_code, response.content if response.status_code == 200 else b"")
    return shots


def test_attack_differencing_over_time(
    client, programme, before_round, workplace, manager, process_leader, hr_user, programme_admin
):
    """Snapshots of every page and export a manager, a process leader, HR and a programme
    admin can see, taken before and after one named person answers, are the same."""
    answer_many(before_round, people(workplace, 8), tillhorighet=3, trygghet=5, roll=1, tankar="Det är okej")
    named = EmployeeFactory(workplace=workplace, first_name="Pelle")
    invitation = SurveyInvitationFactory(round=before_round, employee=named)  # invited like everyone
    viewers = (manager, process_leader, hr_user, programme_admin)
    before = {}
    for viewer in viewers:
        client.force_login(viewer)
        before[viewer.email] = _snapshot(client, programme, before_round, workplace)

    questions = {q.theme_key: q.pk for q in before_round.survey.questions.all()}
    survey_response_submit(invitation_id=invitation.pk, answers={
        questions["tillhorighet"]: 1, questions["trygghet"]: 0, questions["roll"]: 3,
        questions["tankar"]: "Pelle tycker att chefen är orättvis",
    })

    for viewer in viewers:
        client.force_login(viewer)
        after = _snapshot(client, programme, before_round, workplace)
        for url, shot in before[viewer.email].items():
            assert after[url] == shot, f"{viewer.email} sees {url} change when one person answers"


# --- 3. differencing across groups and questions --------------------------------------------


def _sections(html: str) -> dict[str, dict]:
    """Per question on a results page: the free texts and the "before" count per option shown."""
    found = {}
    for section in re.findall(r'<section class="result-question".*?</section>', html, flags=re.S):
        title = unescape(re.search(r"<h2[^>]*>(.*?)</h2>", section, flags=re.S).group(1).strip())
        texts = [unescape(t.strip()) for t in re.findall(r"<li>(.*?)</li>", "".join(re.findall(r'<ul class="free-text">(.*?)</ul>', section, flags=re.S)), flags=re.S)]
        counts = {}
        for label, first in re.findall(r'<tr><th scope="row">(.*?)</th>\s*<td class="num">([^<]*)</td>', section, flags=re.S):
            if first.strip().isdigit():
                counts[unescape(label)] = int(first)
        found[title] = {"texts": Counter(texts), "counts": Counter(counts), "table": bool(counts)}
    return found


def _page(client, programme, param):
    url = reverse("surveys:results", kwargs={"programme_id": programme.pk}) + f"?grupp={param}"
    return _sections(client.get(url).content.decode())


def _leftover(parent: dict, children: list[dict], key: str) -> int:
    left = Counter(parent[key])
    for child in children:
        left.subtract(child[key])
    return sum(abs(v) for v in left.values())


def test_attack_differencing_across_questions(client, programme, before_round, organisation, hr_user, programme_admin):
    """Organisation minus its visible workplaces, per question – free texts, option counts –
    and the evaluator export next to the pages: nothing about fewer than five people shows."""
    a, b, c, d = (WorkplaceFactory(organisation=organisation, name=n) for n in ("A-enheten", "B-enheten", "C-enheten", "D-enheten"))
    before_round.workplaces.add(a, b, c, d)
    answer_many(before_round, people(a, 6), tillhorighet=4, trygghet=5)
    for i, employee in enumerate(people(b, 7)):
        answer(before_round, employee, tillhorighet=4, trygghet=5, roll=1, tankar=f"Vanlig kommentar {i}")
    c_staff = people(c, 3)
    answer(before_round, c_staff[0], tillhorighet=1, trygghet=0, roll=2, tankar=SECRET_DRAFT)
    answer(before_round, c_staff[1], tillhorighet=1, trygghet=0, roll=2, tankar="Jag blir utfryst av gruppen")
    answer(before_round, c_staff[2], tillhorighet=2, trygghet=1)
    d_staff = people(d, 6)
    answer(before_round, d_staff[0], tillhorighet=3, trygghet=5, tankar="Bara jag skrev något här")
    answer_many(before_round, d_staff[1:], tillhorighet=3, trygghet=5)
    close(before_round)

    for viewer in (hr_user, programme_admin):
        client.force_login(viewer)
        org = _page(client, programme, f"org-{organisation.pk}")
        kids = [_page(client, programme, f"ap-{w.pk}") for w in (a, b, c, d)]
        for question, shown in org.items():
            visible_kids = [k[question] for k in kids if question in k]
            for key in ("texts", "counts"):
                left = _leftover(shown, visible_kids, key)
                assert left == 0 or left >= THRESHOLD, (
                    f"{viewer.email}: organisation minus workplaces leaves {left} {key} of '{question}'"
                )
        everything = "".join(str(k) for k in kids) + str(org)
        if SECRET_DRAFT in everything:
            # Shown somewhere: then only together with at least four others' texts of the same group.
            assert sum(org[q]["texts"].total() for q in org) >= THRESHOLD

    # The evaluator's export prints no answer next to a group whose page hides that question.
    client.force_login(programme_admin)
    response = client.get(reverse("surveys:export", kwargs={"programme_id": programme.pk, "fmt": "csv"}))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    header = rows[0]
    column = header.index("tankar")
    pages = {w.name: _page(client, programme, f"ap-{w.pk}") for w in (a, b, c, d)}
    for row in rows[1:]:
        text = row[column]
        if row[3] in pages and text and text != "(dold)":
            shown_texts = {t for section in pages[row[3]].values() for t in section["texts"]}
            assert text in shown_texts, f"the export prints '{text}' next to {row[3]}, whose page hides it"
