"""The Content-Security-Policy (nothing inline, no 'unsafe-inline') and the Permissions-Policy
in a real Chromium: the public pages and the Wagtail admin's key screens load and work with no
violation in the console, the uploaded film plays with its captions and an embedded player
is allowed to load."""

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from django.core.files.base import ContentFile
from django.urls import reverse

from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed

from cms.models import LectureSegmentPage
from people.models import Role
from tests.cms.factories import content_tree, publish
from tests.factories import EmployeeFactory, totp_code, user_with_role
from tests.sessions.factories import programme_with_tracks

pytestmark = pytest.mark.django_db(transaction=True)

EMBED_URL = "https://www.youtube.com/watch?v=samtalsrum"
EMBED_HTML = (
    '<iframe width="560" height="315" src="https://www.youtube-nocookie.com/embed/samtalsrum" '
    'title="Film: Vilka är vi?" allow="fullscreen; picture-in-picture" allowfullscreen></iframe>'
)
# Records a short WebM in the browser itself (there is no video encoder on the machine).
RECORD_WEBM = """async () => {
  const canvas = Object.assign(document.createElement('canvas'), {width: 64, height: 48});
  const ctx = canvas.getContext('2d');
  const recorder = new MediaRecorder(canvas.captureStream(10), {mimeType: 'video/webm'});
  const chunks = [];
  recorder.ondataavailable = (event) => chunks.push(event.data);
  recorder.start();
  for (let i = 0; i < 15; i++) {
    ctx.fillStyle = i % 2 ? '#c00' : '#00c';
    ctx.fillRect(0, 0, 64, 48);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const stopped = new Promise((resolve) => { recorder.onstop = resolve; });
  recorder.stop();
  await stopped;
  return Array.from(new Uint8Array(await new Blob(chunks).arrayBuffer()));
}"""
PLAY_VIDEO = """async () => {
  const video = document.querySelector('video');
  video.muted = true;
  await video.play();
  await new Promise((resolve) => setTimeout(resolve, 800));
  const track = video.textTracks[0];
  return {time: video.currentTime, error: video.error && video.error.code,
          cues: track && track.cues ? track.cues.length : 0};
}"""
LISTEN = """() => {
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}`);
  });
}"""


class Violations:
    """CSP and Permissions-Policy complaints: the browser's console and the DOM's
    ``securitypolicyviolation`` events of every page the test opens."""

    def __init__(self, page):
        self.page = page
        self.console: list[str] = []
        self.errors: list[str] = []
        page.add_init_script(f"({LISTEN})()")
        page.on("console", self._console)

    def _console(self, message):
        text = message.text
        if "Content Security Policy" in text or "Content-Security-Policy" in text or "Permissions-Policy" in text:
            self.console.append(f"{self.page.url}: {text}")
        elif message.type == "error":
            self.errors.append(f"{self.page.url}: {text}")

    def check(self, where: str) -> None:
        self.page.wait_for_load_state("networkidle")
        events = self.page.evaluate("window.__cspViolations || []")
        assert not events and not self.console, f"{where}:\n" + "\n".join(events + self.console)


@pytest.fixture
def violations(page):
    return Violations(page)


@pytest.fixture
def material(site_home, page, live_server):
    tree = content_tree()
    # A real, playable film for the lecture segment.
    page.goto("about:blank")
    webm = bytes(page.evaluate(RECORD_WEBM))
    video = tree.segment.video_file
    video.file.save("film.webm", ContentFile(webm), save=True)
    # The video service's answer, as the embed finder would have stored it (no network here).
    Embed.objects.create(
        hash=get_embed_hash(EMBED_URL), url=EMBED_URL, type="video", html=EMBED_HTML, title="Vilka är vi?",
        width=560, height=315, thumbnail_url="", provider_name="YouTube", author_name="",
    )
    embedded = publish(tree.index, LectureSegmentPage(
        title="Film hos videotjänst", slug="film-hos-videotjanst", video_url=EMBED_URL,
        captions=tree.segment.captions, duration_minutes=5,
    ))
    return tree, embedded


def test_headers(page, live_server, site_home):
    response = page.goto(live_server.url + "/sv/")
    csp = response.headers["content-security-policy"]
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "script-src 'self'" in csp and "style-src 'self'" in csp and "object-src 'none'" in csp
    policy = response.headers["permissions-policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()"):
        assert feature in policy


def test_public_pages_work_under_the_policy(page, live_server, material, violations, workplace, login, axe_check):
    tree, embedded = material
    for url in ("/sv/", tree.guide.url, reverse("cms:login"), reverse("cms:accessibility")):
        page.goto(live_server.url + url)
        violations.check(url)

    page.goto(live_server.url + tree.segment.url)
    played = page.evaluate(PLAY_VIDEO)
    assert played["error"] is None and played["time"] > 0, played
    assert played["cues"] == 1, played  # the captions (WebVTT) loaded
    violations.check("lecture segment with an uploaded film")

    page.goto(live_server.url + embedded.url)
    frame = page.locator(".responsive-object iframe")
    assert frame.get_attribute("src") == "https://www.youtube-nocookie.com/embed/samtalsrum"
    violations.check("lecture segment with an embedded player")

    # Reading support's buttons and the two-factor pages.
    page.goto(live_server.url + tree.segment.url)
    page.get_by_role("button", name="Större text").click()
    violations.check("reading support")
    manager = user_with_role(Role.MANAGER, workplace=workplace, email="chef@example.se")
    login(page, manager)
    page.goto(live_server.url + reverse("people:two_factor_setup"))
    assert page.locator(".qr-code svg").is_visible()
    violations.check("two-factor set-up")
    axe_check(page, "two-factor set-up")
    device = TOTPDevice.objects.get(user=manager)
    page.get_by_label("Skriv koden som appen visar").fill(totp_code(device))
    page.get_by_role("button", name="Bekräfta").click()
    assert page.get_by_role("heading", name="Spara dina reservkoder").is_visible()
    assert page.locator(".backup-codes li").count() == 10
    violations.check("backup codes")
    axe_check(page, "backup codes")


def test_wagtail_admin_works_under_the_policy(page, live_server, material, violations, organisation, workplace, login):
    tree, _embedded = material
    # A live-server test empties the database between tests, page tree and all: give the role
    # groups their page and collection permissions again now that the tree exists.
    from people.services import role_groups_sync

    role_groups_sync()
    programme_with_tracks(organisations=[organisation])
    employee = EmployeeFactory(workplace=workplace, first_name="Amina", last_name="Ali")
    admin = user_with_role(Role.PROGRAMME_ADMIN, email="admin@example.se")
    login(page, admin)
    page.goto(live_server.url + "/admin/")
    assert page.get_by_role("navigation").count() >= 1
    violations.check("dashboard")

    # The page editor: rich text, a chooser modal, saving a draft.
    page.goto(live_server.url + f"/admin/pages/{tree.segment.pk}/edit/")
    assert page.locator(".Draftail-Editor").first.is_visible()
    page.locator("#id_title").fill("Vilka är vi nu? (utkast)")
    chooser = page.locator("#id_video_file-chooser")
    chooser.locator("[data-w-dropdown-target=toggle]").click()
    page.get_by_role("button", name="Välj ett annat dokument").click()
    modal = page.locator(".modal-dialog")
    modal.get_by_role("heading", name="Välj ett dokument").wait_for()
    modal.get_by_role("link", name="Film", exact=True).click()
    modal.wait_for(state="hidden")
    assert chooser.locator("[data-chooser-title]").inner_text() == "Film"
    page.locator("button.action-save").first.click()
    page.wait_for_load_state()
    assert page.locator(".messages .success").count() == 1
    violations.check("page editor")

    # A viewset's edit form.
    page.goto(live_server.url + reverse("employee:edit", args=[employee.pk]))
    page.locator("#id_last_name").fill("Ali-Hassan")
    page.get_by_role("button", name="Spara", exact=True).click()
    page.wait_for_load_state()
    employee.refresh_from_db()
    assert employee.last_name == "Ali-Hassan"
    violations.check("employee edit form")

    # The hours report and the site history, with a filter applied in place.
    for url in (reverse("sessions_hours_report"), "/admin/reports/site-history/"):
        page.goto(live_server.url + url)
        violations.check(url)
    page.goto(live_server.url + "/admin/reports/site-history/?label=Ali")
    assert page.get_by_text("Amina Ali-Hassan").first.is_visible()  # the edit just made
    violations.check("site history, filtered")

    # A public page as someone who may edit it: with Wagtail's user bar.
    page.goto(live_server.url + tree.guide.url)
    assert page.locator("wagtail-userbar, [data-wagtail-userbar]").count() >= 1
    violations.check("public page with the user bar")
