"""The admin changelist's row checkbox, written out rather than rendered by a form widget.

Django renders each row's "select for an action" checkbox through the forms template
engine (a CheckboxInput and two templates per row): a fifth of the admin action list's
time for 100 rows, profiled. The markup is fixed, so it is formatted here instead, the same
characters as Django's (tests/test_admin_rows.py compares them).
"""

from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.utils.html import format_html
from django.utils.translation import gettext as _


class PlainActionCheckbox:
    """ModelAdmin mixin: the row checkbox as formatted HTML, not a rendered widget."""

    def action_checkbox(self, obj):
        label = format_html(_("Select this object for an action - {}"), str(obj))
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" aria-label="{}">',
            ACTION_CHECKBOX_NAME,
            str(obj.pk),
            label,
        )
