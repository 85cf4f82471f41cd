"""Someone who came in through their signed link is greeted as themselves and can end it."""

import pytest

from django.urls import reverse

from people.links import employee_link_url
from tests.factories import EmployeeFactory

pytestmark = pytest.mark.django_db


def test_link_visitor_is_recognised_and_can_end_the_link_session(client, workplace):
    employee = EmployeeFactory(workplace=workplace, first_name="Märta")
    login_button = f'href="{reverse("cms:login")}">Logga in</a>'
    assert login_button in client.get(reverse("cms:privacy")).content.decode()
    client.get(employee_link_url(employee))
    html = client.get(reverse("sessions:my_sessions")).content.decode()
    assert "Du är inne som Märta via din länk" in html
    assert login_button not in html
    client.post(reverse("cms:logout"))
    assert client.get(reverse("sessions:my_sessions")).status_code == 302
    html = client.get(reverse("cms:privacy")).content.decode()
    assert login_button in html and "via din länk" not in html
