from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout
from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db.models import Q

from partnerships.models import Agency, Partnership, Role
from partnerships.roles import grant_role


def agencies_of(partnership: Partnership):
    """Agencies an officer of the partnership can belong to: its members, past and present,
    and any agency leading one of its actions."""
    return (
        Agency.objects.filter(
            Q(memberships__partnership=partnership)
            | Q(action_leads__action__plan__partnership=partnership)
        )
        .distinct()
        .order_by("name")
    )


ROLE_HELP = (
    "Viewer: reads everything. Agency officer: updates their agency's actions. "
    "Coordinator: edits plans and actions. Partnership admin: manages people and settings."
)


class RoleChoiceForm(forms.Form):
    """The role and, for an agency officer, the agency: shared by giving a role to someone
    with an account and by inviting someone without one."""

    name = forms.ChoiceField(
        label="Role", choices=Role.Name.choices, widget=forms.RadioSelect, help_text=ROLE_HELP
    )
    agency = forms.ModelChoiceField(
        label="Agency (agency officers only)",
        queryset=Agency.objects.none(),
        required=False,
        empty_label="Choose the agency",
        help_text="An agency officer updates the actions this agency leads.",
    )

    def __init__(self, *args, partnership: Partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.partnership = partnership
        self.fields["agency"].queryset = agencies_of(partnership)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Field.text(self.person_field, label_size="s", field_width="two-thirds"),
            Field.radios("name", legend_size="s", small=True),
            Field.select("agency"),
        )

    def clean(self):
        cleaned = super().clean()
        name, agency = cleaned.get("name"), cleaned.get("agency")
        if name == Role.Name.AGENCY_OFFICER and agency is None:
            self.add_error("agency", "Choose the agency whose actions the officer updates")
        if name and name != Role.Name.AGENCY_OFFICER and agency is not None:
            self.add_error("agency", "Only agency officers belong to an agency: leave it empty")
        return cleaned


class RoleForm(RoleChoiceForm):
    """A partnership admin gives an existing user a role, found by exact username or
    e-mail address. Someone without an account is invited instead (InvitationForm)."""

    person_field = "user"
    user = forms.CharField(
        label="Username or e-mail address",
        help_text="Of someone who already has an account.",
        max_length=254,
    )
    field_order = ["user", "name", "agency"]

    def clean_user(self):
        identifier = self.cleaned_data["user"].strip()
        users = get_user_model().objects.filter(
            Q(username__iexact=identifier) | Q(email__iexact=identifier), is_active=True
        )
        found = list(users[:2])
        if len(found) != 1:
            raise ValidationError(
                "No one has that username or e-mail address"
                if not found
                else "Several accounts have that e-mail address: enter the username"
            )
        return found[0]

    def save(self):
        data = self.cleaned_data
        return grant_role(data["user"], self.partnership, data["name"], data["agency"])


class InvitationForm(RoleChoiceForm):
    """A partnership admin invites someone, by e-mail address, to a role."""

    person_field = "email"
    email = forms.EmailField(
        label="E-mail address",
        help_text="We will send a link to this address. It works once.",
        max_length=254,
        error_messages={"invalid": "Enter an e-mail address like name@example.org"},
    )
    field_order = ["email", "name", "agency"]

    def clean_email(self):
        email = self.cleaned_data["email"].strip()
        if get_user_model().objects.filter(email__iexact=email, is_active=True).exists():
            raise ValidationError(
                "Someone already has an account with this e-mail address: give them a role instead"
            )
        return email


class PartnershipSettingsForm(forms.ModelForm):
    website = forms.URLField(label="Website (optional)", required=False, assume_scheme="https")

    class Meta:
        model = Partnership
        fields = [
            "update_interval_days",
            "rag_amber_gap",
            "rag_red_gap",
            "contact_email",
            "contact_phone",
            "website",
            "public_summary_enabled",
            "publication_needs_approval",
        ]
        labels = {
            "public_summary_enabled": "Publish a public summary",
            "publication_needs_approval": "Agency officers' updates need approval to be published",
            "update_interval_days": "Update interval, in days",
            "rag_amber_gap": "Amber from, in percentage points behind",
            "rag_red_gap": "Red from, in percentage points behind",
            "contact_email": "Contact e-mail address (optional)",
            "contact_phone": "Contact telephone (optional)",
        }
        help_texts = {
            "update_interval_days": (
                "An open action with no progress update for longer than this is listed as "
                "having no recent update, and its officers are reminded."
            ),
            "rag_amber_gap": (
                "For plans that compute RAG: amber when the percentage complete is this many "
                "points behind the share of time that has passed."
            ),
            "rag_red_gap": "Red when it is this many points behind, or more.",
            "public_summary_enabled": (
                "Anyone, without signing in, can then read the published plans' priorities and "
                "actions, and the progress updates a coordinator chose to publish."
            ),
            "publication_needs_approval": (
                "When an agency officer asks to show an update on the public summary, it waits "
                "until a coordinator approves it. Coordinators' own choices need no approval."
            ),
        }
        widgets = {
            "update_interval_days": forms.TextInput(attrs={"inputmode": "numeric"}),
            "rag_amber_gap": forms.TextInput(attrs={"inputmode": "numeric"}),
            "rag_red_gap": forms.TextInput(attrs={"inputmode": "numeric"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["update_interval_days"].validators.append(
            MinValueValidator(1, "The update interval must be at least 1 day")
        )
        for name in ("rag_amber_gap", "rag_red_gap"):
            self.fields[name].validators.append(
                MaxValueValidator(100, "Enter a number of points from 0 to 100")
            )
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Field.text("update_interval_days", label_size="s", field_width=4),
            Field.text("rag_amber_gap", label_size="s", field_width=3),
            Field.text("rag_red_gap", label_size="s", field_width=3),
            Field.text("contact_email", label_size="s", field_width="two-thirds"),
            Field.text("contact_phone", label_size="s", field_width=20),
            Field.text("website", label_size="s", field_width="two-thirds"),
            Field.checkbox("public_summary_enabled", small=True),
            Field.checkbox("publication_needs_approval", small=True),
        )

    def clean(self):
        cleaned = super().clean()
        amber, red = cleaned.get("rag_amber_gap"), cleaned.get("rag_red_gap")
        if amber is not None and red is not None and red < amber:
            self.add_error("rag_red_gap", "Red must start at or beyond amber")
        return cleaned


class HomeSearchForm(forms.Form):
    """The home page's search; Django's CharField refuses what a database cannot compare
    (a NUL character), so junk in the address finds everything rather than failing."""

    q = forms.CharField(required=False, max_length=100, strip=True)

    def search(self) -> str:
        return self.cleaned_data["q"] if self.is_valid() else ""
