"""The admin changelist's count, only as far as the page links need it.

Django's changelist counts every row of the filtered list for its paginator: at 270,000
actions, and over a search that matches against every column, that count reads the whole
table on every page. Here the count stops a few pages past the requested one (a LIMIT in a
subquery, on any database): the list links to the pages it knows exist and says "more than"
the number counted. A count below the cap is exact, so small lists are shown as Django
shows them.
"""

from django.contrib.admin.views.main import PAGE_VAR
from django.core.paginator import Paginator
from django.utils.functional import cached_property

# Pages counted past the requested one: the page links Django shows after it.
PAGES_AHEAD = 3
# A page asked for past this is past any list here: the count stops anyway (no LIMIT
# too big for the database), and the changelist answers that the page does not exist.
FURTHEST_PAGE = 1_000_000


class CountUpToPaginator(Paginator):
    """A paginator whose count stops at `up_to` + 1 rows: a list with more says so
    (`counted_all` is False) and links to no page past those it knows exist."""

    def __init__(self, object_list, per_page, *args, up_to, **kwargs):
        super().__init__(object_list, per_page, *args, **kwargs)
        self.up_to = up_to

    @cached_property
    def count(self):
        return self.object_list.order_by()[: self.up_to + 1].count()

    @property
    def counted_all(self):
        return self.count <= self.up_to

    def get_elided_page_range(self, number=1, *, on_each_side=3, on_ends=2):
        pages = list(
            super().get_elided_page_range(number, on_each_side=on_each_side, on_ends=on_ends)
        )
        if self.counted_all:
            return pages
        # The last page is not known: end with the requested page's neighbours, then "…".
        number = self.validate_number(number)
        shown = [page for page in pages if page == self.ELLIPSIS or page <= number + on_each_side]
        if shown[-1] != self.ELLIPSIS:
            shown.append(self.ELLIPSIS)
        return shown


class CountUpToPages:
    """ModelAdmin mixin: the changelist counts its rows only a few pages past the page asked
    for, and never fewer than "show all" would list, so "show all" is offered only for a
    list counted in full."""

    def get_paginator(self, request, queryset, per_page, orphans=0, allow_empty_first_page=True):
        page = _page_number(request.GET.get(PAGE_VAR))
        up_to = max((page + PAGES_AHEAD) * per_page, self.list_max_show_all)
        return CountUpToPaginator(queryset, per_page, orphans, allow_empty_first_page, up_to=up_to)


def _page_number(value):
    """The page asked for, as the changelist reads it (1 for anything but a number)."""
    try:
        return min(max(int(value or 1), 1), FURTHEST_PAGE)
    except ValueError:
        return 1
