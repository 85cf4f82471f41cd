"""The survey figures as the database computes them: pairs, distributions and free-text pages.

Every function here returns aggregated numbers, never one row per respondent, so the results
page costs the same few queries and about the same time whether 50 or 70 000 people answered
(issue 13). ``surveys/results.py`` applies the anonymity rule to them; the statistics
(``surveys/statistics.py``) run on the aggregated numbers.

**Pairs.** A person's before and after answers share a ``respondent_key``; a pair is found by
a self-join of the released responses on that key. When someone has answered more than one
released round of the same phase (two "before" rounds, say), the pair uses their *first*
released response of each phase (earliest closing day, then the lowest id), so every person
counts at most once per theme – never twice towards the threshold – and a pair, once released,
never changes when later rounds close.

Written in SQL that PostgreSQL and SQLite both run (common table expressions, grouping);
only the JSON of multiple-choice answers differs by database.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.db import connection

from .anonymity import ORGANISATION, WORKPLACE
from .models import (
    NUMERIC_TYPES,
    Answer,
    Phase,
    Question,
    QuestionType,
    Response,
    Survey,
    SurveyRound,
)

BEFORE, AFTER = Phase.BEFORE.value, Phase.AFTER.value

_TABLES = {
    "answer": Answer._meta.db_table,
    "response": Response._meta.db_table,
    "round": SurveyRound._meta.db_table,
    "question": Question._meta.db_table,
    "survey": Survey._meta.db_table,
}

# Released responses of one programme, and each person's first of each phase (``firsts``).
# The first is picked by grouping – the earliest closing day, then the lowest id – rather than
# by ROW_NUMBER() and ``WHERE nth = 1``: PostgreSQL cannot estimate that filter (it guesses
# 0.5 % of the rows) and then joins the 35 000 "before" with the 35 000 "after" people in a
# nested loop, minutes instead of a fraction of a second. A GROUP BY it estimates from the
# column statistics.
_FIRSTS = """
WITH released AS (
    SELECT r.id, r.respondent_key, r.organisation_id AS org, r.workplace_id AS wp, s.phase, s.closes_on
      FROM {response} r
      JOIN {round} s ON s.id = r.round_id
     WHERE s.programme_id = %s AND s.closes_on < %s
), first_day AS (
    SELECT respondent_key, phase, MIN(closes_on) AS closes_on FROM released GROUP BY respondent_key, phase
), first_id AS (
    SELECT MIN(r.id) AS id
      FROM released r
      JOIN first_day f ON f.respondent_key = r.respondent_key AND f.phase = r.phase AND f.closes_on = r.closes_on
     GROUP BY r.respondent_key, r.phase
), firsts AS (
    SELECT r.id, r.respondent_key, r.org, r.wp, r.phase, r.closes_on FROM released r JOIN first_id f ON f.id = r.id
)
"""

# The same when every released round of the programme has a phase to itself: a person answers
# a round once (surveys_response_one_per_person), so every released response is a first. The
# two phases are two statements the planner sees into (a CTE read once is inlined), so it
# estimates them from the tables' statistics and joins them by hashing.
_FIRSTS_ONE_ROUND_PER_PHASE = """
WITH firsts_before AS (
    SELECT r.id, r.respondent_key, r.organisation_id AS org, r.workplace_id AS wp, s.phase, s.closes_on
      FROM {response} r
      JOIN {round} s ON s.id = r.round_id
     WHERE s.programme_id = %s AND s.closes_on < %s AND s.phase = %s
), firsts_after AS (
    SELECT r.id, r.respondent_key, r.organisation_id AS org, r.workplace_id AS wp, s.phase, s.closes_on
      FROM {response} r
      JOIN {round} s ON s.id = r.round_id
     WHERE s.programme_id = %s AND s.closes_on < %s AND s.phase = %s
)
"""


def _paired(one_round_per_phase: bool, programme_id: int, today: datetime.date) -> tuple[str, list]:
    """The self-join of the first answers, and its parameters up to the group's conditions."""
    tail = [programme_id, programme_id, AFTER, BEFORE]
    if not one_round_per_phase:
        return _FIRSTS + _PAIRED_ANSWERS, [programme_id, today, *tail]
    joined = _PAIRED_ANSWERS.replace("FROM firsts b\n  JOIN firsts a", "FROM firsts_before b\n  JOIN firsts_after a")
    return _FIRSTS_ONE_ROUND_PER_PHASE + joined, [programme_id, today, BEFORE, programme_id, today, AFTER, *tail]


# The self-join: one row per person and numeric theme answered in both phases. ``themes``
# pairs each numeric question of the programme with those of the same theme, so the after
# answer is looked up by (response, question) – one row, not one per question answered. A
# question is paired within its locale only: answers refer to the Swedish questions, never to
# their translations.
_PAIRED_ANSWERS = """
, themes AS (
    SELECT qb.id AS before_question, qa.id AS after_question, qb.theme_key
      FROM {question} qb
      JOIN {survey} sb ON sb.id = qb.survey_id
      JOIN {question} qa ON qa.theme_key = qb.theme_key AND qa.locale_id = qb.locale_id
      JOIN {survey} sa ON sa.id = qa.survey_id
     WHERE sb.programme_id = %s AND sa.programme_id = %s
       AND qb.type IN ({numeric}) AND qa.type IN ({numeric})
)
SELECT {columns}
  FROM firsts b
  JOIN firsts a ON a.respondent_key = b.respondent_key AND a.phase = %s
  JOIN {answer} ab ON ab.response_id = b.id
  JOIN themes qb ON qb.before_question = ab.question_id
  JOIN {answer} aa ON aa.response_id = a.id AND aa.question_id = qb.after_question
 WHERE b.phase = %s AND ab.value IS NOT NULL AND aa.value IS NOT NULL
"""


def _sql(template: str, columns: str = "") -> str:
    numeric = ", ".join(f"'{t.value}'" for t in NUMERIC_TYPES)
    return template.format(numeric=numeric, columns=columns, **_TABLES)


def _fetch(sql: str, params: Sequence) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _as_date(value) -> datetime.date:
    # SQLite hands dates back from raw SQL as text.
    return value if isinstance(value, datetime.date) else datetime.date.fromisoformat(value)


@dataclass(frozen=True)
class GroupSql:
    """A group as a condition on a response alias (``b``, ``a`` or ``r``) with its parameters."""

    level: str
    id: int | None
    organisation_id: int | None = None

    def where(self, alias: str, *, organisation_column: str = "org", workplace_column: str = "wp") -> tuple[str, list]:
        if self.level == ORGANISATION:
            return f" AND {alias}.{organisation_column} = %s", [self.id]
        if self.level == WORKPLACE:
            return (
                f" AND {alias}.{workplace_column} = %s AND {alias}.{organisation_column} = %s",
                [self.id, self.organisation_id],
            )
        return "", []


def pair_cells(
    programme_id: int, today: datetime.date, *, one_round_per_phase: bool = False
) -> tuple[list[tuple], dict[str, dict[tuple[int, int], int]] | None]:
    """Pairs per numeric theme, by when and where each half was given, for the anonymity rule:
    ``(theme, before closes_on, before org, before wp, after closes_on, after org, after wp, n)``.
    ``one_round_per_phase``: no phase has more than one released round (a simpler statement).

    On PostgreSQL the same scan also gives the programme's :func:`paired_distribution` (theme →
    (before value, after value) → people), by grouping sets: the whole programme's results then
    need no second pass over the pairs. On SQLite, which has no grouping sets, that is None."""
    statement, params = _paired(one_round_per_phase, programme_id, today)
    where = "qb.theme_key, b.closes_on, b.org, b.wp, a.closes_on, a.org, a.wp"
    if connection.vendor != "postgresql":
        sql = _sql(statement + f" GROUP BY {where}", columns=f"{where}, COUNT(*)")
        rows = _fetch(sql, params)
        return [(t, _as_date(bc), bo, bw, _as_date(ac), ao, aw, n) for t, bc, bo, bw, ac, ao, aw, n in rows], None
    sql = _sql(
        statement + f" GROUP BY GROUPING SETS (({where}), (qb.theme_key, ab.value, aa.value))",
        columns=f"{where}, ab.value, aa.value, GROUPING(ab.value), COUNT(*)",
    )
    cells, values = [], {}
    for t, bc, bo, bw, ac, ao, aw, before, after, by_value, n in _fetch(sql, params):
        if by_value:  # the first set: values grouped away
            cells.append((t, _as_date(bc), bo, bw, _as_date(ac), ao, aw, n))
        else:
            values.setdefault(t, {})[(before, after)] = n
    return cells, values


def paired_distribution(
    programme_id: int, today: datetime.date, group: GroupSql, themes: Iterable[str], *,
    one_round_per_phase: bool = False,
) -> dict[str, dict[tuple[int, int], int]]:
    """theme → (before value, after value) → people, for the pairs whose both halves belong to
    ``group`` (a person who moved belongs to neither workplace's pairs). At most 11 × 11
    cells per theme, whatever the number of people: enough for every paired statistic."""
    themes = list(themes)
    if not themes:
        return {}
    b_where, b_params = group.where("b")
    a_where, a_params = group.where("a")
    placeholders = ", ".join(["%s"] * len(themes))
    statement, params = _paired(one_round_per_phase, programme_id, today)
    sql = _sql(
        statement + b_where + a_where + f" AND qb.theme_key IN ({placeholders})"
        + " GROUP BY qb.theme_key, ab.value, aa.value",
        columns="qb.theme_key, ab.value, aa.value, COUNT(*)",
    )
    params = [*params, *b_params, *a_params, *themes]
    result: dict[str, dict[tuple[int, int], int]] = {}
    for theme, before, after, n in _fetch(sql, params):
        result.setdefault(theme, {})[(before, after)] = n
    return result


def value_distribution(
    round_ids: Iterable[int], phases: Iterable[str], group: GroupSql
) -> dict[tuple[str, str, int], int]:
    """(theme, phase, value) → answers in ``group``: single values and every option ticked in a
    multiple-choice answer, counted in the database."""
    round_ids, phases = list(round_ids), list(phases)
    if not round_ids or not phases:
        return {}
    where, params = group.where("r", organisation_column="organisation_id", workplace_column="workplace_id")
    base = (
        " FROM {answer} x JOIN {response} r ON r.id = x.response_id JOIN {round} s ON s.id = r.round_id"
        " JOIN {question} q ON q.id = x.question_id"
        f" WHERE s.id IN ({', '.join(['%s'] * len(round_ids))}) AND s.phase IN ({', '.join(['%s'] * len(phases))})"
        + where
    )
    if connection.vendor == "postgresql":
        option, joined = "CAST(o.value AS integer)", " CROSS JOIN LATERAL jsonb_array_elements_text(x.choices) AS o(value)"
    else:
        option, joined = "CAST(o.value AS integer)", " JOIN json_each(x.choices) AS o"
    multiple = f"'{QuestionType.MULTIPLE_CHOICE.value}'"
    sql = _sql(
        "SELECT q.theme_key, s.phase, x.value, COUNT(*)" + base + " AND x.value IS NOT NULL"
        " GROUP BY q.theme_key, s.phase, x.value"
        " UNION ALL "
        f"SELECT q.theme_key, s.phase, {option}, COUNT(*)"
        + base.replace(" WHERE ", joined + " WHERE ", 1) + f" AND q.type = {multiple}"
        f" GROUP BY q.theme_key, s.phase, {option}"
    )
    result: dict[tuple[str, str, int], int] = {}
    for theme, phase, value, n in _fetch(sql, [*round_ids, *phases, *params] * 2):
        key = (theme, phase, int(value))
        result[key] = result.get(key, 0) + n
    return result


# --- free texts ------------------------------------------------------------------------------

#: Free texts shown per question and page.
TEXTS_PER_PAGE = 50


@dataclass(frozen=True)
class TextPage:
    texts: list[str]
    number: int
    pages: int
    total: int
    first: int  # 1-based position of the first text on the page
    last: int


def _text_filter(round_ids: Sequence[int], theme: str, phases: Sequence[str], group: GroupSql) -> tuple[str, list]:
    where, params = group.where("r", organisation_column="organisation_id", workplace_column="workplace_id")
    sql = (
        " FROM {answer} x JOIN {response} r ON r.id = x.response_id JOIN {round} s ON s.id = r.round_id"
        " JOIN {question} q ON q.id = x.question_id"
        f" WHERE s.id IN ({', '.join(['%s'] * len(round_ids))}) AND s.phase IN ({', '.join(['%s'] * len(phases))})"
        " AND q.theme_key = %s AND x.text <> ''" + where
    )
    return sql, [*round_ids, *phases, theme, *params]


def _order_key(seed: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), seed.encode(), hashlib.sha256).hexdigest()


def text_order(round_ids: Sequence[int], theme: str, phases: Sequence[str], group: GroupSql, *, seed: str) -> list[int]:
    """The ids of the free texts of ``theme`` in ``group`` (in the phases where the question is
    shown), in a random order keyed with the site's secret and ``seed`` (the group and the
    release): the same from page to page until the next release, so paging neither repeats nor
    skips a text, and saying nothing about who answered when. Ids only – a few bytes each."""
    if not round_ids or not phases:
        return []
    sql, params = _text_filter(round_ids, theme, phases, group)
    ids = [i for (i,) in _fetch(_sql("SELECT x.id" + sql + " ORDER BY x.id"), params)]
    random.Random(_order_key(seed)).shuffle(ids)  # noqa: S311 - an order for display, keyed with the site secret
    return ids


def text_page(ordered_ids: Sequence[int], *, number: int) -> TextPage:
    """Page ``number`` (1-based, kept within the pages there are) of texts in ``ordered_ids``."""
    total = len(ordered_ids)
    pages = max(1, -(-total // TEXTS_PER_PAGE))
    number = min(max(1, number), pages)
    offset = (number - 1) * TEXTS_PER_PAGE
    chosen = list(ordered_ids[offset:offset + TEXTS_PER_PAGE])
    by_id = dict(Answer.objects.filter(id__in=chosen).values_list("id", "text")) if chosen else {}
    texts = [by_id[i] for i in chosen if i in by_id]
    return TextPage(texts, number, pages, total, offset + 1 if texts else 0, offset + len(texts))
