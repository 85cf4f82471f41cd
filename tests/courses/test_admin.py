"""The programme structure in the Wagtail admin: tracks, ordered modules and the target check."""

import pytest

from wagtail.test.utils.form_data import inline_formset, nested_form_data

from courses.models import Module, Track, TrackKind
from tests.cms.factories import content_tree
from tests.factories import ModuleFactory, ProgrammeFactory, TrackFactory

pytestmark = pytest.mark.django_db


def track_form_data(track, modules):
    return nested_form_data(
        {
            "programme": track.programme_id,
            "kind": track.kind,
            "name": track.name,
            "description": track.description,
            "target_minutes": track.target_minutes,
            "modules": inline_formset(modules, initial=sum(1 for m in modules if m.get("id"))),
        }
    )


def module_row(module=None, **fields):
    row = {
        "id": module.pk if module else "",
        "title": module.title if module else "",
        "description": "",
        "planned_minutes": module.planned_minutes if module else 60,
        "lecture_segment": "",
        "discussion_guide": "",
    }
    row.update(fields)
    return row


def test_track_total_against_target():
    track = TrackFactory(target_minutes=300)
    for _ in range(4):
        ModuleFactory(track=track, planned_minutes=60)
    track = Track.objects.prefetch_related("modules").get(pk=track.pk)
    assert track.planned_minutes == 240 and track.minutes_off_target == -60
    ModuleFactory(track=track, planned_minutes=90)
    track = Track.objects.get(pk=track.pk)
    assert track.planned_minutes == 330 and track.minutes_off_target == 30


def test_track_listing_warns_when_modules_do_not_add_up(client, editor):
    programme = ProgrammeFactory()
    ok = TrackFactory(programme=programme, kind=TrackKind.WORKPLACE, target_minutes=120)
    ModuleFactory(track=ok, planned_minutes=60)
    ModuleFactory(track=ok, planned_minutes=60)
    short = TrackFactory(programme=programme, kind=TrackKind.PREPARATORY, name="Prep", target_minutes=840)
    ModuleFactory(track=short, planned_minutes=780)
    client.force_login(editor)
    response = client.get("/admin/tracks/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "120 / 120 min" in html and "stämmer" in html
    assert "780 / 840 min" in html and "60 min kvar till målet" in html


def test_track_listing_queries_do_not_grow_with_tracks(client, editor, django_assert_max_num_queries):
    client.force_login(editor)
    for _index in range(2):
        track = TrackFactory(programme=ProgrammeFactory(), kind=TrackKind.WORKPLACE)
        ModuleFactory(track=track)
    client.get("/admin/tracks/")  # warm caches (content types, site)
    with django_assert_max_num_queries(40) as few:
        client.get("/admin/tracks/")
    for _index in range(10):
        track = TrackFactory(programme=ProgrammeFactory(), kind=TrackKind.WORKPLACE)
        ModuleFactory(track=track)
        ModuleFactory(track=track)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/admin/tracks/")


def test_edit_form_shows_the_target_warning(client, editor):
    track = TrackFactory(target_minutes=300)
    ModuleFactory(track=track, planned_minutes=60)
    client.force_login(editor)
    html = client.get(f"/admin/tracks/edit/{track.pk}/").content.decode()
    assert "Modulerna stämmer inte med målet." in html
    assert "De är planerade till 60 minuter men spårets mål är 300 minuter." in html


def test_editor_adds_and_reorders_modules_with_content(client, editor):
    tree = content_tree()
    track = TrackFactory(target_minutes=120)
    first = ModuleFactory(track=track, title="Första", sort_order=0)
    second = ModuleFactory(track=track, title="Andra", sort_order=1)
    client.force_login(editor)
    data = track_form_data(
        track,
        [
            module_row(second),  # moved to the top
            module_row(first),
            module_row(
                title="Tredje",
                planned_minutes=30,
                lecture_segment=tree.segment.pk,
                discussion_guide=tree.guide.pk,
            ),
        ],
    )
    response = client.post(f"/admin/tracks/edit/{track.pk}/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    titles = list(Module.objects.filter(track=track).order_by("sort_order").values_list("title", flat=True))
    assert titles == ["Andra", "Första", "Tredje"]
    third = Module.objects.get(title="Tredje")
    assert third.discussion_guide_id == tree.guide.pk and third.lecture_segment_id == tree.segment.pk


def test_module_guide_must_be_a_discussion_guide(client, editor):
    tree = content_tree()
    track = TrackFactory()
    client.force_login(editor)
    data = track_form_data(track, [module_row(title="Fel", discussion_guide=tree.segment.pk)])
    response = client.post(f"/admin/tracks/edit/{track.pk}/", data)
    assert response.status_code == 200
    assert not Module.objects.filter(title="Fel").exists()


@pytest.mark.parametrize("value", ["2026-02-30", "abc", "1.5", "-1"])
def test_a_chosen_page_that_is_not_a_page_id_is_an_error_not_a_crash(client, editor, value):
    content_tree()
    track = TrackFactory()
    client.force_login(editor)
    data = track_form_data(track, [module_row(title="Trasig", lecture_segment=value, discussion_guide=value)])
    response = client.post(f"/admin/tracks/edit/{track.pk}/", data)
    assert response.status_code == 200
    assert "error-message" in response.content.decode()
    assert not Module.objects.filter(title="Trasig").exists()


def test_people_without_course_permissions_cannot_open_tracks(client, hr_user):
    client.force_login(hr_user)
    assert client.get("/admin/tracks/").status_code in (302, 403)


def test_saving_a_track_that_does_not_add_up_warns(client, editor):
    track = TrackFactory(target_minutes=300)
    module = ModuleFactory(track=track, planned_minutes=60, sort_order=0)
    client.force_login(editor)
    response = client.post(f"/admin/tracks/edit/{track.pk}/", track_form_data(track, [module_row(module)]), follow=True)
    assert "modulerna är planerade till 60 minuter men målet är 300 minuter" in response.content.decode()


def test_a_programme_post_without_its_childrens_ids_is_answered_with_the_form(client, programme_admin):
    """A tampered POST that counts an existing milestone but leaves out its id: a form, not a 500."""
    from courses.models import Programme

    data = {
        "name": "Manipulerat program", "starts_on": "2026-01-01", "ends_on": "2026-12-31",
        "phases-TOTAL_FORMS": "0", "phases-INITIAL_FORMS": "0",
        "milestones-TOTAL_FORMS": "1", "milestones-INITIAL_FORMS": "1",
        "milestones-0-title": "", "milestones-0-due_on": "x",
    }
    client.force_login(programme_admin)
    client.raise_request_exception = False
    response = client.post("/admin/programmes/new/", data)
    assert response.status_code == 200
    assert not Programme.objects.filter(name="Manipulerat program").exists()
