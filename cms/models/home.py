from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from .content import FallbackToDefaultLocaleMixin


class HomePage(FallbackToDefaultLocaleMixin, Page):
    """The public front page: what Samtalsrum is, and the way in."""

    lead = models.CharField(_("ingress"), max_length=300, blank=True)
    body = RichTextField(_("brödtext"), blank=True, features=["h2", "h3", "bold", "italic", "link", "ol", "ul"])

    content_panels = [*Page.content_panels, FieldPanel("lead"), FieldPanel("body")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["cms.MaterialIndexPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("startsida")
