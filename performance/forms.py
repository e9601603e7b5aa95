from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout
from django import forms

from actions.forms import GovukDateField


class IssuePackForm(forms.Form):
    """A coordinator issues the pack for a meeting: the meeting's date and the period."""

    meeting_date = GovukDateField(
        label="Date of the meeting",
        help_text="For example, 10 12 2026. The pack is listed under this date.",
        error_messages={"required": "Enter the date of the meeting"},
    )
    period = forms.ChoiceField(
        label="Period the pack covers",
        error_messages={
            "required": "Choose the period the pack covers",
            "invalid_choice": "Choose one of the periods listed",
        },
    )

    def __init__(self, *args, periods, **kwargs):
        super().__init__(*args, **kwargs)
        self.periods = {period.key: period for period in periods}
        self.fields["period"].choices = [(period.key, period.label) for period in periods]
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Field("meeting_date", context={"legend_size": "govuk-fieldset__legend--s"}),
            Field.select("period", label_size="s"),
        )

    @property
    def chosen_period(self):
        return self.periods[self.cleaned_data["period"]]
