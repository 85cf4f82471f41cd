"""Database triggers that keep a closed session's evidence fixed.

The services already refuse to change the invitations or attendance of a closed session; these
triggers refuse it in the database too, so a script, a shell session or a future bug cannot make
a person vanish from a printed attendance list while the certificate still counts their hours.
After closing, hours change only through a signed ``HoursCorrection`` (a separate table).

PostgreSQL guards inserts, updates and deletes, and a closed session's time, module and
workplace. SQLite (the embedded demo) guards inserts and updates: its ``flush`` empties tables
with ``DELETE``, which a delete guard would block. SQLite drops a table's triggers when a migration
rebuilds the table, so they are installed again after every ``migrate`` (see ``apps.py``).
"""

from __future__ import annotations

from django.db.backends.base.base import BaseDatabaseWrapper

MESSAGE = "Tillfället är avslutat: inbjudningar och närvaro ändras bara med en korrigering."

SESSION = "dialogue_sessions_session"
GUARDED = ("dialogue_sessions_attendance", "dialogue_sessions_invitation")

#: Columns that may change on a closed session's rows: who recorded a mark can be deleted as a user
#: (``SET_NULL``) without touching the evidence itself.
BOOKKEEPING = ("recorded_by_id", "recorded_at", "updated_at")

_POSTGRES_INSTALL = [
    f"""
    CREATE OR REPLACE FUNCTION dialogue_sessions_closed_rows_guard() RETURNS trigger AS $$
    BEGIN
        IF TG_OP = 'UPDATE' AND (to_jsonb(NEW) - ARRAY{list(BOOKKEEPING)}::text[])
                IS NOT DISTINCT FROM (to_jsonb(OLD) - ARRAY{list(BOOKKEEPING)}::text[]) THEN
            RETURN NEW;
        END IF;
        IF (TG_OP <> 'INSERT' AND EXISTS (
                SELECT 1 FROM {SESSION} WHERE id = OLD.session_id AND status = 'closed'))
           OR (TG_OP <> 'DELETE' AND EXISTS (
                SELECT 1 FROM {SESSION} WHERE id = NEW.session_id AND status = 'closed')) THEN
            RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        IF TG_OP = 'DELETE' THEN
            RETURN OLD;
        END IF;
        RETURN NEW;
    END;
    $$ LANGUAGE plpgsql
    """,  # noqa: S608 - constant table names, no input
    f"""
    CREATE OR REPLACE FUNCTION dialogue_sessions_closed_session_guard() RETURNS trigger AS $$
    BEGIN
        IF OLD.status = 'closed' AND (
            TG_OP = 'DELETE'
            OR NEW.status = 'cancelled'
            OR NEW.starts_at IS DISTINCT FROM OLD.starts_at
            OR NEW.ends_at IS DISTINCT FROM OLD.ends_at
            OR NEW.module_id IS DISTINCT FROM OLD.module_id
            OR NEW.workplace_id IS DISTINCT FROM OLD.workplace_id
        ) THEN
            RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        IF TG_OP = 'DELETE' THEN
            RETURN OLD;
        END IF;
        RETURN NEW;
    END;
    $$ LANGUAGE plpgsql
    """,
    *[
        statement
        for table in GUARDED
        for statement in (
            f"DROP TRIGGER IF EXISTS {table}_closed_guard ON {table}",
            f"""CREATE TRIGGER {table}_closed_guard BEFORE INSERT OR UPDATE OR DELETE ON {table}
                FOR EACH ROW EXECUTE FUNCTION dialogue_sessions_closed_rows_guard()""",
        )
    ],
    f"DROP TRIGGER IF EXISTS {SESSION}_closed_guard ON {SESSION}",
    f"""CREATE TRIGGER {SESSION}_closed_guard BEFORE UPDATE OR DELETE ON {SESSION}
        FOR EACH ROW EXECUTE FUNCTION dialogue_sessions_closed_session_guard()""",
]

_POSTGRES_UNINSTALL = [
    *[f"DROP TRIGGER IF EXISTS {table}_closed_guard ON {table}" for table in (*GUARDED, SESSION)],
    "DROP FUNCTION IF EXISTS dialogue_sessions_closed_rows_guard()",
    "DROP FUNCTION IF EXISTS dialogue_sessions_closed_session_guard()",
]


def _closed(alias: str) -> str:
    return f"(SELECT status FROM {SESSION} WHERE id = {alias}.session_id) = 'closed'"  # noqa: S608 - constants


#: The evidence columns of each guarded table (what may not change once the session is closed).
_EVIDENCE = {
    "dialogue_sessions_attendance": ("session_id", "employee_id", "status", "minutes"),
    "dialogue_sessions_invitation": ("session_id", "employee_id", "status"),
}


def _changed(table: str) -> str:
    return "(" + " OR ".join(f"NEW.{column} IS NOT OLD.{column}" for column in _EVIDENCE[table]) + ")"


_SQLITE_INSTALL = [
    # Dropped first, so a changed definition replaces the old one after the next migrate.
    *[f"DROP TRIGGER IF EXISTS {table}_closed_{op}" for table in GUARDED for op in ("insert", "update")],
    f"DROP TRIGGER IF EXISTS {SESSION}_closed_update",
    *[
        statement
        for table in GUARDED
        for statement in (
            f"""CREATE TRIGGER {table}_closed_insert BEFORE INSERT ON {table}
                WHEN {_closed('NEW')} BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END""",
            f"""CREATE TRIGGER {table}_closed_update BEFORE UPDATE ON {table}
                WHEN ({_closed('OLD')} OR {_closed('NEW')}) AND {_changed(table)}
                BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END""",
        )
    ],
    f"""CREATE TRIGGER {SESSION}_closed_update BEFORE UPDATE ON {SESSION}
        WHEN OLD.status = 'closed' AND (
            NEW.status = 'cancelled' OR NEW.starts_at IS NOT OLD.starts_at OR NEW.ends_at IS NOT OLD.ends_at
            OR NEW.module_id IS NOT OLD.module_id OR NEW.workplace_id IS NOT OLD.workplace_id)
        BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END""",
]

_SQLITE_UNINSTALL = [
    *[
        f"DROP TRIGGER IF EXISTS {table}_closed_{op}"
        for table in GUARDED
        for op in ("insert", "update")
    ],
    f"DROP TRIGGER IF EXISTS {SESSION}_closed_update",
]


def _statements(connection: BaseDatabaseWrapper, *, install: bool) -> list[str]:
    if connection.vendor == "postgresql":
        return _POSTGRES_INSTALL if install else _POSTGRES_UNINSTALL
    if connection.vendor == "sqlite":
        return _SQLITE_INSTALL if install else _SQLITE_UNINSTALL
    return []  # other databases: the services' checks only


def install(connection: BaseDatabaseWrapper) -> None:
    """Create (or replace) the guards; safe to run again."""
    with connection.cursor() as cursor:
        for statement in _statements(connection, install=True):
            cursor.execute(statement)


def uninstall(connection: BaseDatabaseWrapper) -> None:
    with connection.cursor() as cursor:
        for statement in _statements(connection, install=False):
            cursor.execute(statement)
