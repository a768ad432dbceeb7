"""Export of the curator's overview of pairs and groups to .xlsx.

Headers are the file format: they stay Russian whatever the interface language. A member
who withdrew their processing consent is named with the dates of the withdrawal only.
"""

from collections.abc import Iterable

from django.utils.translation import gettext as _

from core.spreadsheets import russian_label, table_workbook

from ..models import MentoringPair, Person
from . import restriction_text


def _name(person: Person) -> str:
    restriction = person.restriction
    return (
        f"{person.full_name} ({restriction_text(restriction)})" if restriction else person.full_name
    )


def _names(entries) -> str:
    return ", ".join(_name(entry.person) for entry in entries)


PAIR_COLUMNS = [
    ("Наставник", 32, lambda p: _name(p.mentor.person)),
    ("Со-наставник", 32, lambda p: _name(p.co_mentor.person) if p.co_mentor else ""),
    ("Наставляемые", 48, lambda p: _names(p.mentees.all())),
    ("Форма наставничества", 28, lambda p: p.form.name),
    ("Ролевая модель", 32, lambda p: p.role_model.name if p.role_model else ""),
    ("Вид наставничества", 24, lambda p: p.mentoring_type.name),
    ("Начало", 12, lambda p: p.start_date),
    ("Окончание", 12, lambda p: p.end_date),
    ("Статус", 18, lambda p: russian_label(MentoringPair.Status(p.status))),
    ("Пунктов плана выполнено", 12, lambda p: p.items_done),
    ("Пунктов плана всего", 12, lambda p: p.items_total),
    ("Последняя встреча", 14, lambda p: p.last_meeting),
    ("Ближайшая встреча", 14, lambda p: p.next_meeting),
    ("Встреч без отзывов", 12, lambda p: p.missing_feedback),
    ("Причина расформирования", 32, lambda p: p.dissolved_reason),
]


def pair_export_workbook(pairs: Iterable[MentoringPair]) -> bytes:
    """Pairs from selectors.pairs.pairs_of_year, each with `missing_feedback` set."""
    return table_workbook(_("Пары и группы"), PAIR_COLUMNS, pairs)
