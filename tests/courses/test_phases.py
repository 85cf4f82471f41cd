"""A programme's phases and milestones: edited inline in the admin, shown on Mitt program."""

import pytest

from courses.models import Phase, Programme

from .test_programme_bounds import VALID

pytestmark = pytest.mark.django_db


def _phase_data(name, start, end, index=0):
    return {
        f"phases-{index}-name": name, f"phases-{index}-starts_on": start, f"phases-{index}-ends_on": end,
        f"phases-{index}-description": "", f"phases-{index}-ORDER": str(index + 1), f"phases-{index}-id": "",
        f"phases-{index}-DELETE": "",
    }


def test_admin_creates_phases_and_milestones_inline(client, programme_admin):
    client.force_login(programme_admin)
    data = {
        **VALID, "phases-TOTAL_FORMS": "2", "milestones-TOTAL_FORMS": "1",
        **_phase_data("Analys och planering", "2026-01-01", "2026-06-30", 0),
        **_phase_data("Genomförande", "2026-07-01", "2027-06-30", 1),
        "milestones-0-title": "Konferensdag", "milestones-0-due_on": "2027-05-20", "milestones-0-ORDER": "1",
        "milestones-0-id": "", "milestones-0-DELETE": "", "cofinancing_budget": "4845084.00",
    }
    response = client.post("/admin/programmes/new/", data)
    assert response.status_code == 302, response.context["form"].errors
    programme = Programme.objects.get()
    assert [p.name for p in programme.phases.order_by("starts_on")] == ["Analys och planering", "Genomförande"]
    assert programme.milestones.get().title == "Konferensdag"
    assert str(programme.cofinancing_budget) == "4845084.00"


def test_admin_refuses_a_phase_ending_before_it_starts(client, programme_admin):
    client.force_login(programme_admin)
    data = {**VALID, "phases-TOTAL_FORMS": "1", **_phase_data("Bakvänd", "2026-06-30", "2026-01-01")}
    response = client.post("/admin/programmes/new/", data)
    assert response.status_code == 200
    assert not Programme.objects.exists()
    assert not Phase.objects.exists()
