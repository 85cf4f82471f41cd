"""Admin integration: audit-log actions and the hours reports for HR and programme admins."""

from django.utils.translation import gettext_lazy as _

from wagtail import hooks


@hooks.register("register_log_actions")
def register_session_log_actions(actions) -> None:
    actions.register_action("samtalsrum.session.schedule", _("Planera tillfälle"), _("Tillfälle planerat"))
    actions.register_action("samtalsrum.session.reschedule", _("Ändra tillfälle"), _("Tillfälle ändrat"))
    actions.register_action("samtalsrum.session.cancel", _("Ställ in tillfälle"), _("Tillfälle inställt"))
    actions.register_action("samtalsrum.session.close", _("Avsluta tillfälle"), _("Tillfälle avslutat, närvaron låst"))
    actions.register_action(
        "samtalsrum.session.waitlist_promote", _("Flytta upp från väntelistan"), _("Flyttad upp från väntelistan")
    )
    actions.register_action("samtalsrum.attendance.record", _("Registrera närvaro"), _("Närvaro registrerad"))
    actions.register_action("samtalsrum.hours.correct", _("Korrigera timmar"), _("Timmar korrigerade"))
