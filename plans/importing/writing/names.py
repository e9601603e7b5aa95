"""How the writer compares the names a document gives with those in the database."""

import operator
from functools import reduce

from django.db.models import Q


def any_name(names, *fields) -> Q:
    """Rows whose fields hold any of the names, ignoring case, as Agency.objects.resolve
    compares them."""
    return reduce(
        operator.or_, (Q(**{f"{field}__iexact": name}) for name in names for field in fields)
    )


def tidy(name: str) -> str:
    return " ".join(name.split())


def name_key(name: str) -> str:
    return tidy(name).lower()
