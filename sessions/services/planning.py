"""The planner's batch: everyone at a workplace still missing a workplace-track module gets exactly
one place on it, in groups of at most the size the manager chose, on working days.

``planner_propose`` computes the proposal and its warnings and writes nothing (the preview);
``planner_create_remaining`` computes it again under a lock on the workplace and creates the
sessions, refusing when the proposal is no longer the one the manager saw.
"""

from __future__ import annotations

import dataclasses
import datetime
import hashlib
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.models import Module
from people.models import Employee, User, Workplace
from people.selectors import scope_for

from .. import bounds, completion, public_holidays
from ..models import Invitation, InvitationStatus, Session
from ..selectors import can_schedule_at, planner, workplace_track_for
from ._shared import PlanChangedError, ScheduleWarning, ScheduleWarningsError, format_time
from .scheduling import invitations_queue, session_schedule

#: A batch makes at most this many sessions (25 for 43 people in groups of 10 over five modules).
PLANNER_SESSIONS_MAX = 200

T = TypeVar("T")


@dataclass(frozen=True)
class ProposedSession:
    """One session of the proposal: a group of those who still lack ``module``."""

    module: Module
    group: int
    groups: int
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    invitees: tuple[Employee, ...]
    #: The day first computed, when the session was moved off a weekend or holiday, and why.
    moved_from: datetime.date | None = None
    moved_because: str = ""
    warnings: tuple[ScheduleWarning, ...] = ()

    @property
    def label(self) -> str:
        if self.groups == 1:
            return str(self.module.title)
        return _("%(module)s, grupp %(group)s av %(groups)s") % {
            "module": self.module.title, "group": self.group, "groups": self.groups,
        }


@dataclass(frozen=True)
class PlannerProposal:
    sessions: list[ProposedSession]
    #: Every distinct warning of the proposal, once (e.g. "no process leader" once, not per session).
    warnings: list[ScheduleWarning] = field(default_factory=list)
    place: str = ""
    video_link: str = ""
    process_leader_ids: tuple[int, ...] = ()

    @property
    def people(self) -> int:
        return len({e.pk for s in self.sessions for e in s.invitees})

    @property
    def fingerprint(self) -> str:
        """Changes whenever a date, a group or a detail changes: the confirmation must match it."""
        payload = {
            "sessions": [
                [s.module.pk, s.starts_at.isoformat(), s.ends_at.isoformat(), [e.pk for e in s.invitees]]
                for s in self.sessions
            ],
            "place": self.place,
            "video_link": self.video_link,
            "leaders": sorted(self.process_leader_ids),
        }
        return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()[:32]


def planner_groups(people: Sequence[T], size: int | None) -> list[list[T]]:
    """``people`` in as few groups of at most ``size`` as possible, their sizes differing by at most
    one (43 in groups of at most 10: 9, 9, 9, 8, 8). ``None`` means one group. Order is kept."""
    if not people:
        return []
    if size is None or size >= len(people):
        return [list(people)]
    if size < 1:
        raise ValueError("size must be at least 1")
    count = math.ceil(len(people) / size)
    base, extra = divmod(len(people), count)
    groups, start = [], 0
    for index in range(count):
        end = start + base + (1 if index < extra else 0)
        groups.append(list(people[start:end]))
        start = end
    return groups


def planner_propose(
    *,
    workplace: Workplace,
    first_starts_at: datetime.datetime,
    interval_days: int = 7,
    group_size: int | None = None,
    group_interval_days: int = 1,
    skip_days_off: bool = True,
    place: str = "",
    video_link: str = "",
    process_leaders: Sequence[User] = (),
    viewer: User,
    with_warnings: bool = True,
) -> PlannerProposal:
    """The sessions the planner would create, with their warnings; writes nothing.

    Module by module (the first at ``first_starts_at``, each next one ``interval_days`` later),
    those who lack the module or attended only part of it are split into groups of at most
    ``group_size``, one session each, ``group_interval_days`` apart at the same time of day. No two
    sessions of the batch share a day. With ``skip_days_off`` a session landing on a weekend or a
    Swedish public holiday moves to the next working day; without it, it is a warning.
    ``with_warnings=False`` leaves out the overlap checks (a confirmation of warnings already seen).
    """
    if not can_schedule_at(viewer, workplace) or not scope_for(viewer).user_id:
        raise PermissionDenied
    track = workplace_track_for(workplace)
    if track is None:
        raise ValidationError(_("Det finns inget arbetsplatsspår att planera."))
    if group_size is not None and not 1 <= group_size <= bounds.SESSION_CAPACITY_MAX:
        raise ValidationError(
            {"group_size": _("Ange en gruppstorlek mellan 1 och %(max)s.") % {"max": bounds.SESSION_CAPACITY_MAX}}
        )
    programme = track.programme
    modules, rows = planner(workplace, track)
    leaders = list(process_leaders)
    local_first = timezone.localtime(first_starts_at)
    time_of_day = local_first.time().replace(tzinfo=None)
    first_free: datetime.date | None = None
    slot = 0
    planned: list[tuple[Module, int, int, datetime.date, datetime.date, list[Employee]]] = []
    for index, module in enumerate(modules):
        lacking = [row.employee for row in rows if row.cells[index] in (completion.MISSING, completion.PARTIAL)]
        if not lacking:
            continue
        day = local_first.date() + datetime.timedelta(days=interval_days * slot)
        slot += 1
        groups = planner_groups(lacking, group_size)
        if len(planned) + len(groups) > PLANNER_SESSIONS_MAX:
            raise ValidationError(
                {"group_size": _("Förslaget skulle bli fler än %(max)s tillfällen. Välj större grupper.")
                 % {"max": PLANNER_SESSIONS_MAX}}
            )
        for number, group in enumerate(groups, start=1):
            if first_free is not None and day < first_free:
                day = first_free
            wanted = day
            if skip_days_off:
                day = public_holidays.next_working_day(day)
            planned.append((module, number, len(groups), wanted, day, group))
            first_free = day + datetime.timedelta(days=1)
            day += datetime.timedelta(days=group_interval_days)

    timed = []
    for module, number, count, wanted, day, group in planned:
        starts_at = timezone.make_aware(datetime.datetime.combine(day, time_of_day))
        ends_at = starts_at + datetime.timedelta(minutes=module.planned_minutes)
        if not (bounds.in_window(programme, starts_at) and bounds.in_window(programme, ends_at)):
            raise ValidationError(
                {"first_starts_at": _("Tillfället för %(module)s skulle hamna %(day)s. %(window)s")
                 % {"module": module.title, "day": format_time(starts_at)[:10],
                    "window": bounds.window_message(programme)}}
            )
        timed.append((module, number, count, wanted, day, group, starts_at, ends_at))
    busy = _BusyCalendar(timed, leaders) if with_warnings and timed else None

    sessions: list[ProposedSession] = []
    unique: dict[tuple[str, str], ScheduleWarning] = {}
    for module, number, count, wanted, day, group, starts_at, ends_at in timed:
        warnings = busy.warnings(programme=programme, starts_at=starts_at, ends_at=ends_at, group=group) if busy else []
        proposed = ProposedSession(
            module=module, group=number, groups=count, starts_at=starts_at, ends_at=ends_at, invitees=tuple(group),
            moved_from=wanted if wanted != day else None,
            moved_because=(public_holidays.day_off(wanted) or "") if wanted != day else "",
        )
        reason = public_holidays.day_off(day)
        if reason:
            warnings.insert(0, ScheduleWarning(
                "day_off",
                _("%(session)s hamnar %(day)s, en ledig dag (%(reason)s).")
                % {"session": proposed.label, "day": format_time(starts_at)[:10], "reason": reason},
            ))
        sessions.append(dataclasses.replace(proposed, warnings=tuple(warnings)))
        for warning in warnings:
            unique.setdefault((warning.code, warning.message), warning)
    return PlannerProposal(
        sessions=sessions,
        warnings=list(unique.values()),
        place=place,
        video_link=video_link,
        process_leader_ids=tuple(u.pk for u in leaders),
    )


class _BusyCalendar:
    """The checks of ``schedule_warnings`` for a whole batch in two queries: the process leaders'
    and the invitees' other sessions during the batch's span. (Everyone in a group lacks the module
    and is not booked on it – that is how the groups were drawn – so that check is left out.)"""

    def __init__(self, timed: list, leaders: Sequence[User]):
        self.leaders = list(leaders)
        first = min(t[6] for t in timed)
        last = max(t[7] for t in timed)
        around = Session.objects.active().filter(starts_at__lt=last, ends_at__gt=first)
        self.leader_rows = list(
            Session.process_leaders.through.objects.filter(
                session__in=around, user_id__in=[u.pk for u in self.leaders]
            ).select_related("user", "session__module").order_by("user_id", "session__starts_at")
        ) if self.leaders else []
        self.invitee_rows = list(
            Invitation.objects.filter(
                session__in=around,
                employee_id__in=[e.pk for t in timed for e in t[5]],
                status=InvitationStatus.INVITED,
            ).select_related("employee", "session__module").order_by("employee__last_name", "session__starts_at")
        )

    def warnings(self, *, programme, starts_at, ends_at, group) -> list[ScheduleWarning]:
        warnings: list[ScheduleWarning] = []
        if not self.leaders:
            warnings.append(ScheduleWarning(
                "no_process_leader",
                _("Tillfället har ingen processledare. Arbetsplatsens samtal leds av en utbildad processledare."),
            ))
        for row in self.leader_rows:
            if row.session.starts_at < ends_at and row.session.ends_at > starts_at:
                warnings.append(ScheduleWarning(
                    "leader_busy",
                    _("Processledaren %(name)s leder redan %(session)s vid den tiden.")
                    % {"name": row.user, "session": f"{row.session.module} {format_time(row.session.starts_at)}"},
                ))
        ids = {e.pk for e in group}
        for inv in self.invitee_rows:
            if inv.employee_id in ids and inv.session.starts_at < ends_at and inv.session.ends_at > starts_at:
                warnings.append(ScheduleWarning(
                    "invitee_busy",
                    _("%(name)s är redan bokad på %(session)s vid den tiden.")
                    % {"name": inv.employee, "session": f"{inv.session.module} {format_time(inv.session.starts_at)}"},
                ))
        local_start, local_end = timezone.localtime(starts_at).date(), timezone.localtime(ends_at).date()
        if local_start < programme.starts_on or local_end > programme.ends_on:
            warnings.append(ScheduleWarning(
                "outside_programme",
                _("Tillfället ligger utanför programmets datum (%(start)s – %(end)s).")
                % {"start": programme.starts_on, "end": programme.ends_on},
            ))
        return warnings


@transaction.atomic
def planner_create_remaining(
    *,
    workplace: Workplace,
    first_starts_at: datetime.datetime,
    interval_days: int = 7,
    group_size: int | None = None,
    group_interval_days: int = 1,
    skip_days_off: bool = True,
    place: str = "",
    video_link: str = "",
    process_leaders: Sequence[User] = (),
    scheduled_by: User,
    confirm_warnings: bool = False,
    expected_fingerprint: str | None = None,
) -> list[Session]:
    """Create the sessions ``planner_propose`` proposes and invite each group (the invitations are
    built and sent in the background once this commits).

    Raises ``ScheduleWarningsError`` when there are warnings and ``confirm_warnings`` is false, and
    ``PlanChangedError`` (with the new proposal) when ``expected_fingerprint`` is not the current
    proposal's – someone was booked meanwhile, or this is the same confirmation sent twice.
    """
    if not can_schedule_at(scheduled_by, workplace):
        raise PermissionDenied
    # One batch at a time per workplace: a second confirmation waits here, then sees everyone booked.
    list(Workplace.objects.select_for_update().filter(pk=workplace.pk).values_list("pk", flat=True))
    proposal = planner_propose(
        workplace=workplace,
        first_starts_at=first_starts_at,
        interval_days=interval_days,
        group_size=group_size,
        group_interval_days=group_interval_days,
        skip_days_off=skip_days_off,
        place=place,
        video_link=video_link,
        process_leaders=process_leaders,
        viewer=scheduled_by,
        with_warnings=not confirm_warnings,
    )
    if expected_fingerprint is not None and proposal.fingerprint != expected_fingerprint:
        raise PlanChangedError(proposal)
    if proposal.warnings and not confirm_warnings:
        raise ScheduleWarningsError(proposal.warnings)
    created = [
        session_schedule(
            workplace=workplace,
            module=proposed.module,
            starts_at=proposed.starts_at,
            ends_at=proposed.ends_at,
            place=place,
            video_link=video_link,
            process_leaders=process_leaders,
            invitees=list(proposed.invitees),
            scheduled_by=scheduled_by,
            confirm_warnings=True,
            queue_invitations=False,
        )
        for proposed in proposal.sessions
    ]
    invitations_queue([session.pk for session in created])
    return created
