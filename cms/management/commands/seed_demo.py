"""Load the demo programme: organisations and people, content, tracks, sessions and surveys.

Each app contributes a ``demo.py`` with ``seed(*, stdout) -> list[str]``; the command runs
them in dependency order, each in its own transaction, and prints the demo logins they
return. Every loader is idempotent: running the command twice changes nothing.

Links are printed for ``--base-url`` (else ``DJANGO_BASE_URL``), the address the server is
reached at; ``make run HOST=0.0.0.0:8080`` passes its own.
"""

import importlib
import time

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import URLValidator
from django.db import transaction
from django.test.utils import override_settings
from django.urls import reverse
from django.utils import translation

DEMO_APPS = ["people", "cms", "courses", "sessions", "surveys"]


class Command(BaseCommand):
    help = "Läser in demoprogrammet (kan köras flera gånger utan att något dubbleras)."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--base-url",
            help="Adressen servern nås på, för utskrivna länkar (standard: DJANGO_BASE_URL, annars "
            "http://127.0.0.1:8000).",
        )

    def handle(self, *args, **options) -> None:
        base_url = (options.get("base_url") or settings.WAGTAILADMIN_BASE_URL).rstrip("/")
        if "://" not in base_url:
            base_url = "http://" + base_url
        try:
            URLValidator(schemes=["http", "https"])(base_url)
        except ValidationError as exc:
            raise CommandError(f"--base-url: ogiltig adress {base_url!r}") from exc
        # The loaders print links (survey letters, employee links) from the same setting.
        with override_settings(WAGTAILADMIN_BASE_URL=base_url):
            self._seed(base_url)

    def _seed(self, base_url: str) -> None:
        logins: list[str] = []
        for app in DEMO_APPS:
            try:
                module = importlib.import_module(f"{app}.demo")
            except ModuleNotFoundError as exc:
                if exc.name != f"{app}.demo":
                    raise
                continue
            started = time.monotonic()
            with transaction.atomic():
                logins += module.seed(stdout=self.stdout) or []
            self.stdout.write(f"  {app}: klart på {time.monotonic() - started:.1f} s")
        self.stdout.write(self.style.SUCCESS("Demoprogrammet är inläst."))
        if logins:
            with translation.override("sv"):
                login_url = base_url + reverse("cms:login")
            self.stdout.write(f"\nDemoinloggningar ({login_url}):")
            for line in logins:
                self.stdout.write(f"  {line}")
