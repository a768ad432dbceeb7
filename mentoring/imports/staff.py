"""Staff import: what an uploaded file would change in the directory, and writing it.

Nothing reaches Person until the user confirms the preview; a worker then applies the file
(see queue.py). At that moment the matches are worked out again, so people added in the
meantime are updated rather than duplicated.
"""

from collections import Counter
from datetime import date
from typing import Any

from django.utils import timezone
from django.utils.text import capfirst

from core.spreadsheets import SpreadsheetTable

from ..models import Duty, Organisation, Person, StaffImport, Subject
from ..services.people import subjects_by_names
from .directory import NAME_FIELDS, PersonDirectory, row_name
from .preview import dates_restored, preview_row
from .staff_rows import CellError, Spellings, name_header, parse_row


def _shown(field: str, value: Any) -> str:
    if value in (None, "", []):
        return "—"
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    if field == "category":
        return str(Person.Category(value).label)
    if field == "kind":
        return str(Person.Kind(value).label)
    if field == "subjects":
        return ", ".join(value)
    if field == "duties":
        return ", ".join(str(Duty(duty).label) for duty in value)
    return str(value)


def _summary(data: dict[str, Any]) -> str:
    """What a new person's row says at a glance: position, e-mail and duties with the class."""
    duties = [
        f"{Duty(d).label} {data['homeroom']}"
        if d == Duty.CLASS_TEACHER and data.get("homeroom")
        else str(Duty(d).label)
        for d in data.get("duties", ())
    ]
    return " · ".join(v for v in (data.get("position"), data.get("email"), ", ".join(duties)) if v)


def _changes(person: Person, data: dict[str, Any]) -> list[dict[str, str]]:
    changes = []
    for field, new in data.items():
        if field == "subjects":
            old = [s.name for s in person.subjects.all()]
            same = {s.casefold() for s in old} == {s.casefold() for s in new}
        else:
            old = getattr(person, field)
            same = old == new
        if not same:
            label = str(capfirst(Person._meta.get_field(field).verbose_name))
            changes.append({"field": label, "old": _shown(field, old), "new": _shown(field, new)})
    return changes


# The import itself.


def staff_rows_plan(staff_import: StaffImport, staff_file: SpreadsheetTable) -> list[dict]:
    """Every row of the file planned against the directory; nothing is written."""
    organisation = staff_import.organisation
    today = timezone.localdate()
    directory = PersonDirectory(organisation)
    spellings = Spellings(
        subjects=Subject.objects.values_list("name", flat=True),
        positions=directory.positions(),
    )
    rows = []
    for number, cells in staff_file.rows:
        data, errors, warnings = parse_row(
            cells, staff_file.headers, spellings=spellings, today=today
        )
        person = None
        if not errors:
            try:
                person = directory.claim(number, data).person
            except CellError as exc:
                errors.append({"column": name_header(staff_file.headers), "message": str(exc)})
        row = preview_row(
            number=number,
            name=" ".join(data.get(f, "") for f in NAME_FIELDS).strip() or row_name(cells),
            person=person,
            existing=person,
            data=data,
            changes=_changes(person, data) if person and not errors else [],
            errors=errors,
            warnings=warnings,
        )
        row["summary"] = _summary(data)
        rows.append(row)
    return rows


def staff_rows_write(staff_import: StaffImport) -> Counter:
    """Write the previewed rows of a staff file; rows with errors are skipped."""
    organisation = staff_import.organisation
    rows = [
        (r["row"], dates_restored(r["data"], ("birth_date",)))
        for r in staff_import.rows
        if r["action"] != "error"
    ]
    names = {n.casefold(): n for _, data in rows for n in data.get("subjects", ())}
    subjects = {s.name.casefold(): s for s in subjects_by_names(names.values())}
    directory = PersonDirectory(organisation)
    counts: Counter[str] = Counter()
    for number, data in rows:
        try:
            entry = directory.claim(number, data)
        except CellError:
            counts["skipped"] += 1
            continue
        row_names = data.pop("subjects", None)
        row_subjects = None if row_names is None else [subjects[n.casefold()] for n in row_names]
        if entry.person is None:
            _person_create(organisation, data, row_subjects or [])
            counts["created"] += 1
        elif _person_update(entry.person, data, row_subjects):
            counts["updated"] += 1
    return counts


# The rows were validated field by field when the file was read. The directory services would
# run full_clean() again, two more queries a row (the organisation and the grade check), in a
# savepoint each; these save the same fields, and the audit log records them all the same.


def _person_create(
    organisation: Organisation, data: dict[str, Any], subjects: list[Subject]
) -> None:
    person = Person(organisation=organisation, **{"kind": Person.Kind.TEACHER, **data})
    person.save()
    if subjects:
        person.subjects.add(*subjects)


def _person_update(person: Person, data: dict[str, Any], subjects: list[Subject] | None) -> bool:
    """Whether anything changed; the person's subjects come prefetched."""
    changed = [field for field, value in data.items() if getattr(person, field) != value]
    for field in changed:
        setattr(person, field, data[field])
    if changed:
        person.save(update_fields=[*changed, "updated_at"])
    if subjects is not None and {s.pk for s in subjects} != {s.pk for s in person.subjects.all()}:
        person.subjects.set(subjects)
        return True
    return bool(changed)
