"""Who may see which dashboard, the programme admin's data-quality warnings, and the figures
of the employee's own dashboard."""

from __future__ import annotations

import datetime

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from courses.models import Programme
from courses.selectors import tracks_for_employee
from people.models import Employee, Role, RoleAssignment, Workplace
from people.selectors import scope_for
from sessions import selectors as session_selectors
from sessions.models import Invitation, InvitationStatus, Session, SessionStatus
from surveys.models import SurveyInvitation, SurveyRound

#: A session still open this long after its end was never closed.
UNCLOSED_AFTER = datetime.timedelta(days=2)
WARNING_LIST_LIMIT = 10


def can_see_programme_overview(user) -> bool:
    """The programme-wide aggregates: the steering group and programme admins."""
    scope = scope_for(user)
    return scope.is_steering_group or scope.is_programme_admin


def workplaces_without_process_leader(programme: Programme) -> QuerySet[Workplace]:
    return (
        Workplace.objects.filter(organisation__programmes=programme)
        .exclude(Exists(RoleAssignment.objects.filter(workplace=OuterRef("pk"), role=Role.PROCESS_LEADER)))
        .select_related("organisation")
        .order_by("organisation__name", "name")
    )


def sessions_never_closed(programme: Programme) -> QuerySet[Session]:
    return (
        Session.objects.filter(
            module__track__programme=programme,
            status=SessionStatus.SCHEDULED,
            ends_at__lt=timezone.now() - UNCLOSED_AFTER,
        )
        .select_related("module", "workplace")
        .order_by("starts_at")
    )


def rounds_without_invitations(programme: Programme) -> QuerySet[SurveyRound]:
    return (
        SurveyRound.objects.filter(programme=programme, opens_on__lte=timezone.localdate())
        .exclude(Exists(SurveyInvitation.objects.filter(round=OuterRef("pk"))))
        .order_by("opens_on")
    )


def data_quality(programme: Programme) -> list[dict]:
    """Each warning with its count and the first few cases. Six queries."""
    out = []
    for key, qs in (
        ("workplaces", workplaces_without_process_leader(programme)),
        ("sessions", sessions_never_closed(programme)),
        ("rounds", rounds_without_invitations(programme)),
    ):
        out.append({"key": key, "count": qs.count(), "items": list(qs[:WARNING_LIST_LIMIT])})
    return out


def upcoming_led_sessions(user, limit: int = 5) -> list[Session]:
    """The process leader's next sessions."""
    scope = scope_for(user)
    if scope.user_id is None:
        return []
    return list(
        Session.objects.filter(process_leaders__id=scope.user_id, status=SessionStatus.SCHEDULED, ends_at__gte=timezone.now())
        .select_related("module__track", "workplace")
        .order_by("starts_at")[:limit]
    )


def recent_led_sessions(user, limit: int = 5) -> list[Session]:
    """The process leader's latest held sessions, with invited and present counts (one query)."""
    scope = scope_for(user)
    if scope.user_id is None:
        return []
    return list(
        Session.objects.filter(process_leaders__id=scope.user_id, status=SessionStatus.CLOSED)
        .select_related("module", "workplace")
        .annotate(
            invited_count=Count("invitations", filter=Q(invitations__status="invited"), distinct=True),
            present_count=Count("attendances", filter=Q(attendances__minutes__gt=0), distinct=True),
        )
        .order_by("-starts_at")[:limit]
    )


# ---------------------------------------------------------------- the employee's own


def employee_hours(employee: Employee) -> tuple[Programme | None, list[dict]]:
    """The employee's current programme and, per track of it they take, minutes done, target and
    left. The figures are those of "Mina timmar" (``ledger_by_track``: attendance in sessions not
    cancelled, plus corrections); a track with nothing yet shows 0. Five queries."""
    tracks = list(tracks_for_employee(employee).prefetch_related(None))
    if not tracks:
        return None, []
    programme_id = tracks[0].programme_id  # newest programme first
    ledger = {row["track"].pk: row for row in session_selectors.ledger_by_track(employee)}
    rows = []
    for track in tracks:
        if track.programme_id != programme_id:
            continue
        row = ledger.get(track.pk) or {
            "track": track, "minutes": 0, "target": track.target_minutes, "left": track.target_minutes,
        }
        rows.append({**row, "track": track})
    # Hours on a track of the programme the employee no longer takes (a former manager's
    # preparatory hours) still count on their record, so they are shown too.
    shown = {row["track"].pk for row in rows}
    rows += [row for pk, row in ledger.items() if pk not in shown and row["track"].programme_id == programme_id]
    return tracks[0].programme, rows


def employee_next_session(employee: Employee) -> Invitation | None:
    """The soonest session the employee is booked on that has not ended, is not cancelled and
    not yet closed (one query; a waiting-list place is not a booking)."""
    return (
        session_selectors.my_sessions(employee)
        .filter(status=InvitationStatus.INVITED, session__status=SessionStatus.SCHEDULED,
                session__ends_at__gte=timezone.now())
        .order_by("session__starts_at", "session_id")
        .first()
    )
