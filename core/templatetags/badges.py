from django import template

from ..badges import badge_class as _badge_class

register = template.Library()


@register.filter
def badge_class(obj, field: str = "status") -> str:
    """`<span class="badge {{ pair|badge_class }}">`: the colour its app registered."""
    return _badge_class(obj, field)
