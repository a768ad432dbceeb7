"""The school's people as an import matches rows to them: by e-mail, else by full name and
birth date. Shared by the staff and bank imports."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils.translation import gettext as _

from core.spreadsheets import cell_text

from ..models import Organisation, Person
from ..models.consents import restricted
from .staff_rows import CellError, match_key

NAME_FIELDS = ("last_name", "first_name", "patronymic")


def row_name(cells: dict[str, Any]) -> str:
    """A row's name as written in the file."""
    keys = ("fio",) if "fio" in cells else NAME_FIELDS
    return " ".join(cell_text(cells.get(key)) for key in keys).strip()


@dataclass
class _Entry:
    """Someone in the directory, or someone a row of the file is going to add."""

    email: str
    name: tuple[str, ...]
    birth_date: date | None
    class_name: tuple[int, str] | None = None  # a student's (grade, letter)
    person: Person | None = None
    row: int | None = None  # the file row that writes to this entry
    restricted: bool = False  # the person withdrew their processing consent


class PersonDirectory:
    """The organisation's people, matched by e-mail, else by full name and birth date."""

    def __init__(self, organisation: Organisation):
        self._by_email: dict[str, list[_Entry]] = defaultdict(list)
        self._by_name: dict[tuple[str, ...], list[_Entry]] = defaultdict(list)
        people = (
            Person.objects.filter(organisation=organisation)
            .annotate(is_restricted=restricted())
            .prefetch_related("subjects")
        )
        for person in people:
            name = tuple(match_key(getattr(person, f)) for f in NAME_FIELDS)
            class_name = (person.grade, person.class_letter.upper()) if person.grade else None
            entry = _Entry(
                person.email.casefold(),
                name,
                person.birth_date,
                class_name,
                person,
                restricted=person.is_restricted,
            )
            self._add(entry)

    def positions(self) -> list[str]:
        """The positions the school's people hold, as the school spells them."""
        return [e.person.position for entries in self._by_name.values() for e in entries]

    def _add(self, entry: _Entry) -> None:
        if entry.email:
            self._by_email[entry.email].append(entry)
        self._by_name[entry.name].append(entry)

    def claim(self, row: int, data: dict[str, Any]) -> _Entry:
        """The entry this row writes to; a new one when nobody matches."""
        email = data.get("email", "").casefold()
        name = tuple(match_key(data.get(f, "")) for f in NAME_FIELDS)
        birth_date = data.get("birth_date")
        found = self._by_email.get(email, []) if email else []
        if not found:
            # Two different e-mails mean two different people, whatever their names.
            namesakes = [
                e
                for e in self._by_name.get(name, [])
                if not (email and e.email and e.email != email)
            ]
            found = [e for e in namesakes if e.birth_date == birth_date] or [
                e for e in namesakes if None in (e.birth_date, birth_date)
            ]
        row_class = (data["grade"], data.get("class_letter", "")) if data.get("grade") else None
        if len(found) > 1 and row_class:
            # Namesakes among students: the class of the row may tell them apart.
            found = [e for e in found if e.class_name == row_class] or found
        if len(found) > 1:
            raise CellError(
                _(
                    "В справочнике несколько человек с такими ФИО — добавьте e-mail или дату "
                    "рождения, чтобы различить их."
                )
            )
        if found and found[0].restricted:
            raise CellError(
                _(
                    "Этот человек отозвал согласие на обработку персональных данных: его данные "
                    "не изменяются."
                )
            )
        if found and found[0].row is not None:
            raise CellError(_("Этот человек уже есть в строке %(row)s.") % {"row": found[0].row})
        entry = found[0] if found else _Entry(email, name, birth_date)
        if not found:
            self._add(entry)
        entry.row = row
        return entry
