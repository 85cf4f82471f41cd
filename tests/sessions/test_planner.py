"""The planner's batch: groups of a chosen size, working days, a preview that writes nothing, a
confirmation that creates the sessions once, and invitations built in the background."""

import datetime
import re

import pytest

from django.core import mail
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cms.models import OutboxMessage
from sessions import public_holidays, services
from sessions.models import Invitation, Session
from sessions.tasks import session_invitations_flush_task, session_invitations_send_task
from tests.factories import EmployeeFactory

from .factories import at

pytestmark = pytest.mark.django_db


def _url(workplace):
    return reverse("sessions:planner", args=[workplace.pk])


def _data(process_leader, **extra):
    data = {
        "first_starts_at": "2026-05-04T09:00",  # a Monday
        "interval_days": 7,
        "place": "Personalrummet",
        "process_leaders": [process_leader.pk],
        "skip_days_off": "on",
    }
    data.update(extra)
    return {k: v for k, v in data.items() if v is not None}


def _preview(client, workplace, data):
    response = client.post(_url(workplace), {**data, "action": "preview"})
    assert response.status_code == 200
    return response


def _confirm(client, workplace, data, proposal):
    return client.post(_url(workplace), {**data, "action": "confirm", "proposal": proposal.fingerprint})


def _nothing_written():
    assert (Session.objects.count(), Invitation.objects.count(), OutboxMessage.objects.count()) == (0, 0, 0)


# ---------------------------------------------------------------- groups


@pytest.mark.parametrize(
    ("people", "size", "sizes"),
    [
        (43, 10, [9, 9, 9, 8, 8]),
        (43, 12, [11, 11, 11, 10]),
        (10, 10, [10]),
        (11, 10, [6, 5]),
        (3, 1, [1, 1, 1]),
        (7, None, [7]),
        (0, 5, []),
    ],
)
def test_groups_are_even_and_never_above_the_size(people, size, sizes):
    groups = services.planner_groups(list(range(people)), size)
    assert [len(g) for g in groups] == sizes
    assert [p for g in groups for p in g] == list(range(people))  # everyone once, in order


def test_plan_gives_everyone_missing_a_module_exactly_one_place(client, manager, process_leader, workplace, staff,
                                                                programme_setup):
    extra = [EmployeeFactory(workplace=workplace) for _ in range(5)]  # 4 staff + 5 + manager + leader = 11
    first = programme_setup["work_modules"][0]
    done = services.session_schedule(
        workplace=workplace, module=first, starts_at=at(10), ends_at=at(10, 10), place="Rummet",
        process_leaders=[process_leader], invitees=staff[:1], scheduled_by=manager,
    )  # staff[0] is booked on the first module already
    client.force_login(manager)
    data = _data(process_leader, group_size=4)
    proposal = _preview(client, workplace, data).context["proposal"]
    assert Session.objects.count() == 1  # the preview wrote nothing
    by_module = {}
    for s in proposal.sessions:
        by_module.setdefault(s.module.pk, []).append(s)
    assert [len(g.invitees) for g in by_module[first.pk]] == [4, 3, 3]  # ten missing it, groups of ≤ 4
    assert all(len(by_module[m.pk]) == 3 for m in programme_setup["work_modules"][1:])  # eleven: 4, 4, 3

    response = _confirm(client, workplace, data, proposal)
    assert response.status_code == 302
    assert Session.objects.filter(workplace=workplace).exclude(pk=done.pk).count() == len(proposal.sessions) == 15
    people = [*staff, *extra, manager.employee, process_leader.employee]
    for module in programme_setup["work_modules"]:
        places = Invitation.objects.filter(session__module=module, status="invited")
        counted = {e.pk: places.filter(employee=e).count() for e in people}
        assert set(counted.values()) == {1}, module  # one place each, no one twice or left out
    assert max(Session.objects.get(pk=s.pk).invitations.count() for s in Session.objects.all()) <= 4


@pytest.mark.parametrize(
    ("size", "message"),
    [("0", "Ange en gruppstorlek mellan 1 och 500"), ("501", "Ange en gruppstorlek mellan 1 och 500"),
     ("tolv", "heltal")],
)
def test_group_size_is_refused_outside_its_bounds(client, manager, process_leader, workplace, staff, programme_setup,
                                                  size, message):
    client.force_login(manager)
    response = _preview(client, workplace, _data(process_leader, group_size=size))
    assert message in " ".join(response.context["form"].errors["group_size"])
    assert response.context["proposal"] is None
    _nothing_written()


def test_too_many_sessions_are_refused(client, manager, process_leader, workplace, staff, programme_setup,
                                       monkeypatch):
    monkeypatch.setattr("sessions.services.planning.PLANNER_SESSIONS_MAX", 9)
    client.force_login(manager)
    response = _preview(client, workplace, _data(process_leader, group_size=3))  # 6 people: 2 × 5 modules
    assert "fler än 9 tillfällen" in " ".join(response.context["form"].errors["group_size"])
    _nothing_written()


# ---------------------------------------------------------------- working days


def test_swedish_holidays_come_from_the_holidays_library():
    assert public_holidays.day_off(datetime.date(2026, 6, 19)) == "Midsommarafton"
    assert public_holidays.day_off(datetime.date(2026, 6, 6)) == "Nationaldagen"
    assert public_holidays.day_off(datetime.date(2026, 4, 6)) == "Annandag påsk"
    assert public_holidays.day_off(datetime.date(2026, 6, 21)) == "söndag"
    assert public_holidays.day_off(datetime.date(2026, 6, 18)) is None  # the Thursday before
    assert public_holidays.next_working_day(datetime.date(2026, 6, 19)) == datetime.date(2026, 6, 22)


def test_a_session_on_midsommarafton_is_a_warning_in_the_preview(client, manager, process_leader, workplace, staff,
                                                                 programme_setup):
    client.force_login(manager)
    data = _data(process_leader, first_starts_at="2026-06-19T09:00", skip_days_off=None)
    response = _preview(client, workplace, data)
    first = response.context["proposal"].sessions[0]
    assert first.starts_at.date() == datetime.date(2026, 6, 19)
    body = response.content.decode()
    assert "Samtal 1 hamnar 2026-06-19, en ledig dag (Midsommarafton)." in body
    _nothing_written()


def test_with_skipping_a_holiday_moves_to_the_next_working_day(client, manager, process_leader, workplace, staff,
                                                               programme_setup):
    client.force_login(manager)
    data = _data(process_leader, first_starts_at="2026-06-19T09:00", group_size=3)
    response = _preview(client, workplace, data)
    sessions = response.context["proposal"].sessions
    # Midsommarafton, midsommardagen and a Sunday are skipped; the second group comes the day after.
    assert [timezone.localtime(s.starts_at).strftime("%Y-%m-%d %H:%M") for s in sessions[:2]] == [
        "2026-06-22 09:00", "2026-06-23 09:00"]
    assert "Flyttat från 2026-06-19 (Midsommarafton)." in response.content.decode()
    assert not any(w.code == "day_off" for w in response.context["proposal"].warnings)
    days = [timezone.localtime(s.starts_at).date() for s in sessions]
    assert len(set(days)) == len(days)  # no two sessions of the batch on one day
    assert not any(public_holidays.day_off(d) for d in days)


def test_preview_warns_about_a_busy_leader_and_a_busy_invitee(client, manager, process_leader, workplace, staff,
                                                              programme_setup):
    # An open session on the day of module 2 (2026-05-11), led by our leader, with staff[0] booked.
    other = services.session_schedule(
        workplace=None, module=programme_setup["prep_modules"][0], starts_at=at(11, 9, month=5),
        ends_at=at(11, 11, month=5), place="Kommunhuset", process_leaders=[process_leader], invitees=[staff[0]],
        scheduled_by=_admin(), confirm_warnings=True,
    )
    client.force_login(manager)
    response = _preview(client, workplace, _data(process_leader))
    sessions = response.context["proposal"].sessions
    messages = {s.module.title: [w.code for w in s.warnings] for s in sessions}
    assert messages["Samtal 2"] == ["leader_busy", "invitee_busy"]
    assert messages["Samtal 1"] == messages["Samtal 3"] == []
    assert f"{staff[0]} är redan bokad på {other.module}" in response.content.decode()


def _admin():
    from people.models import Role
    from tests.factories import user_with_role

    return user_with_role(Role.PROGRAMME_ADMIN, email="planner-admin@example.se")


# ---------------------------------------------------------------- preview and confirmation


def test_preview_shows_the_proposal_and_creates_nothing(client, manager, process_leader, workplace, staff,
                                                        programme_setup, django_capture_on_commit_callbacks):
    client.force_login(manager)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = _preview(client, workplace, _data(process_leader, group_size=4))
    body = response.content.decode()
    assert "10 tillfällen för 6 medarbetare" in body
    assert "Samtal 1, grupp 1 av 2" in body and "2026-05-04" in body and "09:00–10:00" in body
    assert "Inget är sparat och inga inbjudningar har skickats ännu." in body
    assert re.search(r'name="proposal" value="[0-9a-f]{32}"', body)
    assert callbacks == []
    _nothing_written()
    assert mail.outbox == []


def test_confirming_creates_the_sessions_and_a_second_confirmation_nothing_more(
    client, manager, process_leader, workplace, staff, programme_setup, django_capture_on_commit_callbacks
):
    client.force_login(manager)
    data = _data(process_leader, group_size=4)
    proposal = _preview(client, workplace, data).context["proposal"]
    with django_capture_on_commit_callbacks(execute=True):
        response = _confirm(client, workplace, data, proposal)
    assert response.status_code == 302
    assert Session.objects.count() == 10 and Invitation.objects.count() == 5 * 6
    assert sorted(s.starts_at for s in Session.objects.all()) == [s.starts_at for s in proposal.sessions]
    follow = client.get(response.url)
    assert "10 tillfällen planerades." in follow.content.decode()
    sent = len(mail.outbox)
    assert sent == OutboxMessage.objects.count() > 0

    # The same confirmation again (a double click, a reload): nothing more is created or sent.
    with django_capture_on_commit_callbacks(execute=True):
        again = _confirm(client, workplace, data, proposal)
    assert again.status_code == 302
    assert "Tillfällena är redan planerade" in client.get(again.url).content.decode()
    assert Session.objects.count() == 10 and Invitation.objects.count() == 30
    assert len(mail.outbox) == sent


def test_a_proposal_changed_since_the_preview_is_shown_again(client, manager, process_leader, workplace, staff,
                                                             programme_setup):
    client.force_login(manager)
    data = _data(process_leader)
    proposal = _preview(client, workplace, data).context["proposal"]
    services.session_schedule(  # meanwhile someone books staff[0] on the first module
        workplace=workplace, module=programme_setup["work_modules"][0], starts_at=at(10), ends_at=at(10, 10),
        place="Rummet", process_leaders=[process_leader], invitees=staff[:1], scheduled_by=manager,
    )
    response = _confirm(client, workplace, data, proposal)
    assert response.status_code == 200
    assert "Förslaget har ändrats sedan du såg det" in response.content.decode()
    assert Session.objects.count() == 1
    assert staff[0] not in response.context["proposal"].sessions[0].invitees


# ---------------------------------------------------------------- invitations in the background


def test_invitations_are_built_after_commit_not_in_the_request(manager, process_leader, workplace, staff,
                                                               programme_setup, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        created = services.planner_create_remaining(
            workplace=workplace, first_starts_at=at(16), place="Rummet", process_leaders=[process_leader],
            scheduled_by=manager, confirm_warnings=True,
        )
    assert len(created) == 5
    assert OutboxMessage.objects.count() == 0  # nothing built inside the transaction
    assert all(s.invitations_pending for s in Session.objects.all())
    assert len(callbacks) == 1  # one task for the whole batch
    callbacks[0]()
    # Six invitees per session (the leader is one of them): one invitation each, with its calendar file.
    assert OutboxMessage.objects.filter(kind="session_invite").count() == 5 * 6
    assert not Session.objects.filter(invitations_pending=True).exists()
    assert len(mail.outbox) == 0  # delivery is queued on the outbox's own commit
    message = OutboxMessage.objects.filter(to_email=staff[0].email).first()
    assert message.attachments[0]["filename"] == "samtal.ics"


def test_nothing_is_built_or_sent_when_the_transaction_rolls_back(manager, process_leader, workplace, staff,
                                                                  programme_setup, django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        services.planner_create_remaining(
            workplace=workplace, first_starts_at=at(16), place="Rummet", process_leaders=[process_leader],
            scheduled_by=manager, confirm_warnings=True,
        )
        raise RuntimeError("the request failed after planning")
    assert callbacks == []
    assert Session.objects.count() == 0
    assert OutboxMessage.objects.count() == 0 and mail.outbox == []


def test_the_invitation_task_is_idempotent(manager, process_leader, workplace, staff, programme_setup,
                                           django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        session = services.session_schedule(
            workplace=workplace, module=programme_setup["work_modules"][0], starts_at=at(10), ends_at=at(10, 10),
            place="Rummet", process_leaders=[process_leader], invitees=staff, capacity=3, scheduled_by=manager,
        )
    assert session_invitations_send_task.apply(args=[[session.pk]]).get() == 3 + 1 + 1  # 3 seats, 1 waits, leader
    assert session_invitations_send_task.apply(args=[[session.pk]]).get() == 0
    assert session_invitations_flush_task.apply().get() == 0
    kinds = sorted(OutboxMessage.objects.values_list("kind", flat=True))
    assert kinds == ["session_invite"] * 4 + ["session_waitlist"]
    assert session_invitations_send_task.apply(args=[[10**9]]).get() == 0  # a missing session is no crash


def test_invitations_whose_task_never_left_are_built_by_the_flush(manager, process_leader, workplace, staff,
                                                                  programme_setup, django_capture_on_commit_callbacks,
                                                                  monkeypatch):
    def broker_down(*args, **kwargs):
        raise ConnectionError("broker unreachable")

    monkeypatch.setattr(session_invitations_send_task, "apply_async", broker_down)
    with django_capture_on_commit_callbacks(execute=True):
        session = services.session_schedule(
            workplace=workplace, module=programme_setup["work_modules"][0], starts_at=at(10), ends_at=at(10, 10),
            place="Rummet", process_leaders=[process_leader], invitees=staff, scheduled_by=manager,
        )
    assert OutboxMessage.objects.count() == 0
    session.refresh_from_db()
    assert session.invitations_pending  # nothing lost: the flag is the to-do
    assert session_invitations_flush_task.apply().get() == 5
    assert session_invitations_flush_task.apply().get() == 0


# ---------------------------------------------------------------- queries and permissions


@pytest.mark.parametrize("extra", [0, 30])
def test_plan_request_queries_do_not_grow_with_people(client, manager, process_leader, workplace, staff,
                                                      programme_setup, extra):
    for _ in range(extra):
        EmployeeFactory(workplace=workplace)
    client.force_login(manager)
    data = _data(process_leader, group_size=100)  # one group per module at both sizes
    with CaptureQueriesContext(transaction.get_connection()) as preview_queries:
        proposal = _preview(client, workplace, data).context["proposal"]
    with CaptureQueriesContext(transaction.get_connection()) as confirm_queries:
        assert _confirm(client, workplace, data, proposal).status_code == 302
    assert len(proposal.sessions) == 5
    # Measured 32 and 67 at both sizes (66 once the content types are cached; SQLite; each includes
    # the two-factor check's query). Five sessions of 6 or 36 people: one query per person would show.
    assert len(preview_queries) <= 32
    assert len(confirm_queries) <= 67


@pytest.mark.parametrize("who", ["other_manager", "process_leader", "hr_user"])
def test_others_may_neither_preview_nor_confirm(client, request, who, manager, process_leader, workplace, staff,
                                                programme_setup):
    client.force_login(manager)
    data = _data(process_leader)
    proposal = _preview(client, workplace, data).context["proposal"]
    client.force_login(request.getfixturevalue(who))
    assert client.post(_url(workplace), {**data, "action": "preview"}).status_code == 404
    assert _confirm(client, workplace, data, proposal).status_code == 404
    _nothing_written()


def test_services_refuse_a_manager_of_another_workplace(other_manager, process_leader, workplace, staff,
                                                        programme_setup):
    options = {"workplace": workplace, "first_starts_at": at(16), "place": "Rummet"}
    with pytest.raises(PermissionDenied):
        services.planner_propose(viewer=other_manager, **options)
    with pytest.raises(PermissionDenied):
        services.planner_create_remaining(scheduled_by=other_manager, confirm_warnings=True, **options)
    _nothing_written()
