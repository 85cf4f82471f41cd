"""``courses`` holds no personal data: the programme, its tracks and modules. Declared so that
a personal field added here later fails the register test (``people.privacy_register``)."""

from django.utils.translation import gettext_lazy as _

from people.privacy_register import ModelDeclaration, Provider, register

DECLARATIONS = [
    ModelDeclaration(
        "courses.Programme",
        _("Programmet och finansiärens inställningar."),
        other=("name", "description", "starts_on", "ends_on", "planned_participants", "unit_cost_per_hour",
               "rounding_rule", "retention_until", "anonymity_threshold", "module_completion_percent",
               "organisations", "cofinancing_budget", "name_en"),
    ),
    ModelDeclaration("courses.Phase", _("Programmets fas."),
                     other=("sort_order", "programme", "name", "description", "starts_on", "ends_on")),
    ModelDeclaration("courses.Milestone", _("Milstolpe."), other=("sort_order", "programme", "title", "due_on")),
    ModelDeclaration("courses.Track", _("Spår."), other=("programme", "kind", "name", "name_en", "description", "target_minutes")),
    ModelDeclaration(
        "courses.Module", _("Modul."),
        other=("sort_order", "track", "title", "title_en", "description", "planned_minutes", "lecture_segment",
               "discussion_guide"),
    ),
    # The editors' wording of the e-mails: the same for every recipient; values about a person
    # are filled in only when a message is sent (and kept with it in the outbox).
    ModelDeclaration(
        "courses.MessageText", _("E-posttext som redaktörerna har skrivit, utan uppgifter om mottagaren."),
        other=("kind", "programme", "language", "subject", "body", "updated_at"),
    ),
]

register(Provider("courses", 2, DECLARATIONS))
