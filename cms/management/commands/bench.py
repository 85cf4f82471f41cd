"""``manage.py bench``: the measurements of ``benchmarks/``, each against its limit (see
``benchmarks/harness.py``). Exits with status 1 when any is over its target."""

import sys

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Runs the benchmarks in benchmarks/bench_*.py and prints each ratio to its limit."

    def add_arguments(self, parser):
        parser.add_argument("modules", nargs="*", help="only these modules (e.g. hours_report)")
        parser.add_argument("--repeat", type=int, default=3, help="timed runs of each side (≥ 3)")

    def handle(self, *args, modules, repeat, **options):
        from benchmarks.harness import discover, run

        if repeat < 3:
            raise CommandError("--repeat must be at least 3.")
        measurements = discover(modules)
        # As gunicorn's workers run (gunicorn.conf.py): the collector tuned once loaded.
        from cms.gc_tuning import tune

        tune()
        if not measurements:
            raise CommandError("No measurements found in benchmarks/bench_*.py.")
        if not run(measurements, repeat=repeat, out=self.stdout):
            sys.exit(1)
