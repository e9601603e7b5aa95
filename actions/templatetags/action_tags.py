"""Small pieces of the action pages: sortable column headers, RAG tags.

Written with format_html rather than included templates: a list of 50 actions renders a
RAG tag on every row, and an include a row was a good part of the page's time.
"""

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()

# The arrow after a sorted column's label; the header's aria-sort says it to screen readers.
ARROWS = {
    "ascending": mark_safe(' <span aria-hidden="true">▲</span>'),
    "descending": mark_safe(' <span aria-hidden="true">▼</span>'),
}


@register.simple_tag
def rag_tag(rag, label):
    """A RAG rating as a GOV.UK tag in the rating's colour."""
    return format_html('<strong class="govuk-tag app-tag--{}">{}</strong>', rag, label)


@register.simple_tag(takes_context=True)
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
    next_direction = "descending" if next_param.startswith("-") else "ascending"
    return format_html(
        '<th scope="col" class="govuk-table__header" aria-sort="{}"><a class="govuk-link '
        'app-sort-link" href="{}">{}<span class="govuk-visually-hidden">, sort {}</span></a>'
        "{}</th>",
        direction,
        f"?{query.urlencode()}",
        label,
        next_direction,
        ARROWS.get(direction, ""),
    )


@register.simple_tag
def elided_page_range(page_obj):
    """Page numbers around the current one, with an ellipsis for the rest."""
    return list(
        page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=1, on_ends=1)
    )
