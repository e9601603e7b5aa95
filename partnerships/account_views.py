"""The account pages: the user's own account, two-factor set-up, the code after the
password, recovery codes. Password pages are Django's own views (account_urls.py)."""

import django_otp
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods

from partnerships import sessions, two_factor
from partnerships.account_forms import CodeForm

APP_HINT = "The 6-digit code your authenticator app shows for CSP Tracker."
VERIFY_HINT = "The 6-digit code your authenticator app shows, or one of your recovery codes."


def next_url(request: HttpRequest) -> str:
    """Where to go after this step: the page first asked for, if it is one of ours."""
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    safe = url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return wanted if safe else reverse("home")


def not_set_up(request: HttpRequest) -> HttpResponse:
    """For the pages of a user's app, when there is none: say so (a form sent goes back to
    the account page, changing nothing)."""
    if request.method == "POST":
        return redirect("account:index")
    return render(request, "partnerships/account/not_set_up.html")


@login_required
def account(request: HttpRequest) -> HttpResponse:
    user = request.user
    context = {
        "has_two_factor": two_factor.has_two_factor(user),
        "must_use_two_factor": two_factor.must_use_two_factor(user),
        "recovery_codes_left": two_factor.recovery_codes_left(user),
    }
    return render(request, "partnerships/account/index.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    user = request.user
    # Someone with an app replaces it only after removing it, from a verified session: the
    # password alone must never be enough to put a new app in place of the old.
    if two_factor.has_two_factor(user):
        return redirect("account:index")
    # Whether it is still required (a role may have gone since sign-in): if not, Cancel works.
    sessions.recheck_step(request)
    device = two_factor.unconfirmed_app(user)
    form = CodeForm(request.POST or None, hint=APP_HINT)
    if request.method == "POST" and form.is_valid():
        codes = two_factor.confirm_app(device, form.cleaned_data["code"])
        if codes is not None:
            django_otp.login(request, device)
            context = {"codes": codes, "next": next_url(request), "first_time": True}
            return render(request, "partnerships/account/recovery_codes.html", context)
        form.add_error("code", "That code is not right: enter the code your app shows now")
    context = {
        "form": form,
        "qr_code": two_factor.qr_code_svg(device),
        "secret": two_factor.secret_of(device),
        "required": two_factor.must_use_two_factor(user),
        "next": next_url(request),
    }
    return render(request, "partnerships/account/setup.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def two_factor_verify(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not two_factor.has_two_factor(user):
        # Its app was removed (by an admin, say) since this session was signed in.
        sessions.recheck_step(request)
        return not_set_up(request)
    if user.is_verified():
        return redirect(next_url(request))
    form = CodeForm(request.POST or None, hint=VERIFY_HINT)
    if request.method == "POST" and form.is_valid():
        device, wait = two_factor.check_code(user, form.cleaned_data["code"])
        if device is not None:
            django_otp.login(request, device)
            return redirect(next_url(request))
        form.add_error(
            "code",
            f"Too many wrong codes: wait {wait} seconds, then enter the code your app shows"
            if wait
            else "That code is not right: enter the code your app shows now, or a recovery code",
        )
    context = {"form": form, "next": next_url(request)}
    return render(request, "partnerships/account/verify.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def two_factor_remove(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not two_factor.has_two_factor(user):
        return not_set_up(request)
    must = two_factor.must_use_two_factor(user)
    if request.method == "POST" and not must:
        two_factor.remove_two_factor(user)
        sessions.recheck_step(request)
        messages.success(request, "Two-factor sign-in is off. You sign in with your password.")
        return redirect("account:index")
    status = 403 if request.method == "POST" else 200
    context = {"must_use_two_factor": must}
    return render(request, "partnerships/account/remove.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def recovery_codes(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not two_factor.has_two_factor(user):
        return not_set_up(request)
    if request.method == "POST":
        codes = two_factor.new_recovery_codes(user)
        context = {"codes": codes, "next": reverse("account:index"), "first_time": False}
        return render(request, "partnerships/account/recovery_codes.html", context)
    context = {"count": two_factor.RECOVERY_CODE_COUNT}
    return render(request, "partnerships/account/new_recovery_codes.html", context)
