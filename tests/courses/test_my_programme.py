"""Mitt program: an employee sees their own tracks, modules and material – nobody else's."""

import pytest

from django.urls import reverse

from courses.models import TrackKind
from people.links import employee_link_url
from people.models import Role
from people.services import role_assign
from tests.cms.factories import content_tree
from tests.factories import (
    EmployeeFactory,
    ModuleFactory,
    ProgrammeFactory,
    TrackFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def programmes(organisation, other_organisation):
    tree = content_tree()
    ours = ProgrammeFactory(name="Vilka är vi?")
    ours.organisations.set([organisation])
    workplace_track = TrackFactory(programme=ours, kind=TrackKind.WORKPLACE, name="Arbetsplatsprocessen")
    ModuleFactory(track=workplace_track, title="Vilka är vi nu?", lecture_segment=tree.segment, discussion_guide=tree.guide)
    prep = TrackFactory(programme=ours, kind=TrackKind.PREPARATORY, name="Preparandprocessen", target_minutes=840)
    ModuleFactory(track=prep, title="Introduktionsdag", planned_minutes=360)
    theirs = ProgrammeFactory(name="Orsas eget program")
    theirs.organisations.set([other_organisation])
    other_track = TrackFactory(programme=theirs, kind=TrackKind.WORKPLACE, name="Orsaspåret")
    ModuleFactory(track=other_track, title="Hemlig modul")
    return tree


def test_employee_sees_the_workplace_track_with_material(client, workplace, programmes):
    user = UserFactory(employee=EmployeeFactory(workplace=workplace, first_name="Amina"))
    client.force_login(user)
    response = client.get(reverse("courses:my_programme"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Hej Amina!" in html and "Arbetsplatsprocessen" in html and "Vilka är vi nu?" in html
    assert programmes.guide.url in html and programmes.segment.url in html
    assert "Preparandprocessen" not in html
    assert "Orsaspåret" not in html and "Hemlig modul" not in html


def test_process_leaders_and_managers_also_see_the_preparatory_track(client, process_leader, manager, programmes):
    for user in (process_leader, manager):
        client.force_login(user)
        html = client.get(reverse("courses:my_programme")).content.decode()
        assert "Preparandprocessen" in html and "Introduktionsdag" in html and "Arbetsplatsprocessen" in html


def test_employee_of_another_organisation_sees_only_their_programme(client, other_workplace, programmes):
    client.force_login(UserFactory(employee=EmployeeFactory(workplace=other_workplace)))
    html = client.get(reverse("courses:my_programme")).content.decode()
    assert "Orsaspåret" in html and "Arbetsplatsprocessen" not in html


def test_signed_link_opens_mitt_program_without_password(client, workplace, programmes):
    employee = EmployeeFactory(workplace=workplace, first_name="Bo")
    url = employee_link_url(employee, reverse("courses:my_programme"))
    response = client.get(url.split("8000", 1)[-1], follow=True)
    assert response.status_code == 200
    assert "Hej Bo!" in response.content.decode()


def test_anonymous_visitor_is_sent_to_sign_in(client, programmes):
    response = client.get(reverse("courses:my_programme"))
    assert response.status_code == 302 and "/logga-in/" in response["Location"]


def test_login_without_employee_gets_an_explanation(client, programmes):
    user = UserFactory()
    role_assign(user=user, role=Role.EDITOR)
    client.force_login(user)
    html = client.get(reverse("courses:my_programme")).content.decode()
    assert "inte kopplad till någon anställd" in html


def test_query_count_does_not_grow_with_modules(client, workplace, programmes, django_assert_max_num_queries):
    from courses.models import Track

    client.force_login(UserFactory(employee=EmployeeFactory(workplace=workplace)))
    client.get(reverse("courses:my_programme"))
    with django_assert_max_num_queries(30) as few:
        client.get(reverse("courses:my_programme"))
    track = Track.objects.get(name="Arbetsplatsprocessen")
    for index in range(6):
        ModuleFactory(track=track, title=f"Extra {index}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("courses:my_programme"))
