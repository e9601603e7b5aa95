"""The JSON that the action list's autocomplete choosers ask for as someone types."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, JsonResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from actions.choices import CHOOSERS, LARGEST_ID, LONGEST_SEARCH, PlanPeriodChoice, suggestions


class ChoiceQuery(forms.Form):
    """The question asked: the text typed and the filters that narrow the answer. A NUL,
    text over LONGEST_SEARCH characters, an unknown period or an id that is not a number
    is refused."""

    q = forms.CharField(required=False, max_length=LONGEST_SEARCH)
    partnership = forms.IntegerField(required=False, min_value=1, max_value=LARGEST_ID)
    period = forms.ChoiceField(required=False, choices=PlanPeriodChoice.CHOICES)


@require_GET
@login_required
def choices(request: HttpRequest, kind: str) -> JsonResponse:
    chooser = CHOOSERS.get(kind)
    if chooser is None:
        raise Http404
    query = ChoiceQuery(request.GET)
    if not query.is_valid():
        # Nothing matches a bad question: an empty list, with what was wrong, and the same
        # status as every page gives a query string it cannot use.
        return JsonResponse({"results": [], "errors": query.errors.get_json_data()})
    found = suggestions(
        chooser,
        request.user,
        text=query.cleaned_data["q"],
        period=query.cleaned_data["period"],
        today=timezone.localdate(),
        partnership=query.cleaned_data["partnership"],
    )
    return JsonResponse({"results": found})
