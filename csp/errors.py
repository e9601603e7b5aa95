"""Error pages: the 500 page, and the 503 page when the database cannot be reached.

Neither touches the database: both are rendered from a template without a request, so no
context processor runs (the navigation reads request.user, which would need the session).
"""

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseServerError
from django.template.loader import render_to_string
from django.utils.cache import patch_cache_control

logger = logging.getLogger(__name__)

# What a database driver raises when it cannot connect or has lost its connection.
DATABASE_UNREACHABLE = (OperationalError, InterfaceError)


def service_unavailable() -> HttpResponse:
    response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = "60"
    patch_cache_control(response, no_store=True)
    return response


class DatabaseUnavailableMiddleware:
    """Answer a view that could not reach the database with the 503 page, not a 500.

    Django closes a connection that raised, so the next request connects afresh and works
    as soon as the database is back.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, DATABASE_UNREACHABLE):
            return None
        logger.error("Database unreachable at %s: %s", request.path, exception, exc_info=exception)
        return service_unavailable()


def server_error(request) -> HttpResponse:
    """handler500. A middleware that reads the database (the session, the signed-in user)
    raises outside any view, where process_exception never sees it; Django calls this
    handler inside its `except`, so the exception is still at hand here. Django has logged
    it already."""
    if isinstance(sys.exc_info()[1], DATABASE_UNREACHABLE):
        return service_unavailable()
    response = HttpResponseServerError(render_to_string("500.html"))
    patch_cache_control(response, no_store=True)
    return response
