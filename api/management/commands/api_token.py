"""``manage.py api_token create --organisation CODE --scope read [--scope write] --name NAME
[--expires YYYY-MM-DD]``, ``manage.py api_token list [--organisation CODE]`` and
``manage.py api_token revoke PREFIX``

Creates an API token for an integration and prints it once; it cannot be shown again.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from api.models import ApiToken
from api.services import SCOPES, api_token_create, api_token_revoke
from people.models import Organisation


class Command(BaseCommand):
    help = "Skapa, lista och spärra API-nycklar för HR- och lönesystem."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="Skapa en nyckel och skriv ut den (en gång)")
        create.add_argument("--organisation", required=True, help="Organisationens kod")
        create.add_argument("--scope", action="append", choices=SCOPES, required=True, help="read och/eller write")
        create.add_argument("--name", required=True, help="Vilket system som använder nyckeln")
        create.add_argument("--expires", help="Sista giltiga dag, ÅÅÅÅ-MM-DD")
        listing = sub.add_parser("list", help="Lista nycklar")
        listing.add_argument("--organisation", help="Organisationens kod")
        revoke = sub.add_parser("revoke", help="Spärra en nyckel")
        revoke.add_argument("prefix", help="Nyckelns början (de tio tecknen efter sr_)")

    def handle(self, *args, action: str, **options):
        getattr(self, f"handle_{action}")(**options)

    def _organisation(self, code: str) -> Organisation:
        org = Organisation.objects.filter(code__iexact=code).first()
        if org is None:
            raise CommandError(f"Okänd organisation «{code}».")
        return org

    def handle_create(self, *, organisation: str, scope: list[str], name: str, expires: str | None, **options):
        expires_at = None
        if expires:
            try:
                day = datetime.date.fromisoformat(expires)
            except ValueError as exc:
                raise CommandError("Ange --expires som ÅÅÅÅ-MM-DD.") from exc
            expires_at = timezone.make_aware(datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time()))
        try:
            token, text = api_token_create(
                creator=None, organisation=self._organisation(organisation), name=name,
                scopes=sorted(set(scope)), expires_at=expires_at,
            )
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        self.stderr.write(f"Nyckel «{token.name}» för {token.organisation.name} ({', '.join(token.scopes)}). "
                          "Spara den nu, den visas bara den här gången:")
        self.stdout.write(text)

    def handle_list(self, *, organisation: str | None, **options):
        tokens = ApiToken.objects.select_related("organisation")
        if organisation:
            tokens = tokens.filter(organisation=self._organisation(organisation))
        for token in tokens:
            self.stdout.write(f"{token.prefix}  {token.organisation.code}  {','.join(token.scopes):<10}  "
                              f"{token.status_label:<12}  {token.name}")

    def handle_revoke(self, *, prefix: str, **options):
        token = ApiToken.objects.filter(prefix=prefix.removeprefix("sr_")[:10]).first()
        if token is None:
            raise CommandError(f"Ingen nyckel börjar med «{prefix}».")
        api_token_revoke(token=token, user=None)
        self.stdout.write(f"Nyckeln «{token.name}» är spärrad.")
