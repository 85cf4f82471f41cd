"""Nothing an employee can type breaks a result or an export (property-based, Hypothesis).

Free-text answers go answer → results page → CSV and XLSX, with control characters,
superscripts ("²" once made the XLSX export fail for good: ``"²".isdigit()`` is true but
``int("²")`` raises), emoji, right-to-left text and 10 000 characters.
"""

import csv
import io

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from django.db import transaction
from django.urls import reverse

from cms.spreadsheets import XLSX_MAX_CELL_CHARS, clean_text, csv_value
from tests.surveys.helpers import answer, close, people

pytestmark = pytest.mark.django_db

NASTY = [
    "²", "³⁴", "½", "٣", "\x00", "\x07bell", "\x1b[31mröd", "\r\n\t", "=1+1", "+cmd|' /C calc'!A0", "-2", "@SUM(A1)",
    "🙂👍🏽", "👨‍👩‍👧", "\u202eعكس", "שלום עולם", "مرحبا بالعالم", "\ufeff", "\ud7ff", "\U0010ffff", "a" * 10_000,
    "<script>alert(1)</script>", "' OR 1=1 --", "０１２", "\u2028\u2029",
]

texts = st.one_of(
    st.sampled_from(NASTY),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), min_size=1, max_size=300),
    st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x1F), min_size=1, max_size=20),
    st.builds(lambda s, n: (s * n)[:10_000], st.text(min_size=1, max_size=5), st.integers(1, 10_000)),
)


def _round_trip(client, programme, before_round, workplace, programme_admin, answers):
    """Five people answer ``answers``; after the round closes, every view and export works."""
    for employee, text in zip(people(workplace, len(answers)), answers, strict=True):
        answer(before_round, employee, tillhorighet=3, trygghet=5, tankar=text)
    close(before_round)
    client.force_login(programme_admin)
    page = client.get(reverse("surveys:results", kwargs={"programme_id": programme.pk}) + f"?grupp=ap-{workplace.pk}")
    assert page.status_code == 200
    csv_response = client.get(reverse("surveys:export", kwargs={"programme_id": programme.pk, "fmt": "csv"}))
    assert csv_response.status_code == 200
    rows = list(csv.reader(io.StringIO(csv_response.content.decode("utf-8-sig"), newline=""), delimiter=";"))
    column = rows[0].index("tankar")
    xlsx_response = client.get(reverse("surveys:export", kwargs={"programme_id": programme.pk, "fmt": "xlsx"}))
    assert xlsx_response.status_code == 200
    sheet = load_workbook(io.BytesIO(xlsx_response.content))["Svar"]
    cells = [row[column] for row in sheet.iter_rows(min_row=2, values_only=True)]
    codebook = client.get(reverse("surveys:codebook", kwargs={"programme_id": programme.pk}))
    assert codebook.status_code == 200
    return page.content.decode(), [r[column] for r in rows[1:]], cells


def _xml_lines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(answers=st.lists(texts, min_size=5, max_size=5))
@example(answers=["²"] * 5)
@example(answers=["\x00", "\x1f", "🙂", "\u202eשלום", "a" * 10_000])
def test_anything_typed_survives_results_and_exports(client, programme, before_round, workplace, programme_admin, answers):
    with transaction.atomic():
        page, csv_cells, xlsx_cells = _round_trip(client, programme, before_round, workplace, programme_admin, answers)
        stored = [a.strip().replace("\x00", "\ufffd") for a in answers if a.strip()]
        if len(stored) < 5:
            # Fewer than five answered the question (blank answers are no answers): hidden.
            assert set(csv_cells) == set(xlsx_cells) == {"(dold)"}
            assert stored == [] or all(a[:50] not in page for a in stored if len(a.strip()) > 3)
        else:
            # What was stored comes out of the CSV as the shared sanitiser made it …
            assert sorted(csv_cells) == sorted(csv_value(a) for a in stored)
            # … and out of the XLSX as text (never a formula or a number), cleaned and within
            # Excel's cell limit.
            # (XML reads every line break as "\n": a typed "\r" comes back as one.)
            expected = sorted(_xml_lines(clean_text(a)[:XLSX_MAX_CELL_CHARS]) for a in stored)
            assert sorted(xlsx_cells) == expected
            assert all(isinstance(c, str) for c in xlsx_cells)
        transaction.set_rollback(True)


def test_very_long_answer_is_refused_with_a_message_and_kept(client, before_round, workplace):
    """Through the form, more than 4 000 characters is refused with a clear message and the
    text is kept as a draft, not lost."""
    from surveys.links import answer_path
    from tests.surveys.factories import SurveyInvitationFactory

    invitation = SurveyInvitationFactory(round=before_round, employee=people(workplace, 1)[0])
    questions = {q.theme_key: q.pk for q in before_round.survey.questions.all()}
    response = client.post(answer_path(invitation, language="sv"), {
        f"q_{questions['tillhorighet']}": "3", f"q_{questions['trygghet']}": "5",
        f"q_{questions['tankar']}": "²" * 10_000, "action": "submit",
    })
    assert response.status_code == 200 and "högst 4 000 tecken" in response.content.decode()
    invitation.refresh_from_db()
    assert not invitation.responded and invitation.draft[f"q_{questions['tankar']}"][0] == "²" * 4000
