"""Read aloud and lättläst in a real browser.

Debian's Chromium has no speech voices, so the "Lyssna" buttons are checked twice: with the
browser's own speechSynthesis (no voice for the page's language: the buttons stay hidden and
nothing breaks) and with a speechSynthesis installed before the page's scripts run, which offers
a voice list and records what it is asked to say, firing each utterance's start, boundary and end
events when the test says the sentence has been spoken.
"""

import json

import pytest

from cms.models import LectureSegmentPage
from tests.cms.factories import content_tree, publish
from tests.cms.test_easy_read import EASY_SEGMENT_TITLE, EASY_TRANSCRIPT, easy_swedish_version
from tests.e2e.conftest import PHONE

pytestmark = pytest.mark.django_db(transaction=True)

SWEDISH_VOICE = {"name": "Alva", "lang": "sv-SE", "default": False, "localService": True, "voiceURI": "alva"}
ENGLISH_VOICE = {"name": "Daniel", "lang": "en-GB", "default": True, "localService": True, "voiceURI": "daniel"}

FAKE_SPEECH = """
(() => {
  const voices = %(voices)s;
  const queue = [];
  const log = { spoken: [], cancelled: 0 };
  const fire = (utterance, type, charIndex) =>
    utterance.dispatchEvent(new SpeechSynthesisEvent(type, { utterance, charIndex, elapsedTime: 0 }));
  class FakeSpeech extends EventTarget {
    constructor() { super(); this.speaking = false; this.pending = false; this.paused = false; }
    getVoices() { return voices.slice(); }
    speak(utterance) {
      log.spoken.push({ text: utterance.text, lang: utterance.lang });
      queue.push(utterance);
      if (queue.length === 1) { this.begin(); }
    }
    begin() {
      const utterance = queue[0];
      if (!utterance) { this.speaking = false; return; }
      this.speaking = true;
      setTimeout(() => { fire(utterance, "start", 0); fire(utterance, "boundary", 0); }, 0);
    }
    finish() {  // the test: the sentence being read has been said
      const utterance = queue.shift();
      if (utterance) { fire(utterance, "end", utterance.text.length); }
      this.begin();
    }
    cancel() {
      log.cancelled += 1;
      queue.splice(0).forEach((utterance) => utterance.dispatchEvent(
        new SpeechSynthesisErrorEvent("error", { utterance, error: "interrupted" })));
      this.speaking = false;
    }
    pause() {} resume() {}
    addVoices(more) { voices.push(...more); this.dispatchEvent(new Event("voiceschanged")); }
  }
  const fake = new FakeSpeech();
  Object.defineProperty(window, "speechSynthesis", { configurable: true, get: () => fake });
  window.__speech = { fake, log };
})();
"""
NO_SPEECH = 'Object.defineProperty(window, "speechSynthesis", { configurable: true, get: () => undefined });'


def fake_speech(page, voices) -> None:
    page.add_init_script(FAKE_SPEECH % {"voices": json.dumps(voices)})


@pytest.fixture
def material(site_home):
    return content_tree()


@pytest.fixture
def errors(page):
    found: list[str] = []
    page.on("pageerror", lambda error: found.append(str(error)))
    return found


def read_aloud_buttons(page):
    return page.locator("button[data-read-aloud]")


def spoken(page) -> list[dict]:
    return page.evaluate("window.__speech.log.spoken")


def highlighted(page) -> str:
    return page.evaluate(
        "Array.from(document.querySelectorAll('.read-aloud__sentence--current')).map(s => s.textContent).join('')"
    )


def current(page, text: str | None = None):
    """The highlighted sentence (with ``text``) – waited for with a locator: the page's
    Content-Security-Policy refuses the eval that a string wait_for_function needs."""
    sentence = page.locator(".read-aloud__sentence--current")
    return sentence.filter(has_text=text).first if text else sentence.first


def say_sentence(page) -> None:
    page.evaluate("window.__speech.fake.finish()")


def test_without_a_voice_for_the_language_the_buttons_stay_hidden(page, live_server, material, errors):
    page.goto(live_server.url + material.segment.url)
    page.wait_for_timeout(1500)  # time for the browser's voices to load, if it has any
    swedish_voices = page.evaluate(
        "window.speechSynthesis.getVoices().filter(v => v.lang.toLowerCase().startsWith('sv')).length"
    )
    buttons = read_aloud_buttons(page)
    assert buttons.count() == 3
    visible = sum(buttons.nth(i).is_visible() for i in range(buttons.count()))
    assert visible == (3 if swedish_voices else 0)
    assert errors == []


def test_without_speech_synthesis_nothing_breaks(page, live_server, material, errors):
    page.add_init_script(NO_SPEECH)
    page.goto(live_server.url + material.guide.url)
    assert read_aloud_buttons(page).count() > 0
    assert not read_aloud_buttons(page).first.is_visible()
    assert page.get_by_role("button", name="Större text").is_visible()  # the rest of the menu works
    assert errors == []


def test_buttons_show_when_a_voice_for_the_language_arrives(page, live_server, material, errors):
    fake_speech(page, [ENGLISH_VOICE])
    page.goto(live_server.url + material.segment.url)
    page.wait_for_timeout(300)
    assert not read_aloud_buttons(page).first.is_visible(), "an English voice cannot read Swedish"
    page.evaluate(f"window.__speech.fake.addVoices([{json.dumps(SWEDISH_VOICE)}])")
    page.get_by_role("button", name="Lyssna (Transkription)").wait_for(state="visible")
    assert read_aloud_buttons(page).count() == 3
    assert errors == []


def test_lyssna_reads_the_transcript_sentence_by_sentence_and_stops(page, live_server, material, errors):
    fake_speech(page, [ENGLISH_VOICE, SWEDISH_VOICE])
    page.goto(live_server.url + material.segment.url)
    listen = page.get_by_role("button", name="Lyssna (Transkription)")
    listen.wait_for(state="visible")
    assert spoken(page) == [], "reading never starts by itself"

    listen.click()
    stop = page.get_by_role("button", name="Sluta läsa (Transkription)")
    assert stop.is_visible()
    assert spoken(page) == [{"text": "Välkommen till samtalet om mångfald.", "lang": "sv-SE"}]
    current(page).wait_for()
    assert highlighted(page) == "Välkommen till samtalet om mångfald."
    colours = page.evaluate(
        "(() => { const s = getComputedStyle(document.querySelector('.read-aloud__sentence--current'));"
        " return [s.backgroundColor, s.color]; })()"
    )
    assert colours == ["rgb(255, 224, 102)", "rgb(0, 0, 0)"]

    say_sentence(page)
    current(page, "Andra stycket").wait_for()
    assert spoken(page)[-1] == {"text": "Andra stycket & mer.", "lang": "sv-SE"}
    assert highlighted(page) == "Andra stycket & mer."

    say_sentence(page)  # the last sentence said: the button is back to "Lyssna"
    listen.wait_for(state="visible")
    assert highlighted(page) == ""
    assert len(spoken(page)) == 2

    # A second click stops reading.
    listen.click()
    stop.click()
    assert listen.is_visible() and highlighted(page) == ""
    assert page.evaluate("window.__speech.log.cancelled") >= 1

    # Escape stops it too.
    listen.click()
    current(page).wait_for()
    page.keyboard.press("Escape")
    assert listen.is_visible() and highlighted(page) == ""
    assert errors == []


def test_starting_another_reading_stops_the_first(page, live_server, material):
    fake_speech(page, [SWEDISH_VOICE])
    page.goto(live_server.url + material.segment.url)
    page.get_by_role("button", name="Lyssna (Transkription)").click()
    page.get_by_role("button", name="Lyssna (Nyckelpunkter)").click()
    assert page.get_by_role("button", name="Lyssna (Transkription)").is_visible()
    assert page.get_by_role("button", name="Sluta läsa (Nyckelpunkter)").is_visible()
    current(page, "Alla behövs.").wait_for()
    assert spoken(page)[-1]["text"] == "Alla behövs."


def test_lyssna_works_with_the_keyboard_alone_on_a_guide_step(page, live_server, material):
    fake_speech(page, [SWEDISH_VOICE])
    page.goto(live_server.url + material.guide.url)
    target = page.get_by_role("button", name="Lyssna (Två och två)")
    target.wait_for(state="visible")
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('[data-read-aloud^=\"step-4-\"]')"):
            break
    else:
        pytest.fail("Tab never reached the step's Lyssna button")
    page.keyboard.press("Enter")
    assert page.get_by_role("button", name="Sluta läsa (Två och två)").is_visible()
    texts = []
    for _ in range(10):
        current(page).wait_for()
        texts.append(highlighted(page))
        say_sentence(page)
        if page.get_by_role("button", name="Lyssna (Två och två)").is_visible():
            break
    # The step's title, its text and its question; never the process leader's notes.
    assert texts == [
        "Övning två och två eller i smågrupp: Två och två", "Prata med din granne.", "Hur säger vi emot med respekt?"
    ]
    assert [entry["text"] for entry in spoken(page)] == texts
    page.keyboard.press("Enter")  # focus stayed on the button: Enter again starts anew
    assert page.get_by_role("button", name="Sluta läsa (Två och två)").is_visible()
    page.keyboard.press("Enter")
    assert page.get_by_role("button", name="Lyssna (Två och två)").is_visible()


def test_lattlast_is_read_with_a_swedish_voice(page, live_server, material):
    easy_swedish_version(material.segment, title=EASY_SEGMENT_TITLE, transcript=EASY_TRANSCRIPT)
    fake_speech(page, [ENGLISH_VOICE, SWEDISH_VOICE])
    page.goto(live_server.url + "/sv-easy/material/vilka-ar-vi-nu/")
    page.get_by_role("button", name="Lyssna (Transkription)").click()
    assert spoken(page) == [{"text": "Hej!", "lang": "sv-SE"}]


def test_segment_with_buttons_shown_passes_axe_at_360_px(page, live_server, material, axe_check):
    fake_speech(page, [SWEDISH_VOICE])
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + material.segment.url)
    page.get_by_role("button", name="Lyssna (Transkription)").wait_for(state="visible")
    axe_check(page, "lecture segment with Lyssna buttons (360 px)")
    page.get_by_role("button", name="Lyssna (Transkription)").click()
    current(page).wait_for()
    axe_check(page, "lecture segment while a sentence is read (360 px)")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")

    page.get_by_role("button", name="Hög kontrast").click()
    page.get_by_role("button", name="Störst text").click()
    colours = page.evaluate(
        "(() => { const s = getComputedStyle(document.querySelector('.read-aloud__sentence--current'));"
        " return [s.backgroundColor, s.color]; })()"
    )
    assert colours == ["rgb(255, 255, 0)", "rgb(0, 0, 0)"]
    axe_check(page, "lecture segment read aloud in high contrast, largest text (360 px)")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")

    page.goto(live_server.url + material.guide.url)
    page.get_by_role("button", name="Lyssna (Avslutning)").wait_for(state="visible")
    axe_check(page, "guide with Lyssna buttons (360 px)")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_the_lattlast_switch_opens_lattlast_and_the_next_segment_comes_in_lattlast(page, live_server, material,
                                                                                   axe_check):
    second = publish(
        material.index,
        LectureSegmentPage(title="Kultur och oskrivna regler", slug="kultur", summary="Om regler.",
                           transcript="<p>Kultur är inte bara något andra har.</p>"),
    )
    easy_swedish_version(material.segment, title=EASY_SEGMENT_TITLE, transcript=EASY_TRANSCRIPT)
    easy_swedish_version(second, title="Regler som ingen har skrivit", transcript="<p>Alla har vanor.</p>")

    page.set_viewport_size(PHONE)
    page.goto(live_server.url + material.segment.url)
    switch = page.get_by_role("button", name="Lättläst")
    assert switch.get_attribute("aria-pressed") == "false"
    switch.click()
    page.wait_for_load_state()
    assert page.url.endswith("/sv-easy/material/vilka-ar-vi-nu/")
    assert page.get_by_role("heading", level=1).inner_text() == EASY_SEGMENT_TITLE
    assert page.get_by_role("button", name="Lättläst").get_attribute("aria-pressed") == "true"
    axe_check(page, "lättläst segment (360 px)")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")

    page.get_by_role("link", name="Tillbaka till Material").click()
    page.wait_for_load_state()
    page.get_by_role("link", name="Regler som ingen har skrivit").click()
    page.wait_for_load_state()
    assert "/sv-easy/" in page.url
    assert page.get_by_text("Alla har vanor.").is_visible()

    # A later visit to the site's address opens in lättläst too…
    page.goto(live_server.url + "/")
    assert "/sv-easy/" in page.url
    # …until the reader switches back.
    page.goto(live_server.url + "/sv-easy/material/kultur/")
    page.get_by_role("button", name="Lättläst").click()
    page.wait_for_load_state()
    assert page.url.endswith("/sv/material/kultur/")
    assert page.get_by_text("Kultur är inte bara något andra har.").is_visible()
    page.goto(live_server.url + "/")
    assert page.url.endswith("/sv/")


def test_survey_questions_have_lyssna_buttons(page, live_server, site_home, workplace, other_workplace, axe_check):
    from django.utils import translation

    from surveys.links import answer_path
    from tests.e2e.test_surveys import _rounds
    from tests.factories import EmployeeFactory
    from tests.surveys.factories import SurveyInvitationFactory

    _programme, (before_round, _after) = _rounds(workplace, other_workplace)
    invitation = SurveyInvitationFactory(round=before_round, employee=EmployeeFactory(workplace=workplace))
    with translation.override("sv"):
        url = live_server.url + answer_path(invitation, language="sv")
    fake_speech(page, [SWEDISH_VOICE])
    page.set_viewport_size(PHONE)
    page.goto(url)
    first = page.get_by_role("button", name="Lyssna (Fråga 1)")
    first.wait_for(state="visible")
    assert read_aloud_buttons(page).count() == page.locator("fieldset[data-question]").count()
    axe_check(page, "survey with Lyssna buttons (360 px)")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")

    question = page.locator("fieldset[data-question]").first.locator(".question__text").inner_text()
    options = page.locator("fieldset[data-question]").first.locator("label").all_inner_texts()
    first.click()
    assert spoken(page) == [{"text": question, "lang": "sv-SE"}]
    current(page).wait_for()
    assert highlighted(page) == question
    for option in options:  # a choice question's options are read after it
        say_sentence(page)
        current(page, option).wait_for()
    assert [entry["text"] for entry in spoken(page)] == [question, *options]
    page.keyboard.press("Escape")
    assert first.is_visible()
    assert not page.get_by_role("radio").first.is_checked(), "reading aloud answers nothing"
