"""How a change of a figure is written: «+5», «−12,5», «0» (a true minus sign, the decimal comma
of the language)."""

from django import template
from django.template.defaultfilters import floatformat

register = template.Library()


@register.filter
def signed(value) -> str:
    if value is None or value == "":
        return "—"
    sign = "+" if value > 0 else "−" if value < 0 else ""
    return f"{sign}{floatformat(abs(value), '-1')}"
