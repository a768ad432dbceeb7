"""The municipal registry of mentors and mentees (seed 002, order item 2): counts across the
municipality's schools and the .xlsx the coordinator downloads, in the current year of each
school. The coordinator sees names, positions and bank details only: no birth dates,
contacts, free-text requests or psychologist notes."""

from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from core.spreadsheets import workbook_bytes, xlsx_cell, xlsx_header_cells

from ..models import AcademicYear, MenteeEntry, MentorEntry, Organisation, Person
from ..models.consents import restricted
from .banks import holds_choice

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


def _bank_counts(model, municipality: Organisation, json_field: str, choices):
    """Per school, entries by status; across the municipality, active entries in all and by
    each value of the list field (categories or grounds). One query, a row per school."""
    active = ~Q(status=_INACTIVE[model])
    by_status = {f"status_{s}": Count("pk", filter=Q(status=s)) for s in model.Status.values}
    by_choice = {
        f"value_{value}": Count("pk", filter=Q(holds_choice(json_field, value), active))
        for value in choices.values
    }
    rows = (
        _current_entries(model, municipality)
        .values("organisation_id")
        .annotate(**by_status, **by_choice)
        .order_by()
    )
    by_school: dict[int, Counter] = defaultdict(Counter)
    by_value: Counter = Counter()
    for row in rows:
        by_school[row["organisation_id"]] = Counter(
            {s: row[f"status_{s}"] for s in model.Status.values}
        )
        by_value.update({value: row[f"value_{value}"] for value in choices.values})
    inactive = _INACTIVE[model]
    active_count = sum(
        n for counts in by_school.values() for status, n in counts.items() if status != inactive
    )
    return by_school, by_value, active_count


def _status_counts(counter: Counter, statuses) -> list[int]:
    counts = [counter[status] for status in statuses]
    return [*counts, sum(counts)]


def _column_sums(rows: list[list[int]], width: int) -> list[int]:
    return [sum(row[i] for row in rows) for i in range(width)]


def registry_summary(municipality: Organisation) -> dict:
    """Counts of the registry page in four queries, however many schools there are."""
    schools = Organisation.objects.filter(
        municipality=municipality, kind=Organisation.Kind.SCHOOL
    ).prefetch_related(
        Prefetch(
            "academic_years",
            queryset=AcademicYear.objects.filter(is_current=True),
            to_attr="current_years",
        )
    )
    mentees, categories, active_mentees = _bank_counts(
        MenteeEntry, municipality, "categories", MenteeEntry.Category
    )
    mentors, grounds, active_mentors = _bank_counts(
        MentorEntry, municipality, "grounds", MentorEntry.Ground
    )
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
