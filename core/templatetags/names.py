"""`{{ person|case:"dative" }}`: a name in the case the sentence around it needs."""

from django import template

from core.names import decline, decline_person

register = template.Library()


@register.filter(name="case")
def case(value, case_name: str) -> str:
    """A person (full name) or a plain «Фамилия Имя Отчество» string, declined."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        return decline(value, case_name)
    return decline_person(value, case_name)


@register.filter(name="short_case")
def short_case(value, case_name: str) -> str:
    """A person as «Фамилия И.О.», the surname declined: «куратором Кравченко Л.Н.»."""
    if value is None or value == "":
        return ""
    return decline_person(value, case_name, short=True)
