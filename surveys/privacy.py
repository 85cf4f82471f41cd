"""Personal data kept by ``surveys``: who is invited (never what they answered), drafts, and the
pseudonymous responses. See ``people.privacy_register`` and docs/anonymity.md."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from people.privacy_register import (
    PAIRING,
    SURVEY,
    SURVEY_DRAFT,
    UNTIL_ERASURE,
    Category,
    ModelDeclaration,
    PersonalField,
    Provider,
    Subject,
    register,
)

C = Category

DECLARATIONS = [
    ModelDeclaration(
        "surveys.Survey", _("Enkät."),
        other=("programme", "title", "description", "kind", "created_at", "locale", "translation_key"),
    ),
    ModelDeclaration(
        "surveys.Question", _("Enkätfråga."),
        other=("sort_order", "survey", "theme_key", "type", "required", "text", "options", "locale",
               "translation_key"),
    ),
    ModelDeclaration(
        "surveys.SurveyRound", _("Enkätomgång."),
        other=("survey", "programme", "name", "phase", "opens_on", "closes_on", "reminder_interval_days",
               "max_reminders", "invitations_sent_on", "organisations", "workplaces"),
    ),
    ModelDeclaration(
        "surveys.SurveyInvitation",
        _("Vem som är inbjuden till en omgång och om personen har svarat – aldrig vad."),
        fields=(
            PersonalField("employee", C.IDENTITY, SURVEY, UNTIL_ERASURE),
            PersonalField("responded", C.SURVEY_PSEUDONYM, SURVEY, UNTIL_ERASURE),
            PersonalField("sent_on", C.TECHNICAL, SURVEY, UNTIL_ERASURE),
            PersonalField("reminder_count", C.TECHNICAL, SURVEY, UNTIL_ERASURE),
            PersonalField("last_reminded_on", C.TECHNICAL, SURVEY, UNTIL_ERASURE),
            PersonalField("nonce", C.TECHNICAL, SURVEY, UNTIL_ERASURE),
            PersonalField("letter_code_hash", C.TECHNICAL, SURVEY, UNTIL_ERASURE),
            PersonalField("letter_code_issued_on", C.TECHNICAL, SURVEY, UNTIL_ERASURE),
            PersonalField("letter_code_used", C.TECHNICAL, SURVEY, UNTIL_ERASURE),
            PersonalField("draft", C.FREE_TEXT, SURVEY, SURVEY_DRAFT),
            PersonalField("draft_owner", C.TECHNICAL, SURVEY, SURVEY_DRAFT),
        ),
        other=("round",),
    ),
    ModelDeclaration(
        "surveys.Response",
        _("Ett enkätsvar: ingen anställd, bara en pseudonym som parar före- och eftersvar."),
        fields=(PersonalField("respondent_key", C.SURVEY_PSEUDONYM, SURVEY, PAIRING),),
        other=("round", "organisation", "workplace", "submitted_on"),
    ),
    ModelDeclaration(
        "surveys.Answer",
        _("Svar på en fråga, under pseudonymen."),
        fields=(
            PersonalField("value", C.SURVEY_PSEUDONYM, SURVEY, PAIRING),
            PersonalField("choices", C.SURVEY_PSEUDONYM, SURVEY, PAIRING),
            PersonalField("text", C.FREE_TEXT, SURVEY, PAIRING),
        ),
        other=("response", "question"),
    ),
]

NOT_LINKABLE = _(
    "Enkätsvar sparas utan namn och kan inte kopplas till dig: här syns bara vilka omgångar du "
    "bjudits in till och om du har svarat."
)


def export(subject: Subject) -> dict:
    from .models import SurveyInvitation

    return {
        "survey_invitations": [
            {"round": i.round.name, "opens_on": i.round.opens_on, "closes_on": i.round.closes_on,
             "responded": i.responded, "sent_on": i.sent_on, "reminders": i.reminder_count,
             "has_draft": i.draft is not None}
            for i in SurveyInvitation.objects.filter(employee_id=subject.employee_id).select_related("round")
        ],
        "survey_answers": str(NOT_LINKABLE),
    }


def erase(subject: Subject, keep_evidence: bool) -> dict[str, int]:
    """Invitations go; the person's responses keep their answers (released figures must not
    change) but get an unlinkable key, so not even the pairing secret leads back to them."""
    from .models import Response, SurveyInvitation
    from .pairing import respondent_key_for, unlinkable_key

    programme_ids = set(
        SurveyInvitation.objects.filter(employee_id=subject.employee_id).values_list("round__programme_id", flat=True)
    )
    unlinked = 0
    for programme_id in programme_ids:
        key = respondent_key_for(programme_id=programme_id, employee_id=subject.employee_id)
        for response in Response.objects.filter(round__programme_id=programme_id, respondent_key=key):
            response.respondent_key = unlinkable_key()
            response.save(update_fields=["respondent_key"])
            unlinked += 1
    return {
        "survey_invitations": SurveyInvitation.objects.filter(employee_id=subject.employee_id).delete()[0],
        "survey_responses_unlinked": unlinked,
    }


def survey_drafts_expire(*, today: datetime.date | None = None, dry_run: bool = False) -> int:
    """Erase drafts whose round has closed or whose personal link has expired (its last e-mail
    is older than ``SAMTALSRUM_LINK_MAX_AGE_DAYS``). Revoking a link erases its draft at once."""
    from .models import SurveyInvitation

    today = today or timezone.localdate()
    stale = today - datetime.timedelta(days=settings.SAMTALSRUM_LINK_MAX_AGE_DAYS)
    due = SurveyInvitation.objects.filter(draft__isnull=False).filter(
        Q(round__closes_on__lt=today)
        | Q(sent_on__lt=stale, last_reminded_on__isnull=True)
        | Q(last_reminded_on__lt=stale)
    )
    if dry_run:
        return due.count()
    return due.update(draft=None, draft_owner="")


@transaction.atomic
def survey_pairing_destroy(*, programme, destroyed_by=None, dry_run: bool = False) -> int:
    """End the pairing of before and after answers for ``programme``: every response of its
    rounds gets a random key of its own, so no two responses share a key and no key can be
    recomputed from the secret. Irreversible. Refused while a round of the programme is open
    or still to come. Audit-logged (how many), on the programme."""
    from wagtail.log_actions import log

    from .models import Response, SurveyRound
    from .pairing import unlinkable_key

    if SurveyRound.objects.filter(programme=programme, closes_on__gte=timezone.localdate()).exists():
        raise ValueError("A survey round of this programme is still open or to come.")
    if pairing_destroyed(programme):
        return 0  # closed rounds never take answers again, so nothing is paired any more
    responses = list(Response.objects.select_for_update().filter(round__programme=programme).only("pk"))
    if dry_run:
        return len(responses)
    for response in responses:
        response.respondent_key = unlinkable_key()
    Response.objects.bulk_update(responses, ["respondent_key"], batch_size=500)
    log(programme, "samtalsrum.survey_pairing_destroy", user=destroyed_by, data={"responses": len(responses)})
    from .results import released_figures_changed

    transaction.on_commit(lambda: released_figures_changed(programme.pk))
    return len(responses)


def pairing_destroyed(programme) -> bool:
    from django.contrib.contenttypes.models import ContentType

    from wagtail.models import ModelLogEntry

    return ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(type(programme)), object_id=str(programme.pk),
        action="samtalsrum.survey_pairing_destroy",
    ).exists()


def programme_purge(programme, *, dry_run: bool) -> dict[str, int]:
    """After the retention date the evaluation is over: the pairing goes too."""
    try:
        return {"pairing_keys_destroyed": survey_pairing_destroy(programme=programme, dry_run=dry_run)}
    except ValueError:
        return {"pairing_keys_destroyed": 0}


register(Provider("surveys", 4, DECLARATIONS, export=export, erase=erase, programme_purge=programme_purge))
