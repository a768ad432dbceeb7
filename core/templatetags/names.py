"""`{{ person|case:"dative" }}`: a name in the case the sentence around it needs."""

from django import template

from core.names import (
    FEMALE,
    decline,
    decline_organisation,
    decline_person,
    gender_of,
    in_sentence,
)

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


@register.filter(name="gendered")
def gendered(person, forms: str) -> str:
    """`{{ person|gendered:"несовершеннолетнего,несовершеннолетней" }}`: the word for the
    person's gender (the record's, else the patronymic's); the masculine when neither tells."""
    masculine, _sep, feminine = forms.partition(",")
    gender = gender_of(person.first_name, person.patronymic, getattr(person, "gender", "") or "")
    return feminine if gender == FEMALE and feminine else masculine


@register.filter(name="in_sentence")
def position_in_sentence(value) -> str:
    """`{{ name }}, {{ person.position|in_sentence }}`: «Анна Петровна, учитель математики»."""
    return in_sentence(str(value or ""))


@register.filter(name="org_case")
def org_case(value, case_name: str) -> str:
    """An organisation (its full name) or a plain name, declined: «даю согласие Муниципальному
    автономному общеобразовательному учреждению «…»»."""
    if value is None or value == "":
        return ""
    name = value if isinstance(value, str) else value.full_name
    return decline_organisation(name, case_name)
