import datetime

from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout
from django import forms
from django.core.validators import MaxValueValidator
from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone

from actions.models import Action, ProgressUpdate, Rag, Status
from partnerships.models import Agency, Membership


class GovukDateField(DateInputField):
    """A GOV.UK date input (day, month, year) with messages a person can act on."""

    def __init__(self, *, error_messages=None, **kwargs):
        super().__init__(**kwargs)
        self.error_messages.update(error_messages or {})
        for subfield, placeholder in zip(self.fields, ("Day", "Month", "Year"), strict=True):
            subfield.validators[0].message = f"{placeholder} must be a number"
        for widget in self.widget.widgets:
            widget.attrs["inputmode"] = "numeric"

    def compress(self, data_list):
        try:
            return super().compress(data_list)
        except forms.ValidationError:
            raise forms.ValidationError("Enter a real date") from None


class ProgressUpdateForm(forms.ModelForm):
    """Text first (it has the focus), then date, status, RAG and the optional numbers: the
    order an officer fills them in, one submit button."""

    date = GovukDateField(
        label="Date of the update",
        help_text="For example, 27 3 2026. Today unless you change it.",
        error_messages={"required": "Enter the date of the update"},
    )

    class Meta:
        model = ProgressUpdate
        fields = ["text", "date", "status", "rag", "percent_complete", "figure", "unit"]
        labels = {
            "text": "What has happened since the last update?",
            "rag": "RAG rating",
            "percent_complete": "Percentage complete (optional)",
            "figure": "Figure (optional)",
            "unit": "Unit of the figure (optional)",
        }
        error_messages = {
            "text": {"required": "Enter what has happened since the last update"},
            "status": {"required": "Choose the status of the action"},
            "rag": {"required": "Choose the RAG rating"},
            "percent_complete": {"invalid": "Enter the percentage complete as a whole number"},
            "figure": {"invalid": "Enter the figure as a number, for example 12 or 4.5"},
        }
        help_texts = {
            "percent_complete": "A whole number from 0 to 100.",
            "figure": "A number the action reports, for example 12 events or 450 people.",
            "unit": "For example: events, people, visits.",
        }
        widgets = {
            "text": forms.Textarea(attrs={"rows": 5, "autofocus": True}),
            "status": forms.RadioSelect,
            "rag": forms.RadioSelect,
            "percent_complete": forms.TextInput(attrs={"inputmode": "numeric"}),
            "figure": forms.TextInput(attrs={"inputmode": "decimal"}),
        }

    show_publicly = forms.BooleanField(
        label="Show on the public summary",
        required=False,
        initial=False,
    )

    def __init__(
        self,
        *args,
        action: Action,
        today: datetime.date | None = None,
        can_publish: bool = False,
        **kwargs,
    ):
        self.action = action
        self.today = today or timezone.localdate()
        kwargs.setdefault(
            "initial", {"date": self.today, "status": action.status, "rag": action.rag}
        )
        super().__init__(*args, **kwargs)
        self.fields["show_publicly"].help_text = publication_hint(action, can_publish)
        self.fields["status"].choices = Status.choices
        self.fields["status"].required = True
        if action.uses_computed_rag:
            # The plan computes the rating; nobody types it.
            del self.fields["rag"]
        else:
            self.fields["rag"].choices = Rag.choices
            self.fields["rag"].required = True
        self.fields["percent_complete"].validators.append(
            MaxValueValidator(100, "The percentage complete must be 100 or less")
        )
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Field.textarea("text", rows=5, label_size="s"),
            Field("date", context={"legend_size": "govuk-fieldset__legend--s"}),
            Field.radios("status", legend_size="s", small=True),
            *([Field.radios("rag", legend_size="s", small=True)] if "rag" in self.fields else []),
            Field.text("percent_complete", field_width=3),
            Field.text("figure", field_width=10),
            Field.text("unit", field_width=20),
            Field.checkbox("show_publicly", small=True),
        )

    def progress_values(self) -> dict:
        """The cleaned values that are fields of the update itself."""
        return {name: self.cleaned_data[name] for name in self._meta.fields if name in self.fields}

    def clean_date(self):
        date = self.cleaned_data["date"]
        if date and date > self.today:
            raise forms.ValidationError("The date of the update must be today or in the past")
        return date

    def clean(self):
        cleaned = super().clean()
        percent = cleaned.get("percent_complete")
        if cleaned.get("status") == Status.COMPLETED and percent is not None and percent < 100:
            self.add_error(
                "percent_complete", "A completed action is 100% complete: change one of them"
            )
        if cleaned.get("unit") and cleaned.get("figure") is None:
            self.add_error("figure", "Enter the figure, or leave the unit empty")
        return cleaned


def publication_hint(action: Action, can_publish: bool) -> str:
    """What the public will see if the box is ticked, and what happens next."""
    partnership = action.plan.partnership
    hint = (
        "Leave this unticked to keep the update to people with a role in the partnership. "
        "If you tick it, anyone can read the text and date of this update beside the action "
        "on the partnership's public summary, without your name."
    )
    if not can_publish and partnership.publication_needs_approval:
        hint += " A coordinator must approve it first."
    if action.plan.status != action.plan.Status.PUBLISHED:
        hint += " This plan is not published, so nothing of it is public yet."
    elif not partnership.public_summary_enabled:
        hint += " The public summary is switched off at the moment."
    return hint


def agencies_for(action: Action, today: datetime.date | None = None):
    """Agencies offered as leads or partners: the partnership's current members, then any
    agency the action already names that is not one (imported plans name agencies that left,
    or were never members), annotated is_member. Former members are not offered otherwise."""
    year = (today or timezone.localdate()).year
    current = Membership.objects.filter(
        Q(to_year__isnull=True) | Q(to_year__gte=year),
        Q(from_year__isnull=True) | Q(from_year__lte=year),
        partnership_id=action.plan.partnership_id,
    )
    offered = Q(pk__in=current.values("agency_id"))
    if action.pk:
        offered |= Q(action_leads__action=action) | Q(partnered_actions=action)
    is_member = Exists(current.filter(agency_id=OuterRef("pk")))
    return (
        Agency.objects.filter(offered)
        .distinct()
        .annotate(is_member=is_member)
        .order_by(F("is_member").desc(), "name")
    )


def agency_label(agency: Agency) -> str:
    return agency.name if agency.is_member else f"{agency.name} (not a current member)"


class ActionForm(forms.ModelForm):
    """A coordinator's form for one action. The version field carries the version the form
    was opened at, for optimistic locking (see actions/editing.py)."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    lead_agencies = forms.ModelMultipleChoiceField(
        queryset=Agency.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="The first lead agency stays first; agencies you add are listed after it.",
    )
    start_date = GovukDateField(label="Start date (optional)", required=False)
    due_date = GovukDateField(label="Due date (optional)", required=False)

    class Meta:
        model = Action
        fields = [
            "title",
            "description",
            "priorities",
            "partner_agencies",
            "target",
            "timescale",
            "start_date",
            "due_date",
            "status",
            "rag",
        ]
        labels = {"title": "Action", "rag": "RAG rating", "timescale": "Timescale as written"}
        widgets = {
            "title": forms.Textarea(attrs={"rows": 2}),
            "description": forms.Textarea(attrs={"rows": 4}),
            "target": forms.Textarea(attrs={"rows": 3}),
            "priorities": forms.CheckboxSelectMultiple,
            "partner_agencies": forms.CheckboxSelectMultiple,
            "status": forms.RadioSelect,
            "rag": forms.RadioSelect,
        }
        help_texts = {"timescale": "For example: July to September, Ongoing."}
        error_messages = {
            "title": {"required": "Enter the action"},
            "status": {"required": "Choose the status of the action"},
            "rag": {"required": "Choose the RAG rating"},
        }

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.plan = plan
        self.fields["priorities"].queryset = plan.priorities.order_by("order", "code")
        self.fields["priorities"].label_from_instance = lambda p: f"{p.code}: {p.title}"
        agencies = agencies_for(self.instance)
        for name in ("lead_agencies", "partner_agencies"):
            self.fields[name].queryset = agencies
            self.fields[name].label_from_instance = agency_label
        self.fields["partner_agencies"].required = False
        self.fields["status"].choices = Status.choices
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
            self.fields["lead_agencies"].initial = [
                lead.agency_id for lead in self.instance.leads.all()
            ]
        if plan.rag_method == plan.RagMethod.COMPUTED:
            del self.fields["rag"]
        else:
            self.fields["rag"].choices = Rag.choices
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            "version",
            Field.textarea("title", rows=2, label_size="s"),
            Field.textarea("description", rows=4, label_size="s"),
            Field.checkboxes("priorities", legend_size="s", small=True),
            Field.checkboxes("lead_agencies", legend_size="s", small=True),
            Field.checkboxes("partner_agencies", legend_size="s", small=True),
            Field.textarea("target", rows=3, label_size="s"),
            Field.text("timescale", label_size="s", field_width="two-thirds"),
            Field("start_date", context={"legend_size": "govuk-fieldset__legend--s"}),
            Field("due_date", context={"legend_size": "govuk-fieldset__legend--s"}),
            Field.radios("status", legend_size="s", small=True),
            *([Field.radios("rag", legend_size="s", small=True)] if "rag" in self.fields else []),
        )

    def clean(self):
        cleaned = super().clean()
        start, due = cleaned.get("start_date"), cleaned.get("due_date")
        if start and due and due < start:
            self.add_error("due_date", "The due date must be on or after the start date")
        return cleaned

    def ordered_lead_agencies(self):
        """The chosen lead agencies: those already leading keep their order, new ones follow
        in name order."""
        chosen = {agency.pk: agency for agency in self.cleaned_data["lead_agencies"]}
        kept = [lead.agency_id for lead in self.instance.leads.all() if lead.agency_id in chosen]
        added = sorted(set(chosen) - set(kept), key=lambda pk: chosen[pk].name.lower())
        return [chosen[pk] for pk in kept + added]
