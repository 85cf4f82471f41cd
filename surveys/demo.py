"""Demo surveys for "Vilka är vi?": a before and an after survey with synthetic answers.

Creates the two surveys in Swedish and translates them with wagtail-localize, like the pages:
English and lättläst Swedish as reviewed translations, Arabic, Somali, Tigrinya and Persian
(from ``surveys/demo_i18n/<code>.py`` where present) as machine drafts. Then a before and an after
round for a few hundred employees – both already closed, so their results are released – and
answers with a real before→after shift so results, pairs and charts show at once. The demo
manager's workplace has its own before round that is still open, with three answers so far:
its results are not shown (not released, and fewer than five), and the manager's counter
says "fewer than 5". The demo employee keeps an open, unanswered invitation in that round;
their answer link is returned as a demo-login line.

Deterministic (a fixed random seed) and idempotent: a second run adds nothing.
"""

from __future__ import annotations

import datetime
import importlib
import random

import polib

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from wagtail.models import Locale
from wagtail_localize.models import StringSegment, Translation, TranslationSource

from courses.models import Programme
from people.models import Employee, User, Workplace

from .links import answer_path
from .models import (
    Answer,
    Phase,
    Question,
    QuestionType,
    Response,
    Survey,
    SurveyInvitation,
    SurveyKind,
    SurveyRound,
)
from .pairing import respondent_key_for
from .services import new_nonce

PROGRAMME_NAME = "Vilka är vi?"
DEMO_EMPLOYEE_EMAIL = "anstalld@demo.samtalsrum.se"
DEMO_MANAGER_EMAIL = "chef@demo.samtalsrum.se"
TARGET_EMPLOYEES = 420
SEED = 20180201

FREQUENCY = (
    "Aldrig\nNågon gång per år\nNågon gång per månad\nNågon gång per vecka",
    "Never\nA few times a year\nA few times a month\nEvery week",
    "Aldrig\nNågon gång om året\nNågon gång i månaden\nVarje vecka",
)
TOPICS = (
    "Språk och kommunikation\nReligion och traditioner\nHumor och jargong\nBemötande av brukare och kunder\nJämställdhet\nFördomar och stereotyper",
    "Language and communication\nReligion and traditions\nHumour and banter\nHow we treat clients and customers\nGender equality\nPrejudice and stereotypes",
    "Språk och att prata med varandra\nTro och högtider\nSkämt och jargong\nHur vi bemöter dem vi hjälper\nLika för kvinnor och män\nFördomar",
)

# theme, type, required, Swedish before, Swedish after (None: same), English, easy Swedish, options
QUESTIONS: list[tuple] = [
    ("respekt", QuestionType.LIKERT5, True,
     "På min arbetsplats blir alla bemötta med respekt, oavsett bakgrund.",
     "På min arbetsplats blir alla bemötta med respekt, oavsett varifrån de kommer.",
     "At my workplace, everyone is treated with respect regardless of background.",
     "Alla blir bra behandlade på mitt jobb, var de än kommer ifrån.", None),
    ("olikheter", QuestionType.LIKERT5, True,
     "Olika bakgrunder och erfarenheter är en tillgång för vår arbetsplats.", None,
     "Different backgrounds and experiences are an asset to our workplace.",
     "Det är bra för oss att vi är olika.", None),
    ("kulturkrockar", QuestionType.LIKERT5, True,
     "Jag känner mig trygg i att hantera situationer där kulturer eller värderingar krockar.",
     "Jag känner mig trygg när kulturer eller värderingar krockar på jobbet.",
     "I feel confident handling situations where cultures or values clash.",
     "Jag vet vad jag ska göra när vi tycker olika om saker som är viktiga.", None),
    ("oenighet", QuestionType.LIKERT5, True,
     "Vi kan vara oense på min arbetsplats utan att det blir personligt.", None,
     "We can disagree at my workplace without it becoming personal.",
     "Vi kan tycka olika utan att bli arga på varandra.", None),
    ("saga_ifran", QuestionType.LIKERT5, False,
     "Jag vågar säga ifrån om någon blir illa behandlad.", None,
     "I dare to speak up if someone is treated badly.",
     "Jag säger till om någon blir dåligt behandlad.", None),
    ("tillhorighet", QuestionType.SCALE0_10, True,
     "Hur starkt känner du att du hör till på din arbetsplats?", None,
     "How strongly do you feel that you belong at your workplace?",
     "Hur mycket känner du att du hör till här?", ("Inte alls\nHelt och hållet", "Not at all\nCompletely",
                                                   "Inte alls\nHelt")),
    ("samtal_om_bemotande", QuestionType.SINGLE_CHOICE, False,
     "Hur ofta pratar ni på arbetsplatsen om hur ni bemöter varandra?", None,
     "How often do you talk at work about how you treat each other?",
     "Hur ofta pratar ni om hur ni är mot varandra?", FREQUENCY),
    ("amnen", QuestionType.MULTIPLE_CHOICE, False,
     "Vilka ämnen vill du att ni pratar mer om?",
     "Vilka ämnen från samtalen har varit mest värdefulla?",
     "Which topics would you like to talk more about?",
     "Vad vill du prata mer om?", TOPICS),
    ("oppen_valkommen", QuestionType.FREE_TEXT, False,
     "Vad behövs för att alla ska känna sig välkomna på din arbetsplats?", None,
     "What is needed for everyone to feel welcome at your workplace?",
     "Vad behövs för att alla ska känna sig välkomna?", None),
    ("oppen_ovrigt", QuestionType.FREE_TEXT, False,
     "Är det något mer du vill säga?",
     "Vad har samtalen betytt för dig och din arbetsplats?",
     "Is there anything else you would like to say?",
     "Vill du säga något mer?", None),
]

#: The after survey's English and lättläst wording where its Swedish differs from the before survey's.
AFTER_TEXTS: dict[str, tuple[str, str]] = {
    "respekt": ("At my workplace, everyone is treated with respect, wherever they come from.",
                "Alla blir bra behandlade på mitt jobb, var de än kommer ifrån."),
    "kulturkrockar": ("I feel confident when cultures or values clash at work.",
                      "Jag vet vad jag ska göra när vi tycker olika om viktiga saker på jobbet."),
    "amnen": ("Which topics from the dialogues have been most valuable?",
              "Vad från samtalen har varit bäst för dig?"),
    "oppen_ovrigt": ("What have the dialogues meant for you and your workplace?",
                     "Vad har samtalen betytt för dig och ditt jobb?"),
}

DESCRIPTION = (
    "Enkäten handlar om hur det är att arbeta hos oss: bemötande, olikheter, oenighet och "
    "tillhörighet. Den tar ungefär tio minuter. Det finns inga rätta eller felaktiga svar."
)
#: Title and introduction of the before and after surveys: Swedish, English, lättläst.
SURVEY_TEXTS: dict[str, dict[str, dict[str, str]]] = {
    SurveyKind.BEFORE: {
        "sv": {"title": "Före arbetsplatsprocessen", "description": DESCRIPTION},
        "en": {"title": "Before the workplace process", "description": (
            "The survey is about what it is like to work here: how we treat each other, differences, "
            "disagreement and belonging. It takes about ten minutes. There are no right or wrong answers.")},
        "sv-easy": {"title": "Frågor innan samtalen börjar", "description": (
            "Frågorna handlar om hur det är på ditt jobb. Hur vi är mot varandra och om alla får vara med. "
            "Det tar ungefär tio minuter. Det finns inga rätta eller fel svar.")},
    },
    SurveyKind.AFTER: {
        "sv": {"title": "Efter arbetsplatsprocessen", "description": DESCRIPTION},
        "en": {"title": "After the workplace process", "description": (
            "The survey is about what it is like to work here: how we treat each other, differences, "
            "disagreement and belonging. It takes about ten minutes. There are no right or wrong answers.")},
        "sv-easy": {"title": "Frågor efter samtalen", "description": (
            "Frågorna handlar om hur det är på ditt jobb. Hur vi är mot varandra och om alla får vara med. "
            "Det tar ungefär tio minuter. Det finns inga rätta eller fel svar.")},
    },
}
#: Reviewed translations written here, and machine drafts read from surveys/demo_i18n/<code>.py.
REVIEWED_LANGUAGES = ("en", "sv-easy")
DRAFTED_LANGUAGES = ("ar", "so", "ti", "fa")
MACHINE_TOOL = "Maskinutkast"

FREE_TEXTS = {
    "before": [
        "Att vi tar oss tid att lära känna varandra.", "Tydligare introduktion för nyanställda.",
        "Att cheferna visar att alla är lika viktiga.", "Mer tid att prata, inte bara jobba.",
        "Att vi slutar med skämt på andras bekostnad.", "Gemensamma raster där alla är med.",
        "Att fler kan få information på lätt svenska.", "Att man vågar fråga när man inte förstår.",
    ],
    "after": [
        "Vi pratar mer med varandra nu, även i fikarummet.", "Jag förstår mina kollegor bättre.",
        "Det var svårt ibland men bra att vi fick säga vad vi tycker.", "Filmerna gav mycket att prata om.",
        "Vi har bestämt hur vi ska säga ifrån när något är fel.", "Mer respekt för varandras högtider.",
        "Jag har vågat berätta om min bakgrund.", "Bra att processledarna var några av oss.",
    ],
}


def seed(*, stdout) -> list[str]:
    programme = Programme.objects.filter(name=PROGRAMME_NAME).first()
    if programme is None:
        stdout.write(f"  surveys: programmet \"{PROGRAMME_NAME}\" saknas (courses/demo.py); inga enkäter skapas.")
        return []
    before = _survey(programme, SurveyKind.BEFORE)
    after = _survey(programme, SurveyKind.AFTER)
    for survey in (before, after):
        _translations(survey)
    workplaces = _workplaces()
    if not workplaces:
        return []
    today = timezone.localdate()
    small, others = workplaces[0], workplaces[1:]
    before_round = _round(programme, before, Phase.BEFORE, "Före – arbetsplatsprocessen", others,
                          today - datetime.timedelta(days=120), today - datetime.timedelta(days=60))
    after_round = _round(programme, after, Phase.AFTER, "Efter – arbetsplatsprocessen", others,
                         today - datetime.timedelta(days=30), today - datetime.timedelta(days=2))
    small_round = _round(programme, before, Phase.BEFORE, f"Före – {small.name}", [small],
                         today - datetime.timedelta(days=10), today + datetime.timedelta(days=60))
    if not Response.objects.filter(round__programme=programme).exists():
        _answers(programme, before_round, after_round, small_round, workplaces)
    return _demo_employee_line(small_round)


def _survey(programme: Programme, kind: str) -> Survey:
    """The Swedish survey of ``kind`` (the one rounds are given with)."""
    texts = SURVEY_TEXTS[kind]["sv"]
    survey = Survey.objects.sources().filter(programme=programme, kind=kind, title=texts["title"]).first()
    if survey is not None:
        return survey
    survey = Survey(programme=programme, kind=kind, title=texts["title"], description=texts["description"])
    for order, (theme, qtype, required, sv_before, sv_after, _en, _easy, options) in enumerate(QUESTIONS):
        text = sv_after if kind == SurveyKind.AFTER and sv_after else sv_before
        survey.questions.add(Question(
            theme_key=theme, type=qtype, required=required, sort_order=order, text=text,
            options=options[0] if isinstance(options, tuple) else (options or ""),
        ))
    survey.save()
    return survey


def _own_texts(kind: str, language: str) -> tuple[dict[str, str], dict[str, tuple[str, str]]] | None:
    """(survey texts, theme → (text, options)) for ``language``, or None when there are none.

    English and lättläst are written in this module; the other languages come from
    ``surveys/demo_i18n/<code>.py`` (``SURVEYS`` and ``QUESTIONS``), skipped while missing.
    """
    after = kind == SurveyKind.AFTER
    if language in REVIEWED_LANGUAGES:
        column = 0 if language == "en" else 1
        questions = {}
        for theme, _type, _required, _sv, _sv_after, en, easy, options in QUESTIONS:
            text = (en, easy)[column]
            if after and theme in AFTER_TEXTS:
                text = AFTER_TEXTS[theme][column]
            questions[theme] = (text, options[column + 1] if isinstance(options, tuple) else "")
        return SURVEY_TEXTS[kind][language], questions
    try:
        data = importlib.import_module(f"surveys.demo_i18n.{language.replace('-', '_')}")
    except ModuleNotFoundError:
        return None
    questions = {
        theme: ((q.get("text_after") if after else None) or q.get("text") or "", q.get("options") or "")
        for theme, q in data.QUESTIONS.items()
    }
    return data.SURVEYS[kind], questions


@transaction.atomic
def _translations(survey: Survey) -> None:
    """Translate ``survey`` into every demo language it is not yet in, through wagtail-localize:
    a translation source, a translation per locale, its strings imported as a PO file (reviewed:
    "manual"; drafted: "machine"), then the translated survey saved."""
    source = None
    for language in (*REVIEWED_LANGUAGES, *DRAFTED_LANGUAGES):
        texts = _own_texts(survey.kind, language)
        if texts is None:
            continue
        locale = Locale.objects.get_or_create(language_code=language)[0]
        if survey.has_translation(locale):
            continue
        if source is None:
            source, _created = TranslationSource.get_or_create_from_instance(survey)
        translation, _created = Translation.objects.get_or_create(source=source, target_locale=locale)
        machine = language in DRAFTED_LANGUAGES
        translation.import_po(
            _po(source, survey, *texts),
            translation_type="machine" if machine else "manual",
            tool_name=MACHINE_TOOL if machine else "",
        )
        translation.save_target()


def _po(source: TranslationSource, survey: Survey, survey_texts: dict[str, str],
        question_texts: dict[str, tuple[str, str]]) -> polib.POFile:
    """The strings of ``source`` with their translations, as wagtail-localize's PO file has them:
    one entry per segment, its context the field's path (``questions.<key>.text``)."""
    themes = {str(q.translation_key): q.theme_key for q in survey.questions.all()}
    po = polib.POFile()
    for segment in StringSegment.objects.filter(source=source).select_related("string", "context"):
        path = segment.context.path.split(".")
        if len(path) == 1:
            target = survey_texts.get(path[0], "")
        else:
            text, options = question_texts.get(themes.get(path[1], ""), ("", ""))
            target = text if path[2] == "text" else options
        if target:
            po.append(polib.POEntry(msgid=segment.string.data, msgctxt=segment.context.path, msgstr=target))
    return po


def _workplaces() -> list[Workplace]:
    """Units of the demo manager's organisation, starting with theirs, until ~420 employees."""
    manager = User.objects.filter(email=DEMO_MANAGER_EMAIL).select_related("employee").first()
    first = manager.employee.workplace if manager and manager.employee else None
    units = list(
        Workplace.objects.filter(employees__isnull=False).distinct().order_by("organisation__name", "name")
    )
    if first is not None:
        units = [first] + [w for w in units if w.organisation_id == first.organisation_id and w != first]
    chosen, total = [], 0
    counts = {w.pk: w.employees.count() for w in units[:40]}
    for unit in units[:40]:
        if total >= TARGET_EMPLOYEES:
            break
        chosen.append(unit)
        total += counts[unit.pk]
    return chosen


def _round(programme, survey, phase, name, workplaces, opens_on, closes_on) -> SurveyRound:
    survey_round = SurveyRound.objects.filter(programme=programme, name=name).first()
    if survey_round is None:
        survey_round = SurveyRound.objects.create(
            programme=programme, survey=survey, phase=phase, name=name, opens_on=opens_on, closes_on=closes_on,
            invitations_sent_on=opens_on,
        )
        survey_round.workplaces.set(workplaces)
    return survey_round


def _answers(programme, before_round, after_round, small_round, workplaces) -> None:
    rng = random.Random(SEED)
    demo_employee = User.objects.filter(email=DEMO_EMPLOYEE_EMAIL).values_list("employee_id", flat=True).first()
    small_workplace = workplaces[0]
    employees = list(Employee.objects.filter(workplace__in=workplaces).order_by("employee_number"))
    questions = {
        phase: {q.theme_key: q for q in survey_round.survey.questions.all()}
        for phase, survey_round in ((Phase.BEFORE, before_round), (Phase.AFTER, after_round))
    }
    invitations: list[SurveyInvitation] = []
    responses: list[tuple[Response, dict]] = []
    small_answered = 0
    for employee in employees:
        answers_before = answers_after = True
        if employee.workplace_id == small_workplace.pk:
            # The demo manager's workplace: only three answer before, none after (suppressed).
            answers_before = employee.pk != demo_employee and small_answered < 3
            small_answered += answers_before
            answers_after = False
        else:
            answers_before = rng.random() < 0.78
            answers_after = rng.random() < (0.85 if answers_before else 0.4)
        base = rng.gauss(3.0, 0.8)
        gain = rng.gauss(0.55, 0.5)
        key = respondent_key_for(programme_id=programme.pk, employee_id=employee.pk)
        in_small = employee.workplace_id == small_workplace.pk
        for survey_round, phase, answered, shift in (
            (small_round if in_small else before_round, Phase.BEFORE, answers_before, 0.0),
            (after_round, Phase.AFTER, answers_after, gain),
        ):
            if survey_round is after_round and in_small:
                continue
            invitations.append(SurveyInvitation(
                round=survey_round, employee=employee, nonce=new_nonce(), responded=answered,
                sent_on=survey_round.opens_on,
            ))
            if answered:
                response = Response(
                    round=survey_round, respondent_key=key, organisation_id=employee.organisation_id,
                    workplace_id=employee.workplace_id,
                    submitted_on=min(survey_round.opens_on + datetime.timedelta(days=rng.randint(0, 6)),
                                     survey_round.closes_on),
                )
                responses.append((response, _values(rng, questions[phase], base + shift, phase)))
    SurveyInvitation.objects.bulk_create(invitations, batch_size=1000, ignore_conflicts=True)
    Response.objects.bulk_create([r for r, _ in responses], batch_size=1000)
    saved = {
        (r.round_id, r.respondent_key): r.pk
        for r in Response.objects.filter(round__in=[before_round, after_round, small_round]).only(
            "id", "round_id", "respondent_key"
        )
    }
    rows = []
    for response, values in responses:
        response_id = saved[(response.round_id, response.respondent_key)]
        for question, (value, choices, text) in values.items():
            rows.append(Answer(response_id=response_id, question=question, value=value, choices=choices, text=text))
    Answer.objects.bulk_create(rows, batch_size=2000)


def _values(rng: random.Random, questions: dict[str, Question], level: float, phase: str) -> dict:
    values: dict = {}
    for question in questions.values():
        if question.type == QuestionType.LIKERT5:
            if not question.required and rng.random() < 0.08:
                continue
            values[question] = (min(5, max(1, round(level + rng.gauss(0, 0.7)))), [], "")
        elif question.type == QuestionType.SCALE0_10:
            values[question] = (min(10, max(0, round(2 * level + 0.5 + rng.gauss(0, 1.3)))), [], "")
        elif question.type == QuestionType.SINGLE_CHOICE:
            values[question] = (min(4, max(1, round(level - 0.6 + rng.gauss(0, 0.8)))), [], "")
        elif question.type == QuestionType.MULTIPLE_CHOICE:
            picked = sorted(rng.sample(range(1, 7), rng.randint(1, 3)))
            values[question] = (None, picked, "")
        elif rng.random() < 0.35:
            values[question] = (None, [], rng.choice(FREE_TEXTS[phase]))
    return values


def _demo_employee_line(survey_round: SurveyRound) -> list[str]:
    user = User.objects.filter(email=DEMO_EMPLOYEE_EMAIL).select_related("employee").first()
    if user is None or user.employee is None:
        return []
    invitation, _created = SurveyInvitation.objects.get_or_create(
        round=survey_round, employee=user.employee,
        defaults={"nonce": new_nonce(), "sent_on": survey_round.opens_on},
    )
    if invitation.responded:
        return [f"{DEMO_EMPLOYEE_EMAIL} har redan svarat på före-enkäten."]
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    return [f"Enkätlänk för {DEMO_EMPLOYEE_EMAIL} (utan lösenord): {base}{answer_path(invitation, language='sv')}"]
