"""Writes shared by the whole site: the e-mail outbox and the site's home page."""

from __future__ import annotations

import base64
import datetime
import logging
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from .models import HomePage, OutboxMessage, PageFeedback

logger = logging.getLogger(__name__)

Attachment = tuple[str, bytes, str]  # (filename, content, mimetype)


def outbox_message_enqueue(
    *,
    to: str,
    subject: str,
    body: str,
    html: str = "",
    attachments: Iterable[Attachment] = (),
    dedupe_key: str,
    kind: str,
    language: str = "",
) -> OutboxMessage:
    """Record an e-mail in the current transaction and deliver it once that commits.

    Call it inside the transaction of the change that causes the message. Calling it again
    with the same ``dedupe_key`` returns the existing message and sends nothing more.
    ``language`` (the recipient's, the text's) is sent as the message's Content-Language, so
    mail readers and screen readers read it in that language.
    """
    message, created = OutboxMessage.objects.get_or_create(
        dedupe_key=dedupe_key,
        defaults={
            "kind": kind,
            "language": language,
            "to_email": to,
            "subject": subject[:250],
            "body_text": body,
            "body_html": html,
            "attachments": [
                {"filename": name, "content": base64.b64encode(content).decode("ascii"), "mimetype": mimetype}
                for name, content, mimetype in attachments
            ],
        },
    )
    if created:
        message_id = message.pk
        transaction.on_commit(lambda: outbox_dispatch(message_id=message_id))
    return message


def outbox_dispatch(*, message_id: int) -> None:
    """Queue delivery; if the broker is unreachable the message stays pending for the flush."""
    from .tasks import outbox_deliver_task

    try:
        outbox_deliver_task.apply_async(args=[message_id], retry=False)
    except Exception:  # the broker is down: outbox_flush_task picks the message up later
        logger.warning("Could not queue outbox message %s; it stays pending.", message_id, exc_info=True)


def outbox_message_deliver(*, message_id: int) -> bool:
    """Send one pending message. Returns True if this call sent it.

    The row is locked for the duration, so two workers handling the same message send it
    once; a message already sent is left alone.
    """
    with transaction.atomic():
        message = (
            OutboxMessage.objects.select_for_update(skip_locked=True)
            .filter(pk=message_id, status=OutboxMessage.Status.PENDING)
            .first()
        )
        if message is None:
            return False
        email = EmailMultiAlternatives(
            subject=message.subject,
            body=message.body_text,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[message.to_email],
            headers={"Content-Language": message.language} if message.language else None,
        )
        if message.body_html:
            email.attach_alternative(message.body_html, "text/html")
        for attachment in message.attachments:
            email.attach(
                attachment["filename"],
                base64.b64decode(attachment["content"]),
                attachment["mimetype"],
            )
        message.attempts += 1
        try:
            email.send(fail_silently=False)
        except Exception as exc:  # the mail server refused or is down: try again later
            message.last_error = str(exc)[:2000]
            if message.attempts >= settings.SAMTALSRUM_OUTBOX_MAX_ATTEMPTS:
                message.status = OutboxMessage.Status.FAILED
            message.save(update_fields=["attempts", "last_error", "status"])
            logger.warning("Delivery of outbox message %s failed: %s", message_id, exc)
            return False
        message.status = OutboxMessage.Status.SENT
        message.sent_at = timezone.now()
        message.last_error = ""
        message.save(update_fields=["attempts", "last_error", "status", "sent_at"])
        return True


def outbox_pending_ids(*, limit: int = 500) -> list[int]:
    return list(
        OutboxMessage.objects.filter(status=OutboxMessage.Status.PENDING)
        .order_by("created_at")
        .values_list("pk", flat=True)[:limit]
    )


@transaction.atomic
def outbox_bodies_erase(*, now: datetime.datetime | None = None, dry_run: bool = False) -> int:
    """Erase the text, links and calendar files of messages delivered (or given up on) more than
    ``SAMTALSRUM_OUTBOX_BODY_DAYS`` ago; keep who was sent what kind of message, and when.
    Idempotent: a second run finds nothing."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=settings.SAMTALSRUM_OUTBOX_BODY_DAYS)
    due = OutboxMessage.objects.filter(body_erased_at__isnull=True).filter(
        Q(status=OutboxMessage.Status.SENT, sent_at__lt=cutoff)
        | Q(status=OutboxMessage.Status.FAILED, created_at__lt=cutoff)
    )
    if dry_run:
        return due.count()
    return due.update(body_text="", body_html="", attachments=[], last_error="", body_erased_at=now)


def page_feedback_expire(*, now: datetime.datetime | None = None, dry_run: bool = False) -> int:
    """Delete page feedback older than ``SAMTALSRUM_FEEDBACK_DAYS``. Returns how many."""
    now = now or timezone.now()
    due = PageFeedback.objects.filter(
        created_at__lt=now - datetime.timedelta(days=settings.SAMTALSRUM_FEEDBACK_DAYS)
    )
    return due.count() if dry_run else due.delete()[0]


@transaction.atomic
def wagtail_roots_ensure() -> None:
    """Create Wagtail's root page, root collection and default locale if they are missing.

    Migrations create them; a flushed database (transactional tests) does not have them.
    """
    from wagtail.models import Collection, Locale, Page

    locale, _ = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")


@transaction.atomic
def site_home_ensure() -> HomePage:
    """Make a Samtalsrum HomePage the root of the default site (idempotent)."""
    from wagtail.models import Locale, Page, Site

    wagtail_roots_ensure()
    existing = HomePage.objects.filter(locale__language_code=settings.LANGUAGE_CODE).first()
    if existing is None:
        existing = HomePage.objects.first()
    if existing is None:
        root = Page.get_first_root_node()
        locale, _ = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
        existing = HomePage(
            title="Samtalsrum",
            slug="samtalsrum",
            locale=locale,
            lead=(
                "Samtalsrum samlar allt som behövs för dialoger om ett inkluderande och hållbart "
                "arbetsliv: material, samtalstillfällen, närvaro, timmar och enkäter."
            ),
        )
        root.add_child(instance=existing)
        existing.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", port=80, root_page=existing, is_default_site=True,
                            site_name="Samtalsrum")
    elif site.root_page_id != existing.pk:
        old_root = site.root_page
        site.root_page = existing
        site.site_name = "Samtalsrum"
        site.save()
        # Wagtail's placeholder "Welcome" page has no purpose once the real home page is in place.
        if old_root.specific_class is Page and not old_root.get_children().exists():
            old_root.delete()
    return existing


@transaction.atomic
def page_feedback_submit(*, page, rating: str, comment: str, language: str = "") -> PageFeedback:
    """Store one anonymous comment on ``page`` (a Wagtail page); nothing identifying the reader is kept."""
    return PageFeedback.objects.create(
        page=page, rating=rating or "", comment=(comment or "").strip(), language=language[:8]
    )
