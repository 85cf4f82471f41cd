"""Places on a session: signing up for an open preparatory session, cancelling a place, the waitlist."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from wagtail.log_actions import log

from people.models import Employee, User
from people.selectors import scope_for

from .. import notifications
from ..models import (
    Attendance,
    Invitation,
    InvitationStatus,
    Session,
    SessionStatus,
)
from ..selectors import sessions_managed_by
from ._shared import SessionLockedError, lock_session


@transaction.atomic
def invitation_request(*, session: Session, employee: Employee, requested_by: User) -> Invitation:
    """Sign up for an open preparatory session: a seat if one is free, else the waitlist."""
    scope = scope_for(requested_by)
    if not session.is_open or not (
        scope.is_programme_admin or (requested_by.employee_id == employee.pk and (scope.is_manager or scope.is_process_leader))
    ):
        raise PermissionDenied
    session = lock_session(session)
    if session.status != SessionStatus.SCHEDULED:
        raise SessionLockedError(_("Det går inte längre att anmäla sig till tillfället."))
    taken = Invitation.objects.filter(session=session, status=InvitationStatus.INVITED).count()
    status = (
        InvitationStatus.INVITED if session.capacity is None or taken < session.capacity else InvitationStatus.WAITLISTED
    )
    invitation, created = Invitation.objects.get_or_create(session=session, employee=employee, defaults={"status": status})
    if not created and invitation.status in (InvitationStatus.CANCELLED, InvitationStatus.DECLINED):
        invitation.status = status
        invitation.save(update_fields=["status", "updated_at"])
        created = True
    if created:
        log(session, "samtalsrum.invitation.request", user=requested_by,
            data={"employee": employee.pk, "status": status})
        kind = notifications.KIND_INVITE if status == InvitationStatus.INVITED else notifications.KIND_WAITLIST
        notifications.session_notify(
            session=session, employees=[employee], kind=kind, extra_key=f"i{invitation.pk}-{int(invitation.updated_at.timestamp())}"
        )
    return invitation


@transaction.atomic
def invitation_cancel(*, invitation: Invitation, cancelled_by: User) -> Invitation | None:
    """Cancel one place; the first on the waitlist moves up and is invited. Returns the promoted one."""
    scope = scope_for(cancelled_by)
    own = cancelled_by.employee_id == invitation.employee_id
    if not (own or scope.is_programme_admin or sessions_managed_by(cancelled_by).filter(pk=invitation.session_id).exists()):
        raise PermissionDenied
    session = lock_session(invitation.session)
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if session.status != SessionStatus.SCHEDULED:
        raise SessionLockedError(_("Tillfället är avslutat eller inställt; platsen kan inte avbokas."))
    if Attendance.objects.filter(session=session, employee_id=invitation.employee_id).exists():
        raise SessionLockedError(_("Närvaron är redan registrerad för personen; platsen kan inte avbokas."))
    was_invited = invitation.status == InvitationStatus.INVITED
    invitation.status = InvitationStatus.CANCELLED
    invitation.save(update_fields=["status", "updated_at"])
    log(
        session,
        "samtalsrum.invitation.cancel",
        user=cancelled_by if getattr(cancelled_by, "pk", None) else None,
        data={"employee": invitation.employee_id, "own": own, "was_invited": was_invited},
    )
    notifications.session_notify(
        session=session, employees=[invitation.employee], kind=notifications.KIND_CANCEL,
        extra_key=f"i{invitation.pk}-{int(invitation.updated_at.timestamp())}",
    )
    if not was_invited or session.status != SessionStatus.SCHEDULED:
        return None
    return _waitlist_promote(session)


def _waitlist_promote(session: Session) -> Invitation | None:
    taken = Invitation.objects.filter(session=session, status=InvitationStatus.INVITED).count()
    if session.capacity is not None and taken >= session.capacity:
        return None
    nxt = (
        Invitation.objects.select_for_update()
        .filter(session=session, status=InvitationStatus.WAITLISTED)
        .select_related("employee")
        .order_by("created_at", "pk")
        .first()
    )
    if nxt is None:
        return None
    nxt.status = InvitationStatus.INVITED
    nxt.save(update_fields=["status", "updated_at"])
    log(session, "samtalsrum.session.waitlist_promote", data={"employee": nxt.employee_id})
    notifications.session_notify(
        session=session, employees=[nxt.employee], kind=notifications.KIND_INVITE,
        extra_key=f"i{nxt.pk}-promoted",
    )
    return nxt
