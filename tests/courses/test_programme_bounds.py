"""A programme's settings are bounded in the admin form and in the database (issue 9): dates, the
funder's unit cost, the anonymity threshold, the completion rule, track targets and module times."""

import datetime
from decimal import Decimal

import pytest

from django.db import IntegrityError, transaction

from courses.models import Module, Programme, Track
from tests.factories import ModuleFactory, ProgrammeFactory, TrackFactory

pytestmark = pytest.mark.django_db

VALID = {
    "name": "Vilka är vi? 2026",
    "description": "",
    "starts_on": "2026-01-01",
    "ends_on": "2027-12-31",
    "planned_participants": "2589",
    "unit_cost_per_hour": "320.00",
    "rounding_rule": "none",
    "retention_until": "2035-12-31",
    "anonymity_threshold": "5",
    "module_completion_percent": "80",
    "cofinancing_budget": "0",
    "phases-TOTAL_FORMS": "0", "phases-INITIAL_FORMS": "0", "phases-MIN_NUM_FORMS": "0", "phases-MAX_NUM_FORMS": "1000",
    "milestones-TOTAL_FORMS": "0", "milestones-INITIAL_FORMS": "0", "milestones-MIN_NUM_FORMS": "0",
    "milestones-MAX_NUM_FORMS": "1000",
}


def _post(client, **changes):
    return client.post("/admin/programmes/new/", {**VALID, **changes})


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("starts_on", "0001-01-01"),
        ("ends_on", "9999-12-31"),
        ("starts_on", "1999-12-31"),
        ("ends_on", "2100-01-01"),
        ("planned_participants", "2147483647"),
        ("unit_cost_per_hour", "-1.00"),
        ("unit_cost_per_hour", "10000.01"),
        ("anonymity_threshold", "51"),
        ("module_completion_percent", "0"),
        ("module_completion_percent", "101"),
        ("retention_until", "2027-12-30"),
        ("retention_until", "2200-01-01"),
    ],
)
def test_admin_form_refuses_out_of_range_settings(client, programme_admin, field, value):
    client.force_login(programme_admin)
    response = _post(client, **{field: value})
    assert response.status_code == 200
    assert response.context["form"].errors, f"{field}={value} was accepted"
    assert not Programme.objects.exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [("starts_on", "2000-01-01"), ("ends_on", "2099-12-31"), ("module_completion_percent", "1"),
     ("module_completion_percent", "100"), ("unit_cost_per_hour", "10000.00"), ("retention_until", "2027-12-31")],
)
def test_admin_form_accepts_the_bounds_themselves(client, programme_admin, field, value):
    client.force_login(programme_admin)
    extra = {"retention_until": ""} if field == "ends_on" else {}  # a retention date must follow the end
    response = _post(client, **{field: value, **extra})
    assert response.status_code == 302, response.context["form"].errors
    assert str(getattr(Programme.objects.get(), field)) == value


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("starts_on", datetime.date(1, 1, 1)),
        ("ends_on", datetime.date(9999, 12, 31)),
        ("module_completion_percent", 0),
        ("module_completion_percent", 101),
        ("unit_cost_per_hour", Decimal("-1")),
        ("anonymity_threshold", 51),
        ("planned_participants", 1_000_001),
        ("retention_until", datetime.date(2000, 1, 1)),
    ],
)
def test_database_refuses_out_of_range_programmes(field, value):
    programme = ProgrammeFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Programme.objects.filter(pk=programme.pk).update(**{field: value})


def test_database_bounds_track_targets_and_module_times():
    module = ModuleFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Track.objects.filter(pk=module.track_id).update(target_minutes=6001)
    with pytest.raises(IntegrityError), transaction.atomic():
        Module.objects.filter(pk=module.pk).update(planned_minutes=961)
    Track.objects.filter(pk=module.track_id).update(target_minutes=6000)
    Module.objects.filter(pk=module.pk).update(planned_minutes=960)


def test_track_form_refuses_an_absurd_target(client, editor):
    track = TrackFactory(target_minutes=300)
    client.force_login(editor)
    response = client.post(f"/admin/tracks/edit/{track.pk}/", {
        "programme": track.programme_id, "kind": track.kind, "name": track.name, "description": "",
        "target_minutes": "2147483647", "modules-TOTAL_FORMS": "0", "modules-INITIAL_FORMS": "0",
        "modules-MIN_NUM_FORMS": "0", "modules-MAX_NUM_FORMS": "1000",
    })
    assert response.status_code == 200
    track.refresh_from_db()
    assert track.target_minutes == 300
