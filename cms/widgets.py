"""Admin widgets that hold up against whatever a form was sent.

Wagtail's page chooser looks the chosen page up by the submitted value when an invalid form is
shown again, and a value that is not a number ("2026-02-30") raises instead of showing the
error. These choosers treat such a value as "nothing chosen"; the field's own validation
already tells the editor what was wrong.
"""

from django.core.exceptions import ValidationError

from wagtail.admin.widgets import AdminPageChooser
from wagtail.snippets.widgets import AdminSnippetChooser


class SafePageChooser(AdminPageChooser):
    """A page chooser that renders an unusable submitted value as empty instead of failing."""

    target: str | None = None

    def __init__(self, **kwargs):
        if self.target and "target_models" not in kwargs:
            kwargs["target_models"] = [self.target]
        super().__init__(**kwargs)

    def get_instance(self, value):
        try:
            return super().get_instance(value)
        except (ValueError, TypeError, ValidationError, OverflowError):
            return None


class LectureSegmentChooser(SafePageChooser):
    target = "cms.LectureSegmentPage"


class DiscussionGuideChooser(SafePageChooser):
    target = "cms.DiscussionGuidePage"


class SafeSnippetChooser(AdminSnippetChooser):
    """A snippet chooser (a survey for a round, say) that renders an unusable submitted value
    ("1.5") as empty instead of failing."""

    def get_instance(self, value):
        try:
            return super().get_instance(value)
        except (ValueError, TypeError, ValidationError, OverflowError):
            return None
