"""Two-factor sign-in (django-otp): who must use it, a user's authenticator app and
recovery codes, and the middleware that asks for a code after the password.

A user with an authenticator app is asked for a code (or a recovery code) before any page;
a user who must use two-factor sign-in and has no app is sent to set one up first. Who must:
staff, superusers and whoever may manage a partnership (its admins), while
settings.REQUIRE_TWO_FACTOR is on.
"""

from base64 import b32encode
from urllib.parse import urlencode

import segno
from django.conf import settings
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from partnerships.rules import partnerships_granting

RECOVERY_CODE_COUNT = 10
APP_NAME = "Authenticator app"
RECOVERY_NAME = "Recovery codes"


def must_use_two_factor(user) -> bool:
    if not settings.REQUIRE_TWO_FACTOR or not user.is_authenticated:
        return False
    if user.is_staff or user.is_superuser:
        return True
    # Whoever may give roles and change settings in some partnership (the rules' table says
    # who: partnership admins today).
    return bool(partnerships_granting(user, "partnerships.manage_partnership"))


def has_two_factor(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def unconfirmed_app(user) -> TOTPDevice:
    """The app being set up: the same key until it is confirmed, so reloading the page
    does not change the QR code the person may already have scanned."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=APP_NAME, confirmed=False)


def secret_of(device: TOTPDevice) -> str:
    """The key as people type it into an app: base32, in groups of four."""
    key = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def qr_code_svg(device: TOTPDevice) -> str:
    # An inline SVG, with no style attribute and no script: the CSP allows it as it is.
    return segno.make(device.config_url, error="m").svg_inline(
        scale=4, title="QR code for your authenticator app", svgclass="app-qr-code"
    )


def confirm_app(device: TOTPDevice, code: str) -> list[str] | None:
    """Confirm the app with a code it shows; the new recovery codes, or None if wrong."""
    with transaction.atomic():
        if not device.verify_token(code):
            return None
        TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        return new_recovery_codes(device.user)


def new_recovery_codes(user) -> list[str]:
    """Replace the user's recovery codes; each works once. Shown once, when made."""
    with transaction.atomic():
        device, _ = StaticDevice.objects.get_or_create(user=user, name=RECOVERY_NAME)
        device.token_set.all().delete()
        codes = [recovery_code() for _ in range(RECOVERY_CODE_COUNT)]
        StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in codes)
    return codes


def recovery_code() -> str:
    """django-otp's random code, with at least one letter: digits alone are an app code."""
    while True:
        code = StaticToken.random_token()
        if not code.isdigit():
            return code


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user).count()


def remove_two_factor(user) -> None:
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()


def check_code(user, code: str) -> tuple[object | None, int]:
    """The device that accepts `code`, or None; and, if it was not even tried because of
    repeated wrong codes, the seconds left to wait.

    A code of digits is the app's; anything else is a recovery code (which always holds a
    letter), so a recovery code does not count as a wrong app code. Rows are locked while
    checking, so a code cannot be used twice at once; each device slows down repeated wrong
    codes itself (django-otp's throttling).
    """
    model = TOTPDevice if code.isdigit() else StaticDevice
    with transaction.atomic():
        device = model.objects.select_for_update().filter(user=user, confirmed=True).first()
        if device is None:
            return None, 0
        allowed, details = device.verify_is_allowed()
        if not allowed:
            return None, seconds_until((details or {}).get("locked_until"))
        return (device if device.verify_token(code) else None), 0


def seconds_until(moment) -> int:
    if moment is None:
        return 1
    return max(1, int((moment - timezone.now()).total_seconds()) + 1)


class TwoFactorMiddleware:
    """Before any page, the admin's included: a code from a user with an app who has not
    given one yet in this session; set-up for a user who must use it and has none."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.step_needed(request) or self.get_response(request)

    def step_needed(self, request):
        from partnerships.sessions import Step, step_of

        user = request.user
        if not user.is_authenticated or user.is_verified() or self.is_exempt(request.path):
            return None
        step = step_of(request)
        if step == Step.NONE:
            return None
        view = "account:two_factor_verify" if step == Step.VERIFY else "account:two_factor_setup"
        query = urlencode({"next": request.get_full_path()})
        return redirect(f"{reverse(view)}?{query}")

    @staticmethod
    def is_exempt(path: str) -> bool:
        exempt = (
            reverse("account:two_factor_verify"),
            reverse("account:two_factor_setup"),
            reverse("logout"),
        )
        return path in exempt or path.startswith("/" + settings.STATIC_URL.lstrip("/"))
