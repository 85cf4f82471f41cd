"""``manage.py two_factor_reset EMAIL``

For a person who has lost both the phone and the backup codes: removes the login's
authenticator app and backup codes, with an entry in the audit log. At the next sign-in a
programme admin or HR login is asked to set up a new app. Run by an operator on the server,
after checking who is asking.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from people.models import User
from people.two_factor import two_factor_disable


class Command(BaseCommand):
    help = "Ta bort en inloggnings tvåstegsverifiering (app och reservkoder), t.ex. efter en förlorad telefon."

    def add_arguments(self, parser):
        parser.add_argument("email", help="Inloggningens e-postadress")

    def handle(self, *args, email: str, **options) -> None:
        user = User.objects.filter(email__iexact=email.strip()).first()
        if user is None:
            raise CommandError(f"Ingen inloggning med e-postadressen {email}.")
        two_factor_disable(user=user, disabled_by=None)
        self.stdout.write(
            self.style.SUCCESS(f"Tvåstegsverifieringen för {user.email} är borttagen. Vid nästa inloggning ställs en ny app in.")
        )
