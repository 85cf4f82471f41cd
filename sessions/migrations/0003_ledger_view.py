
from django.db import migrations, models

# The hours ledger as one relation: attendance in sessions that were not cancelled, and every
# correction, each at the moment it counts in (its session's start, else when it was made).
# Plain SQL that SQLite and PostgreSQL both read; PostgreSQL pushes a filter on employee_id
# or track_id down into both halves, so a page of the report reads only its own people.
LEDGER_VIEW = """
CREATE VIEW dialogue_sessions_ledger AS
SELECT 2 * a.id AS id, 'attendance' AS source, a.employee_id AS employee_id, m.track_id AS track_id,
       s.starts_at AS occurred_at, a.minutes AS minutes
  FROM dialogue_sessions_attendance a
  JOIN dialogue_sessions_session s ON s.id = a.session_id
  JOIN courses_module m ON m.id = s.module_id
 WHERE s.status <> 'cancelled'
UNION ALL
SELECT 2 * c.id + 1, 'correction', c.employee_id, c.track_id,
       COALESCE(s.starts_at, c.created_at), c.minutes
  FROM dialogue_sessions_hourscorrection c
  LEFT JOIN dialogue_sessions_session s ON s.id = c.session_id
"""


class Migration(migrations.Migration):

    dependencies = [
        ('dialogue_sessions', '0002_evidence_integrity'),
    ]

    operations = [
        migrations.CreateModel(
            name='LedgerEntry',
            fields=[
                ('id', models.BigIntegerField(primary_key=True, serialize=False)),
                ('source', models.CharField(max_length=10)),
                ('occurred_at', models.DateTimeField()),
                ('minutes', models.IntegerField()),
            ],
            options={
                'verbose_name': 'timrad',
                'verbose_name_plural': 'timliggaren',
                'db_table': 'dialogue_sessions_ledger',
                'managed': False,
            },
        ),
        migrations.RunSQL(LEDGER_VIEW, "DROP VIEW dialogue_sessions_ledger"),
    ]
