"""The project's URLs plus two pages that fail, for the error page tests."""

from django.db import OperationalError
from django.urls import path

from csp.urls import handler500  # noqa: F401 (Django looks for it in the ROOT_URLCONF)
from csp.urls import urlpatterns as project_urlpatterns


def fails(request):
    raise RuntimeError("a bug")


def loses_the_database(request):
    raise OperationalError('connection to server at "127.0.0.1", port 1 failed')


urlpatterns = [
    path("test-fails/", fails),
    path("test-loses-the-database/", loses_the_database),
    *project_urlpatterns,
]
