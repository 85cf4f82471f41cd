"""Every demo translation file has the shape of the English texts and is really translated.

A reader of the workplace modules or the surveys in another language must get every step,
question and answer option, in that language: nothing missing, nothing left in Swedish or
English, and the step kinds and groupings the pages are built from kept as they are.
"""

import importlib
import pkgutil

import pytest

import courses.demo_i18n
import surveys.demo_i18n
from courses.demo_content import WORKPLACE_MODULES
from surveys.demo import QUESTIONS

COURSE_FILES = sorted(m.name for m in pkgutil.iter_modules(courses.demo_i18n.__path__))
SURVEY_FILES = sorted(m.name for m in pkgutil.iter_modules(surveys.demo_i18n.__path__))

LANGUAGE_OF_FILE = {"ar": "ar", "so": "so", "ti": "ti", "fa": "fa", "sv_easy": "sv-easy"}
# Languages whose texts must be written in their own script (a Latin text there is untranslated).
SCRIPT = {"ar": ("\u0600", "\u06ff"), "fa": ("\u0600", "\u06ff"), "ti": ("\u1200", "\u139f")}

INDEX_KEYS = {"home_title", "home_lead", "material_intro", "workplace_title", "workplace_intro"}
# The Swedish and English index texts (courses/demo.py, cms/services.py); the title is a name.
INDEX_SOURCES = {
    "home_lead": ("Conversations for an inclusive and sustainable working life.",),
    "material_intro": ("Föreläsningsavsnitt och samtalsguider i programmet Vilka är vi?",
                       "Lecture segments and discussion guides of the programme Who are we?"),
    "workplace_title": ("Arbetsplatsprocessen", "The workplace process"),
    "workplace_intro": ("Fem samtal på en timme var, med film och samtalsguide (5 timmar).",
                        "Five one-hour conversations, each with a film and a discussion guide (5 hours)."),
}


def _course_file(name):
    return importlib.import_module(f"courses.demo_i18n.{name}")


def _survey_file(name):
    return importlib.import_module(f"surveys.demo_i18n.{name}")


def _assert_translated(text, sv, en, where, language):
    """``text`` is there when the English has one, and is neither the Swedish nor the English.

    ``en`` is None where the source has no English (the text must still differ from the Swedish).
    Easy-to-read Swedish only has to differ from the English.
    """
    assert isinstance(text, str), where
    if en == "":
        assert text == "", f"{where}: the English is empty, the translation is not"
        return
    assert text.strip(), f"{where}: empty"
    if language == "sv-easy":  # easy-to-read Swedish may keep a Swedish text that is plain already
        untranslated = {en} - {sv}
    else:
        untranslated = {sv} if en is None else set() if sv == en else {sv, en}  # equal texts are names
    assert text not in untranslated, f"{where}: still Swedish or English: {text!r}"
    if language in SCRIPT:
        low, high = SCRIPT[language]
        assert any(low <= char <= high for char in text), f"{where}: not in the {language} script: {text!r}"


def _pairs(sv_module, en_module, text_module, where):
    """Each translated text beside its Swedish and English, checking the shapes on the way."""
    assert set(text_module) == set(en_module), f"{where}: keys differ from the English"
    for key, en in en_module.items():
        sv, text = sv_module[key], text_module[key]
        if key == "steps":
            assert len(text) == len(en), f"{where}.steps: {len(text)} steps, the English has {len(en)}"
            for number, (sv_step, en_step, step) in enumerate(zip(sv, en, text, strict=True), start=1):
                at = f"{where}.steps[{number}]"
                assert isinstance(step, tuple) and len(step) == len(en_step), f"{at}: shape differs"
                assert step[0] == en_step[0], f"{at}: kind {step[0]!r}, the English has {en_step[0]!r}"
                assert step[2] == en_step[2], f"{at}: {step[2]} minutes, the English has {en_step[2]}"
                assert step[6:] == en_step[6:], f"{at}: grouping {step[6:]}, the English has {en_step[6:]}"
                for index in (1, 3, 4):
                    yield sv_step[index], en_step[index], step[index], f"{at}[{index}]"
                assert len(step[5]) == len(en_step[5]), f"{at}: {len(step[5])} questions"
                for q, (sv_q, en_q, q_text) in enumerate(zip(sv_step[5], en_step[5], step[5], strict=True)):
                    yield sv_q, en_q, q_text, f"{at}.questions[{q}]"
        elif isinstance(en, list):
            assert isinstance(text, list) and len(text) == len(en), f"{where}.{key}: {len(text)} items"
            for index, (sv_item, en_item, item) in enumerate(zip(sv, en, text, strict=True)):
                yield sv_item, en_item, item, f"{where}.{key}[{index}]"
        else:
            yield sv, en, text, f"{where}.{key}"


@pytest.mark.parametrize("name", COURSE_FILES)
def test_course_file_has_every_module_text_in_its_language(name):
    data = _course_file(name)
    language = LANGUAGE_OF_FILE[name]
    assert language == data.LANGUAGE
    assert isinstance(data.REVIEWED, bool)
    assert set(data.INDEX) == INDEX_KEYS
    assert data.INDEX["home_title"].strip()
    for key, sources in INDEX_SOURCES.items():
        _assert_translated(data.INDEX[key], sources[0], sources[-1], f"{name}.INDEX.{key}", language)
    assert len(data.MODULES) == len(WORKPLACE_MODULES)
    for number, (module, text) in enumerate(zip(WORKPLACE_MODULES, data.MODULES, strict=True), start=1):
        for sv, en, translated, where in _pairs(module["sv"], module["en"], text, f"{name} module {number}"):
            _assert_translated(translated, sv, en, where, language)


def _options(options, column):
    """The Swedish (0) or English (1) option lines of a question of surveys/demo.py."""
    if options is None:
        return None
    if isinstance(options, tuple):
        return options[column]
    return options if column == 0 else None


@pytest.mark.parametrize("name", SURVEY_FILES)
def test_survey_file_has_every_question_and_option_in_its_language(name):
    data = _survey_file(name)
    language = LANGUAGE_OF_FILE[name]
    assert language == data.LANGUAGE
    assert set(data.SURVEYS) == {"before", "after"}
    for kind, (sv_title, en_title) in {
        "before": ("Före arbetsplatsprocessen", "Before the workplace process"),
        "after": ("Efter arbetsplatsprocessen", "After the workplace process"),
    }.items():
        survey = data.SURVEYS[kind]
        assert set(survey) == {"title", "description"}
        _assert_translated(survey["title"], sv_title, en_title, f"{name}.SURVEYS.{kind}.title", language)
        description = survey["description"]
        _assert_translated(description, "", None, f"{name}.SURVEYS.{kind}.description", language)
        assert not description.startswith(("Enkäten handlar", "The survey is")), f"{name}.SURVEYS.{kind}"
    assert set(data.QUESTIONS) == {row[0] for row in QUESTIONS}
    for theme, _type, _required, sv_before, sv_after, en, _easy, options in QUESTIONS:
        question = data.QUESTIONS[theme]
        where = f"{name}.QUESTIONS.{theme}"
        assert set(question) == {"text", "text_after", "options"}, where
        _assert_translated(question["text"], sv_before, en, f"{where}.text", language)
        if sv_after is None:
            assert question["text_after"] is None, f"{where}.text_after: the Swedish has none"
        else:
            _assert_translated(question["text_after"], sv_after, en, f"{where}.text_after", language)
        sv_options = _options(options, 0)
        if sv_options is None:
            assert question["options"] is None, f"{where}.options: the Swedish has none"
            continue
        lines = question["options"].split("\n")
        sv_lines = sv_options.split("\n")
        assert len(lines) == len(sv_lines), f"{where}.options: {len(lines)} lines, the Swedish has {len(sv_lines)}"
        en_lines = _options(options, 1).split("\n") if isinstance(options, tuple) else [None] * len(sv_lines)
        for index, (sv_line, en_line, line) in enumerate(zip(sv_lines, en_lines, lines, strict=True)):
            _assert_translated(line, sv_line, en_line, f"{where}.options[{index}]", language)
