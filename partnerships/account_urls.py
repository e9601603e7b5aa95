"""/account/: the user's own account, two-factor sign-in, and Django's password views."""

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from partnerships import account_views
from partnerships.account_forms import PasswordChangeForm, PasswordResetForm, SetPasswordForm

app_name = "account"
urlpatterns = [
    path("", account_views.account, name="index"),
    path("two-factor/", account_views.two_factor_setup, name="two_factor_setup"),
    path("two-factor/code/", account_views.two_factor_verify, name="two_factor_verify"),
    path("two-factor/remove/", account_views.two_factor_remove, name="two_factor_remove"),
    path("two-factor/recovery-codes/", account_views.recovery_codes, name="recovery_codes"),
    path(
        "password/",
        auth_views.PasswordChangeView.as_view(
            form_class=PasswordChangeForm, success_url=reverse_lazy("account:password_changed")
        ),
        name="password_change",
    ),
    path(
        "password/changed/",
        # The same page as after a reset: it links to the account page when signed in.
        auth_views.PasswordChangeDoneView.as_view(
            template_name="registration/password_reset_complete.html"
        ),
        name="password_changed",
    ),
    path(
        "password-reset/",
        auth_views.PasswordResetView.as_view(
            form_class=PasswordResetForm,
            success_url=reverse_lazy("account:password_reset_sent"),
        ),
        name="password_reset",
    ),
    path(
        "password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(
            extra_context={"timeout_days": settings.PASSWORD_RESET_TIMEOUT // (24 * 60 * 60)}
        ),
        name="password_reset_sent",
    ),
    path(
        "password-reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            form_class=SetPasswordForm, success_url=reverse_lazy("account:password_reset_done")
        ),
        name="password_reset_confirm",
    ),
    path(
        "password-reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_done",
    ),
]
