"""The anonymity threshold for counts of people on the dashboards (who attended, split by gender).

The survey rule (``surveys/anonymity.py``: threshold, parent first, complementary suppression
in the programme → organisation → workplace tree) is applied to every published count of
people here too, so that a count that could point to a person – "one man at the kitchen
attended" – is never shown, and no total minus its visible parts reveals a hidden one:

- each gender's counts go through the rule on their own tree, and a gender is shown for a group
  only where the group's total is;
- within a shown group, the genders hidden there must add up to none or at least the
  threshold; otherwise the smallest shown gender is hidden too;
- a group's count of people reached is shown only where those *not* reached (the register
  minus the reached) are none or at least the threshold, since the register is known.

A zero is shown where its group may be: it adds nothing to any subtraction.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from surveys.anonymity import PROGRAMME_NODE, Node, Tree, node_counts, suppress


@dataclass(frozen=True)
class SplitCounts:
    """People per group and per (group, category), and which of them may be shown."""

    totals: dict[Node, int]
    split: dict[tuple[Node, str], int]
    shown_totals: frozenset[Node]
    shown_split: frozenset[tuple[Node, str]]

    def total(self, node: Node) -> int | None:
        return self.totals.get(node, 0) if node in self.shown_totals else None

    def part(self, node: Node, category: str) -> int | None:
        return self.split.get((node, category), 0) if (node, category) in self.shown_split else None


def _small(n: int, threshold: int) -> bool:
    return 0 < n < threshold


def split_disclosure(
    cells: Mapping[tuple[int, int, str], int],
    *,
    categories: Iterable[str],
    threshold: int,
    register: Mapping[tuple[int, int], int] | None = None,
) -> SplitCounts:
    """Apply the rule to counts per (organisation, workplace, category).

    ``register`` gives everyone per (organisation, workplace) – the group the counts are part
    of – so that "register minus counted" is protected too.
    """
    categories = tuple(categories)
    places = {(org, wp) for org, wp, _c in cells} | set(register or {})
    tree = Tree.from_cells(places)
    totals_cells: dict[tuple[int, int], int] = {}
    for (org, wp, _c), n in cells.items():
        totals_cells[(org, wp)] = totals_cells.get((org, wp), 0) + n
    totals = node_counts(totals_cells)
    per_category = {
        c: node_counts({(org, wp): n for (org, wp, cat), n in cells.items() if cat == c}) for c in categories
    }
    nodes = {PROGRAMME_NODE, *tree.parent}
    everyone = node_counts(register) if register is not None else {}
    vetoed_total = {
        node for node in nodes
        if register is not None and _small(everyone.get(node, 0) - totals.get(node, 0), threshold)
    } | set(tree.unplaceable)
    vetoed: dict[str, set[Node]] = {c: set() for c in categories}

    def with_zeros(shown: frozenset[Node], counts: Mapping[Node, int], allowed: set[Node]) -> set[Node]:
        # suppress() publishes only counts of at least the threshold; zeros are safe to add.
        result = set(shown)
        for node in allowed:
            parent = tree.parent.get(node)
            if counts.get(node, 0) == 0 and (parent is None or parent in result or parent in shown):
                result.add(node)
        return {n for n in result if tree.parent.get(n) is None or tree.parent[n] in result}

    while True:
        allowed_total = nodes - vetoed_total
        shown_total = with_zeros(suppress(totals, tree, threshold, allowed=allowed_total), totals, allowed_total)
        shown_cat: dict[str, set[Node]] = {}
        for c in categories:
            allowed = shown_total - vetoed[c]
            shown_cat[c] = with_zeros(suppress(per_category[c], tree, threshold, allowed=allowed), per_category[c], allowed)
        changed = False
        for node in sorted(shown_total, key=lambda n: (n[0], n[1] or -1)):
            hidden = [c for c in categories if node not in shown_cat[c]]
            if not _small(sum(per_category[c].get(node, 0) for c in hidden), threshold):
                continue
            visible = [c for c in categories if node in shown_cat[c] and per_category[c].get(node, 0) > 0]
            if visible:
                vetoed[min(visible, key=lambda c: (per_category[c].get(node, 0), c))].add(node)
            else:
                vetoed_total.add(node)
            changed = True
            break
        if not changed:
            break
    split = {(node, c): n for c in categories for node, n in per_category[c].items()}
    return SplitCounts(
        totals=totals,
        split=split,
        shown_totals=frozenset(shown_total),
        shown_split=frozenset((node, c) for c in categories for node in shown_cat[c]),
    )


def count_or_none(n: int, threshold: int) -> int | None:
    """A single count of people on its own (a funnel stage, a month): none or at least the threshold."""
    return None if _small(n, threshold) else n
