"""Survey texts move from one column per language to one translated copy per locale.

Every survey and question gets the Swedish (default) locale and a translation key. For each
language a survey has texts in – English (``*_en``), lättläst (``*_easy_sv``) and the keys of a
question's ``translations`` that name a language of ``settings.LANGUAGES`` – a copy of the
survey is made in that language's locale (created when missing) with the same translation
keys; what was not translated is copied in Swedish, as wagtail-localize does. Answers,
rounds and invitations keep pointing at the Swedish survey and questions.

Backwards, the copies' texts go back into the old columns and the copies are removed.
"""

import uuid

from django.conf import settings
from django.db import migrations

EASY_SWEDISH = "sv-easy"
#: Languages that had their own columns (the others were keys of ``Question.translations``).
_FALLBACK = ("en", EASY_SWEDISH)


def _languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


def _extra(question, language: str) -> dict:
    value = (question.translations or {}).get(language)
    return value if isinstance(value, dict) else {}


def _question_texts(question, language: str) -> tuple[str, str]:
    """(text, options) of ``question`` in ``language``, as the old fields held them."""
    if language == "en":
        text, options = question.text_en, question.options_en
    elif language == EASY_SWEDISH:
        text, options = question.text_easy_sv, question.options_easy_sv
    else:
        text, options = "", ""
    extra = _extra(question, language)
    text = text or str(extra.get("text") or "")
    if not options and isinstance(extra.get("options"), list):
        options = "\n".join(str(option) for option in extra["options"])
    return text, options


def _has_language(survey, questions, language: str) -> bool:
    if language == "en" and (survey.title_en or survey.description_en):
        return True
    return any(any(_question_texts(q, language)) for q in questions)


def forwards(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    Survey = apps.get_model("surveys", "Survey")
    Question = apps.get_model("surveys", "Question")
    source_locale, _created = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    locales = {}
    for survey in Survey.objects.order_by("pk"):
        survey.locale = source_locale
        survey.translation_key = uuid.uuid4()
        survey.save(update_fields=["locale", "translation_key"])
        questions = list(Question.objects.filter(survey=survey).order_by("sort_order", "pk"))
        for question in questions:
            question.locale = source_locale
            question.translation_key = uuid.uuid4()
            question.save(update_fields=["locale", "translation_key"])
        for language in _languages():
            if not _has_language(survey, questions, language):
                continue
            if language not in locales:
                locales[language] = Locale.objects.get_or_create(language_code=language)[0]
            english = language == "en"
            copy = Survey.objects.create(
                programme_id=survey.programme_id, kind=survey.kind,
                title=(survey.title_en if english else "") or survey.title,
                description=(survey.description_en if english else "") or survey.description,
                locale=locales[language], translation_key=survey.translation_key,
            )
            Survey.objects.filter(pk=copy.pk).update(created_at=survey.created_at)
            for question in questions:
                text, options = _question_texts(question, language)
                Question.objects.create(
                    survey=copy, sort_order=question.sort_order, theme_key=question.theme_key,
                    type=question.type, required=question.required,
                    text_sv=text or question.text_sv, options_sv=options or question.options_sv,
                    locale=locales[language], translation_key=question.translation_key,
                )


def backwards(apps, schema_editor):
    Survey = apps.get_model("surveys", "Survey")
    Question = apps.get_model("surveys", "Question")
    copies = Survey.objects.exclude(locale__language_code=settings.LANGUAGE_CODE).select_related("locale")
    sources = {
        s.translation_key: s for s in Survey.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
    }
    source_questions = {
        q.translation_key: q for q in Question.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
    }
    for copy in copies:
        language = copy.locale.language_code
        source = sources.get(copy.translation_key)
        if source is None:
            continue
        if language == "en":
            source.title_en = copy.title if copy.title != source.title else ""
            source.description_en = copy.description if copy.description != source.description else ""
            source.save(update_fields=["title_en", "description_en"])
        for translated in Question.objects.filter(survey=copy):
            question = source_questions.get(translated.translation_key)
            if question is None:
                continue
            # What the copy holds in Swedish was not translated: the old columns stay empty.
            text = translated.text_sv if translated.text_sv != question.text_sv else ""
            options = translated.options_sv if translated.options_sv != question.options_sv else ""
            if language in _FALLBACK:
                prefix = "en" if language == "en" else "easy_sv"
                setattr(question, f"text_{prefix}", text)
                setattr(question, f"options_{prefix}", options)
            elif text or options:
                extra = {"text": text} if text else {}
                if options:
                    extra["options"] = options.splitlines()
                question.translations = {**(question.translations or {}), language: extra}
            question.save()
    Question.objects.exclude(locale__language_code=settings.LANGUAGE_CODE).delete()
    copies.delete()


class Migration(migrations.Migration):

    dependencies = [
        ('surveys', '0003_survey_locale_fields'),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
    ]
