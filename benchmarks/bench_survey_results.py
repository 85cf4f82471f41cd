"""The survey results page at 70 000 responses, for the whole programme and for one workplace,
as a programme admin opens it. The released figures are computed once per release, by beat's
task (``surveys.tasks.survey_results_warm_task``): that computation, for the whole programme
from an empty cache, is measured against the bare SQL aggregate of the same figures – the
answers per theme, phase and value (options ticked included), the before/after pairs per value
and the ids of the free texts, written by hand as three statements. The first view after it,
and every later view until the next release, are held to the absolute target of 300 ms.

The first run creates the programme ``Benchmark enkäter`` (PostgreSQL only): 40 000 employees
in 800 workplaces of 10 organisations, a before and an after round with 35 000 responses each
(31 000 people answered both), each with ten questions – six statements (1–5), a
0–10 scale, one and several choices, a free text that about a third write – built set-based in
SQL. Later runs reuse it. ``SAMTALSRUM_BENCH_SURVEY_RESPONSES`` changes the size.
"""

from __future__ import annotations

import datetime
import os

from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client, override_settings
from django.urls import reverse

from benchmarks.harness import Measurement

PROGRAMME_NAME = "Benchmark enkäter"
RESPONSES = int(os.environ.get("SAMTALSRUM_BENCH_SURVEY_RESPONSES", "70000"))
ORGANISATIONS, WORKPLACES = 10, 800
TARGET_RATIO = 3.0
BUDGET_SECONDS = 0.300

LIKERT = [f"pastaende-{i}" for i in range(1, 7)]


def _questions(survey, kind: str):
    from surveys.models import Question, QuestionType

    rows = [
        Question(survey=survey, theme_key=key, type=QuestionType.LIKERT5, required=True,
                 text=f"Påstående {i} ({kind})", sort_order=i)
        for i, key in enumerate(LIKERT, start=1)
    ]
    rows += [
        Question(survey=survey, theme_key="trygghet", type=QuestionType.SCALE0_10, required=True,
                 text="Hur trygg känner du dig när åsikter krockar?", sort_order=7),
        Question(survey=survey, theme_key="roll", type=QuestionType.SINGLE_CHOICE, text="Vilken roll har du?",
                 options="Medarbetare\nChef\nAnnan", sort_order=8),
        Question(survey=survey, theme_key="amnen", type=QuestionType.MULTIPLE_CHOICE,
                 text="Vad har ni pratat om?", options="Språk\nReligion\nHumor\nMat", sort_order=9),
        Question(survey=survey, theme_key="tankar", type=QuestionType.FREE_TEXT, text="Något mer du vill säga?",
                 sort_order=10),
    ]
    for row in rows:  # bulk_create sends no pre_save: the survey's locale is set here
        row.locale_id = survey.locale_id
    Question.objects.bulk_create(rows)


def _build(programme) -> None:
    """Everything below the programme, set-based: the figures depend on the employee number,
    so every run builds the same data."""
    from people.models import Organisation, Workplace
    from surveys.models import Phase, Survey, SurveyKind, SurveyRound

    organisations = [
        Organisation.objects.create(name=f"Enkätorganisation {i}", code=f"bench-enk-{i}") for i in range(ORGANISATIONS)
    ]
    Workplace.objects.bulk_create(
        Workplace(organisation=organisations[i % ORGANISATIONS], name=f"Enkätarbetsplats {i}") for i in range(WORKPLACES)
    )
    programme.organisations.set(organisations)
    rounds = {}
    for phase, kind in ((Phase.BEFORE, SurveyKind.BEFORE), (Phase.AFTER, SurveyKind.AFTER)):
        survey = Survey.objects.create(programme=programme, title=f"Enkät {phase}", kind=kind)
        _questions(survey, phase)
        rounds[phase] = SurveyRound.objects.create(
            survey=survey, programme=programme, name=f"Omgång {phase}", phase=phase,
            opens_on=datetime.date(2026, 1, 10) if phase == Phase.BEFORE else datetime.date(2026, 6, 1),
            closes_on=datetime.date(2026, 2, 10) if phase == Phase.BEFORE else datetime.date(2026, 7, 1),
        )
        rounds[phase].organisations.set(organisations)
    # 40 000 employees for 70 000 responses: numbers 0–34 999 answered before, 4 000–38 999
    # after; in every workplace five answered only before and five only after, so the pairs are
    # shown for workplaces too (docs/anonymity.md, rule 5).
    employees = RESPONSES * 4 // 7
    half, offset = RESPONSES // 2, RESPONSES * 4 // 70
    answered = {Phase.BEFORE: (0, half), Phase.AFTER: (offset, half + offset)}
    org_ids = [o.pk for o in organisations]
    with connection.cursor() as cursor:
        cursor.execute(
            """
            CREATE TEMP TABLE bench_enk_wp ON COMMIT DROP AS
            SELECT id, organisation_id, row_number() OVER (ORDER BY id) - 1 AS rn
              FROM people_workplace WHERE organisation_id = ANY(%s)
            """,
            [org_ids],
        )
        cursor.execute(
            """
            INSERT INTO people_employee (employee_number, first_name, last_name, email, employment_start,
                preferred_language, gender, created_at, updated_at, organisation_id, workplace_id, link_version)
            SELECT 'S' || g, 'Förnamn' || g, 'Efternamn' || g, 'enk' || g || '@example.se', DATE '2015-01-01', 'sv',
                   '', now(), now(), w.organisation_id, w.id, 1
              FROM generate_series(0, %s - 1) AS g JOIN bench_enk_wp w ON w.rn = g %% %s
            """,
            [employees, WORKPLACES],
        )
        cursor.execute(
            """
            CREATE TEMP TABLE bench_enk_people ON COMMIT DROP AS
            SELECT e.id, e.organisation_id, e.workplace_id, CAST(substr(e.employee_number, 2) AS integer) AS g,
                   md5('bench-key-' || e.id) || md5('bench-key-2-' || e.id) AS respondent_key
              FROM people_employee e WHERE e.organisation_id = ANY(%s)
            """,
            [org_ids],
        )
        for phase in (Phase.BEFORE, Phase.AFTER):
            round_id = rounds[phase].pk
            low, high = answered[phase]
            cursor.execute(
                """
                INSERT INTO surveys_surveyinvitation (nonce, responded, sent_on, reminder_count, employee_id,
                    round_id, draft_owner, letter_code_hash, letter_code_used)
                SELECT md5('n' || id), g >= %s AND g < %s, DATE '2026-01-10', 0, id, %s, '', '', false
                  FROM bench_enk_people
                """,
                [low, high, round_id],
            )
            cursor.execute(
                """
                INSERT INTO surveys_response (respondent_key, submitted_on, organisation_id, workplace_id, round_id)
                SELECT respondent_key, DATE '2026-01-20', organisation_id, workplace_id, %s
                  FROM bench_enk_people WHERE g >= %s AND g < %s
                """,
                [round_id, low, high],
            )
            shift = 1 if phase == Phase.AFTER else 0
            # Statements 1–5 drifting upwards after; the scale 0–10; a role for most; one or two
            # subjects; a free text from about a third.
            cursor.execute(
                """
                INSERT INTO surveys_answer (value, choices, text, question_id, response_id)
                SELECT CASE
                         WHEN q.type = 'likert5' THEN LEAST(5, 1 + (p.g * 7 + q.sort_order * 3) %% 5 + %s * (p.g %% 2))
                         WHEN q.type = 'scale0_10' THEN (p.g * 3 + %s * (p.g %% 3)) %% 11
                         WHEN q.type = 'single_choice' THEN 1 + p.g %% 3
                       END,
                       CASE WHEN q.type = 'multiple_choice'
                            THEN CASE WHEN p.g %% 2 = 0 THEN jsonb_build_array(1 + p.g %% 4)
                                      ELSE jsonb_build_array(1, 2 + p.g %% 3) END
                            ELSE '[]'::jsonb END,
                       CASE WHEN q.type = 'free_text'
                            THEN 'Tanke ' || p.g || ': vi pratade om hur vi bemöter varandra i fikarummet.' ELSE '' END,
                       q.id, r.id
                  FROM surveys_response r
                  JOIN bench_enk_people p ON p.respondent_key = r.respondent_key
                  JOIN surveys_question q ON q.survey_id = %s
                 WHERE r.round_id = %s
                   AND (q.type <> 'single_choice' OR p.g %% 10 <> 0)
                   AND (q.type <> 'free_text' OR p.g %% 3 = 0)
                """,
                [shift, shift, rounds[phase].survey_id, round_id],
            )
        cursor.execute("ANALYZE")


def _data():
    from courses.models import Programme
    from surveys.models import Response

    if connection.vendor != "postgresql":
        raise SystemExit("bench survey_results: needs PostgreSQL (DATABASE_URL=postgres://…)")
    programme, created = Programme.objects.get_or_create(
        name=PROGRAMME_NAME,
        defaults={"starts_on": datetime.date(2026, 1, 1), "ends_on": datetime.date(2027, 12, 31),
                  "planned_participants": RESPONSES, "unit_cost_per_hour": 300},
    )
    if created or not Response.objects.filter(round__programme=programme).exists():
        with transaction.atomic():
            _build(programme)
    return programme


def _admin():
    from people.models import Role, User
    from people.services import role_assign

    user, created = User.objects.get_or_create(email="enkat-admin@benchmark.samtalsrum.se",
                                               defaults={"first_name": "Admin"})
    if created:
        role_assign(user=user, role=Role.PROGRAMME_ADMIN)
    return user


def _client(user) -> Client:
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client = Client()
    client.force_login(user)
    # Programme admins must have proved a second factor; as if they had typed the app's code.
    device, _ = TOTPDevice.objects.get_or_create(user=user, name="bench", defaults={"confirmed": True})
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


# The same figures by hand: per theme, phase and value (and option ticked); the pairs per value;
# the ids of the free texts (the page is shuffled from them).
LIMIT_DISTRIBUTION = """
SELECT q.theme_key, s.phase, x.value, COUNT(*)
  FROM surveys_answer x JOIN surveys_response r ON r.id = x.response_id
  JOIN surveys_surveyround s ON s.id = r.round_id JOIN surveys_question q ON q.id = x.question_id
 WHERE s.programme_id = %(p)s AND x.value IS NOT NULL {where}
 GROUP BY 1, 2, 3
UNION ALL
SELECT q.theme_key, s.phase, CAST(o AS integer), COUNT(*)
  FROM surveys_answer x CROSS JOIN LATERAL jsonb_array_elements_text(x.choices) AS o
  JOIN surveys_response r ON r.id = x.response_id
  JOIN surveys_surveyround s ON s.id = r.round_id JOIN surveys_question q ON q.id = x.question_id
 WHERE s.programme_id = %(p)s AND q.type = 'multiple_choice' {where}
 GROUP BY 1, 2, 3
"""
LIMIT_PAIRS = """
SELECT qb.theme_key, ab.value, aa.value, COUNT(*)
  FROM surveys_response rb
  JOIN surveys_surveyround sb ON sb.id = rb.round_id AND sb.programme_id = %(p)s AND sb.phase = 'before'
  JOIN surveys_response r ON r.respondent_key = rb.respondent_key
  JOIN surveys_surveyround sa ON sa.id = r.round_id AND sa.programme_id = %(p)s AND sa.phase = 'after'
  JOIN surveys_answer ab ON ab.response_id = rb.id JOIN surveys_question qb ON qb.id = ab.question_id
  JOIN surveys_answer aa ON aa.response_id = r.id JOIN surveys_question qa ON qa.id = aa.question_id
 WHERE qa.theme_key = qb.theme_key AND qb.type IN ('likert5', 'scale0_10') AND ab.value IS NOT NULL
   AND aa.value IS NOT NULL {where} {where_before}
 GROUP BY 1, 2, 3
"""
LIMIT_TEXTS = """
SELECT x.id
  FROM surveys_answer x JOIN surveys_response r ON r.id = x.response_id
  JOIN surveys_surveyround s ON s.id = r.round_id JOIN surveys_question q ON q.id = x.question_id
 WHERE s.programme_id = %(p)s AND q.theme_key = 'tankar' AND x.text <> '' {where}
"""


def measurements() -> list[Measurement]:
    from surveys.models import Response
    from surveys.results import released_results_warm

    programme = _data()
    # Released figures cached as in production (surveys/results.py); the first view after a
    # release is measured with an empty cache, every later one with the figures cached.
    override_settings(ALLOWED_HOSTS=["*"], SAMTALSRUM_SURVEY_RESULTS_CACHE_SECONDS=3600).enable()
    client = _client(_admin())
    workplace_id = Response.objects.filter(round__programme=programme).values_list("workplace_id", flat=True).first()
    url = reverse("surveys:results", kwargs={"programme_id": programme.pk})
    n = Response.objects.filter(round__programme=programme).count()
    sizes: dict[str, int] = {}

    def page(grupp: str):
        def call():
            response = client.get(url, {"grupp": grupp})
            assert response.status_code == 200, response.status_code  # noqa: S101
            assert "Förändring för dem som svarat både före och efter" in response.content.decode()  # noqa: S101
            sizes[grupp] = len(response.content)
        return call

    def limit(where: str):
        params = {"p": programme.pk, "wp": workplace_id}

        def call():
            with connection.cursor() as cursor:
                for sql in (LIMIT_DISTRIBUTION, LIMIT_PAIRS, LIMIT_TEXTS):
                    cursor.execute(sql.format(where=where, where_before=where.replace("r.", "rb.")), params)
                    cursor.fetchall()
        return call

    def size(grupp: str):
        def check() -> tuple[str, bool]:
            return f"page {sizes[grupp] / 1024:.0f} kB", True
        return check

    def warm():
        cache.clear()
        assert released_results_warm() >= 1  # noqa: S101 - beat's task after the release

    measurements = [
        Measurement(
            f"survey results, the release computation for the whole programme (beat's warm-up), n={n} responses, "
            "against the bare SQL aggregate", TARGET_RATIO, warm, limit(""),
        ),
    ]
    for label, grupp in (("programme", "program"), ("one workplace", f"ap-{workplace_id}")):
        measurements.append(Measurement(
            f"survey results page, {label}, first view after a release, n={n} responses", BUDGET_SECONDS,
            page(grupp), budget_seconds=BUDGET_SECONDS, extra=size(grupp), before_each=warm,  # the first reader after beat's task
        ))
        measurements.append(Measurement(
            f"survey results page, {label}, released figures cached, n={n} responses", BUDGET_SECONDS,
            page(grupp), budget_seconds=BUDGET_SECONDS, extra=size(grupp),
            before_each=page(grupp),  # untimed: fills the cache if the view before emptied it
        ))
    return measurements
