"""`{{ organisation.full_name|nobreak }}`: a number stays on the line of its sign, as in print."""

import re

from django import template

register = template.Library()

# «№ 7», «г. Березники», «д. 29», «кв. 5»: the sign or abbreviation never ends a line.
_BOUND = re.compile(r"(?<!\w)(№|г\.|д\.|ул\.|кв\.|пр\.|корп\.|стр\.) ")


@register.filter
def nobreak(value) -> str:
    if value is None:
        return ""
    return _BOUND.sub("\\1\u00a0", str(value))
