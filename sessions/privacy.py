"""Personal data kept by ``sessions``: invitations, attendance and hours corrections – the
funder's evidence – and the people who scheduled, led and closed sessions. See
``people.privacy_register``."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from people.privacy_register import (
    EVIDENCE,
    PROGRAMME,
    SECURITY,
    UNTIL_RETENTION,
    WHILE_STAFF,
    Category,
    ModelDeclaration,
    PersonalField,
    Provider,
    Subject,
    register,
)

C = Category
ERASED_REASON = "(raderat)"

DECLARATIONS = [
    ModelDeclaration(
        "dialogue_sessions.Session",
        _("Samtalstillfälle."),
        fields=(
            PersonalField("process_leaders", C.EMPLOYMENT, PROGRAMME, WHILE_STAFF),
            PersonalField("closed_by", C.TECHNICAL, EVIDENCE, UNTIL_RETENTION),
            PersonalField("created_by", C.TECHNICAL, SECURITY, WHILE_STAFF),
            PersonalField("cancel_reason", C.FREE_TEXT, PROGRAMME, UNTIL_RETENTION),
        ),
        other=("module", "workplace", "starts_at", "ends_at", "place", "video_link", "capacity", "status",
               "closed_at", "sequence", "invitations_pending", "uid", "created_at", "updated_at"),
    ),
    ModelDeclaration(
        "dialogue_sessions.Invitation",
        _("Inbjudan till ett samtalstillfälle."),
        fields=(
            PersonalField("employee", C.ATTENDANCE, PROGRAMME, UNTIL_RETENTION),
            PersonalField("status", C.ATTENDANCE, PROGRAMME, UNTIL_RETENTION),
        ),
        other=("session", "created_at", "updated_at"),
    ),
    ModelDeclaration(
        "dialogue_sessions.Attendance",
        _("Närvaro vid ett tillfälle, i minuter."),
        fields=(
            PersonalField("employee", C.ATTENDANCE, EVIDENCE, UNTIL_RETENTION),
            PersonalField("status", C.ATTENDANCE, EVIDENCE, UNTIL_RETENTION),
            PersonalField("minutes", C.ATTENDANCE, EVIDENCE, UNTIL_RETENTION),
            PersonalField("recorded_by", C.TECHNICAL, EVIDENCE, UNTIL_RETENTION),
        ),
        other=("session", "recorded_at"),
    ),
    ModelDeclaration(
        "dialogue_sessions.HoursCorrection",
        _("Signerad korrigering av timmarna: vem, när, varför."),
        fields=(
            PersonalField("employee", C.ATTENDANCE, EVIDENCE, UNTIL_RETENTION),
            PersonalField("minutes", C.ATTENDANCE, EVIDENCE, UNTIL_RETENTION),
            PersonalField("reason", C.FREE_TEXT, EVIDENCE, UNTIL_RETENTION),
            PersonalField("created_by", C.TECHNICAL, EVIDENCE, UNTIL_RETENTION),
        ),
        other=("session", "track", "created_at"),
    ),
    ModelDeclaration(
        "dialogue_sessions.LedgerEntry",
        _("Timliggaren: en läsbar vy över närvaro och korrigeringar, inget lagras här."),
        fields=(
            PersonalField("employee", C.ATTENDANCE, EVIDENCE, UNTIL_RETENTION),
            PersonalField("minutes", C.ATTENDANCE, EVIDENCE, UNTIL_RETENTION),
        ),
        other=("source", "track", "occurred_at"),
    ),
]


def export(subject: Subject) -> dict:
    from .models import Attendance, HoursCorrection, Invitation

    return {
        "session_invitations": [
            {"session": str(i.session), "starts_at": i.session.starts_at, "status": i.get_status_display()}
            for i in Invitation.objects.filter(employee_id=subject.employee_id).select_related("session__module")
        ],
        "attendance": [
            {"session": str(a.session), "starts_at": a.session.starts_at, "status": a.get_status_display(),
             "minutes": a.minutes}
            for a in Attendance.objects.filter(employee_id=subject.employee_id).select_related("session__module")
        ],
        "corrections": [
            {"minutes": c.minutes, "reason": c.reason, "created_at": c.created_at,
             "session": str(c.session) if c.session_id else ""}
            for c in HoursCorrection.objects.filter(employee_id=subject.employee_id).select_related("session__module")
        ],
    }


def erase(subject: Subject, keep_evidence: bool) -> dict[str, int]:
    """Attendance and corrections are the funder's evidence: before the retention date they
    stay as they are; after it the person's record is anonymised (``people``) and the reasons,
    which may name them, are erased. Rows stay so the programme's totals still add up."""
    from .models import HoursCorrection

    if keep_evidence:
        return {}
    return {
        "correction_reasons": HoursCorrection.objects.filter(employee_id=subject.employee_id)
        .exclude(reason=ERASED_REASON)
        .update(reason=ERASED_REASON)
    }


def programme_purge(programme, *, dry_run: bool) -> dict[str, int]:
    """After the retention date: cancellation reasons of the programme's sessions (free text)."""
    from .models import Session

    due = Session.objects.filter(module__track__programme=programme).exclude(cancel_reason="")
    if dry_run:
        return {"cancel_reasons": due.count()}
    return {"cancel_reasons": due.update(cancel_reason="")}


register(Provider("dialogue_sessions", 3, DECLARATIONS, export=export, erase=erase,
                  evidence_log_models=("dialogue_sessions.HoursCorrection",), programme_purge=programme_purge))
