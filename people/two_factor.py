"""Two-factor sign-in with django-otp: who must use it, and the writes that set it up.

A login proves its second factor with a code from an authenticator app (TOTP, RFC 6238) or,
when the phone is lost, with one of its single-use backup codes. Programme admins, HR and
superusers must have it: they see every organisation's or a whole organisation's personal
data. Anyone else may turn it on. ``people.middleware.TwoFactorMiddleware`` sends a signed-in
login that has not proved its second factor to the verification step (or, if it must have
two-factor sign-in and has none yet, to the set-up), whichever login page it came from.

See docs/security.md for the choice of library and how the demo logins sign in.
"""

from __future__ import annotations

import math

import django_otp
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.utils.functional import LazyObject, empty

from wagtail.log_actions import log

from .models import Role, User
from .selectors import scope_for

#: Roles whose logins must sign in with a second factor.
REQUIRED_FOR_ROLES = frozenset({Role.PROGRAMME_ADMIN, Role.HR})
BACKUP_CODE_COUNT = 10
TOTP_DIGITS = 6
TOTP_DEVICE_NAME = "Autentiseringsapp"
BACKUP_DEVICE_NAME = "Reservkoder"


def two_factor_required(user: User | AnonymousUser | None) -> bool:
    """Whether this login may reach nothing before it proves a second factor."""
    scope = scope_for(user)
    return scope.user_id is not None and (scope.is_superuser or bool(scope.roles & REQUIRED_FOR_ROLES))


def has_two_factor(user: User) -> bool:
    """Whether the login has a confirmed authenticator app."""
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).exists()


def backup_codes_left(user: User) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


@transaction.atomic
def totp_setup_start(*, user: User) -> TOTPDevice:
    """The authenticator app being set up: the unconfirmed device kept between page loads, so
    a QR code already scanned stays valid, or a new one with a fresh secret."""
    device = TOTPDevice.objects.devices_for_user(user, confirmed=False).order_by("-id").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, confirmed=False)
    return device


@transaction.atomic
def totp_setup_confirm(*, user: User, device: TOTPDevice, token: str) -> bool:
    """Confirms the app being set up if ``token`` is its current code; it then replaces any
    app the login had before. Returns whether the code was right."""
    if device.user_id != user.pk or device.confirmed:
        return False
    device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
    if not device.verify_token(_normalise(token)):
        return False
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    replaced = TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()[0]
    _log(user, "samtalsrum.two_factor.enable", by=user, data={"replaced": bool(replaced)})
    return True


@transaction.atomic
def backup_codes_create(*, user: User, count: int = BACKUP_CODE_COUNT) -> list[str]:
    """A new set of single-use backup codes; the previous set stops working. Shown once."""
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name=BACKUP_DEVICE_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(count)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    _log(user, "samtalsrum.two_factor.backup_codes", by=user, data={"count": count})
    return codes


def two_factor_verify(*, user: User, code: str) -> Device | None:
    """The device that accepts ``code`` – the app for six digits, else a backup code (used
    up) – or ``None``. Each device throttles its own failures (django-otp doubles the wait
    after every wrong code). Backup codes are eight characters, so never taken for an app code."""
    code = _normalise(code)
    if not code:
        return None
    is_app_code = code.isdigit() and len(code) == TOTP_DIGITS
    devices = (
        TOTPDevice.objects.devices_for_user(user, confirmed=True)
        if is_app_code
        else StaticDevice.objects.devices_for_user(user, confirmed=True)
    )
    for persistent_id in [device.persistent_id for device in devices]:
        device = django_otp.verify_token(user, persistent_id, code)
        if device is not None:
            return device
    return None


def two_factor_retry_after(user: User) -> int:
    """Seconds until the login's app and backup codes accept a code again after wrong ones
    (0: now)."""
    from django.utils import timezone

    waits = []
    for device in django_otp.devices_for_user(user, confirmed=None):
        allowed, extra = device.verify_is_allowed()
        if not allowed and extra.get("locked_until"):
            waits.append((extra["locked_until"] - timezone.now()).total_seconds())
    return max(0, math.ceil(max(waits, default=0)))


@transaction.atomic
def two_factor_disable(*, user: User, disabled_by: User | None) -> None:
    """Removes the login's app and backup codes. A login that must have them can lose them
    only by an operator on the server (``disabled_by=None``, ``manage.py two_factor_reset``)
    or a superuser: after a lost phone and lost codes. It is asked to set up a new app at its
    next sign-in."""
    if two_factor_required(user) and disabled_by is not None and not disabled_by.is_superuser:
        raise PermissionError("two-factor sign-in is required for this login")
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    _log(user, "samtalsrum.two_factor.disable", by=disabled_by)


def _log(user: User, action: str, *, by: User | None, data: dict | None = None) -> None:
    # request.user is a lazy object around a lazy object (auth, then django-otp); Wagtail's
    # log registry looks one level deep for the model, so hand it the login itself.
    log(_unwrapped(user), action, user=_unwrapped(by) if by is not None else None, data=data or {})


def _unwrapped(user):
    while isinstance(user, LazyObject):
        if user._wrapped is empty:
            user._setup()
        user = user._wrapped
    return user


def _normalise(code: str) -> str:
    return "".join((code or "").split()).replace("-", "").lower()
