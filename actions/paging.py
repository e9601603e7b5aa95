"""Pages of a list too long to count: the action list for a national user."""

from django.core.paginator import Paginator
from django.utils.functional import cached_property

# The most actions the action list counts and pages through (200 pages of 50). Counting
# all 270,000 actions of 15 years at national scale took 0.1 s a page; no one pages past
# the first thousands, they narrow the filters.
COUNTED = 10_000


class BoundedPaginator(Paginator):
    """A Paginator that counts at most `bound` objects, one query that stops there. `more`
    says there were others beyond them, which no page lists."""

    def __init__(self, object_list, per_page, bound=None):
        super().__init__(object_list, per_page)
        self.bound = COUNTED if bound is None else bound

    @cached_property
    def _counted(self) -> int:
        # Order does not change how many there are, and a sort of every row would cost
        # what the bound saves.
        return self.object_list.order_by()[: self.bound + 1].count()

    @cached_property
    def count(self) -> int:
        return min(self._counted, self.bound)

    @property
    def more(self) -> bool:
        return self._counted > self.bound
