"""The exact figures of a realistic survey programme, pinned as the results pages show them.

Two organisations, four workplaces (one under the threshold), a before and an after round
released on different days, every question type, people who answered both times and people
who answered only once, optional questions some skipped, free texts. For every group a
programme admin can choose, the test reads what the page shows – the response counts, each
question's means with n, the paired change with its confidence interval, effect sizes and
p-value, the distribution tables, the free texts and every "not shown" notice – and compares
it with the figures below, which were taken from the results before their queries were
rewritten (surveys/aggregates.py). A change to how the figures are computed that moves any
shown number, or shows something that was hidden, fails here.
"""

from __future__ import annotations

import html as html_lib
import re

import pytest

from django.urls import reverse

from tests.factories import WorkplaceFactory
from tests.surveys.helpers import answer, close, people
from tests.surveys.pinned_figures import PINNED

pytestmark = pytest.mark.django_db


def _text(fragment: str) -> list[str]:
    """The visible text of ``fragment``, one line per list item, row, paragraph or heading."""
    fragment = re.sub(r"<svg.*?</svg>", "", fragment.replace("\n", " "), flags=re.S)
    fragment = re.sub(r"<nav\b.*?</nav>", "", fragment, flags=re.S)  # pagination links
    fragment = re.sub(r"</(li|tr|p|h2|summary|caption)>", "\n", fragment)
    fragment = re.sub(r"</t[hd]>", " | ", fragment)
    lines = (re.sub(r"\s+", " ", html_lib.unescape(re.sub(r"<[^>]+>", " ", line))).strip()
             for line in fragment.split("\n"))
    return [line for line in lines if line]


def figures(page: str) -> dict:
    """What a reader of the results page sees: the response counts, and per question the
    figures, table rows and notices, with free texts sorted (they are shown in random order)."""
    main = page.split("<main", 1)[1].split("</main>", 1)[0]
    counts = main.split('<h2>Svar</h2>', 1)[1].split("</ul>", 1)[0]
    result = {"svar": _text(counts), "frågor": {}}
    notice = re.search(r'<div class="suppressed"[^>]*>(.*?)</div>', main, flags=re.S)
    if notice:
        result["dolt"] = _text(notice.group(1))
    for section in re.findall(r'<section class="result-question".*?</section>', main, flags=re.S):
        texts = re.findall(r'<ul class="free-text"[^>]*>(.*?)</ul>', section, flags=re.S)
        items = sorted(_text(texts[0])) if texts else []
        section = re.sub(r'<ul class="free-text"[^>]*>.*?</ul>', "", section, flags=re.S)
        lines = _text(section)
        result["frågor"][lines[0]] = {"visas": lines[1:], **({"fritext": items} if items else {})}
    return result


@pytest.fixture
def released_programme(programme, before_round, after_round, organisation, workplace, other_workplace):
    """W1 15 before, 10 of them after; W2 7 both times; W3 3 both times (under the threshold);
    other organisation's W4 8 before, 6 of them after. The before round closed ten days ago,
    the after round yesterday."""
    w2 = WorkplaceFactory(organisation=organisation, name="Hemtjänsten Norr")
    w3 = WorkplaceFactory(organisation=organisation, name="Köket")
    before_round.workplaces.add(w2, w3)
    after_round.workplaces.add(w2, w3)
    shape = [(workplace, 15, 10), (w2, 7, 7), (w3, 3, 3), (other_workplace, 8, 6)]
    for w, (place, n_before, n_after) in enumerate(shape):
        for i, employee in enumerate(people(place, n_before)):
            k = 7 * w + i
            before = {"tillhorighet": 1 + k % 5, "trygghet": (3 * k) % 11, "amnen": [1 + k % 3]}
            if k % 4:  # an optional question some skip
                before["roll"] = 1 + k % 3
            if i % 2 == 0 or place == other_workplace:
                before["tankar"] = f"Före {place.name} {i}"
            answer(before_round, employee, **before)
            if i < n_after:
                after = {
                    "tillhorighet": min(5, 1 + k % 5 + (k % 3)), "trygghet": (3 * k + 2 + k % 4) % 11,
                    "amnen": [1, 1 + (k + 1) % 3] if k % 2 else [2], "roll": 1 + k % 3,
                }
                if i % 3 == 0:
                    after["tankar"] = f"Efter {place.name} {i}"
                answer(after_round, employee, **after)
    close(before_round, days_ago=10)
    close(after_round, days_ago=1)
    return {"W1": workplace, "W2": w2, "W3": w3, "W4": other_workplace}


def _page(client, programme, grupp: str) -> dict:
    url = reverse("surveys:results", kwargs={"programme_id": programme.pk}) + f"?grupp={grupp}"
    response = client.get(url)
    assert response.status_code == 200
    return figures(response.content.decode())


def _groups(released, organisation, other_organisation) -> dict[str, str]:
    return {"program": "program", "O1": f"org-{organisation.pk}", "O2": f"org-{other_organisation.pk}",
            **{k: f"ap-{w.pk}" for k, w in released.items()}}


def test_every_group_shows_the_pinned_figures(client, programme, released_programme, organisation,
                                              other_organisation, programme_admin):
    client.force_login(programme_admin)
    for name, grupp in _groups(released_programme, organisation, other_organisation).items():
        assert _page(client, programme, grupp) == PINNED[name], name
