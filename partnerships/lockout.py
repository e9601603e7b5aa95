"""Locking out repeated sign-in failures (django-axes): which address a request came from,
and the time the locked-out page tells people to wait."""

from django.conf import settings
from django.shortcuts import render


def client_ip(request) -> str | None:
    """The address to count failures against.

    Behind our proxy (BEHIND_PROXY=1) every request comes from the proxy, so the address is
    the last one in X-Forwarded-For: the one our proxy added. Earlier entries are whatever
    the client sent, and a client could send a new one with every guess.
    """
    if settings.SECURE_PROXY_SSL_HEADER:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        addresses = [part.strip() for part in forwarded.split(",") if part.strip()]
        if addresses:
            return addresses[-1]
    return request.META.get("REMOTE_ADDR")


def locked_out(request, original_response=None, credentials=None):
    """The page django-axes shows instead of the sign-in form while a lock holds."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    context = {"minutes": minutes, "failure_limit": settings.AXES_FAILURE_LIMIT}
    return render(request, "registration/locked_out.html", context, status=429)
