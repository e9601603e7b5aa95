from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from partnerships.views import home

admin.site.site_header = "CSP Tracker administration"
admin.site.site_title = "CSP Tracker admin"
# The 500 page, or the 503 page when the error was the database being out of reach.
handler500 = "csp.errors.server_error"

urlpatterns = [
    path("", home, name="home"),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("account/", include("partnerships.account_urls")),
    path("partnerships/", include("partnerships.urls")),
    path("plans/", include("plans.urls")),
    path("actions/", include("actions.urls")),
    path("performance/", include("performance.urls")),
    # Before the admin's own URLs, which would otherwise take these.
    path("admin/backups/", include("partnerships.backup_urls")),
    path("admin/", admin.site.urls),
]
