"""The evaluator export: anonymised, with a codebook, suppression applied, scoped."""

import io

import pytest
from openpyxl import load_workbook

from django.urls import reverse

from surveys.models import Response
from tests.surveys.helpers import answer, close, people

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
    close(before_round, after_round)
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
    # The small organisation (2 answers before) is never named; and naming the other one in
    # the before rows would give the two by subtraction, so no before row names either.
    assert "Orsa bibliotek" not in text and "Orsa kommun" not in text
    before_rows = [r for r in rows if r[1] == "före"]
    assert len(before_rows) == 8 and {r[2] for r in before_rows} == {"(dold)"} and {r[3] for r in before_rows} == {"(dold)"}
    after_rows = [r for r in rows if r[1] == "efter"]
    assert {r[2] for r in after_rows} == {"Avesta kommun"} and {r[3] for r in after_rows} == {workplace.name}
    pairs = {}
    for row in rows:
        pairs.setdefault(row[0], set()).add(row[1])
    assert sum(1 for phases in pairs.values() if phases == {"före", "efter"}) == 6
    assert "'=HYPERLINK" in text  # formulas are neutralised
    # Pair numbers are drawn anew in every export, so two exports cannot be lined up by row.
    orders = set()
    for _ in range(6):
        again = client.get(reverse("surveys:export", kwargs={"programme_id": programme.pk, "fmt": "csv"}))
        lines = again.content.decode("utf-8-sig").strip().splitlines()[1:]
        orders.add(tuple(line.split(";", 1)[1] for line in lines))
    assert len(orders) > 1


def test_xlsx_export_opens_with_codebook(client, programme, programme_admin, answered):
    client.force_login(programme_admin)
    response = client.get(reverse("surveys:export", kwargs={"programme_id": programme.pk, "fmt": "xlsx"}))
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Svar", "Kodbok"]
    data = list(workbook["Svar"].values)
    assert len(data) == 15
    assert all(isinstance(row[0], int) for row in data[1:])  # pair numbers stay numbers
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


def test_row_level_export_is_for_programme_admins_only(client, programme, manager, hr_user, process_leader, answered):
    """Rows of single people are for the evaluation; HR and managers see aggregates only."""
    urls = [reverse("surveys:export", kwargs={"programme_id": programme.pk, "fmt": f}) for f in ("csv", "xlsx")]
    urls.append(reverse("surveys:codebook", kwargs={"programme_id": programme.pk}))
    for user in (manager, hr_user):
        client.force_login(user)
        for url in urls:
            assert client.get(url).status_code == 403
        assert "Exportera svarsdata" not in client.get(reverse("surveys:results", kwargs={"programme_id": programme.pk})).content.decode()
    client.force_login(process_leader)
    assert client.get(urls[0]).status_code == 404


def test_export_holds_only_closed_rounds(client, programme, programme_admin, before_round, after_round, workplace):
    for employee in people(workplace, 6):
        answer(before_round, employee, tillhorighet=2, trygghet=3)
    client.force_login(programme_admin)
    url = reverse("surveys:export", kwargs={"programme_id": programme.pk, "fmt": "csv"})
    assert len(client.get(url).content.decode("utf-8-sig").strip().splitlines()) == 1  # the header only
    close(before_round)
    assert len(client.get(url).content.decode("utf-8-sig").strip().splitlines()) == 7


@pytest.mark.parametrize("size", [5, 25])
def test_export_query_count_is_constant(client, programme, before_round, after_round, workplace, programme_admin,
                                        size, django_assert_max_num_queries):
    for employee in people(workplace, size):
        answer(before_round, employee, tillhorighet=2, trygghet=3, amnen=[1], tankar="Före")
        answer(after_round, employee, tillhorighet=4, trygghet=7, amnen=[2], tankar="Efter")
    close(before_round, after_round)
    client.force_login(programme_admin)
    client.get(reverse("surveys:results_index"))  # warm the per-process caches (offered languages) first
    with django_assert_max_num_queries(16):
        response = client.get(reverse("surveys:export", kwargs={"programme_id": programme.pk, "fmt": "xlsx"}))
    assert response.status_code == 200
