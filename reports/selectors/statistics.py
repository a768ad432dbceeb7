"""Counts of participants for the statistical forms: the people of the pairs and groups that had
entered the programme by a date (`programme_pairs`), by role, form of mentoring, age band on the
date and category (Person.Kind). Each cell counts distinct people; a co-mentor is a mentor.
Counts only: nothing personal leaves the database. Any number of schools in four queries.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Case, CharField, Count, Q, QuerySet, Value, When
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.spreadsheets import table_workbook
from mentoring.models import Organisation, Person

from .indicators import (
    age_filter,
    mentee_people,
    mentor_people,
    programme_pairs,
    years_back,
    years_on,
)

MENTOR, MENTEE = "mentor", "mentee"
ROLES = (MENTOR, MENTEE)
UNKNOWN_AGE = "unknown"
# (key, label, lowest age, highest age or None): ages on the report's date.
AGE_BANDS = (
    ("0-9", gettext_lazy("до 10 лет"), 0, 9),
    ("10-14", gettext_lazy("10–14 лет"), 10, 14),
    ("15-18", gettext_lazy("15–18 лет"), 15, 18),
    ("19-35", gettext_lazy("19–35 лет"), 19, 35),
    ("36+", gettext_lazy("36 лет и старше"), 36, None),
)


@dataclass
class Row:
    label: str
    mentors: int = 0
    mentees: int = 0

    def add(self, role: str, n: int) -> None:
        if role == MENTOR:
            self.mentors += n
        else:
            self.mentees += n


@dataclass
class Statistics:
    """One school's (or the sum of several schools') counts. A person is in one organisation,
    so the sums of schools' counts are still counts of distinct people."""

    total: Row = field(default_factory=lambda: Row(_("Всего участников")))
    forms: dict[str, Row] = field(default_factory=dict)
    ages: dict[str, Row] = field(default_factory=dict)
    kinds: dict[str, Row] = field(default_factory=dict)

    def __post_init__(self):
        for key, label, _low, _high in AGE_BANDS:
            self.ages.setdefault(key, Row(str(label)))
        self.ages.setdefault(UNKNOWN_AGE, Row(_("возраст не указан")))
        for kind in Person.Kind:
            self.kinds.setdefault(kind.value, Row(str(kind.label)))

    def form(self, name: str) -> Row:
        return self.forms.setdefault(name, Row(name))

    @property
    def sections(self) -> list[tuple[str, list[Row]]]:
        return [
            (_("По формам наставничества"), sorted(self.forms.values(), key=lambda r: r.label)),
            (_("По возрасту на дату"), list(self.ages.values())),
            (_("По категориям участников"), list(self.kinds.values())),
        ]

    def __iadd__(self, other: "Statistics") -> "Statistics":
        self.total.mentors += other.total.mentors
        self.total.mentees += other.total.mentees
        for mine, theirs in ((self.ages, other.ages), (self.kinds, other.kinds)):
            for key, row in theirs.items():
                mine[key].mentors += row.mentors
                mine[key].mentees += row.mentees
        for name, row in other.forms.items():
            self.form(name).mentors += row.mentors
            self.form(name).mentees += row.mentees
        return self


def age_band(on: date) -> Case:
    """The age band on `on` of a person, from the birth date; «unknown» without one."""
    whens = [
        When(
            age_filter(on, low, high)
            if high is not None
            else Q(birth_date__lte=years_back(on, low)),
            then=Value(key),
        )
        for key, _label, low, high in AGE_BANDS
    ]
    return Case(*whens, default=Value(UNKNOWN_AGE), output_field=CharField())


def _form_people(year_ids: list[int], on: date) -> QuerySet:
    """(school, form, person, role) once each: a person in two pairs of one form is one."""
    pairs = programme_pairs(year_ids, on)
    columns = ("organisation_id", "form__name")
    mentors = pairs.annotate(role=Value(MENTOR)).values_list(*columns, "mentor__person_id", "role")
    co_mentors = (
        pairs.filter(co_mentor__isnull=False)
        .annotate(role=Value(MENTOR))
        .values_list(*columns, "co_mentor__person_id", "role")
    )
    mentees = (
        pairs.filter(mentees__isnull=False)
        .annotate(role=Value(MENTEE))
        .values_list(*columns, "mentees__person_id", "role")
    )
    return mentors.order_by().union(co_mentors.order_by(), mentees.order_by())


def statistics_for(organisations: Sequence[Organisation], on: date) -> dict[int, Statistics]:
    """Each school's counts on `on` (in its academic year of that date), in four queries."""
    ids = [organisation.pk for organisation in organisations]
    year_ids = [year.pk for year in years_on(ids, on).values()]
    result = {organisation_id: Statistics() for organisation_id in ids}
    people = {MENTOR: mentor_people(year_ids, on), MENTEE: mentee_people(year_ids, on)}
    for role, queryset in people.items():
        rows = (
            queryset.filter(organisation_id__in=ids)
            .annotate(band=age_band(on))
            .values_list("organisation_id", "kind", "band")
            .annotate(n=Count("pk"))
            .order_by()
        )
        for organisation_id, kind, band, n in rows:
            statistics = result[organisation_id]
            statistics.total.add(role, n)
            statistics.ages[band].add(role, n)
            statistics.kinds[kind].add(role, n)
    for organisation_id, form_name, _person_id, role in _form_people(year_ids, on):
        if organisation_id in result:
            result[organisation_id].form(form_name).add(role, 1)
    return result


def statistics_sum(statistics: Iterable[Statistics]) -> Statistics:
    total = Statistics()
    for school in statistics:
        total += school
    return total


def statistics_workbook(named: Iterable[tuple[str, Statistics]], on: date) -> bytes:
    """One line per count: organisation, section, group, mentors, mentees."""
    rows = []
    for name, statistics in named:
        rows.append((name, "", statistics.total))
        for section, section_rows in statistics.sections:
            rows += [(name, section, row) for row in section_rows]
    return table_workbook(
        _("Участники на %(day)s") % {"day": f"{on:%d.%m.%Y}"},
        [
            (_("Организация"), 40, lambda r: r[0]),
            (_("Раздел"), 30, lambda r: r[1]),
            (_("Группа"), 36, lambda r: r[2].label),
            (_("Наставники"), 14, lambda r: r[2].mentors),
            (_("Наставляемые"), 14, lambda r: r[2].mentees),
        ],
        rows,
    )
