"""The HR import of a 100 000-row file, from the uploaded bytes to the employees written, against
``COPY`` of the same bytes into a plain table with the file's columns.

Both sides run inside a transaction that is rolled back, so every turn imports the same file
into an organisation with nobody in it yet ("all new", the first import of an employer), and the
data set is left as it was. Runs against the configured database (``manage.py bench import``);
the first run creates the organisation ``bench-import`` with its 120 workplaces.
"""

from __future__ import annotations

import io
import os
import tracemalloc

from django.db import connection, transaction

from benchmarks.harness import Measurement

ROWS = int(os.environ.get("SAMTALSRUM_BENCH_IMPORT_ROWS", "100000"))
HEADER = ["Anställningsnummer", "Förnamn", "Efternamn", "E-post", "Arbetsplats", "Anställd från",
          "Anställd till", "Språk", "Kön", "Timkostnad"]


class _Rollback(Exception):
    pass


def _file(workplaces: list[str]) -> bytes:
    lines = [";".join(HEADER)]
    for n in range(ROWS):
        lines.append(";".join([
            f"I{n:07d}", f"Förnamn{n}", f"Åkesson{n % 97}", f"import{n}@example.se", workplaces[n % len(workplaces)],
            "2020-01-01", "", "sv", "kvinna" if n % 2 else "man", "312,50",
        ]))
    return ("\n".join(lines) + "\n").encode("utf-8")


def measurements() -> list[Measurement]:
    from people.import_limits import FileLimits
    from people.importing import read_employee_file
    from people.models import Organisation, Workplace
    from people.services import employee_import

    organisation, _ = Organisation.objects.get_or_create(code="bench-import", defaults={"name": "Benchmark import"})
    names = [f"Importenhet {i}" for i in range(120)]
    for name in names:
        Workplace.objects.get_or_create(organisation=organisation, name=name)
    data = _file(names)
    # The file is larger than the default SAMTALSRUM_IMPORT_MAX_ROWS: allow it, as a
    # deployment importing employers of this size would.
    limits = FileLimits(max_bytes=len(data) + 1, max_rows=ROWS + 1)
    counts = {}

    def ours():
        try:
            with transaction.atomic():
                table = read_employee_file(data, "anstallda.csv", limits=limits)
                result = employee_import(importer=None, table=table, organisation=organisation, dry_run=False)
                counts.update(result.counts)
                raise _Rollback
        except _Rollback:
            pass

    def limit():
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(
                    "CREATE TEMP TABLE import_limit (number text, first_name text, last_name text, email text, "
                    "workplace text, employed_from text, employed_to text, language text, gender text, "
                    "hourly_cost text) ON COMMIT DROP"
                )
                cursor.copy_expert(
                    "COPY import_limit FROM STDIN WITH (FORMAT csv, DELIMITER ';', HEADER true)", io.BytesIO(data)
                )
                raise _Rollback
        except _Rollback:
            pass

    def memory() -> tuple[str, bool]:
        tracemalloc.start()
        ours()
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        created = counts.get("created")
        return f"{created} created, Python memory peak {peak / 2**20:.0f} MiB", created == ROWS

    available = connection.vendor == "postgresql"
    return [
        Measurement(
            name=f"HR import of {ROWS} rows (all new), against COPY of the file",
            target=10.0,
            ours=ours,
            limit=limit if available else None,
            budget_seconds=None if available else 60.0,
            extra=memory,
        )
    ]
