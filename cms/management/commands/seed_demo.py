"""Load the demo programme: organisations and people, content, tracks, sessions and surveys.

Each app contributes a ``demo.py`` with ``seed(*, stdout) -> list[str]``; the command runs
them in dependency order, each in its own transaction, and prints the demo logins they
return. Every loader is idempotent: running the command twice changes nothing.
"""

import importlib
import time

from django.core.management.base import BaseCommand
from django.db import transaction

DEMO_APPS = ["people", "cms", "courses", "sessions", "surveys"]


class Command(BaseCommand):
    help = "Läser in demoprogrammet (kan köras flera gånger utan att något dubbleras)."

    def handle(self, *args, **options) -> None:
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
            self.stdout.write("\nDemoinloggningar (http://127.0.0.1:8000/sv/logga-in/):")
            for line in logins:
                self.stdout.write(f"  {line}")
