"""Small pieces of the action pages: sortable column headers."""

from django import template

register = template.Library()


@register.inclusion_tag("actions/includes/sortable_header.html", takes_context=True)
def sortable_header(context, param, label):
    """A column header that sorts the list by `param`, and says how it is sorted now.

    The link keeps every filter in the URL and goes back to the first page.
    """
    request = context["request"]
    current = request.GET.get("o", "")
    if current == param:
        direction, next_param = "ascending", f"-{param}"
    elif current == f"-{param}":
        direction, next_param = "descending", param
    else:
        direction, next_param = "none", param
    query = request.GET.copy()
    query["o"] = next_param
    query.pop("page", None)
    return {
        "label": label,
        "direction": direction,
        "href": f"?{query.urlencode()}",
        "next_direction": "descending" if next_param.startswith("-") else "ascending",
    }


@register.simple_tag
def elided_page_range(page_obj):
    """Page numbers around the current one, with an ellipsis for the rest."""
    return list(
        page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=1, on_ends=1)
    )
