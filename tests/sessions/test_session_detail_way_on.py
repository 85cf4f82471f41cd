"""A session's page leads on: to its module's guide and film, back to the sessions, and from an
empty participant list to where people are invited."""

import pytest

from django.urls import reverse

from sessions import services
from tests.cms.factories import content_tree

from .factories import SessionFactory, at

pytestmark = pytest.mark.django_db


def test_session_links_to_its_guide_and_film(client, manager, process_leader, workplace, staff, programme_setup):
    tree = content_tree()
    module = programme_setup["work_modules"][0]
    module.discussion_guide, module.lecture_segment = tree.guide, tree.segment
    module.save()
    session = services.session_schedule(
        workplace=workplace, module=module, starts_at=at(20, month=12), ends_at=at(20, 10, month=12),
        place="Rummet", process_leaders=[process_leader], invitees=staff, scheduled_by=manager, confirm_warnings=True,
    )
    client.force_login(process_leader)
    html = client.get(reverse("sessions:detail", args=[session.pk])).content.decode()
    assert f'<a href="{tree.guide.url}">Samtalsguiden: Samtalsguide 1</a>' in html
    assert f'<a href="{tree.segment.url}">Filmen: Vilka är vi nu?</a>' in html
    assert "Tillbaka till samtalstillfällena" in html
    assert "Bjud in deltagare under Ändra" not in html  # people are invited


def test_empty_participant_list_says_where_to_invite(client, manager, process_leader, workplace, programme_setup):
    session = SessionFactory(module=programme_setup["work_modules"][1], workplace=workplace,
                             starts_at=at(21, month=12), ends_at=at(21, 10, month=12))
    client.force_login(manager)
    html = client.get(reverse("sessions:detail", args=[session.pk])).content.decode()
    assert "Inga inbjudna ännu." in html
    assert f'<a href="{reverse("sessions:edit", args=[session.pk])}">Bjud in deltagare under Ändra.</a>' in html
    assert "Samtalsguiden:" not in html  # this module has no guide
