"""The municipality's summary for its coordinator: every school's indicators side by side with
their targets, totals and averages, and which schools lack data or are late with monitoring.
The same queries for 2 schools or 300."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from core.search import with_every_word
from core.spreadsheets import table_workbook
from mentoring.models import AcademicYear, Organisation

from ..models import Indicator, MonitoringReport
from .indicators import SHORT_TITLES, Indicators, Total, indicators_for, totals

# A monitoring report is due by the 10th of the month after the one it reports on.
DUE_DAY = 10


def municipality_schools(municipality: Organisation) -> QuerySet[Organisation]:
    return Organisation.objects.filter(
        municipality=municipality, kind=Organisation.Kind.SCHOOL
    ).order_by("short_name", "pk")


def _month_after(year: int, month: int) -> date:
    return date(year + month // 12, month % 12 + 1, DUE_DAY)


def due_monitoring(year_start: date, on: date) -> list[tuple[str, date]]:
    """The monitoring reports of the academic year that starts on `year_start` due by `on`:
    (kind, first day of the month its period must end in). December's is due once 10 January
    has passed, June's once 10 July has."""
    december = date(year_start.year, 12, 1)
    june = date(year_start.year + 1, 6, 1)
    return [
        (kind, month)
        for kind, month in (
            (MonitoringReport.Kind.DECEMBER, december),
            (MonitoringReport.Kind.JUNE, june),
        )
        if on > _month_after(month.year, month.month)
    ]


def late_with_monitoring(years: dict[int, AcademicYear], on: date) -> set[int]:
    """The schools (of `years`, school id → its academic year on `on`) without an issued report
    for each monitoring due by `on`. One query."""
    due = {school_id: due_monitoring(year.start_date, on) for school_id, year in years.items()}
    months = {month for reports in due.values() for _kind, month in reports}
    issued = set()
    if months:
        rows = MonitoringReport.objects.filter(
            organisation_id__in=[school_id for school_id, reports in due.items() if reports],
            status=MonitoringReport.Status.ISSUED,
            kind__in=[MonitoringReport.Kind.DECEMBER, MonitoringReport.Kind.JUNE],
            period_end__gte=min(months),
        ).values_list("organisation_id", "kind", "period_end")
        issued = {(school_id, kind, end.replace(day=1)) for school_id, kind, end in rows}
    return {
        school_id
        for school_id, reports in due.items()
        if any((school_id, kind, month) not in issued for kind, month in reports)
    }


@dataclass
class SchoolSummary:
    school: Organisation
    indicators: Indicators
    late: bool

    @property
    def figures(self):
        return self.indicators.figures.values()


@dataclass
class Summary:
    rows: list[SchoolSummary]
    totals: dict[str, Total]
    schools: int
    missing: int
    late: int

    @property
    def columns(self) -> list[tuple[str, str]]:
        """(short heading, full title) of each indicator, in the rows' order."""
        return [(SHORT_TITLES[code], label) for code, label in Indicator.choices]


def _sort_key(indicator: str):
    def key(row: SchoolSummary):
        value = row.indicators.figures[indicator].value
        # Highest first; schools without a value last.
        return (value is None, -(value or 0), row.school.short_name)

    return key


def municipal_summary(
    municipality: Organisation, on: date, *, query: str = "", sort: str = ""
) -> Summary:
    """All the schools' indicators on `on`; totals cover every school, the rows only those
    whose name holds the query's words, sorted by an indicator's value when `sort` names one."""
    schools = list(municipality_schools(municipality))
    indicators = indicators_for(schools, on)
    years = {school_id: item.year for school_id, item in indicators.items() if item.year}
    late = late_with_monitoring(years, on)
    shown = schools
    if query:
        matched = set(
            with_every_word(
                municipality_schools(municipality), query, "short_name", "full_name"
            ).values_list("pk", flat=True)
        )
        shown = [school for school in schools if school.pk in matched]
    rows = [SchoolSummary(school, indicators[school.pk], school.pk in late) for school in shown]
    if sort in Indicator.values:
        rows.sort(key=_sort_key(sort))
    return Summary(
        rows=rows,
        totals=totals(indicators.values()),
        schools=len(schools),
        missing=sum(1 for item in indicators.values() if item.missing_data),
        late=len(late),
    )


def _percent(value) -> float | None:
    return None if value is None else float(value)


def summary_workbook(rows: Iterable[SchoolSummary], on: date) -> bytes:
    """A line per school: each indicator's value, target and deviation, then what is missing."""
    columns = [(_("Школа"), 40, lambda row: row.school.short_name)]
    for indicator in Indicator:
        columns += [
            (f"{indicator.label}, %", 18, _figure_value(indicator.value, "value")),
            (_("Цель, %"), 10, _figure_value(indicator.value, "target")),
            (_("Отклонение"), 12, _figure_value(indicator.value, "deviation")),
        ]
    columns += [
        (_("Не хватает данных"), 40, lambda row: "; ".join(row.indicators.missing_data)),
        (_("Мониторинг просрочен"), 14, lambda row: _("да") if row.late else ""),
    ]
    return table_workbook(_("Сводка на %(day)s") % {"day": f"{on:%d.%m.%Y}"}, columns, rows)


def _figure_value(indicator: str, attribute: str):
    return lambda row: _percent(getattr(row.indicators.figures[indicator], attribute))
