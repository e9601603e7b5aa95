"""The service navigation: one list, each item shown to whom it concerns."""

from django.contrib.auth.models import AnonymousUser
from django.urls import NoReverseMatch, reverse

# (label, URL name, who sees it: "all", "users" or "staff")
ITEMS = [
    ("Home", "home", "all"),
    ("My actions", "actions:mine", "users"),
    ("All actions", "actions:list", "users"),
    ("Dashboards", "performance:index", "users"),
    ("Your account", "account:index", "users"),
    ("Admin", "admin:index", "staff"),
]


def navigation(request):
    # A request refused before the authentication middleware (a 400 for a bad Host) has no
    # user; its error page still renders this.
    user = getattr(request, "user", None) or AnonymousUser()
    shown = {"all", "users"} if user.is_authenticated else {"all"}
    if user.is_authenticated and user.is_staff:
        shown.add("staff")
    items = []
    for label, url_name, audience in ITEMS:
        if audience not in shown:
            continue
        try:
            url = reverse(url_name)
        except NoReverseMatch:  # a page not built yet
            continue
        items.append({"label": label, "url": url, "active": False})
    current = current_item(request.path, items)
    if current is not None:
        current["active"] = True
    return {"navigation_items": items}


def current_item(path: str, items: list[dict]) -> dict | None:
    """The one item the page belongs to: the longest address the path starts with, so My
    actions (/actions/mine/) is current there, not All actions (/actions/) as well. Home
    is current only on the home page itself."""
    matching = [
        item
        for item in items
        if (path == "/" if item["url"] == "/" else path.startswith(item["url"]))
    ]
    return max(matching, key=lambda item: len(item["url"]), default=None)
