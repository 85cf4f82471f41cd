"""The learning material: lecture segments, discussion guides and the index pages that hold them.

The page tree is constrained in code::

    HomePage
    └── MaterialIndexPage            (e.g. "Material")
        ├── MaterialIndexPage        (e.g. "Arbetsplatsprocessen", nests once more at most)
        │   ├── LectureSegmentPage
        │   └── DiscussionGuidePage
        ├── LectureSegmentPage
        └── DiscussionGuidePage

Every lecture segment and guide ends with the page feedback form (see :mod:`cms.models.feedback`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import unescape

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils import translation
from django.utils.html import strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Locale, Page
from wagtail.rich_text import expand_db_html
from wagtail.search import index

from .. import languages, page_cache

RICH_TEXT_FEATURES = ["h3", "h4", "bold", "italic", "link", "ol", "ul", "document-link"]

#: Roles that may open a guide's process-leader view (facilitator notes).
LEADER_VIEW_ROLES = ("process_leader", "manager", "editor", "programme_admin")


def can_view_facilitator_notes(user) -> bool:
    """Whether ``user`` may see facilitator notes: process leaders, managers, editors, admins."""
    from people.selectors import scope_for

    scope = scope_for(user)
    return bool(
        scope.user_id
        and (scope.is_process_leader or scope.is_manager or scope.is_editor or scope.is_programme_admin)
    )


class ReaderLanguageUrlMixin:
    """A page's address in the reader's language, so a reader never leaves their language by a link.

    Wagtail gives a Swedish page a ``/sv/`` address whatever language the reader chose. For a
    reader in another content language the address is the page's translation when it has a live
    one, and otherwise the same path under the reader's prefix (``/en/material/x/``), which
    :class:`FallbackToDefaultLocaleMixin` serves as the Swedish page with a notice. This covers
    every way a page's address is made: ``pageurl``, ``page.url``, links in rich text.
    """

    def get_url_parts(self, request=None):
        parts = super().get_url_parts(request=request)
        language = translation.get_language()
        own = self.locale.language_code
        if not parts or not parts[2] or not language or language == own:
            return parts
        if not languages.is_offered(language) or own != settings.LANGUAGE_CODE:
            return parts
        translated = Page.objects.filter(
            translation_key=self.translation_key, locale__language_code=language, live=True
        ).first()
        if translated is not None:
            return translated.specific.get_url_parts(request=request)
        prefix = f"/{own}/"
        site_id, root_url, page_path = parts
        if page_path.startswith(prefix):
            page_path = f"/{language}/" + page_path[len(prefix):]
        return site_id, root_url, page_path


class FallbackToDefaultLocaleMixin(ReaderLanguageUrlMixin):
    """Routes a path missing from a translated tree to the same path in the default language.

    The English tree holds only the pages that have been translated; ``/en/material/x/`` for
    an untranslated ``x`` then shows the Swedish page instead of a 404.
    """

    def route(self, request, path_components):
        try:
            return super().route(request, path_components)
        except Http404:
            default_locale = Locale.get_default()
            if not path_components or self.locale_id == default_locale.pk:
                raise
            source = self.get_translation_or_none(default_locale)
            if source is None or not source.live:
                raise
            return source.specific.route(request, path_components)


class MaterialIndexPage(FallbackToDefaultLocaleMixin, Page):
    """A section of the material, e.g. one track: lists its segments and guides in tree order."""

    intro = RichTextField(_("inledning"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["cms.HomePage", "cms.MaterialIndexPage"]
    subpage_types = ["cms.MaterialIndexPage", "cms.LectureSegmentPage", "cms.DiscussionGuidePage"]

    class Meta:
        verbose_name = _("materialsamling")
        verbose_name_plural = _("materialsamlingar")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["children"] = self.listed_children()
        return context

    def listed_children(self) -> list[Page]:
        """Live children in tree order; in a translated tree, untranslated ones in the default language."""
        own = list(self.get_children().live().public().specific())
        default_locale = Locale.get_default()
        source = None if self.locale_id == default_locale.pk else self.get_translation_or_none(default_locale)
        if source is None:
            return own
        by_key = {child.translation_key: child for child in own}
        listed = [by_key.get(child.translation_key, child) for child in source.get_children().live().public().specific()]
        listed_keys = {child.translation_key for child in listed}
        return listed + [child for child in own if child.translation_key not in listed_keys]


class FeedbackRouteMixin(ReaderLanguageUrlMixin, RoutablePageMixin):
    """Adds the "Har du synpunkter på den här sidan?" form and its POST route to a page."""

    @path("synpunkter/", name="feedback")
    def feedback(self, request: HttpRequest) -> HttpResponse:
        from cms.services import page_feedback_submit

        from .feedback import PageFeedbackForm, feedback_is_rate_limited

        if request.method != "POST":
            return HttpResponseRedirect(self.url + "#synpunkter")
        form = PageFeedbackForm(request.POST)
        if feedback_is_rate_limited(request):
            response = self.render(
                request,
                context_overrides={"feedback_form": form, "feedback_rate_limited": True},
            )
            response.status_code = 429
            return response
        if not form.is_valid():
            response = self.render(request, context_overrides={"feedback_form": form})
            response.status_code = 400
            return response
        page_feedback_submit(
            page=self,
            rating=form.cleaned_data["rating"],
            comment=form.cleaned_data["comment"],
            language=request.LANGUAGE_CODE if hasattr(request, "LANGUAGE_CODE") else "",
        )
        return HttpResponseRedirect(self.url + "?synpunkter=tack#synpunkter")

    def serve(self, request, view=None, args=None, kwargs=None):
        response = super().serve(request, view, args, kwargs)
        index = view is None or getattr(view, "__name__", "") == "index_route"
        if index and not request.user.is_authenticated and not getattr(request, "is_preview", False):
            page_cache.allow(response)  # the page itself, as anyone not signed in sees it
        return response

    def get_context(self, request, *args, **kwargs):
        from .feedback import PageFeedbackForm

        context = super().get_context(request, *args, **kwargs)
        context.setdefault("feedback_form", PageFeedbackForm())
        context["feedback_thanks"] = request.GET.get("synpunkter") == "tack"
        context["shown_in_other_language"] = (
            getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE) != self.locale.language_code
        )
        context["way_on"] = self.way_on()
        return context

    def way_on(self) -> dict[str, Page | None]:
        """The section this page belongs to, in the reader's language where it has one, and the
        pages listed before and after this one there: so a reader always has a way on."""
        parent = self.get_parent().specific
        if not isinstance(parent, MaterialIndexPage):
            return {"section": None, "previous": None, "next": None}
        section = parent.localized.specific
        siblings = section.listed_children()
        keys = [child.translation_key for child in siblings]
        position = keys.index(self.translation_key) if self.translation_key in keys else None
        before = siblings[position - 1] if position else None
        after = siblings[position + 1] if position is not None and position + 1 < len(siblings) else None
        return {"section": section, "previous": before, "next": after}


class MaterialDocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("dokument"))
    description = blocks.CharBlock(label=_("beskrivning"), required=False, max_length=200)

    class Meta:
        icon = "doc-full"
        label = _("Dokument att ladda ner")


class LectureSegmentPage(FeedbackRouteMixin, Page):
    """A short lecture: a video with captions, a full transcript, key points and material."""

    summary = models.CharField(_("sammanfattning"), max_length=300, blank=True)
    video_file = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("videofil"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("En uppladdad film (MP4 eller WebM) som visas direkt på sidan."),
    )
    video_url = models.URLField(
        _("länk till film"),
        blank=True,
        help_text=_("I stället för en uppladdad fil: adressen till filmen hos en videotjänst."),
    )
    captions = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("undertexter (WebVTT)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("En .vtt-fil. Krävs när sidan har en film."),
    )
    duration_minutes = models.PositiveSmallIntegerField(_("längd (minuter)"), default=0)
    transcript = RichTextField(_("transkription"), blank=True, features=RICH_TEXT_FEATURES)
    key_points = StreamField(
        [("point", blocks.CharBlock(label=_("nyckelpunkt"), max_length=300))],
        verbose_name=_("nyckelpunkter"),
        blank=True,
    )
    material = StreamField(
        [("document", MaterialDocumentBlock())],
        verbose_name=_("material att ladda ner"),
        blank=True,
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("video_file"),
                FieldPanel("video_url"),
                FieldPanel("captions"),
                FieldPanel("duration_minutes"),
            ],
            heading=_("Film"),
        ),
        FieldPanel("key_points"),
        FieldPanel("transcript"),
        FieldPanel("material"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("transcript"),
        index.SearchField("key_points"),
    ]

    parent_page_types = ["cms.MaterialIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("föreläsningsavsnitt")
        verbose_name_plural = _("föreläsningsavsnitt")

    def clean(self) -> None:
        super().clean()
        errors: dict[str, str] = {}
        if self.video_file_id and self.video_url:
            errors["video_url"] = _("Välj antingen en uppladdad film eller en länk, inte båda.")
        if self.video_file_id and self.video_file.file_extension not in ("mp4", "webm"):
            errors["video_file"] = _("Filmen måste vara en MP4- eller WebM-fil.")
        if (self.video_file_id or self.video_url) and not self.captions_id:
            errors["captions"] = _("En film måste ha undertexter (WebVTT-fil).")
        elif self.captions_id and self.captions.file_extension != "vtt":
            errors["captions"] = _("Undertexterna måste vara en WebVTT-fil (.vtt).")
        if errors:
            raise ValidationError(errors)

    @property
    def has_video(self) -> bool:
        return bool(self.video_file_id or self.video_url)

    @property
    def video_mime_type(self) -> str:
        if self.video_file_id and self.video_file.file_extension == "mp4":
            return "video/mp4"
        return "video/webm"

    def transcript_text(self) -> str:
        """The transcript as plain text, one paragraph per block, for the .txt download."""
        html = expand_db_html(self.transcript or "")
        html = re.sub(r"</(p|h3|h4|li)>|<br\s*/?>", "\n\n", html)
        text = unescape(strip_tags(html))
        paragraphs = [" ".join(part.split()) for part in text.split("\n\n")]
        body = "\n\n".join(part for part in paragraphs if part)
        return f"{self.title}\n{'=' * len(self.title)}\n\n{body}\n"

    @path("transkription/", name="transcript")
    def transcript_download(self, request: HttpRequest) -> HttpResponse:
        response = HttpResponse(self.transcript_text(), content_type="text/plain; charset=utf-8")
        filename = f"{slugify(self.title) or 'transkription'}.txt"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


class StepBlock(blocks.StructBlock):
    """The fields every step of a guide has."""

    title = blocks.CharBlock(label=_("rubrik"), max_length=200)
    minutes = blocks.IntegerBlock(label=_("förslag på tid (minuter)"), min_value=0, max_value=480)
    text = blocks.RichTextBlock(
        label=_("text till deltagarna"), required=False, features=RICH_TEXT_FEATURES
    )
    notes = blocks.RichTextBlock(
        label=_("anteckningar för processledaren"),
        required=False,
        features=RICH_TEXT_FEATURES,
        help_text=_("Visas bara i processledarens vy och i utskriften."),
    )


class QuestionStepBlock(StepBlock):
    questions = blocks.ListBlock(blocks.CharBlock(label=_("fråga"), max_length=500), label=_("frågor"))


GROUPING_CHOICES = [("pair", _("Två och två")), ("small_group", _("Smågrupper (3–5 personer)"))]


class ExerciseStepBlock(QuestionStepBlock):
    grouping = blocks.ChoiceBlock(label=_("gruppering"), choices=GROUPING_CHOICES, default="pair")


class WatchStepBlock(StepBlock):
    segment = blocks.PageChooserBlock(label=_("föreläsningsavsnitt"), page_type="cms.LectureSegmentPage")


GUIDE_STEP_BLOCKS = [
    ("opening", StepBlock(label=_("Inledning"), icon="openquote")),
    ("watch", WatchStepBlock(label=_("Se ett föreläsningsavsnitt"), icon="media")),
    ("question_round", QuestionStepBlock(label=_("Frågerunda"), icon="help")),
    ("exercise", ExerciseStepBlock(label=_("Övning två och två eller i smågrupp"), icon="group")),
    ("reflection", QuestionStepBlock(label=_("Reflektion"), icon="comment")),
    ("closing", StepBlock(label=_("Avslutning"), icon="tick")),
]


@dataclass(frozen=True)
class GuideStep:
    """One step of a discussion guide as plain data (see :meth:`DiscussionGuidePage.get_steps`)."""

    number: int
    kind: str
    kind_label: str
    title: str
    minutes: int
    text: SafeString
    notes: SafeString
    questions: list[str] = field(default_factory=list)
    grouping: str = ""
    grouping_label: str = ""
    segment: LectureSegmentPage | None = None
    starts_at_minute: int = 0

    @property
    def has_notes(self) -> bool:
        return bool(strip_tags(self.notes).strip())

    @property
    def segment_url(self) -> str:
        """The watch step's lecture segment page URL ("" for other steps)."""
        return self.segment.url if self.segment is not None else ""

    @property
    def video_url(self) -> str:
        """The uploaded film of the watch step's segment ("" if none); show it with :attr:`captions_url`."""
        if self.segment is None or not self.segment.video_file_id:
            return ""
        return self.segment.video_file.url

    @property
    def captions_url(self) -> str:
        """The WebVTT captions of the watch step's film ("" if none)."""
        if self.segment is None or not self.segment.captions_id:
            return ""
        return self.segment.captions.url


class DiscussionGuidePage(FeedbackRouteMixin, Page):
    """A discussion guide for one session: ordered, timed steps with facilitator notes.

    Three views of the same guide:

    * the page URL – the participants' view, without facilitator notes;
    * ``ledare/`` – the process leader's view with notes (process leaders, managers, editors
      and programme admins only; others get 403);
    * ``utskrift/`` – the process leader's version laid out for printing on A4.
    """

    intro = RichTextField(_("inledning"), blank=True, features=RICH_TEXT_FEATURES)
    goals = RichTextField(
        _("syfte"), blank=True, features=RICH_TEXT_FEATURES, help_text=_("Vad samtalet ska leda till.")
    )
    preparation = RichTextField(
        _("förberedelser för processledaren"),
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=_("Visas bara för processledare."),
    )
    steps = StreamField(GUIDE_STEP_BLOCKS, verbose_name=_("steg"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldRowPanel([FieldPanel("goals"), FieldPanel("preparation")]),
        FieldPanel("steps"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("goals"),
        index.SearchField("steps"),
    ]

    parent_page_types = ["cms.MaterialIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("samtalsguide")
        verbose_name_plural = _("samtalsguider")

    def get_steps(self) -> list[GuideStep]:
        """The guide's steps as plain data, in order – for any view that walks through a guide.

        Each :class:`GuideStep` has ``number`` (1-based), ``kind`` (``opening``, ``watch``,
        ``question_round``, ``exercise``, ``reflection`` or ``closing``), ``kind_label``
        (translated), ``title``, ``minutes``, ``starts_at_minute`` (minutes from the start of
        the session), ``text`` (participants' rich text, rendered HTML), ``notes`` (facilitator
        notes, rendered HTML – never show these to participants), ``questions`` (list of
        strings), ``grouping``/``grouping_label`` (exercises) and ``segment`` (the live
        :class:`LectureSegmentPage` of a watch step, in the active language when a translation
        exists, else ``None``) with the shortcuts ``segment_url``, ``video_url`` and
        ``captions_url`` (always show a film with its captions). Costs a few queries per watch
        step at most.
        """
        kind_labels = {name: block.label for name, block in GUIDE_STEP_BLOCKS}
        grouping_labels = dict(GROUPING_CHOICES)
        steps: list[GuideStep] = []
        elapsed = 0
        for number, child in enumerate(self.steps, start=1):
            value = child.value
            minutes = int(value.get("minutes") or 0)
            segment = None
            if child.block_type == "watch" and value.get("segment") is not None:
                page = value["segment"].specific
                localized = page.localized
                segment = localized.specific if localized.live else (page if page.live else None)
            grouping = value.get("grouping", "") or ""
            steps.append(
                GuideStep(
                    number=number,
                    kind=child.block_type,
                    kind_label=str(kind_labels.get(child.block_type, child.block_type)),
                    title=value.get("title", ""),
                    minutes=minutes,
                    text=_render_rich_text(value.get("text")),
                    notes=_render_rich_text(value.get("notes")),
                    questions=[str(q) for q in value.get("questions", []) or []],
                    grouping=grouping,
                    grouping_label=str(grouping_labels.get(grouping, "")) if grouping else "",
                    segment=segment,
                    starts_at_minute=elapsed,
                )
            )
            elapsed += minutes
        return steps

    @property
    def total_minutes(self) -> int:
        """The sum of the steps' suggested minutes."""
        return sum(int(child.value.get("minutes") or 0) for child in self.steps)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["steps"] = self.get_steps()
        context["total_minutes"] = sum(step.minutes for step in context["steps"])
        context.setdefault("leader_view", False)
        context["can_view_notes"] = can_view_facilitator_notes(request.user)
        return context

    def _require_leader(self, request: HttpRequest) -> HttpResponse | None:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not can_view_facilitator_notes(request.user):
            raise PermissionDenied
        return None

    @path("ledare/", name="leader")
    def leader_view(self, request: HttpRequest) -> HttpResponse:
        refusal = self._require_leader(request)
        if refusal is not None:
            return refusal
        return self.render(request, context_overrides={"leader_view": True})

    @path("utskrift/", name="print")
    def print_view(self, request: HttpRequest) -> HttpResponse:
        refusal = self._require_leader(request)
        if refusal is not None:
            return refusal
        return self.render(
            request,
            template="cms/discussion_guide_page_print.html",
            context_overrides={"leader_view": True},
        )


def _render_rich_text(value) -> SafeString:
    if not value:
        return mark_safe("")  # noqa: S308 - empty string
    return mark_safe(str(value))  # noqa: S308 - RichText renders sanitised editor HTML
