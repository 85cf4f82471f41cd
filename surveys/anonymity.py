"""The anonymity rule for survey results: which figures may be published, and when.

Written against the people who see results (managers, process leaders, HR, programme admins;
see docs/anonymity.md). Results form a tree – the programme, its organisations, their
workplaces – and every published figure is a count of people (a group's responses, one
question's answers in a group, the pairs of before/after answers). A node of the tree is
published only when all of these hold:

1. **Threshold.** It has at least ``threshold`` people – for a question, at least
   ``threshold`` answers to that question, whatever the group's size.
2. **Parent first.** A workplace is shown only when its organisation is (for the same
   figure), and an organisation only when the programme is.
3. **No subtraction across groups.** Within a shown parent, what its shown children leave
   over (parent minus the sum of shown children, including responses in no child) is zero or
   at least ``threshold``; otherwise the smallest shown child is hidden too (complementary
   suppression), until it is.
4. **No subtraction over time.** Results change only at *release points* – the day after a
   round closes – never while people answer. Between any earlier release where a node was
   shown and now, its count grew by zero or by at least ``threshold``; and rule 3 holds for
   those growths too. A node that fails is hidden until enough new answers have come in.

The functions here know nothing of the database: they take counts per cell – ``(organisation
id, workplace id)`` of a response – at each release point and return the nodes that may be
shown at each. ``surveys/results.py`` feeds them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

PROGRAMME, ORGANISATION, WORKPLACE = "programme", "organisation", "workplace"

Cell = tuple[int | None, int | None]
"""Where a response belongs: (organisation id, workplace id); either may be None."""

Node = tuple[str, int | None]
"""A group in the results tree: ``(PROGRAMME, None)``, ``(ORGANISATION, id)``, ``(WORKPLACE, id)``."""

PROGRAMME_NODE: Node = (PROGRAMME, None)


@dataclass(frozen=True)
class Tree:
    """Parent of each node, built from the cells that hold data.

    A workplace whose responses sit under more than one organisation (it was moved) has no
    single parent: it is never shown on its own (``unplaceable``).
    """

    parent: dict[Node, Node]
    children: dict[Node, tuple[Node, ...]]
    unplaceable: frozenset[Node]

    @classmethod
    def from_cells(cls, cells: Iterable[Cell]) -> Tree:
        parent: dict[Node, Node] = {}
        unplaceable: set[Node] = set()
        for org_id, wp_id in cells:
            if org_id is None:
                continue
            org: Node = (ORGANISATION, org_id)
            parent[org] = PROGRAMME_NODE
            if wp_id is None:
                continue
            wp: Node = (WORKPLACE, wp_id)
            if parent.get(wp, org) != org:
                unplaceable.add(wp)
            parent[wp] = org
        children: dict[Node, list[Node]] = defaultdict(list)
        for child, of in parent.items():
            children[of].append(child)
        return cls(parent, {k: tuple(sorted(v, key=_order)) for k, v in children.items()}, frozenset(unplaceable))


def _order(node: Node) -> tuple[str, int]:
    return node[0], node[1] if node[1] is not None else -1


def node_counts(cells: Mapping[Cell, int]) -> dict[Node, int]:
    """People per node: every cell counts in the programme, its organisation and its workplace."""
    counts: dict[Node, int] = defaultdict(int)
    for (org_id, wp_id), n in cells.items():
        counts[PROGRAMME_NODE] += n
        if org_id is not None:
            counts[(ORGANISATION, org_id)] += n
            if wp_id is not None:
                counts[(WORKPLACE, wp_id)] += n
    return dict(counts)


@dataclass(frozen=True)
class Snapshot:
    """One release point of one figure: people per node, and the nodes that were shown."""

    counts: dict[Node, int]
    shown: frozenset[Node]


def _small(n: int, threshold: int) -> bool:
    """A difference that would single people out: more than none, fewer than the threshold."""
    return 0 < abs(n) < threshold


def suppress(
    counts: Mapping[Node, int],
    tree: Tree,
    threshold: int,
    *,
    allowed: Iterable[Node] | None = None,
    history: Sequence[Snapshot] = (),
) -> frozenset[Node]:
    """The nodes that may be shown now, given what was shown at earlier release points.

    ``allowed`` limits the candidates (a question is shown only where its group is);
    ``history`` holds every earlier release point of the same figure, oldest first.
    """
    allowed_set = None if allowed is None else set(allowed)
    shown = {
        node
        for node, n in counts.items()
        if n >= threshold and node not in tree.unplaceable and (allowed_set is None or node in allowed_set)
    }

    def count(node: Node, snapshot: Snapshot | None = None) -> int:
        return (snapshot.counts if snapshot else counts).get(node, 0)

    changed = True
    while changed:
        changed = False
        # 2. A child only under a shown parent.
        for node in sorted(shown, key=_order):
            parent = tree.parent.get(node)
            if parent is not None and parent not in shown:
                shown.discard(node)
                changed = True
        # 3 and 4. What the shown children leave over in a shown node: now, and as growth since
        # every release it was shown at. For a node with no children shown both times (a
        # workplace, say) the leftover growth is its own growth.
        for parent in sorted(shown, key=_order):
            kids = [k for k in tree.children.get(parent, ()) if k in shown]
            left = count(parent) - sum(count(k) for k in kids)
            if _small(left, threshold) and kids:
                shown.discard(min(kids, key=lambda k: (count(k), _order(k))))
                changed = True
                break
            for snapshot in history:
                if parent not in snapshot.shown:
                    continue
                both = [k for k in kids if k in snapshot.shown]
                growth = {k: count(k) - count(k, snapshot) for k in both}
                left = (count(parent) - count(parent, snapshot)) - sum(growth.values())
                if _small(left, threshold):
                    grown = [k for k in both if growth[k] != 0]
                    victim = min(grown, key=lambda k: (abs(growth[k]), _order(k))) if grown else parent
                    shown.discard(victim)
                    changed = True
                    break
            if changed:
                break
    return frozenset(shown)


def suppress_series(
    series: Sequence[Mapping[Node, int]],
    tree: Tree,
    threshold: int,
    *,
    allowed: Sequence[Iterable[Node]] | None = None,
) -> list[Snapshot]:
    """Apply :func:`suppress` at each release point in turn, each seeing all earlier ones."""
    history: list[Snapshot] = []
    for i, counts in enumerate(series):
        shown = suppress(counts, tree, threshold, allowed=None if allowed is None else allowed[i], history=history)
        history.append(Snapshot(dict(counts), shown))
    return history


def stepped(n: int, threshold: int) -> int:
    """A count rounded down to a multiple of ``threshold``: a counter that moves only in steps.

    Used for "how many have answered" while a round is open, so the counter never moves on
    one person's answer.
    """
    return (n // threshold) * threshold


def displayed_response_count(done: int, *, threshold: int, still_open: bool) -> int | None:
    """How many have answered, as shown to anyone but the respondent: None means "fewer than
    the threshold"; while the round is open the count moves only in steps of the threshold."""
    shown = stepped(done, threshold) if still_open else done
    return shown if shown >= threshold else None
