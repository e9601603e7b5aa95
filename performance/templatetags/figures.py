"""Figures as the pages print them: thousands separated, no trailing zeros, signed changes."""

from decimal import Decimal

from django import template

register = template.Library()


@register.filter
def figure(value):
    """1184.000 -> "1,184"; 12.500 -> "12.5"; None -> "No figure"."""
    if value is None:
        return "No figure"
    value = Decimal(value)
    if value == value.to_integral_value():
        return f"{int(value):,}"
    return f"{value.normalize():,f}"


@register.filter
def absolute(value):
    return None if value is None else abs(value)


@register.filter
def signed(value):
    """A difference with its sign: +3, -3, 0."""
    if value is None:
        return ""
    text = figure(value)
    return f"+{text}" if value > 0 else text


@register.filter
def percent_change(change):
    """A Change's percentage with its sign, or why there is none."""
    if change is None:
        return ""
    if change.percent is None:
        return "no % (previous figure 0)"
    sign = "+" if change.percent > 0 else ""
    return f"{sign}{change.percent}%"


@register.inclusion_tag("performance/includes/judgement.html")
def judgement(better):
    """Better, worse or no change, in words (and a colour that is never the only signal)."""
    return {"better": better}
