"""Where a form goes back to when it is saved: the page the user came from, carried in a
`next` parameter, and, for "Save and next", the actions still to do from My actions in a
`then` parameter (their ids in the order the list showed them)."""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

# More than a page of My actions is never queued; a longer parameter is cut, not refused.
MOST_QUEUED = 100


def safe_next(request, default: str = "") -> str:
    """The `next` address of the request if it is one of ours, else `default`.

    An address on another host, or with a scheme other than http(s), is ignored, so a link
    made by someone else cannot send a user off the site after they save.
    """
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate.startswith("/") and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return default


def queued(request) -> list[int]:
    """The action ids of the `then` parameter; anything that is not an id is dropped."""
    raw = request.POST.get("then") or request.GET.get("then") or ""
    return [int(part) for part in raw.split(",") if part.isdigit()][:MOST_QUEUED]


def add_update_url(action_id: int, back: str = "", then: list[int] | None = None) -> str:
    url = reverse("actions:add_update", args=[action_id])
    query = {}
    if back:
        query["next"] = back
    if then:
        query["then"] = ",".join(str(pk) for pk in then[:MOST_QUEUED])
    return f"{url}?{urlencode(query)}" if query else url


def link_in_turn(actions: list, back: str) -> None:
    """Give each action of a list its "Add update" address: back to the list, with the
    actions after it queued for "Save and next"."""
    ids = [action.pk for action in actions]
    for position, action in enumerate(actions):
        action.add_update_url = add_update_url(action.pk, back, ids[position + 1 :])
