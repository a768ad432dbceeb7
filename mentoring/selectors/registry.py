"""The municipal registry of mentors and mentees (seed 002, order item 2): counts across the
municipality's schools and the .xlsx the coordinator downloads, in the current year of each
school. The coordinator sees names, positions and bank details only: no birth dates,
contacts, free-text requests or psychologist notes."""

from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db.models import Count, Prefetch, QuerySet
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from core.spreadsheets import workbook_bytes, xlsx_cell, xlsx_header_cells

from ..models import AcademicYear, MenteeEntry, MentorEntry, Organisation, Person
from ..models.consents import restricted

# Entries that left the bank: counted by status, but not in the registry itself. Nor is a person
# who withdrew their processing consent, whatever the status: their data is not processed.
_INACTIVE = {MenteeEntry: MenteeEntry.Status.WITHDRAWN, MentorEntry: MentorEntry.Status.ARCHIVED}


@dataclass
class SchoolRow:
    school: Organisation
    year: AcademicYear | None
    mentees: list[int]  # one count per MenteeEntry.Status, then the total
    mentors: list[int]  # one count per MentorEntry.Status, then the total


def _current_entries(model, municipality: Organisation) -> QuerySet:
    return model.objects.filter(
        organisation__municipality=municipality,
        organisation__kind=Organisation.Kind.SCHOOL,
        academic_year__is_current=True,
    )


def _bank_counts(model, municipality: Organisation, json_field: str):
    """Per school, entries by status (a row per school and status); across the municipality,
    active entries in all and by each value of the list field, categories or grounds (a row
    per distinct list, far fewer than the entries)."""
    entries = _current_entries(model, municipality).order_by()
    by_school: dict[int, Counter] = defaultdict(Counter)
    for school_id, status, n in entries.values_list("organisation_id", "status").annotate(
        n=Count("pk")
    ):
        by_school[school_id][status] = n
    by_value: Counter = Counter()
    active = 0
    lists = entries.exclude(status=_INACTIVE[model]).values_list(json_field).annotate(n=Count("pk"))
    for values, n in lists:
        active += n
        for value in values:
            by_value[value] += n
    return by_school, by_value, active


def _status_counts(counter: Counter, statuses) -> list[int]:
    counts = [counter[status] for status in statuses]
    return [*counts, sum(counts)]


def _column_sums(rows: list[list[int]], width: int) -> list[int]:
    return [sum(row[i] for row in rows) for i in range(width)]


def registry_summary(municipality: Organisation) -> dict:
    """Counts of the registry page in six queries, however many schools there are."""
    schools = Organisation.objects.filter(
        municipality=municipality, kind=Organisation.Kind.SCHOOL
    ).prefetch_related(
        Prefetch(
            "academic_years",
            queryset=AcademicYear.objects.filter(is_current=True),
            to_attr="current_years",
        )
    )
    mentees, categories, active_mentees = _bank_counts(MenteeEntry, municipality, "categories")
    mentors, grounds, active_mentors = _bank_counts(MentorEntry, municipality, "grounds")
    rows = [
        SchoolRow(
            school=school,
            year=next(iter(school.current_years), None),
            mentees=_status_counts(mentees[school.pk], MenteeEntry.Status.values),
            mentors=_status_counts(mentors[school.pk], MentorEntry.Status.values),
        )
        for school in schools.order_by("short_name")
    ]
    return {
        "rows": rows,
        "active_mentees": active_mentees,
        "active_mentors": active_mentors,
        "mentee_statuses": MenteeEntry.Status.labels,
        "mentor_statuses": MentorEntry.Status.labels,
        "mentee_totals": _column_sums([r.mentees for r in rows], len(MenteeEntry.Status) + 1),
        "mentor_totals": _column_sums([r.mentors for r in rows], len(MentorEntry.Status) + 1),
        "categories": [(c.label, categories[c]) for c in MenteeEntry.Category if categories[c]],
        "grounds": [(g.label, grounds[g]) for g in MentorEntry.Ground if grounds[g]],
    }


def _registry_entries(model, municipality: Organisation, tags: str) -> QuerySet:
    return (
        _current_entries(model, municipality)
        .exclude(status=_INACTIVE[model])
        .exclude(restricted("person"))
        .select_related("organisation", "person", "academic_year")
        .prefetch_related(tags)
        .order_by("organisation__short_name", "person__last_name", "person__first_name", "pk")
    )


def registry_mentees(municipality: Organisation) -> QuerySet[MenteeEntry]:
    return _registry_entries(MenteeEntry, municipality, "requests")


def registry_mentors(municipality: Organisation) -> QuerySet[MentorEntry]:
    return _registry_entries(MentorEntry, municipality, "competences")


def position_or_grade(person: Person) -> str:
    """A pupil is named by grade only: the class letter narrows them down to a few children."""
    if person.kind == Person.Kind.STUDENT:
        return _("%(grade)s класс") % {"grade": person.grade} if person.grade else ""
    return person.position


def _labels(choices, values: list[str]) -> str:
    return "; ".join(str(choices(v).label) for v in values if v in choices.values)


def _names(tags) -> str:
    return ", ".join(tag.name for tag in tags.all())


def _sheet(workbook: Workbook, title: str, headers: list[tuple[str, int]], rows) -> None:
    sheet = workbook.create_sheet(title)
    for index, (_header, width) in enumerate(headers, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    sheet.append(xlsx_header_cells(sheet, [header for header, _width in headers]))
    for row in rows:
        sheet.append([xlsx_cell(sheet, value) for value in row])


def registry_workbook(municipality: Organisation) -> bytes:
    """Two sheets, «Наставники» and «Наставляемые», of every school of the municipality."""
    workbook = Workbook(write_only=True)
    common = [(_("Школа"), 24), (_("ФИО"), 36), (_("Должность / класс"), 30)]
    tail = [(_("Статус"), 22), (_("Учебный год"), 12)]
    _sheet(
        workbook,
        _("Наставники"),
        [*common, (_("Основания"), 40), (_("Компетенции"), 40), *tail],
        (
            [
                e.organisation.short_name,
                e.person.full_name,
                position_or_grade(e.person),
                _labels(MentorEntry.Ground, e.grounds),
                _names(e.competences),
                e.get_status_display(),
                e.academic_year.title,
            ]
            for e in registry_mentors(municipality).iterator(chunk_size=500)
        ),
    )
    _sheet(
        workbook,
        _("Наставляемые"),
        [*common, (_("Категории"), 40), (_("Запросы"), 40), *tail],
        (
            [
                e.organisation.short_name,
                e.person.full_name,
                position_or_grade(e.person),
                _labels(MenteeEntry.Category, e.categories),
                _names(e.requests),
                e.get_status_display(),
                e.academic_year.title,
            ]
            for e in registry_mentees(municipality).iterator(chunk_size=500)
        ),
    )
    return workbook_bytes(workbook)
