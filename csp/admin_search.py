"""The admin's search without SELECT DISTINCT: many-valued relations become subqueries.

Django's admin search ORs `icontains` over every search field in one query, joining every
related table the fields name; where a relation has many rows per object (an action's
priorities and lead agencies) the join repeats each object once per related row, and the
changelist then needs SELECT DISTINCT over the whole join: 1.3 s for the admin action
search at 300 partnerships, sorting and de-duplicating every joined row. Here a field
across a many-valued relation is `pk IN (the objects whose related row matches)`, a
subquery PostgreSQL runs once; fields of the object and of its foreign keys (one row each)
stay in the query as Django has them. No row is repeated, so no DISTINCT, and the page's
LIMIT can stop the scan early. Words are ANDed and fields ORed, as Django does, and a
quoted phrase is one word, as in Django.

(A union of one query per table was tried first: it must build the whole union before the
LIMIT, and a word found in most rows, as an agency's name, took 25 s; see
docs/performance.md.)
"""

from django.contrib.admin.utils import lookup_spawns_duplicates
from django.db.models import Q
from django.utils.text import smart_split, unescape_string_literal


class SearchWithoutDistinct:
    """ModelAdmin mixin: the admin search with many-valued relations as subqueries.

    Supports plain search fields (icontains), not the ^, = and @ prefixes."""

    def get_search_results(self, request, queryset, search_term):
        fields = list(self.get_search_fields(request))
        if not fields or not search_term:
            return super().get_search_results(request, queryset, search_term)
        for word in smart_split(search_term):
            if word.startswith(('"', "'")) and word[0] == word[-1]:
                word = unescape_string_literal(word)
            queryset = queryset.filter(any_field_contains(queryset.model, fields, word))
        return queryset, False


def any_field_contains(model, fields, word):
    """Q: any of `fields` of `model` contains `word`; a field across a many-valued relation
    as a subquery of primary keys, so the query repeats no row."""
    condition = Q()
    for field in fields:
        lookup = f"{field}__icontains"
        if lookup_spawns_duplicates(model._meta, lookup):
            matching = model._base_manager.order_by().filter(**{lookup: word}).values("pk")
            condition |= Q(pk__in=matching)
        else:
            condition |= Q(**{lookup: word})
    return condition
