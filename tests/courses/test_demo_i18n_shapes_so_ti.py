"""The Somali and Tigrinya demo texts fit the Swedish and English ones they translate.

A reader of a translated module or survey must get every step, question and answer option the
Swedish reader gets, in their own language and script: nothing missing, nothing left in Swedish
or English.
"""

import importlib
import inspect
import re

import pytest

import courses.demo
from courses.demo_content import WORKPLACE_MODULES
from surveys import demo as survey_demo

LANGUAGES = ("so", "ti")
ETHIOPIC = re.compile(r"[\u1200-\u139f]")
LATIN_LETTER = re.compile(r"[A-Za-z]")
#: Names kept as they are in every language.
NAMES = {"Samtalsrum"}
INDEX_KEYS = {"home_title", "home_lead", "material_intro", "workplace_title", "workplace_intro"}


def _courses(language):
    return importlib.import_module(f"courses.demo_i18n.{language}")


def _surveys(language):
    return importlib.import_module(f"surveys.demo_i18n.{language}")


def _assert_script(language, text, where):
    """Tigrinya is written in Ge'ez script, Somali in Latin letters."""
    if language == "ti":
        assert ETHIOPIC.search(text), f"{where}: not in Ge'ez script: {text!r}"
    else:
        assert not ETHIOPIC.search(text) and LATIN_LETTER.search(text), f"{where}: {text!r}"


def _assert_translated(language, text, sv, en, where):
    """``text`` translates ``sv``: empty exactly where the English is empty, never a copy."""
    assert isinstance(text, str), where
    if not en:
        assert text == "", f"{where}: the Swedish and English have no text here"
        return
    assert text.strip(), f"{where}: empty"
    assert text not in (sv, en), f"{where}: left untranslated: {text!r}"
    _assert_script(language, text, where)


def _text_pairs(module_index, language):
    """``(where, text, sv, en)`` for every text of one translated module."""
    module = WORKPLACE_MODULES[module_index]
    sv, en, text = module["sv"], module["en"], _courses(language).MODULES[module_index]
    for key, value in en.items():
        if isinstance(value, str):
            yield key, text[key], sv[key], value
        elif key != "steps":
            for i, item in enumerate(value):
                yield f"{key}[{i}]", text[key][i], sv[key][i], item
    for s, (step, sv_step, en_step) in enumerate(zip(text["steps"], sv["steps"], en["steps"], strict=True)):
        for field in (1, 3, 4):
            yield f"steps[{s}][{field}]", step[field], sv_step[field], en_step[field]
        for q, question in enumerate(step[5]):
            yield f"steps[{s}] question {q}", question, sv_step[5][q], en_step[5][q]


@pytest.mark.parametrize("language", LANGUAGES)
def test_course_texts_name_their_language_and_are_machine_drafted(language):
    texts = _courses(language)
    assert language == texts.LANGUAGE
    assert texts.REVIEWED is False


@pytest.mark.parametrize("language", LANGUAGES)
def test_index_texts_are_all_there_and_translated(language):
    index = _courses(language).INDEX
    assert set(index) == INDEX_KEYS
    seeded = inspect.getsource(courses.demo)  # the Swedish and English index texts
    for key, value in index.items():
        if value in NAMES:
            continue
        assert value.strip() and value not in seeded, key
        _assert_script(language, value, key)
    for key in ("material_intro", "workplace_intro"):
        assert index[key].startswith("<p>") and index[key].endswith("</p>"), key


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("module_index", range(len(WORKPLACE_MODULES)))
def test_module_has_the_shape_of_the_english(language, module_index):
    modules = _courses(language).MODULES
    assert len(modules) == len(WORKPLACE_MODULES) == 5
    en, text = WORKPLACE_MODULES[module_index]["en"], modules[module_index]
    assert set(text) == set(en)
    for key, value in en.items():
        assert type(text[key]) is type(value), key
        if isinstance(value, list):
            assert len(text[key]) == len(value), key
    for step, en_step in zip(text["steps"], en["steps"], strict=True):
        assert isinstance(step, tuple) and len(step) == len(en_step)
        kind, minutes, questions = step[0], step[2], step[5]
        assert (kind, minutes) == (en_step[0], en_step[2])
        assert isinstance(questions, list) and len(questions) == len(en_step[5])
        assert step[6:] == en_step[6:]  # the exercise's grouping ("pair", "small_group")
    assert sum(step[2] for step in text["steps"]) == 60


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("module_index", range(len(WORKPLACE_MODULES)))
def test_module_texts_are_translated(language, module_index):
    for where, text, sv, en in _text_pairs(module_index, language):
        _assert_translated(language, text, sv, en, f"module {module_index + 1} {where}")


@pytest.mark.parametrize("language", LANGUAGES)
def test_survey_titles_and_descriptions_are_translated(language):
    texts = _surveys(language)
    assert language == texts.LANGUAGE
    assert set(texts.SURVEYS) == {"before", "after"}
    sources = inspect.getsource(survey_demo)
    for kind, survey in texts.SURVEYS.items():
        assert set(survey) == {"title", "description"}
        for field, value in survey.items():
            assert value.strip() and value not in sources, f"{kind} {field}"
            _assert_script(language, value, f"{kind} {field}")
    assert texts.SURVEYS["before"]["title"] != texts.SURVEYS["after"]["title"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_survey_question_and_option_is_translated(language):
    questions = _surveys(language).QUESTIONS
    assert set(questions) == {row[0] for row in survey_demo.QUESTIONS}
    for theme, _type, _required, sv_before, sv_after, en, _easy, options in survey_demo.QUESTIONS:
        text = questions[theme]
        assert set(text) == {"text", "text_after", "options"}, theme
        _assert_translated(language, text["text"], sv_before, en, theme)
        if sv_after is None:
            assert text["text_after"] is None, theme
        else:
            _assert_translated(language, text["text_after"], sv_after, en, f"{theme} after")
            assert text["text_after"] != text["text"], theme
        sv_options = (options[0] if isinstance(options, tuple) else options) or None
        if sv_options is None:
            assert text["options"] is None, theme
            continue
        lines, sv_lines = text["options"].split("\n"), sv_options.split("\n")
        assert len(lines) == len(sv_lines), theme
        assert len(set(lines)) == len(lines), theme
        en_lines = options[1].split("\n") if isinstance(options, tuple) else [""] * len(sv_lines)
        for line, sv_line, en_line in zip(lines, sv_lines, en_lines, strict=True):
            assert line.strip() and line not in (sv_line, en_line), f"{theme} option {line!r}"
            _assert_script(language, line, f"{theme} option")
