"""Page and settings models of the site. Re-exports every model so Django finds them."""

from .content import (
    DiscussionGuidePage,
    GuideStep,
    LectureSegmentPage,
    MaterialIndexPage,
    can_view_facilitator_notes,
)
from .export_job import ExportJob
from .feedback import FeedbackRating, PageFeedback, PageFeedbackForm
from .home import HomePage
from .outbox import OutboxMessage

__all__ = [
    "DiscussionGuidePage",
    "ExportJob",
    "FeedbackRating",
    "GuideStep",
    "HomePage",
    "LectureSegmentPage",
    "MaterialIndexPage",
    "OutboxMessage",
    "PageFeedback",
    "PageFeedbackForm",
    "can_view_facilitator_notes",
]
