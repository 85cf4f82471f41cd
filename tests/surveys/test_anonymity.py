"""The anonymity rule on its own (surveys/anonymity.py): boundaries by hand, and its promises
checked with Hypothesis over random organisations, workplaces, counts and release histories."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from surveys.anonymity import (
    ORGANISATION,
    PROGRAMME_NODE,
    WORKPLACE,
    Tree,
    displayed_response_count,
    node_counts,
    stepped,
    suppress,
    suppress_series,
)

T = 5


def _shown(cells, history_cells=()):
    series = [*history_cells, cells]
    tree = Tree.from_cells({c for s in series for c in s})
    return suppress_series([node_counts(s) for s in series], tree, T)[-1].shown


@pytest.mark.parametrize(("n", "shown"), [(T - 1, False), (T, True), (T + 1, True)])
def test_threshold_boundary_for_a_group(n, shown):
    # One workplace alone in its organisation and programme: all three are the same people.
    assert ((WORKPLACE, 1) in _shown({(1, 1): n})) is shown
    assert (PROGRAMME_NODE in _shown({(1, 1): n})) is shown


def test_complement_hides_the_smallest_sibling():
    shown = _shown({(1, 1): 6, (1, 2): 7, (1, 3): 3})
    assert (WORKPLACE, 3) not in shown and (WORKPLACE, 1) not in shown and (WORKPLACE, 2) in shown
    assert (ORGANISATION, 1) in shown
    # A leftover of exactly the threshold is safe.
    shown = _shown({(1, 1): 6, (1, 2): 7, (1, 3): 5})
    assert {(WORKPLACE, 1), (WORKPLACE, 2), (WORKPLACE, 3)} <= shown
    # Responses in no workplace (a deleted one) count as left over too.
    assert (WORKPLACE, 1) not in _shown({(1, 1): 10, (1, None): 2})
    assert (WORKPLACE, 1) in _shown({(1, 1): 10, (1, None): 5})


@pytest.mark.parametrize(("gain", "shown"), [(1, False), (T - 1, False), (T, True), (T + 1, True), (0, True)])
def test_growth_between_releases_boundary(gain, shown):
    assert ((WORKPLACE, 1) in _shown({(1, 1): 8 + gain}, [{(1, 1): 8}])) is shown


def test_growth_hidden_behind_a_sibling_is_caught():
    """Programme and A shown at both releases; only B (hidden) grew by 2: programme minus A
    between the releases would give B's two answers, so something is hidden."""
    first = {(1, 1): 10, (2, 2): 10}
    second = {(1, 1): 10, (2, 2): 12}
    shown = _shown(second, [first])
    both_kept = PROGRAMME_NODE in shown and (ORGANISATION, 1) in shown and (ORGANISATION, 2) in shown
    assert not both_kept


def test_a_moved_workplace_is_never_shown_alone():
    tree = Tree.from_cells({(1, 7), (2, 7)})
    assert (WORKPLACE, 7) in tree.unplaceable
    assert (WORKPLACE, 7) not in suppress(node_counts({(1, 7): 9, (2, 7): 9}), tree, T)


@pytest.mark.parametrize(("done", "still_open", "shown"), [
    (4, True, None), (5, True, 5), (9, True, 5), (10, True, 10), (4, False, None), (9, False, 9),
])
def test_response_counter_moves_in_steps_while_open(done, still_open, shown):
    assert displayed_response_count(done, threshold=T, still_open=still_open) == shown
    assert stepped(14, T) == 10


# --- the promises, over random data ----------------------------------------------------------

cells = st.dictionaries(
    keys=st.tuples(st.integers(1, 3), st.one_of(st.none(), st.integers(1, 5))),
    values=st.integers(0, 14),
    max_size=8,
)


def _check(series, snapshots, tree):
    for k, snap in enumerate(snapshots):
        counts, shown = snap.counts, snap.shown
        for node in shown:
            assert counts[node] >= T, "a shown group has fewer than the threshold"
            parent = tree.parent.get(node)
            assert parent is None or parent in shown, "a child is shown under a hidden parent"
        for parent in shown:
            kids = [c for c in tree.children.get(parent, ()) if c in shown]
            left = counts[parent] - sum(counts[c] for c in kids)
            assert left == 0 or left >= T, "parent minus its shown children singles people out"
        for old in snapshots[:k]:
            for node in shown & old.shown:
                gain = counts[node] - old.counts.get(node, 0)
                assert gain == 0 or gain >= T, "a group moved by fewer than the threshold"
            for parent in shown & old.shown:
                kids = [c for c in tree.children.get(parent, ()) if c in shown and c in old.shown]
                gain = (counts[parent] - old.counts[parent]) - sum(counts[c] - old.counts.get(c, 0) for c in kids)
                assert gain == 0 or gain >= T, "growth of a parent minus its children singles people out"


@settings(max_examples=400, deadline=None)
@given(st.lists(cells, min_size=1, max_size=4))
def test_no_published_figure_singles_anyone_out(increments):
    """Whatever the data and however it arrives over releases, every shown figure – and every
    difference between two shown figures, across groups or over time – covers nobody or at
    least the threshold of people."""
    running: dict = {}
    series = []
    for increment in increments:
        for cell, n in increment.items():
            running[cell] = running.get(cell, 0) + n
        series.append(dict(running))
    tree = Tree.from_cells({c for s in series for c in s})
    counts = [node_counts(s) for s in series]
    snapshots = suppress_series(counts, tree, T)
    _check(counts, snapshots, tree)


@settings(max_examples=200, deadline=None)
@given(cells, st.data())
def test_a_question_is_never_shown_where_its_group_is_hidden(group_cells, data):
    tree = Tree.from_cells(set(group_cells))
    groups = suppress(node_counts(group_cells), tree, T)
    answered = {cell: data.draw(st.integers(0, n)) for cell, n in group_cells.items()}
    question = suppress(node_counts(answered), tree, T, allowed=groups)
    assert question <= groups
    counts = node_counts(answered)
    for parent in question:
        kids = [c for c in tree.children.get(parent, ()) if c in question]
        left = counts[parent] - sum(counts[c] for c in kids)
        assert left == 0 or left >= T
