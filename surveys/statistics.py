"""Paired before/after statistics, computed with scipy and numpy (nothing hand-rolled).

For each numeric theme (1–5 or 0–10) and the respondents who answered it both before and
after: the mean change with a 95 % confidence interval (t distribution), Cohen's d_z (mean
change / standard deviation of the changes), the matched-pairs rank-biserial correlation
(an effect size suited to ordinal data) and the Wilcoxon signed-rank test.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import stats


@dataclass(frozen=True)
class PairedStats:
    n: int
    mean_before: float
    mean_after: float
    mean_change: float
    ci_low: float | None
    ci_high: float | None
    cohens_dz: float | None
    rank_biserial: float | None
    wilcoxon_statistic: float | None
    p_value: float | None

    @property
    def significant(self) -> bool:
        return self.p_value is not None and self.p_value < 0.05


def paired_statistics(before: Sequence[float], after: Sequence[float]) -> PairedStats:
    """Statistics for paired values ``before[i]`` → ``after[i]`` (same person)."""
    if len(before) != len(after):
        raise ValueError("before and after must have the same length")
    b = np.asarray(before, dtype=float)
    a = np.asarray(after, dtype=float)
    d = a - b
    n = int(d.size)
    if n == 0:
        raise ValueError("no pairs")
    mean = float(d.mean())
    ci_low = ci_high = dz = None
    if n >= 2:
        sd = float(d.std(ddof=1))
        if sd > 0:
            low, high = stats.t.interval(0.95, n - 1, loc=mean, scale=sd / math.sqrt(n))
            ci_low, ci_high = float(low), float(high)
            dz = mean / sd
        else:
            ci_low = ci_high = mean
    nonzero = d[d != 0]
    statistic = p_value = rank_biserial = None
    if nonzero.size:
        ranks = stats.rankdata(np.abs(nonzero))
        positive, negative = float(ranks[nonzero > 0].sum()), float(ranks[nonzero < 0].sum())
        rank_biserial = (positive - negative) / (positive + negative)
        result = stats.wilcoxon(d, zero_method="wilcox")
        statistic, p_value = float(result.statistic), float(result.pvalue)
    return PairedStats(
        n=n,
        mean_before=float(b.mean()),
        mean_after=float(a.mean()),
        mean_change=mean,
        ci_low=ci_low,
        ci_high=ci_high,
        cohens_dz=dz,
        rank_biserial=rank_biserial,
        wilcoxon_statistic=statistic,
        p_value=p_value,
    )


def paired_statistics_from_counts(cells: Mapping[tuple[int, int], int]) -> PairedStats:
    """The same statistics from the database's count of pairs per ``(before, after)`` value.

    The values are whole numbers on a scale (at most 11 × 11 cells), so the counts hold every
    pair; they are laid out again as arrays for scipy. Every statistic here is independent of
    the order of the pairs.
    """
    keys = sorted(cells)
    counts = [cells[k] for k in keys]
    before = np.repeat([b for b, _a in keys], counts)
    after = np.repeat([a for _b, a in keys], counts)
    return paired_statistics(before, after)
