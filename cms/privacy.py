"""Personal data kept by ``cms``: the e-mail outbox and page feedback – and Wagtail's own
stores that can name a person (audit log, revisions, form submissions, the search index, the
admin's saved form states, profiles, comments). See ``people.privacy_register``."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from people.privacy_register import (
    AUDIT,
    EVIDENCE,
    EXPORT_HOURS,
    FEEDBACK,
    FEEDBACK_DAYS,
    OUTBOX_DAYS,
    PROGRAMME,
    SECURITY,
    WHILE_STAFF,
    Category,
    ModelDeclaration,
    PersonalField,
    Provider,
    Subject,
    register,
)

C = Category
ERASED_LABEL = "(raderad person)"

_CONTENT = _("Sidinnehåll som redaktörer skriver; inga personuppgifter.")
_LOG_FIELDS = (
    PersonalField("label", C.IDENTITY, SECURITY, AUDIT),
    PersonalField("data", C.FREE_TEXT, SECURITY, AUDIT),
    PersonalField("user", C.TECHNICAL, SECURITY, AUDIT),
)
_LOG_OTHER = ("content_type", "action", "timestamp", "uuid", "revision", "content_changed", "deleted")

DECLARATIONS = [
    ModelDeclaration(
        "cms.OutboxMessage",
        _("Utgående e-post: inbjudningar, påminnelser och enkätlänkar."),
        fields=(
            PersonalField("to_email", C.CONTACT, PROGRAMME, OUTBOX_DAYS),
            PersonalField("subject", C.CONTACT, PROGRAMME, OUTBOX_DAYS),
            # The recipient's preferred language, sent as the message's Content-Language.
            PersonalField("language", C.CONTACT, PROGRAMME, OUTBOX_DAYS),
            PersonalField("body_text", C.CONTACT, PROGRAMME, OUTBOX_DAYS),
            PersonalField("body_html", C.CONTACT, PROGRAMME, OUTBOX_DAYS),
            PersonalField("attachments", C.CONTACT, PROGRAMME, OUTBOX_DAYS),
            PersonalField("dedupe_key", C.TECHNICAL, PROGRAMME, OUTBOX_DAYS),
            PersonalField("last_error", C.TECHNICAL, PROGRAMME, OUTBOX_DAYS),
        ),
        other=("kind", "status", "attempts", "created_at", "sent_at", "body_erased_at"),
    ),
    ModelDeclaration(
        "cms.PageFeedback",
        _("Anonyma synpunkter på en sida; kan ändå innehålla det någon skrivit om sig själv."),
        fields=(PersonalField("comment", C.FREE_TEXT, FEEDBACK, FEEDBACK_DAYS),),
        other=("page", "rating", "language", "created_at"),
    ),
    ModelDeclaration(
        "cms.ExportJob",
        _("Exporter som HR och programansvariga beställt: filen med rapportens rader (namn, "
          "anställningsnummer, timmar) och vem som beställde den."),
        fields=(
            PersonalField("requester", C.TECHNICAL, SECURITY, EXPORT_HOURS),
            PersonalField("file", C.ATTENDANCE, EVIDENCE, EXPORT_HOURS),
            PersonalField("file_name", C.TECHNICAL, EVIDENCE, EXPORT_HOURS),
            PersonalField("parameters", C.TECHNICAL, EVIDENCE, EXPORT_HOURS),
        ),
        other=("kind", "export_format", "language", "status", "rows_done", "rows_total", "error", "created_at",
               "started_at", "finished_at", "expires_at"),
    ),
    ModelDeclaration("cms.HomePage", _CONTENT, other=("lead", "body")),
    ModelDeclaration("cms.MaterialIndexPage", _CONTENT, other=("intro",)),
    ModelDeclaration(
        "cms.LectureSegmentPage", _CONTENT,
        other=("summary", "video_file", "video_url", "captions", "duration_minutes", "transcript", "key_points",
               "material"),
    ),
    ModelDeclaration("cms.DiscussionGuidePage", _CONTENT, other=("intro", "goals", "preparation", "steps")),
    ModelDeclaration(
        "wagtailcore.ModelLogEntry", _("Granskningslogg (vem ändrade vad och när)."),
        fields=_LOG_FIELDS, other=(*_LOG_OTHER, "object_id"),
    ),
    ModelDeclaration(
        "wagtailcore.PageLogEntry", _("Granskningslogg för sidor."), fields=_LOG_FIELDS, other=(*_LOG_OTHER, "page"),
    ),
    ModelDeclaration(
        "wagtailcore.Revision",
        _("Versioner av sidor och enkäter som redaktörer sparat."),
        fields=(PersonalField("user", C.TECHNICAL, SECURITY, WHILE_STAFF),),
        other=("content_type", "base_content_type", "object_id", "created_at", "object_str", "content",
               "approved_go_live_at"),
    ),
    ModelDeclaration(
        "wagtailforms.FormSubmission",
        _("Inskickade formulär (plattformen har inga formulärsidor)."),
        fields=(PersonalField("form_data", C.FREE_TEXT, FEEDBACK, FEEDBACK_DAYS),),
        other=("page", "submit_time"),
    ),
    ModelDeclaration(
        "wagtailsearch.IndexEntry",
        _("Sökindex i databasen: kopior av de sökbara fälten (bland annat anställdas namn)."),
        fields=(
            PersonalField("title", C.IDENTITY, PROGRAMME, AUDIT),
            PersonalField("title_norm", C.IDENTITY, PROGRAMME, AUDIT),
            PersonalField("autocomplete", C.IDENTITY, PROGRAMME, AUDIT),
            PersonalField("body", C.IDENTITY, PROGRAMME, AUDIT),
            # PostgreSQL's full-text columns (the model has them only on PostgreSQL).
            PersonalField("title_text", C.IDENTITY, PROGRAMME, AUDIT),
            PersonalField("body_text", C.IDENTITY, PROGRAMME, AUDIT),
        ),
        other=("content_type", "object_id"),
    ),
    ModelDeclaration(
        "wagtailadmin.FormState",
        _("Adminformulär som sparats medan någon redigerar."),
        fields=(
            PersonalField("data", C.IDENTITY, PROGRAMME, WHILE_STAFF),
            PersonalField("user", C.TECHNICAL, SECURITY, WHILE_STAFF),
        ),
        other=("content_type", "object_id", "parent_object_id", "last_updated_at"),
    ),
    ModelDeclaration(
        "wagtailadmin.EditingSession",
        _("Vem som har ett objekt öppet i admin."),
        fields=(PersonalField("user", C.TECHNICAL, SECURITY, WHILE_STAFF),),
        other=("content_type", "object_id", "last_seen_at", "is_editing"),
    ),
    ModelDeclaration(
        "wagtailusers.UserProfile",
        _("Inställningar för en inloggning i admin."),
        fields=(
            PersonalField("user", C.TECHNICAL, SECURITY, WHILE_STAFF),
            PersonalField("avatar", C.IDENTITY, SECURITY, WHILE_STAFF),
            PersonalField("preferred_language", C.TECHNICAL, SECURITY, WHILE_STAFF),
            PersonalField("current_time_zone", C.TECHNICAL, SECURITY, WHILE_STAFF),
            PersonalField("dismissibles", C.TECHNICAL, SECURITY, WHILE_STAFF),
        ),
        other=("submitted_notifications", "approved_notifications", "rejected_notifications",
               "updated_comments_notifications", "theme", "contrast", "density", "keyboard_shortcuts"),
    ),
    ModelDeclaration(
        "wagtailcore.Comment",
        _("Redaktörers kommentarer på sidor."),
        fields=(
            PersonalField("user", C.TECHNICAL, SECURITY, WHILE_STAFF),
            PersonalField("resolved_by", C.TECHNICAL, SECURITY, WHILE_STAFF),
            PersonalField("text", C.FREE_TEXT, SECURITY, WHILE_STAFF),
        ),
        other=("page", "contentpath", "position", "created_at", "updated_at", "revision_created", "resolved_at"),
    ),
    ModelDeclaration(
        "wagtailcore.CommentReply",
        _("Svar på redaktörers kommentarer."),
        fields=(
            PersonalField("user", C.TECHNICAL, SECURITY, WHILE_STAFF),
            PersonalField("text", C.FREE_TEXT, SECURITY, WHILE_STAFF),
        ),
        other=("comment", "created_at", "updated_at"),
    ),
]


def _messages(subject: Subject):
    from .models import OutboxMessage

    condition = Q(pk__in=[])
    for email in subject.emails:
        condition |= Q(to_email__iexact=email)
    return OutboxMessage.objects.filter(condition)


def log_entries_naming(subject: Subject, *, include_evidence: bool = True):
    """Audit-log entries about the person: on their HR record or login, and any whose label
    or data names their e-mail address or full name. ``include_evidence=False`` leaves out the
    entries on their hours corrections, which are evidence until the retention date."""
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import TextField
    from django.db.models.functions import Cast

    from wagtail.models import ModelLogEntry

    from people.models import Employee, User

    objects = Q(content_type=ContentType.objects.get_for_model(Employee), object_id=str(subject.employee_id))
    if subject.user_id:
        objects |= Q(content_type=ContentType.objects.get_for_model(User), object_id=str(subject.user_id))
    texts = [*subject.emails, subject.full_name] if subject.full_name.strip() else list(subject.emails)
    for text in texts:
        objects |= Q(label__icontains=text) | Q(data_text__icontains=text)
    qs = ModelLogEntry.objects.annotate(data_text=Cast("data", TextField())).filter(objects)
    if not include_evidence:
        from django.apps import apps

        from people.privacy_register import providers

        labels = [label for p in providers() for label in p.evidence_log_models]
        types = ContentType.objects.get_for_models(*[apps.get_model(label) for label in labels]).values()
        qs = qs.exclude(content_type__in=list(types))
    return qs


def export(subject: Subject) -> dict:
    return {
        "outbox_messages": [
            {"kind": m.kind, "subject": m.subject, "to": m.to_email, "status": m.status,
             "created_at": m.created_at, "sent_at": m.sent_at, "text": m.body_text}
            for m in _messages(subject).order_by("created_at")
        ],
        "audit_log": [
            {"action": e.action, "label": e.label, "timestamp": e.timestamp, "data": e.data}
            for e in log_entries_naming(subject).order_by("timestamp")
        ],
    }


def erase(subject: Subject, keep_evidence: bool) -> dict[str, int]:
    from django.contrib.contenttypes.models import ContentType

    from wagtail.admin.models import EditingSession, FormState
    from wagtail.models import ModelLogEntry

    from people.models import Employee

    from .export_jobs import export_jobs_erase
    from .models import PageFeedback

    counts = {"outbox_messages": _messages(subject).delete()[0], "export_jobs": export_jobs_erase()}
    # Feedback is anonymous, but someone may have signed theirs.
    naming = Q(pk__in=[])
    for text in [*subject.emails, subject.full_name] if subject.full_name.strip() else subject.emails:
        naming |= Q(comment__icontains=text)
    counts["page_feedback"] = PageFeedback.objects.filter(naming).delete()[0]
    ids = list(log_entries_naming(subject, include_evidence=not keep_evidence).values_list("pk", flat=True))
    counts["audit_log_entries"] = ModelLogEntry.objects.filter(pk__in=ids).update(label=ERASED_LABEL, data={})
    employee_type = ContentType.objects.get_for_model(Employee)
    counts["admin_form_states"] = FormState.objects.filter(
        content_type=employee_type, object_id=str(subject.employee_id)
    ).delete()[0]
    EditingSession.objects.filter(content_type=employee_type, object_id=str(subject.employee_id)).delete()
    return counts


register(Provider("cms", 1, DECLARATIONS, export=export, erase=erase))
