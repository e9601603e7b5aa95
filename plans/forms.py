"""Forms of the plan pages (plans/views.py: edit_plan)."""

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout
from django import forms

from actions.forms import GovukDateField
from plans.models import Plan


class PlanForm(forms.ModelForm):
    """What a coordinator changes about a plan: its name, period, status and how its
    actions are rated."""

    period_start = GovukDateField(
        label="Start of the period", error_messages={"required": "Enter the start of the period"}
    )
    period_end = GovukDateField(
        label="End of the period", error_messages={"required": "Enter the end of the period"}
    )

    class Meta:
        model = Plan
        fields = ["title", "kind", "period_start", "period_end", "status", "rag_method"]
        labels = {"rag_method": "How the RAG rating of its actions is set"}
        widgets = {
            "kind": forms.RadioSelect,
            "status": forms.RadioSelect,
            "rag_method": forms.RadioSelect,
        }
        error_messages = {"title": {"required": "Enter the title of the plan"}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = Plan.Kind.choices
        self.fields["status"].choices = Plan.Status.choices
        self.fields["rag_method"].choices = Plan.RagMethod.choices
        self.fields["rag_method"].help_text = (
            "Computed: completed is green, overdue is red, otherwise the percentage complete "
            "is compared with the share of the time that has passed, using the partnership's "
            "thresholds."
        )
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Field.text("title", label_size="s"),
            Field.radios("kind", legend_size="s", small=True),
            Field("period_start", context={"legend_size": "govuk-fieldset__legend--s"}),
            Field("period_end", context={"legend_size": "govuk-fieldset__legend--s"}),
            Field.radios("status", legend_size="s", small=True),
            Field.radios("rag_method", legend_size="s", small=True),
        )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", "The end of the period must be on or after its start")
        return cleaned
