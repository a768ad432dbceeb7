from django import template

from core import quotes

register = template.Library()


@register.filter
def quoted(text) -> str:
    """{{ order.title|quoted }}: «…„…“…»."""
    return quotes.quoted(str(text))


@register.filter
def nested(text) -> str:
    """For a text the template already puts in «…»: «{{ title|nested }}»."""
    return quotes.nested(str(text))
