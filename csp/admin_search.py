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

On PostgreSQL every field across a relation, a foreign key's too, is instead
`column = ANY(ARRAY(subquery))` on the object's own column (the foreign key, or the primary
key for a many-valued relation): each branch of the OR is then one an index answers (the
trigram indexes on the object's text columns, the B-trees on its keys), so PostgreSQL can
OR their bitmaps rather than test every row. A word found nowhere went from 3 s to 77 ms at
300 partnerships; see docs/performance.md, "Admin at scale".
"""

from django.contrib.admin.utils import lookup_spawns_duplicates
from django.db import connections
from django.db.models import F, Lookup, Q
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
            queryset = queryset.filter(
                any_field_contains(queryset.model, fields, word, queryset.db)
            )
        return queryset, False


def any_field_contains(model, fields, word, using="default"):
    """Q: any of `fields` of `model` contains `word`; a field across a many-valued relation
    as a subquery of primary keys, so the query repeats no row; on PostgreSQL every field
    across a relation as `ANY(ARRAY(subquery))` on a column of the model's own."""
    postgresql = connections[using].vendor == "postgresql"
    condition = Q()
    for field in fields:
        if postgresql:
            condition |= _contains_by_own_column(model, field, word)
            continue
        lookup = f"{field}__icontains"
        if lookup_spawns_duplicates(model._meta, lookup):
            matching = model._base_manager.order_by().filter(**{lookup: word}).values("pk")
            condition |= Q(pk__in=matching)
        else:
            condition |= Q(**{lookup: word})
    return condition


def _contains_by_own_column(model, field, word):
    """Q for PostgreSQL: `field` contains `word`, tested on a column of `model` itself."""
    first, _, rest = field.partition("__")
    relation = model._meta.get_field(first)
    if not rest or not relation.is_relation:
        return Q(**{f"{field}__icontains": word})
    if relation.many_to_one or (relation.one_to_one and relation.concrete):
        # A foreign key: its own column among the related rows that match.
        column = relation
        related = relation.related_model._base_manager.order_by()
        matching = related.filter(**{f"{rest}__icontains": word}).values(
            relation.target_field.attname
        )
    else:
        column = model._meta.pk
        matching = _keys_whose_related_row_contains(model, relation, rest, word)
    from django.contrib.postgres.expressions import ArraySubquery

    return Q(EqualsAnyOf(F(column.attname), ArraySubquery(matching)))


def _keys_whose_related_row_contains(model, relation, rest, word):
    """The primary keys of `model` with a row across the many-valued `relation` whose `rest`
    contains `word`: read from the relation's own table (the link table of a many-to-many,
    the related table of a reverse foreign key), not joined back to the model's."""
    if relation.many_to_many and not relation.auto_created:
        links = relation.remote_field.through
        source = links._meta.get_field(relation.m2m_field_name())
        lookup = f"{relation.m2m_reverse_field_name()}__{rest}__icontains"
        return links._base_manager.order_by().filter(**{lookup: word}).values(source.attname)
    if relation.one_to_many:
        related = relation.related_model._base_manager.order_by()
        return related.filter(**{f"{rest}__icontains": word}).values(relation.field.attname)
    lookup = f"{relation.name}__{rest}__icontains"
    return model._base_manager.order_by().filter(**{lookup: word}).values("pk")


class EqualsAnyOf(Lookup):
    """`column = ANY(ARRAY(subquery))`: the subquery runs once, and the condition is one an
    index on the column answers, unlike `column IN (subquery)` inside an OR."""

    lookup_name = "equals_any_of"

    def as_sql(self, compiler, connection):
        column, column_params = self.process_lhs(compiler, connection)
        array, array_params = compiler.compile(self.rhs)
        return f"{column} = ANY({array})", (*column_params, *array_params)
