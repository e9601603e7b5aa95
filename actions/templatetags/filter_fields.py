"""The action list's filter fields in GOV.UK's markup, written here rather than by
crispy-forms-gds and Django's widget templates.

The form has twelve fields, three of them choosers of up to 21 options; rendered through
crispy (a template and four includes a field) and Django's widgets (a template per option)
it was most of the list's time at any size of data. Each field here is one small template
with its options in a loop. The markup is GOV.UK Frontend's, as crispy-forms-gds writes it:
the same ids, label, hint and error message, aria-describedby and aria-invalid.
"""

from django import forms, template

register = template.Library()

# The attributes of a widget that the list sets (a chooser's source, a search's length),
# written as they are; class, id and name are the field's own.
OWN_ATTRIBUTES = {"class", "id", "name", "aria-describedby", "aria-invalid"}


@register.inclusion_tag("actions/includes/filter_field.html")
def filter_field(field: forms.BoundField) -> dict:
    widget = field.field.widget
    errors = [(f"{field.auto_id}_{n}_error", error) for n, error in enumerate(field.errors, 1)]
    described = ([f"{field.auto_id}_hint"] if field.help_text else []) + [id for id, _ in errors]
    attributes = {name: value for name, value in widget.attrs.items() if name not in OWN_ATTRIBUTES}
    if getattr(field.field, "max_length", None):
        attributes["maxlength"] = field.field.max_length
    context = {
        "field": field,
        "errors": errors,
        "described_by": " ".join(described),
        "attributes": sorted(attributes.items()),
    }
    if isinstance(widget, forms.CheckboxInput):
        context["kind"] = "checkbox"
        context["checked"] = widget.check_test(field.value())
    elif isinstance(widget, forms.Select):
        context["kind"] = "select"
        context["options"] = _options(field)
    else:
        context["kind"] = "input"
        context["value"] = field.value() or ""
    return context


def _options(field: forms.BoundField) -> list[tuple[str, str, bool]]:
    """(value, label, selected) of each choice; the empty choice is selected when nothing
    is, as Django's Select has it."""
    value = field.value()
    chosen = "" if value is None else str(value)
    return [(str(option), label, str(option) == chosen) for option, label in field.field.choices]
