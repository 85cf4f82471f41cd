"""Personal data kept by ``people``: employees, logins, roles, HR imports – and the sign-in
machinery of Django and its add-ons that ``people`` configures (browser sessions, django-axes'
failed sign-ins, django-otp's devices). See ``people.privacy_register``."""

from __future__ import annotations

from django.contrib.auth.hashers import make_password
from django.contrib.sessions.models import Session as BrowserSession
from django.db.models import ProtectedError, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .privacy_register import (
    EVIDENCE,
    IMPORT_UNDO,
    PROGRAMME,
    SECURITY,
    SIGN_IN,
    UNTIL_ERASURE,
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

DECLARATIONS = [
    ModelDeclaration(
        "people.Employee",
        _("Anställd: uppgifter från arbetsgivarens HR-system."),
        fields=(
            PersonalField("first_name", C.IDENTITY, EVIDENCE, UNTIL_RETENTION),
            PersonalField("last_name", C.IDENTITY, EVIDENCE, UNTIL_RETENTION),
            PersonalField("employee_number", C.IDENTITY, EVIDENCE, UNTIL_RETENTION),
            PersonalField("email", C.CONTACT, PROGRAMME, UNTIL_ERASURE),
            PersonalField("preferred_language", C.CONTACT, PROGRAMME, UNTIL_ERASURE),
            PersonalField("organisation", C.EMPLOYMENT, EVIDENCE, UNTIL_RETENTION),
            PersonalField("workplace", C.EMPLOYMENT, EVIDENCE, UNTIL_RETENTION),
            PersonalField("employment_start", C.EMPLOYMENT, EVIDENCE, UNTIL_RETENTION),
            PersonalField("employment_end", C.EMPLOYMENT, EVIDENCE, UNTIL_RETENTION),
            PersonalField("gender", C.EMPLOYMENT, EVIDENCE, UNTIL_RETENTION),
            PersonalField("hourly_cost", C.EMPLOYMENT, PROGRAMME, UNTIL_ERASURE),
            PersonalField("link_version", C.TECHNICAL, SECURITY, UNTIL_ERASURE),
            PersonalField("restricted_at", C.TECHNICAL, EVIDENCE, UNTIL_RETENTION),
        ),
        other=("created_at", "updated_at", "erased_at"),
    ),
    ModelDeclaration(
        "people.User",
        _("Inloggning: för chefer, processledare, HR, administratörer och anställda som loggar in."),
        fields=(
            PersonalField("email", C.CONTACT, SECURITY, WHILE_STAFF),
            PersonalField("first_name", C.IDENTITY, SECURITY, WHILE_STAFF),
            PersonalField("last_name", C.IDENTITY, SECURITY, WHILE_STAFF),
            PersonalField("employee", C.IDENTITY, SECURITY, WHILE_STAFF),
            PersonalField("password", C.TECHNICAL, SECURITY, WHILE_STAFF),
            PersonalField("last_login", C.TECHNICAL, SECURITY, WHILE_STAFF),
            PersonalField("date_joined", C.TECHNICAL, SECURITY, WHILE_STAFF),
        ),
        other=("is_superuser", "is_staff", "is_active", "groups", "user_permissions"),
    ),
    ModelDeclaration(
        "people.RoleAssignment",
        _("Roll: vad en inloggning får göra och var."),
        fields=(PersonalField("user", C.EMPLOYMENT, SECURITY, WHILE_STAFF),),
        other=("role", "organisation", "workplace", "created_at"),
    ),
    ModelDeclaration("people.Organisation", _("Arbetsgivare."), other=("name", "code", "organisation_number")),
    ModelDeclaration("people.Workplace", _("Arbetsplats."), other=("organisation", "parent", "name", "code")),
    ModelDeclaration(
        "people.EmployeeImport",
        _("Uppladdad fil från HR-systemet."),
        fields=(
            PersonalField("content", C.IDENTITY, PROGRAMME, IMPORT_UNDO),
            PersonalField("summary", C.IDENTITY, PROGRAMME, IMPORT_UNDO),
            PersonalField("created_by", C.TECHNICAL, SECURITY, WHILE_STAFF),
            PersonalField("undone_by", C.TECHNICAL, SECURITY, WHILE_STAFF),
        ),
        other=(
            "created_at", "imported_at", "organisation", "file_name", "status", "row_count", "created_count",
            "updated_count", "unchanged_count", "left_count", "error_count", "update_only", "undone_at",
        ),
    ),
    ModelDeclaration(
        "people.EmployeeImportChange",
        _("En imports ändring av en anställd, för att kunna ångra importen."),
        fields=(
            PersonalField("employee", C.IDENTITY, PROGRAMME, IMPORT_UNDO),
            PersonalField("before", C.IDENTITY, PROGRAMME, IMPORT_UNDO),
            PersonalField("after", C.IDENTITY, PROGRAMME, IMPORT_UNDO),
        ),
        other=("employee_import", "action"),
    ),
    ModelDeclaration("auth.Group", _("Behörighetsgrupp."), other=("name", "permissions")),
    ModelDeclaration("auth.Permission", _("Behörighet."), other=("name", "content_type", "codename")),
    ModelDeclaration(
        "sessions.Session",
        _("Webbläsarsession: vem som är inloggad eller har öppnat sin länk."),
        fields=(PersonalField("session_data", C.TECHNICAL, SECURITY, SIGN_IN),),
        other=("expire_date",),
    ),
    *[
        ModelDeclaration(
            f"axes.{name}",
            _("Inloggningsförsök (spärr efter för många fel lösenord)."),
            fields=(
                PersonalField("username", C.CONTACT, SECURITY, SIGN_IN),
                PersonalField("ip_address", C.TECHNICAL, SECURITY, SIGN_IN),
                PersonalField("user_agent", C.TECHNICAL, SECURITY, SIGN_IN),
                *extra,
            ),
            other=other,
        )
        for name, extra, other in (
            ("AccessAttempt",
             (PersonalField("get_data", C.TECHNICAL, SECURITY, SIGN_IN),
              PersonalField("post_data", C.TECHNICAL, SECURITY, SIGN_IN)),
             ("http_accept", "path_info", "attempt_time", "failures_since_start")),
            ("AccessFailureLog", (), ("http_accept", "path_info", "attempt_time", "locked_out")),
            ("AccessLog", (PersonalField("session_hash", C.TECHNICAL, SECURITY, SIGN_IN),),
             ("http_accept", "path_info", "attempt_time", "logout_time")),
        )
    ],
    ModelDeclaration("axes.AccessAttemptExpiration", _("När ett inloggningsförsök upphör."), other=("expires_at",)),
    ModelDeclaration(
        "otp_totp.TOTPDevice",
        _("Tvåstegsverifiering: app i telefonen."),
        fields=(
            PersonalField("user", C.TECHNICAL, SECURITY, WHILE_STAFF),
            PersonalField("name", C.TECHNICAL, SECURITY, WHILE_STAFF),
            PersonalField("key", C.TECHNICAL, SECURITY, WHILE_STAFF),
            PersonalField("last_used_at", C.TECHNICAL, SECURITY, WHILE_STAFF),
        ),
        other=("confirmed", "throttling_failure_timestamp", "throttling_failure_count", "created_at",
               "step", "t0", "digits", "tolerance", "drift", "last_t"),
    ),
    ModelDeclaration(
        "otp_static.StaticDevice",
        _("Tvåstegsverifiering: reservkoder."),
        fields=(
            PersonalField("user", C.TECHNICAL, SECURITY, WHILE_STAFF),
            PersonalField("name", C.TECHNICAL, SECURITY, WHILE_STAFF),
            PersonalField("last_used_at", C.TECHNICAL, SECURITY, WHILE_STAFF),
        ),
        other=("confirmed", "throttling_failure_timestamp", "throttling_failure_count", "created_at"),
    ),
    ModelDeclaration(
        "otp_static.StaticToken",
        _("En reservkod."),
        fields=(PersonalField("token", C.TECHNICAL, SECURITY, WHILE_STAFF),),
        other=("device",),
    ),
]


def _user(subject: Subject):
    from .models import User

    return User.objects.filter(pk=subject.user_id).first() if subject.user_id else None


def export(subject: Subject) -> dict:
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from .models import Employee, EmployeeImportChange, RoleAssignment

    employee = Employee.objects.select_related("organisation", "workplace").get(pk=subject.employee_id)
    data: dict = {
        "employee": {
            "employee_number": employee.employee_number,
            "first_name": employee.first_name,
            "last_name": employee.last_name,
            "email": employee.email,
            "organisation": employee.organisation.name,
            "workplace": employee.workplace.name,
            "employment_start": employee.employment_start,
            "employment_end": employee.employment_end,
            "preferred_language": employee.preferred_language,
            "gender": employee.gender,
            "hourly_cost": employee.hourly_cost,
            "restricted_at": employee.restricted_at,
        },
        "login": None,
        "roles": [],
        "import_changes": [
            {"import": c.employee_import_id, "action": c.action, "before": c.before, "after": c.after}
            for c in EmployeeImportChange.objects.filter(employee_id=subject.employee_id)
        ],
    }
    user = _user(subject)
    if user is not None:
        data["login"] = {
            "email": user.email, "first_name": user.first_name, "last_name": user.last_name,
            "is_active": user.is_active, "date_joined": user.date_joined, "last_login": user.last_login,
            "two_factor_devices": [
                {"type": type(d).__name__, "name": d.name, "confirmed": d.confirmed, "created_at": d.created_at}
                for model in (TOTPDevice, StaticDevice) for d in model.objects.filter(user=user)
            ],
        }
        data["roles"] = [
            {"role": r.get_role_display(), "organisation": str(r.organisation or ""), "workplace": str(r.workplace or "")}
            for r in RoleAssignment.objects.filter(user=user).select_related("organisation", "workplace")
        ]
    return data


def _browser_sessions_delete(subject: Subject) -> int:
    """Browser sessions signed in as the person's login or opened with their link."""
    from .links import SESSION_KEY

    doomed = []
    for session in BrowserSession.objects.all().iterator():
        data = session.get_decoded()
        if (subject.user_id and str(data.get("_auth_user_id")) == str(subject.user_id)) or (
            data.get(SESSION_KEY) == subject.employee_id
        ):
            doomed.append(session.pk)
    return BrowserSession.objects.filter(pk__in=doomed).delete()[0]


def _login_erase(subject: Subject) -> dict[str, int]:
    """Delete a login that holds no role; a staff login is kept, unlinked from the HR record."""
    from .models import RoleAssignment

    user = _user(subject)
    if user is None:
        return {"logins_deleted": 0, "logins_kept": 0}
    if not subject.requested and (
        user.is_superuser or user.is_staff or RoleAssignment.objects.filter(user=user).exists()
    ):
        type(user).objects.filter(pk=user.pk).update(employee=None)
        return {"logins_deleted": 0, "logins_kept": 1}
    try:
        user.delete()
    except ProtectedError:  # it signed something (a correction): keep the row, not the person
        type(user).objects.filter(pk=user.pk).update(
            email=f"raderad-{user.pk}@invalid", first_name="", last_name="", employee=None, is_active=False,
            password=make_password(None),
        )
    return {"logins_deleted": 1, "logins_kept": 0}


def erase(subject: Subject, keep_evidence: bool) -> dict[str, int]:
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    from .models import Employee, EmployeeImportChange, Language

    counts = {"browser_sessions": _browser_sessions_delete(subject)}
    counts.update(_login_erase(subject))
    by_name = Q()
    for email in subject.emails:
        by_name |= Q(username__iexact=email)
    counts["sign_in_attempts"] = sum(
        model.objects.filter(by_name).delete()[0] for model in (AccessAttempt, AccessFailureLog, AccessLog)
    ) if subject.emails else 0
    counts["import_changes"] = EmployeeImportChange.objects.filter(employee_id=subject.employee_id).delete()[0]
    now = timezone.now()
    changes: dict = {
        "email": "", "hourly_cost": None, "preferred_language": Language.SWEDISH,
        "restricted_at": now,
    }
    if not keep_evidence:
        changes.update(
            first_name="", last_name="", employee_number=f"raderad-{subject.employee_id}", gender="",
            employment_start=None, employment_end=None, erased_at=now,
        )
    employee = Employee.objects.get(pk=subject.employee_id)
    if employee.restricted_at:
        changes["restricted_at"] = employee.restricted_at
    for name, value in changes.items():
        setattr(employee, name, value)
    employee.link_version += 1  # every link sent to the person stops working
    employee.save()
    from wagtail.search.index import remove_object

    remove_object(employee)  # restricted people are left out of the search index
    counts["employee"] = 1
    return counts


register(Provider("people", 0, DECLARATIONS, export=export, erase=erase))
