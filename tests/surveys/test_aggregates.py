"""Figures aggregated in the database (surveys/aggregates.py): free texts in pages that keep the
anonymity rule, a person counted once per pair, statistics from counts equal to statistics
from the answers themselves."""

import re

import pytest

from django.urls import reverse

from surveys import aggregates
from surveys.statistics import paired_statistics, paired_statistics_from_counts
from tests.factories import WorkplaceFactory
from tests.surveys.factories import SurveyRoundFactory
from tests.surveys.helpers import answer, answer_many, close, people

pytestmark = pytest.mark.django_db


def _url(programme, **params):
    url = reverse("surveys:results", kwargs={"programme_id": programme.pk})
    return url + ("?" + "&".join(f"{k}={v}" for k, v in params.items()) if params else "")


def _texts(html: str) -> list[str]:
    lists = re.findall(r'<ul class="free-text"[^>]*>(.*?)</ul>', html, flags=re.S)
    return re.findall(r"<li>(.*?)</li>", lists[0]) if lists else []


@pytest.fixture
def small_pages(monkeypatch):
    monkeypatch.setattr(aggregates, "TEXTS_PER_PAGE", 4)


def test_free_texts_come_in_pages_that_neither_repeat_nor_skip(
    client, programme, before_round, workplace, manager, small_pages
):
    for i in range(10):
        answer(before_round, people(workplace, 1)[0], tillhorighet=4, trygghet=5, tankar=f"Tanke nummer {i}")
    close(before_round)
    client.force_login(manager)
    seen = []
    html = client.get(_url(programme)).content.decode()
    assert re.search(r'href="([^"]*)" rel="next"', html).group(1) == "?sida-tankar=2#fritext-tankar"
    for number, expected in ((1, 4), (2, 4), (3, 2)):
        if number > 1:
            html = client.get(_url(programme, **{"sida-tankar": number})).content.decode()
        page = _texts(html)
        assert len(page) == expected
        seen += page
        assert f"Sida {number} av 3: svar {4 * (number - 1) + 1}–{4 * (number - 1) + expected} av 10." in html
        assert ('rel="prev"' in html) is (number > 1) and ('rel="next"' in html) is (number < 3)
    assert sorted(seen) == sorted(f"Tanke nummer {i}" for i in range(10))
    # The same order on a second visit, so paging is reliable.
    assert _texts(client.get(_url(programme)).content.decode()) == seen[:4]
    # A page past the end shows the last one; nonsense shows the first.
    assert _texts(client.get(_url(programme, **{"sida-tankar": 99})).content.decode()) == seen[8:]
    assert _texts(client.get(_url(programme, **{"sida-tankar": "x"})).content.decode()) == seen[:4]


def test_pagination_link_keeps_the_chosen_group(client, programme, before_round, workplace, programme_admin,
                                                 small_pages):
    answer_many(before_round, people(workplace, 6), tillhorighet=4, trygghet=5, tankar="Text")
    close(before_round)
    client.force_login(programme_admin)
    html = client.get(_url(programme, grupp=f"ap-{workplace.pk}")).content.decode().replace("&amp;", "&")
    assert f"grupp=ap-{workplace.pk}" in re.search(r'href="([^"]*)" rel="next"', html).group(1)
    assert 'aria-label="Fler fritextsvar: Något mer du vill säga?"' in html


def test_paging_never_shows_texts_of_a_group_under_the_threshold(
    client, programme, before_round, workplace, manager, small_pages
):
    answer_many(before_round, people(workplace, 4), tillhorighet=4, trygghet=5, tankar="Hemlig tanke")
    close(before_round)
    client.force_login(manager)
    for number in (1, 2):
        html = client.get(_url(programme, **{"sida-tankar": number})).content.decode()
        assert "Hemlig tanke" not in html and "Färre än 5 personer har svarat" in html


def test_texts_hidden_for_a_question_under_the_threshold_stay_hidden_on_every_page(
    client, programme, before_round, workplace, manager, small_pages
):
    """Ten answer, four write a text: the free-text question is under the threshold."""
    for i, employee in enumerate(people(workplace, 10)):
        answer(before_round, employee, tillhorighet=4, trygghet=5, **({"tankar": f"Tanke {i}"} if i < 4 else {}))
    close(before_round)
    client.force_login(manager)
    for number in (1, 2):
        html = client.get(_url(programme, **{"sida-tankar": number})).content.decode()
        assert "Medel före" in html and "Tanke 0" not in html and 'rel="next"' not in html


def test_a_person_who_answered_two_before_rounds_is_one_pair(client, programme, before_round, after_round,
                                                             workplace, manager):
    """Six answer before (2) and after (4); five of them answer a second before round (5). The
    pairs use each person's first before answer: six pairs, change +2, not eleven pairs."""
    group = people(workplace, 6)
    answer_many(before_round, group, tillhorighet=2, trygghet=4)
    close(before_round, days_ago=10)
    second = SurveyRoundFactory(survey=before_round.survey, programme=programme, phase="before", name="Före 2",
                                workplaces=[workplace])
    answer_many(second, group[:5], tillhorighet=5, trygghet=4)
    close(second, days_ago=5)
    answer_many(after_round, group, tillhorighet=4, trygghet=4)
    close(after_round, days_ago=1)
    client.force_login(manager)
    html = client.get(_url(programme)).content.decode()
    assert "Medel före" in html and "n = 11" in html  # eleven before answers
    section = html.split("Jag känner att jag hör till på min arbetsplats</h2>", 1)[1].split("</section>", 1)[0]
    assert re.search(r"Förändring \(parade svar\)<strong>2,00</strong>\s*95 % KI 2,00 till 2,00, n = 6", section)


def test_two_before_rounds_closing_the_same_day_pair_the_earlier_answer(
    client, programme, before_round, after_round, workplace, manager
):
    """Rounds closing on the same day tie on the day; the answer given first (the lower id)
    is the person's before answer, so the pair never depends on the database's row order."""
    group = people(workplace, 6)
    answer_many(before_round, group, tillhorighet=2, trygghet=4)
    second = SurveyRoundFactory(survey=before_round.survey, programme=programme, phase="before", name="Före 2",
                                workplaces=[workplace])
    answer_many(second, group, tillhorighet=5, trygghet=4)
    close(before_round, second, days_ago=5)
    answer_many(after_round, group, tillhorighet=4, trygghet=4)
    close(after_round, days_ago=1)
    client.force_login(manager)
    html = client.get(_url(programme)).content.decode()
    section = html.split("Jag känner att jag hör till på min arbetsplats</h2>", 1)[1].split("</section>", 1)[0]
    assert re.search(r"Förändring \(parade svar\)<strong>2,00</strong>\s*95 % KI 2,00 till 2,00, n = 6", section)


def test_pairs_need_both_answers_in_the_group(client, programme, before_round, after_round, organisation,
                                              workplace, programme_admin):
    """Six people answered before at one workplace and after at another (they moved): they are
    pairs of the organisation, of neither workplace."""
    other = WorkplaceFactory(organisation=organisation, name="Nya stället")
    after_round.workplaces.add(other)
    group = people(workplace, 6)
    answer_many(before_round, group, tillhorighet=2, trygghet=3)
    for employee in group:
        employee.workplace = other
        employee.save()
    answer_many(after_round, group, tillhorighet=3, trygghet=3)
    close(before_round, after_round)
    client.force_login(programme_admin)
    org = client.get(_url(programme, grupp=f"org-{organisation.pk}")).content.decode()
    assert "Förändring för dem som svarat både före och efter" in org and "n = 6" in org
    wp = client.get(_url(programme, grupp=f"ap-{workplace.pk}")).content.decode()
    assert "Medel före" in wp and "Förändring för dem som svarat både före och efter" not in wp


def test_statistics_from_counts_equal_statistics_from_answers():
    before = [1, 2, 2, 3, 3, 3, 4, 5, 5, 1, 2, 4]
    after = [2, 2, 3, 5, 3, 4, 4, 5, 4, 3, 4, 5]
    cells: dict[tuple[int, int], int] = {}
    for pair in zip(before, after, strict=True):
        cells[pair] = cells.get(pair, 0) + 1
    got, want = paired_statistics_from_counts(cells), paired_statistics(before, after)
    for name in ("n", "mean_before", "mean_after", "mean_change", "ci_low", "ci_high", "cohens_dz",
                 "rank_biserial", "wilcoxon_statistic", "p_value"):
        assert getattr(got, name) == pytest.approx(getattr(want, name)), name


def _queries(client, url) -> tuple[int, str]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        html = client.get(url).content.decode()
    return len(queries), html


def test_released_figures_are_cached_until_the_next_release_or_the_pairing_ends(
    client, programme, before_round, after_round, workplace, programme_admin, settings
):
    from django.core.cache import cache

    from surveys.privacy import survey_pairing_destroy

    settings.SAMTALSRUM_SURVEY_RESULTS_CACHE_SECONDS = 600
    cache.clear()
    group = people(workplace, 6)
    answer_many(before_round, group, tillhorighet=2, trygghet=4)
    answer_many(after_round, group, tillhorighet=4, trygghet=6)
    close(before_round)
    client.force_login(programme_admin)
    url = _url(programme)
    first, html = _queries(client, url)
    assert "Medel före" in html and "Medel efter" not in html  # the after round is still open
    again, html = _queries(client, url)
    assert again < first and "Medel före" in html
    close(after_round)  # a new release: new figures at once
    _count, html = _queries(client, url)
    assert "Förändring för dem som svarat både före och efter" in html
    with django_capture_on_commit():
        survey_pairing_destroy(programme=programme)
    _count, html = _queries(client, url)
    assert "Medel efter" in html and "Förändring för dem som svarat både före och efter" not in html
    cache.clear()


def django_capture_on_commit():
    """Run on-commit callbacks of the block, as a committed transaction would."""
    from django.test import TestCase

    return TestCase.captureOnCommitCallbacks(execute=True)


def test_the_release_task_computes_the_figures_before_the_first_reader(
    client, programme, before_round, after_round, workplace, programme_admin, settings
):
    """Beat's warm-up (surveys.tasks.survey_results_warm_task) after a release: the first
    person to open the results gets them from the cache, without the pair or distribution
    queries; with caching off the task does nothing."""
    from django.core.cache import cache

    from surveys.tasks import survey_results_warm_task

    group = people(workplace, 6)
    answer_many(before_round, group, tillhorighet=2, trygghet=4)
    answer_many(after_round, group, tillhorighet=4, trygghet=6)
    close(before_round, after_round)
    settings.SAMTALSRUM_SURVEY_RESULTS_CACHE_SECONDS = 0
    assert survey_results_warm_task.delay().get() == 0
    settings.SAMTALSRUM_SURVEY_RESULTS_CACHE_SECONDS = 600
    cache.clear()
    assert survey_results_warm_task.delay().get() == 1  # the one programme with a released round
    client.force_login(programme_admin)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        html = client.get(_url(programme)).content.decode()
    assert "Förändring för dem som svarat både före och efter" in html
    heavy = [q["sql"] for q in queries if "first_day" in q["sql"] or "jsonb_array_elements" in q["sql"]
             or "json_each" in q["sql"]]
    assert heavy == []


def test_the_programmes_pairs_from_the_disclosure_equal_their_own_query(
    programme, before_round, after_round, workplace, settings
):
    """On PostgreSQL the pair scan of the disclosure also counts the whole programme's pairs per
    value (grouping sets); they must be exactly what the results' own pair query counts."""
    from django.db import connection

    from surveys.anonymity import PROGRAMME
    from surveys.results import disclosure_for

    group = people(workplace, 7)
    for i, employee in enumerate(group):
        answer(before_round, employee, tillhorighet=1 + i % 5, trygghet=i % 11)
        answer(after_round, employee, tillhorighet=1 + (i * 2) % 5, trygghet=(i * 3) % 11)
    close(before_round, after_round)
    disclosure = disclosure_for(programme)
    themes = ["tillhorighet", "trygghet"]
    counted = aggregates.paired_distribution(programme.pk, disclosure.today, aggregates.GroupSql(PROGRAMME, None),
                                             themes, one_round_per_phase=True)
    assert sum(counted["tillhorighet"].values()) == 7 and len(counted["trygghet"]) > 1
    if connection.vendor != "postgresql":
        assert disclosure.programme_pairs is None  # SQLite: the results ask the pair query
        return
    assert {t: disclosure.programme_pairs[t] for t in themes} == counted
