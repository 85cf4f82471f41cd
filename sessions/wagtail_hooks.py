"""Admin integration: audit-log actions and the hours reports for HR and programme admins."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem


@hooks.register("register_log_actions")
def register_session_log_actions(actions) -> None:
    actions.register_action("samtalsrum.session.schedule", _("Planera tillfälle"), _("Tillfälle planerat"))
    actions.register_action("samtalsrum.session.reschedule", _("Ändra tillfälle"), _("Tillfälle ändrat"))
    actions.register_action("samtalsrum.session.cancel", _("Ställ in tillfälle"), _("Tillfälle inställt"))
    actions.register_action("samtalsrum.session.close", _("Avsluta tillfälle"), _("Tillfälle avslutat, närvaron låst"))
    actions.register_action("samtalsrum.session.reopen", _("Öppna närvaron igen"), _("Närvaron öppnad igen"))
    actions.register_action(
        "samtalsrum.session.date_repaired", _("Rätta omöjligt datum"), _("Tillfälle med omöjligt datum inställt")
    )
    actions.register_action("samtalsrum.invitation.request", _("Anmäla sig"), _("Anmäld till tillfälle"))
    actions.register_action("samtalsrum.invitation.cancel", _("Avboka plats"), _("Plats avbokad"))
    actions.register_action(
        "samtalsrum.session.waitlist_promote", _("Flytta upp från väntelistan"), _("Flyttad upp från väntelistan")
    )
    actions.register_action("samtalsrum.attendance.record", _("Registrera närvaro"), _("Närvaro registrerad"))
    actions.register_action("samtalsrum.hours.correct", _("Korrigera timmar"), _("Timmar korrigerade"))
    actions.register_action(
        "samtalsrum.hours.correction_bounded", _("Begränsa korrigering"), _("Korrigering begränsad till gränsen")
    )


class _PermissionMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return request.user.has_perm("dialogue_sessions.view_attendance")


@hooks.register("register_admin_urls")
def register_hours_report_urls():
    from .funder_reports import CofinancingReportView, ParticipantListView
    from .reports import HoursReportView

    return [
        path("timmar/", HoursReportView.as_view(), name="sessions_hours_report"),
        path("timmar/results/", HoursReportView.as_view(results_only=True), name="sessions_hours_report_results"),
        path("deltagare/", ParticipantListView.as_view(), name="sessions_participants"),
        path("deltagare/results/", ParticipantListView.as_view(results_only=True), name="sessions_participants_results"),
        path("medfinansiering/", CofinancingReportView.as_view(), name="sessions_cofinancing_report"),
        path(
            "medfinansiering/results/",
            CofinancingReportView.as_view(results_only=True),
            name="sessions_cofinancing_report_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_hours_report_menu_item():
    return _PermissionMenuItem(
        _("Timmar per anställd"), reverse("sessions_hours_report"), name="sessions-hours", icon_name="time", order=100
    )


@hooks.register("register_reports_menu_item")
def register_cofinancing_menu_item():
    return _PermissionMenuItem(
        _("Medfinansiering (deltagartid)"),
        reverse("sessions_cofinancing_report"),
        name="sessions-cofinancing",
        icon_name="doc-full",
        order=101,
    )


@hooks.register("register_reports_menu_item")
def register_participants_menu_item():
    return _PermissionMenuItem(
        _("Deltagarförteckning"), reverse("sessions_participants"), name="sessions-participants", icon_name="group", order=102
    )


@hooks.register("register_log_scope")
def register_sessions_log_scope():
    from .models import HoursCorrection, Session
    from .selectors import hours_corrections_for, sessions_for

    # Scheduling, roll calls and closing are logged on the session; corrections on themselves.
    return {Session: sessions_for, HoursCorrection: hours_corrections_for}
