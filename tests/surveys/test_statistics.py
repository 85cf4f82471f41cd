"""Statistics against values checked by hand, and pairing across changed wording."""

import math

import pytest

from surveys.models import Response
from surveys.results import PROGRAMME, Group, programme_results
from surveys.statistics import paired_statistics
from tests.surveys.helpers import answer, close, people

# Eight people, 1–5 scale. Changes d = [2, 0, 1, 1, 1, 2, 1, 0]: mean 1, sd = sqrt(4/7).
BEFORE = [2, 3, 3, 4, 2, 3, 1, 4]
AFTER = [4, 3, 4, 5, 3, 5, 2, 4]


def test_paired_statistics_known_values():
    result = paired_statistics(BEFORE, AFTER)
    sd = math.sqrt(4 / 7)
    assert result.n == 8
    assert result.mean_before == pytest.approx(22 / 8) and result.mean_after == pytest.approx(30 / 8)
    assert result.mean_change == pytest.approx(1.0)
    # t(0.975, 7) = 2.364624; half-width 2.364624 * sd / sqrt(8) = 0.63197
    assert result.ci_low == pytest.approx(1 - 0.63197, abs=1e-4)
    assert result.ci_high == pytest.approx(1 + 0.63197, abs=1e-4)
    assert result.cohens_dz == pytest.approx(1 / sd)
    # Six non-zero changes, all positive: W = 0, exact two-sided p = 2 / 2**6.
    assert result.wilcoxon_statistic == 0
    assert result.p_value == pytest.approx(2 / 64)
    assert result.rank_biserial == pytest.approx(1.0)
    assert result.significant


def test_no_change_gives_no_test_and_zero_width_interval():
    result = paired_statistics([3, 3, 3], [3, 3, 3])
    assert result.mean_change == 0 and result.p_value is None and result.ci_low == result.ci_high == 0


@pytest.mark.django_db
def test_results_pair_before_and_after_despite_changed_wording(programme, before_round, after_round, workplace):
    employees = people(workplace, 8)
    for employee, b, a in zip(employees, BEFORE, AFTER, strict=True):
        answer(before_round, employee, tillhorighet=b, trygghet=5)
        answer(after_round, employee, tillhorighet=a, trygghet=5)
    # Five more only before: counted in the distribution, not in the pairs. (With fewer than
    # five, "all before" minus "paired before" would single them out: see test_anonymity.)
    for employee in people(workplace, 5):
        answer(before_round, employee, tillhorighet=1, trygghet=0)
    close(before_round, after_round)
    keys_before = set(Response.objects.filter(round=before_round).values_list("respondent_key", flat=True))
    keys_after = set(Response.objects.filter(round=after_round).values_list("respondent_key", flat=True))
    assert len(keys_before & keys_after) == 8

    results = programme_results(programme=programme, group=Group(PROGRAMME, programme.pk, programme.name))
    theme = next(t for t in results.themes if t.theme_key == "tillhorighet")
    assert theme.texts["before"] != theme.texts["after"]  # wording changed, still one theme
    assert theme.n == {"before": 13, "after": 8}
    assert theme.means["before"] == pytest.approx((22 + 5) / 13)
    assert theme.means["after"] == pytest.approx(30 / 8)
    assert theme.paired.n == 8
    assert theme.paired.mean_change == pytest.approx(1.0)
    assert theme.paired.p_value == pytest.approx(2 / 64)
    counts = {o.value: o.counts["before"] for o in theme.options}
    assert counts == {1: 6, 2: 2, 3: 3, 4: 2, 5: 0}
    trygghet = next(t for t in results.themes if t.theme_key == "trygghet")
    assert trygghet.paired.mean_change == 0 and trygghet.paired.p_value is None
    assert results.invited == {"before": 13, "after": 8} and results.responded == {"before": 13, "after": 8}
