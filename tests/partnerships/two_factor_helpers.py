"""Real TOTP codes for the tests, computed from a device's key as an authenticator app does."""

import time

from django_otp.oath import TOTP

from partnerships import two_factor


def code_for(device, steps_ahead=0) -> str:
    """The code an app shows now, or `steps_ahead` periods (of 30 s) from now. A code is
    accepted once: the next sign-in in the same test uses the next period's code."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"


def set_up_app(user):
    """Give `user` a confirmed authenticator app, the way the set-up page does; returns the
    device and the recovery codes."""
    device = two_factor.unconfirmed_app(user)
    codes = two_factor.confirm_app(device, code_for(device))
    device.refresh_from_db()
    return device, codes
