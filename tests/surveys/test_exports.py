"""The evaluator export: anonymised, with a codebook, suppression applied, scoped."""

import io

import pytest
from openpyxl import load_workbook

from django.urls import reverse

from surveys.models import Response
from tests.surveys.helpers import answer, people

pytestmark = pytest.mark.django_db


@pytest.fixture
def answered(programme, before_round, after_round, workplace, other_workplace):
    big = people(workplace, 6)
    for employee in big:
        answer(before_round, employee, tillhorighet=2, trygghet=3, amnen=[1, 2], tankar="=HYPERLINK(\"x\")")
        answer(after_round, employee, tillhorighet=4, trygghet=7, amnen=[3], tankar="Bättre nu")
    small = people(other_workplace, 2)
    for employee in small:
        answer(before_round, employee, tillhorighet=1, trygghet=1)
    return big + small


def _identifiers(employees):
    values = []
    for e in employees:
        values += [e.first_name, e.last_name, e.email, e.employee_number]
    values += list(Response.objects.values_list("respondent_key", flat=True))
    values += [str(d) for d in Response.objects.values_list("submitted_on", flat=True)]
    return values


def test_csv_export_is_free_of_identifiers_and_pairs_rows(client, programme, programme_admin, answered, workplace):
    client.force_login(programme_admin)
    response = client.get(reverse("surveys:export", kwargs={"programme_id": programme.pk, "fmt": "csv"}))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    for value in _identifiers(answered):
        assert value not in text, value
    lines = text.strip().splitlines()
    assert lines[0].split(";")[:4] == ["par", "skede", "organisation", "arbetsplats"]
    assert "tillhorighet" in lines[0]
    rows = [line.split(";") for line in lines[1:]]
    assert len(rows) == 14
    # The small workplace (2 answers) is not named in the export.
    assert workplace.name in text and "Orsa bibliotek" not in text and "(dold)" in text
    pairs = {}
    for row in rows:
        pairs.setdefault(row[0], set()).add(row[1])
    assert sum(1 for phases in pairs.values() if phases == {"före", "efter"}) == 6
    assert "'=HYPERLINK" in text  # formulas are neutralised


def test_xlsx_export_opens_with_codebook(client, programme, programme_admin, answered):
    client.force_login(programme_admin)
    response = client.get(reverse("surveys:export", kwargs={"programme_id": programme.pk, "fmt": "xlsx"}))
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Svar", "Kodbok"]
    data = list(workbook["Svar"].values)
    assert len(data) == 15
    codebook = list(workbook["Kodbok"].values)
    themes = {row[1] for row in codebook[1:]}
    assert {"tillhorighet", "trygghet", "roll", "amnen", "tankar"} <= themes
    scale = next(row for row in codebook if row[1] == "tillhorighet")
    assert "1 = Instämmer inte alls" in scale[6] and "5 = Instämmer helt" in scale[6]
    everything = " ".join(str(c) for row in data for c in row if c is not None)
    for value in _identifiers(answered):
        assert value not in everything


def test_codebook_csv(client, programme, programme_admin, answered):
    client.force_login(programme_admin)
    response = client.get(reverse("surveys:codebook", kwargs={"programme_id": programme.pk}))
    text = response.content.decode("utf-8-sig")
    assert "temanyckel" in text and "0–10" in text and "fritext" in text


def test_export_refused_for_manager_and_limited_for_hr(client, programme, manager, hr_user, answered, other_workplace):
    url = reverse("surveys:export", kwargs={"programme_id": programme.pk, "fmt": "csv"})
    client.force_login(manager)
    assert client.get(url).status_code == 403
    client.force_login(hr_user)
    text = client.get(url).content.decode("utf-8-sig")
    assert len(text.strip().splitlines()) == 13  # header + 12 rows of their organisation
    assert other_workplace.organisation.name not in text


@pytest.mark.parametrize("size", [5, 25])
def test_export_query_count_is_constant(client, programme, before_round, after_round, workplace, programme_admin,
                                        size, django_assert_max_num_queries):
    for employee in people(workplace, size):
        answer(before_round, employee, tillhorighet=2, trygghet=3, amnen=[1], tankar="Före")
        answer(after_round, employee, tillhorighet=4, trygghet=7, amnen=[2], tankar="Efter")
    client.force_login(programme_admin)
    with django_assert_max_num_queries(16):
        response = client.get(reverse("surveys:export", kwargs={"programme_id": programme.pk, "fmt": "xlsx"}))
    assert response.status_code == 200
