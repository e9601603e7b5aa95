"""Response headers that every page carries, beside django-csp's Content-Security-Policy."""

from django.conf import settings
from django.utils.cache import patch_cache_control


def signed_in(request, response) -> bool:
    """Whether the response may hold someone's own data: the request came with a session
    cookie, or the response starts a session.

    Read from the cookie, not request.user, so it never touches the database: it must also
    hold for the 503 page when the database is unreachable. A visitor with a stale cookie
    gets a page that is not cached, which is the safe side.
    """
    name = settings.SESSION_COOKIE_NAME
    return name in request.COOKIES or name in response.cookies


class SecurityHeadersMiddleware:
    """Permissions-Policy on every response; `Cache-Control: private, no-store` on every
    response to someone signed in (pages and exports alike), so no shared cache or browser
    history keeps a copy."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.permissions_policy = ", ".join(
            f"{feature}=({' '.join(allowed)})"
            for feature, allowed in settings.PERMISSIONS_POLICY.items()
        )

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.permissions_policy)
        if signed_in(request, response):
            patch_cache_control(response, private=True, no_store=True)
        return response
