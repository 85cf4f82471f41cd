"""Personal data kept by ``api``: who created or revoked an integration token. The token's use
log holds addresses and statuses, never a person (see ``people.privacy_register``)."""

from django.utils.translation import gettext_lazy as _

from people.privacy_register import (
    SECURITY,
    WHILE_STAFF,
    Category,
    ModelDeclaration,
    PersonalField,
    Provider,
    register,
)

DECLARATIONS = [
    ModelDeclaration(
        "api.ApiToken",
        _("API-nyckel för ett HR- eller lönesystem."),
        fields=(
            PersonalField("created_by", Category.TECHNICAL, SECURITY, WHILE_STAFF),
            PersonalField("revoked_by", Category.TECHNICAL, SECURITY, WHILE_STAFF),
        ),
        other=("name", "organisation", "can_read", "can_write", "prefix", "secret_hash", "expires_at", "created_at",
               "revoked_at"),
    ),
    ModelDeclaration(
        "api.ApiTokenUse", _("Logg över API-nyckelns anrop."),
        other=("token", "used_at", "method", "path", "status"),
    ),
]

register(Provider("api", 5, DECLARATIONS))
