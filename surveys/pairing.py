"""Pseudonymous keys that pair a person's before and after answers.

The key is an HMAC of the programme and the employee with a secret from the settings
(``SAMTALSRUM_SURVEY_PAIRING_SECRET``). The database holds only the key, never the employee
id next to the answers; once the secret is deleted the key cannot be recomputed, so the
pairs can no longer be traced to anyone.
"""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def respondent_key_for(*, programme_id: int, employee_id: int) -> str:
    """The same hex key for one person's every response within one programme."""
    secret = getattr(settings, "SAMTALSRUM_SURVEY_PAIRING_SECRET", "")
    if not secret:
        raise ImproperlyConfigured("SAMTALSRUM_SURVEY_PAIRING_SECRET is not set.")
    message = f"{programme_id}:{employee_id}".encode()
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def unlinkable_key() -> str:
    """A random key in the same shape as :func:`respondent_key_for`, tied to nobody."""
    import secrets

    return secrets.token_hex(32)
