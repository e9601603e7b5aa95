from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from actions.models import Action, ProgressUpdate
from actions.rerating import save_partnership_settings
from partnerships import invitations, roles
from partnerships.access import partnership_for_user
from partnerships.account_forms import AcceptInvitationForm
from partnerships.forms import HomeSearchForm, InvitationForm, PartnershipSettingsForm, RoleForm
from partnerships.models import Partnership
from partnerships.pages import partnership_page

HOME_PAGE_SIZE = 25


def home(request):
    search = HomeSearchForm(request.GET).search()
    partnerships = Partnership.objects.for_home(request.user, search)
    # A county-wide or national user sees hundreds: a page at a time, grouped by county.
    page = Paginator(partnerships, HOME_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page_obj": page,
        "partnerships": page.object_list,
        "search": search,
        "by_county": any(partnership.county for partnership in page.object_list),
    }
    if request.user.is_authenticated:
        # What needs the user's attention: the counts of My actions, and requests to approve.
        mine = Action.objects.mine_now(request.user, timezone.localdate())
        context["attention"] = mine.attention_counts()
        context["requests_waiting"] = ProgressUpdate.objects.awaiting_approval_for(
            request.user
        ).count()
    return render(request, "partnerships/home.html", context)


@login_required
def partnership_detail(request: HttpRequest, slug: str) -> HttpResponse:
    access = partnership_for_user(request, slug)
    partnership = access.partnership
    context = {
        "partnership": partnership,
        "access": access,
        **partnership_page(partnership, request.user, timezone.localdate()),
    }
    return render(request, "partnerships/partnership_detail.html", context)


@login_required
def people(request: HttpRequest, slug: str) -> HttpResponse:
    partnership = partnership_for_user(request, slug, need="can_manage").partnership
    held = partnership.roles.select_related("user", "agency").order_by(
        "user__last_name", "user__first_name", "user__username", "name"
    )
    invited = partnership.invitations.usable().select_related("agency").order_by("email")
    context = {"partnership": partnership, "roles": held, "invitations": invited}
    return render(request, "partnerships/people.html", context)


@login_required
def invite(request: HttpRequest, slug: str) -> HttpResponse:
    partnership = partnership_for_user(request, slug, need="can_manage").partnership
    form = InvitationForm(request.POST or None, partnership=partnership)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        invitation, token = invitations.invite(
            partnership, data["email"], data["name"], data["agency"], request.user
        )
        invitations.send_invitation(invitation, token)
        messages.success(request, f"An invitation has been sent to {invitation.email}.")
        return redirect("partnerships:people", slug=partnership.slug)
    context = {"partnership": partnership, "form": form, "days": settings.INVITATION_DAYS}
    return render(request, "partnerships/invite.html", context)


def accept_invitation(request: HttpRequest, slug: str, token: str) -> HttpResponse:
    """The invitee's page: anyone holding the link may open it, once, before it expires."""
    partnership = get_object_or_404(Partnership, slug=slug)
    invitation = invitations.usable_invitation(partnership, token)
    if invitation is None:
        return render(request, "partnerships/invitation_unusable.html", status=404)
    user = get_user_model()(email=invitation.email)
    form = AcceptInvitationForm(request.POST or None, instance=user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = invitations.accept(
                invitation,
                data["username"],
                data["password1"],
                first_name=data["first_name"],
                last_name=data["last_name"],
            )
        except invitations.InvitationUsed:
            return render(request, "partnerships/invitation_unusable.html", status=404)
        except invitations.UsernameTaken:
            form.add_error("username", "Someone has just taken this username: choose another")
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            role = invitation.get_role_display().lower()
            messages.success(request, f"Welcome. You are now {role} of {partnership.name}.")
            return redirect(partnership)
    context = {"partnership": partnership, "invitation": invitation, "form": form}
    return render(request, "partnerships/accept_invitation.html", context)


@login_required
def add_role(request: HttpRequest, slug: str) -> HttpResponse:
    partnership = partnership_for_user(request, slug, need="can_manage").partnership
    form = RoleForm(request.POST or None, partnership=partnership)
    if request.method == "POST" and form.is_valid():
        granted = form.save()
        user = granted.role.user
        role_name = granted.role.get_name_display().lower()
        if granted.created or granted.agency_changed:
            messages.success(request, f"{user.get_username()} is now {role_name}.")
        else:
            messages.info(request, f"{user.get_username()} was already {role_name}.")
        return redirect("partnerships:people", slug=partnership.slug)
    return render(request, "partnerships/add_role.html", {"partnership": partnership, "form": form})


@login_required
def remove_role(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    partnership = partnership_for_user(request, slug, need="can_manage").partnership
    role = get_object_or_404(partnership.roles.select_related("user", "agency"), pk=pk)
    error = None
    if request.method == "POST":
        try:
            roles.remove_role(role)
        except ValidationError as refused:
            error = " ".join(refused.messages)
        else:
            messages.success(
                request,
                f"{role.user.get_username()} is no longer {role.get_name_display().lower()}.",
            )
            return redirect("partnerships:people", slug=partnership.slug)
    context = {"partnership": partnership, "role": role, "error": error}
    return render(request, "partnerships/remove_role.html", context, status=400 if error else 200)


@login_required
def partnership_settings(request: HttpRequest, slug: str) -> HttpResponse:
    partnership = partnership_for_user(request, slug, need="can_manage").partnership
    form = PartnershipSettingsForm(request.POST or None, instance=partnership)
    if request.method == "POST" and form.is_valid():
        save_partnership_settings(form, timezone.localdate())
        messages.success(request, "The settings have been saved.")
        return redirect(partnership)
    return render(request, "partnerships/settings.html", {"partnership": partnership, "form": form})
