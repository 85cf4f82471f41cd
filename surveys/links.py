"""Personal answer links and letter codes: no password, and only the employee holds them.

A token is ``TimestampSigner(salt=...)`` over ``"<round id>:<invitation id>:<nonce>"``. It is
refused when the signature is wrong, when it is older than ``SAMTALSRUM_LINK_MAX_AGE_DAYS``,
when the invitation's nonce has been replaced (the link was revoked), or when it names another
round than the invitation's. A link is only ever sent to the employee's own address; nothing
shows it to anyone else (docs/anonymity.md).

For people without e-mail, HR prints a letter with a one-time code (:func:`letter_code_new`).
Only an HMAC of the code is stored, so the database cannot give the code back, and a used
code stays marked as used, so the employee notices if someone else used theirs.
"""

from __future__ import annotations

import datetime
import enum
import re
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils.crypto import salted_hmac

from .models import SurveyInvitation

SALT = "samtalsrum.surveys.answer-link"
CODE_SALT = "samtalsrum.surveys.letter-code"
#: No 0/O, 1/I/L, 5/S or 2/Z: a code read from paper is typed right the first time.
CODE_ALPHABET = "346789ABCDEFGHJKMNPQRTUVWXY"
CODE_LENGTH = 10  # 27**10 ≈ 2·10^14 codes; guessing is also rate-limited


class LinkProblem(enum.Enum):
    FORGED = "forged"
    EXPIRED = "expired"
    WRONG_ROUND = "wrong_round"
    REPLACED = "replaced"


@dataclass(frozen=True)
class LinkCheck:
    invitation: SurveyInvitation | None
    problem: LinkProblem | None = None


def _signer() -> signing.TimestampSigner:
    return signing.TimestampSigner(salt=SALT)


def answer_token(invitation: SurveyInvitation) -> str:
    """A fresh signed token for ``invitation`` (valid for the configured number of days)."""
    return _signer().sign(f"{invitation.round_id}:{invitation.pk}:{invitation.nonce}")


def answer_path(invitation: SurveyInvitation, *, language: str | None = None) -> str:
    from django.utils import translation

    from people.models import language_supported

    with translation.override(language_supported(language or invitation.employee.preferred_language)):
        return reverse("surveys:answer", kwargs={"token": answer_token(invitation)})


def answer_url(invitation: SurveyInvitation, *, language: str | None = None) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + answer_path(invitation, language=language)


def invitation_from_token(token: str, *, for_update: bool = False) -> LinkCheck:
    """Resolve ``token`` to its invitation, or say why it cannot be used."""
    max_age = datetime.timedelta(days=settings.SAMTALSRUM_LINK_MAX_AGE_DAYS)
    try:
        value = _signer().unsign(token, max_age=max_age)
    except signing.SignatureExpired:
        return LinkCheck(None, LinkProblem.EXPIRED)
    except signing.BadSignature:
        return LinkCheck(None, LinkProblem.FORGED)
    try:
        round_id, invitation_id, nonce = value.split(":", 2)
        round_id_int, invitation_id_int = int(round_id), int(invitation_id)
    except ValueError:
        return LinkCheck(None, LinkProblem.FORGED)
    qs = SurveyInvitation.objects.select_related("round__survey", "round__programme", "employee")
    if for_update:
        qs = qs.select_for_update(of=("self",))
    invitation = qs.filter(pk=invitation_id_int).first()
    if invitation is None:
        return LinkCheck(None, LinkProblem.FORGED)
    if invitation.round_id != round_id_int:
        return LinkCheck(None, LinkProblem.WRONG_ROUND)
    if invitation.nonce != nonce:
        return LinkCheck(None, LinkProblem.REPLACED)
    return LinkCheck(invitation)


def letter_code_new() -> str:
    """A fresh one-time code, grouped for reading: ``ABCD-EFG-HJK``."""
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return f"{raw[:4]}-{raw[4:7]}-{raw[7:]}"


def letter_code_digest(code: str) -> str:
    """What is stored for a code: an HMAC of it with the site's secret, never the code itself.

    Case, spaces and dashes do not matter when the code is typed in.
    """
    normalised = re.sub(r"[^0-9A-Z]", "", (code or "").upper())
    return salted_hmac(CODE_SALT, normalised, algorithm="sha256").hexdigest()
