"""The rows of actions/includes/action_table.html, written in Python.

A list page shows 50 actions; as template markup each row was some forty variable look-ups
and tags, about three times what the bare list of 50 actions costs a row. Here a row is a
few format_html calls. The markup is the table's as it was: each cell says its column in
data-label, for the table stacked on a phone.
"""

from django import template
from django.urls import reverse
from django.utils.dateformat import format as format_date
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from actions.templatetags.action_tags import rag_tag

register = template.Library()

DATE = "j M Y"
OVERDUE = mark_safe('<br><strong class="govuk-tag govuk-tag--red">Overdue</strong>')
STALE = mark_safe('<br><strong class="govuk-tag govuk-tag--yellow">No recent update</strong>')


@register.simple_tag
def action_row(action, here, show_plan=False, show_priorities=False, show_update_link=False):
    """One action's row; `here` is the page's own address, URL-encoded, for `next`."""
    cells = [_title(action, here, show_priorities)]
    if show_plan:
        cells.append(_plan(action.plan))
    cells += [
        _cell("Lead agencies", _leads(action)),
        _short_cell("Due", _due(action)),
        _short_cell("Status", action.get_status_display()),
        _short_cell("RAG", rag_tag(action.rag, action.get_rag_display())),
        _short_cell("Last update", _last_update(action)),
    ]
    if show_update_link:
        cells.append(_update_link(action))
    return format_html('<tr class="govuk-table__row">{}</tr>', _joined(cells))


def _joined(pieces) -> SafeString:
    # Each piece is format_html's, so already escaped.
    return mark_safe("".join(pieces))


def _cell(label, content) -> SafeString:
    return format_html('<td class="govuk-table__cell" data-label="{}">{}</td>', label, content)


def _short_cell(label, content) -> SafeString:
    # Dates, statuses and ratings are short words: their column is never narrower than its
    # longest word, so "In progress" does not break as "progres-s" beside a long title.
    return format_html(
        '<td class="govuk-table__cell app-table__cell--whole-words" data-label="{}">{}</td>',
        label,
        content,
    )


def _title(action, here, show_priorities) -> SafeString:
    link = format_html(
        '<a class="govuk-link" href="{}?next={}">{}</a>',
        action.get_absolute_url(),
        here,
        action.title,
    )
    priorities = list(action.priorities.all()) if show_priorities else []
    if priorities:
        link += format_html(
            '<br><span class="govuk-body-s govuk-!-margin-bottom-0">Priorit{} {}</span>',
            "y" if len(priorities) == 1 else "ies",
            ", ".join(priority.code for priority in priorities),
        )
    return format_html('<td class="govuk-table__cell">{}</td>', link)


def _plan(plan) -> SafeString:
    return _cell(
        "Plan",
        format_html(
            '<a class="govuk-link" href="{}">{}</a><br><span class="govuk-body-s">{}</span>',
            plan.get_absolute_url(),
            plan.title,
            plan.partnership.name,
        ),
    )


def _leads(action) -> SafeString:
    leads = action.leads.all()
    if not leads:
        return "None named"
    return format_html_join(", ", "{}", ((lead.agency.name,) for lead in leads))


def _due(action) -> SafeString:
    if action.due_date:
        due = format_html("{}", format_date(action.due_date, DATE))
    else:
        due = format_html("{}", action.timescale or "No date")
    # Lists that mark lateness annotate it (ActionQuerySet.with_lateness); others do not.
    if getattr(action, "is_overdue", False):
        due += OVERDUE
    return due


def _last_update(action) -> SafeString:
    if action.last_update_on:
        shown = format_html("{}", format_date(action.last_update_on, DATE))
    else:
        shown = mark_safe("Never")
    if getattr(action, "is_stale", False):
        shown += STALE
    return shown


def _update_link(action) -> SafeString:
    url = getattr(action, "add_update_url", "") or reverse("actions:add_update", args=[action.pk])
    return format_html(
        '<td class="govuk-table__cell"><a class="govuk-link" href="{}">Add update'
        '<span class="govuk-visually-hidden"> to {}</span></a></td>',
        url,
        action.title,
    )
