"""Export of the banks of mentees and mentors to .xlsx.

Headers are the file format: they stay Russian whatever the interface language. The
psychologist's confidential notes are never exported. A person who withdrew their processing
consent keeps only the name and the dates of the withdrawal in their row.
"""

from collections.abc import Callable, Iterable
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from core.spreadsheets import russian_label, table_workbook

from ..models import Consent, MenteeEntry, MentorEntry, Person
from ..services.consents import valid_consent_kinds
from . import restriction_text

_Column = tuple[str, int, Callable[[Any], Any]]


def _labels(choices, values: Iterable[str]) -> str:
    known = {value: label for value, label in choices}
    return "; ".join(str(known.get(value, value)) for value in values)


def _russian(choice_class, values: Iterable[str]) -> str:
    return _labels([(c.value, russian_label(c)) for c in choice_class], values)


def _names(items) -> str:
    return ", ".join(item.name for item in items)


def _place(person: Person) -> str:
    return f"{person.class_name} класс" if person.class_name else person.position


def _consent(entry) -> str:
    if restriction := entry.person.restriction:
        return restriction_text(restriction)
    valid = Consent.Kind.PROCESSING in valid_consent_kinds(entry.person, timezone.localdate())
    return "есть" if valid else "нет"


def _person_columns() -> list[_Column]:
    return [
        ("ФИО", 36, lambda e: e.person.full_name),
        ("Вид участника", 24, lambda e: russian_label(Person.Kind(e.person.kind))),
        ("Должность / класс", 28, lambda e: _place(e.person)),
    ]


def _entry_columns(status_class) -> list[_Column]:
    return [
        ("Статус", 18, lambda e: russian_label(status_class(e.status))),
        ("Согласие на обработку ПДн", 16, _consent),
        ("Желаемые формы наставничества", 30, lambda e: _names(e.preferred_forms.all())),
        ("Комментарий", 30, lambda e: e.comment),
    ]


MENTEE_COLUMNS: list[_Column] = [
    *_person_columns(),
    ("Категории", 40, lambda e: _russian(MenteeEntry.Category, e.categories)),
    ("Запросы", 40, lambda e: _names(e.requests.all())),
    ("Запрос своими словами", 40, lambda e: e.requests_text),
    ("Источники запроса", 30, lambda e: _russian(MenteeEntry.Source, e.request_sources)),
    *_entry_columns(MenteeEntry.Status),
]

MENTOR_COLUMNS: list[_Column] = [
    *_person_columns(),
    ("Предметы", 28, lambda e: _names(e.person.subjects.all())),
    ("Педагогический стаж, лет", 12, lambda e: e.person.experience_years()),
    (
        "Квалификационная категория",
        20,
        lambda e: russian_label(Person.Category(e.person.category)),
    ),
    ("Основания", 40, lambda e: _russian(MentorEntry.Ground, e.grounds)),
    ("Компетенции", 40, lambda e: _names(e.competences.all())),
    ("Наставляемых одновременно", 12, lambda e: e.capacity),
    ("Дата собеседования", 14, lambda e: e.interview_date),
    ("Итог собеседования", 28, lambda e: e.interview_result),
    (
        "Присутствовал педагог-психолог",
        14,
        lambda e: "да" if e.interview_psychologist_present else "нет",
    ),
    ("Курс обучения (КПК)", 30, lambda e: e.training_course),
    ("Часов", 8, lambda e: e.training_hours),
    ("Дата окончания обучения", 14, lambda e: e.training_date),
    ("Номер удостоверения", 18, lambda e: e.training_certificate),
    *_entry_columns(MentorEntry.Status),
]


_RESTRICTED_SHOWN = ("ФИО", "Согласие на обработку ПДн")


def _restricted_blank(columns: list[_Column]) -> list[_Column]:
    """The columns, each empty in a restricted person's row but for the name and the consent."""

    def blank(value: Callable[[Any], Any]) -> Callable[[Any], Any]:
        return lambda e: None if e.person.restriction else value(e)

    return [
        (header, width, value if header in _RESTRICTED_SHOWN else blank(value))
        for header, width, value in columns
    ]


def mentee_export_workbook(entries: Iterable[MenteeEntry]) -> bytes:
    """Entries with the person, requests, preferred forms and consents prefetched."""
    return table_workbook(_("Наставляемые"), _restricted_blank(MENTEE_COLUMNS), entries)


def mentor_export_workbook(entries: Iterable[MentorEntry]) -> bytes:
    """Entries with the person, subjects, competences, preferred forms and consents prefetched."""
    return table_workbook(_("Наставники"), _restricted_blank(MENTOR_COLUMNS), entries)
