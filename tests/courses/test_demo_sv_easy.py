"""The lättläst texts of the workplace modules (courses/demo_i18n/sv_easy.py): the shape the demo
seeding reads, and short sentences."""

import re

from courses.demo_content import WORKPLACE_MODULES
from courses.demo_i18n import sv_easy


def _texts(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _texts(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _texts(item)


def test_lattlast_module_texts_have_the_shape_of_the_english_ones():
    assert sv_easy.LANGUAGE == "sv-easy" and sv_easy.REVIEWED is True
    assert set(sv_easy.INDEX) == {"home_title", "home_lead", "material_intro", "workplace_title", "workplace_intro"}
    assert len(sv_easy.MODULES) == len(WORKPLACE_MODULES)
    for module, easy in zip(WORKPLACE_MODULES, sv_easy.MODULES, strict=True):
        english = module["en"]
        assert set(easy) == set(english), module["slug"]
        for key, value in english.items():
            assert type(easy[key]) is type(value), (module["slug"], key)
            if isinstance(value, list) and key != "steps":
                assert len(easy[key]) == len(value), (module["slug"], key)
        assert len(easy["steps"]) == len(english["steps"])
        for theirs, ours in zip(english["steps"], easy["steps"], strict=True):
            kind, _title, minutes, _text, notes, questions, *grouping = theirs
            assert (ours[0], ours[2], ours[6:]) == (kind, minutes, tuple(grouping)), (module["slug"], ours[1])
            assert len(ours) == len(theirs) and len(ours[5]) == len(questions)
            assert bool(ours[4]) == bool(notes) and all(ours[1:2] + ours[3:4])
        assert sum(step[2] for step in easy["steps"]) == 60


def test_lattlast_sentences_are_short_and_differ_from_the_swedish():
    sentences = [
        sentence
        for text in _texts(sv_easy.MODULES)
        for sentence in re.split(r"(?<=[.!?:])\s+", text)
        if sentence
    ]
    longest = max(sentences, key=lambda sentence: len(sentence.split()))
    assert len(longest.split()) <= 16, longest
    for module, easy in zip(WORKPLACE_MODULES, sv_easy.MODULES, strict=True):
        assert easy["transcript"] != module["sv"]["transcript"], module["slug"]
