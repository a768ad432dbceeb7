"""The roadmap month by month, September to August: a bar for a period, a dot for a date,
dots for each time a recurring deadline comes. Drawn on the server, as positions in percent
of each month's cell."""

import calendar
from dataclasses import dataclass, field
from datetime import date

from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from mentoring.permissions import get_organisation_for_user

from ..deadlines import ParsedDeadline, occurrences
from ..models import Activity
from ..permissions import Action
from ..selectors.roadmap import academic_months, activity_overdue, roadmap_of_year, roadmap_stages
from .common import years_and_selected

Kind = Activity.DeadlineKind
# Deadlines with no place on a calendar: listed under the chart.
OFF_CHART = (Kind.AS_NEEDED, Kind.SCHEDULE, Kind.UNPARSED)


@dataclass
class Cell:
    current: bool = False
    # A bar's part in this month: (left, width) in percent of the cell, as CSS takes them
    # (a template would write the decimal comma of the interface's language).
    bar: tuple[str, str] | None = None
    bar_starts: bool = False
    bar_ends: bool = False
    dots: list[str] = field(default_factory=list)


@dataclass
class Line:
    activity: Activity
    number: str
    tone: str
    whole: bool
    cells: list[Cell]


def _month_end(first: date) -> date:
    return first.replace(day=calendar.monthrange(first.year, first.month)[1])


def _share(day: date, first: date) -> float:
    return 100 * (day.day - 1) / calendar.monthrange(first.year, first.month)[1]


def _css(percent: float) -> str:
    return f"{percent:.2f}"


def _cells(activity: Activity, months: list[date], today: date) -> list[Cell] | None:
    """The activity's cells, or None when nothing of it falls within the year."""
    cells = [Cell(current=(m.year, m.month) == (today.year, today.month)) for m in months]
    parsed = ParsedDeadline(
        activity.deadline_kind,
        activity.start_on,
        activity.due_on,
        tuple(tuple(pair) for pair in activity.recurrence),
    )
    shown = False
    if activity.start_on and activity.due_on and activity.start_on < activity.due_on:
        start, end = activity.start_on, activity.due_on
        for cell, first in zip(cells, months, strict=True):
            last = _month_end(first)
            if end < first or start > last:
                continue
            left = _share(max(start, first), first)
            right = _share(min(end, last), first) + 100 / last.day
            cell.bar = (_css(left), _css(right - left))
            cell.bar_starts, cell.bar_ends = start >= first, end <= last
            shown = True
        dates = []
    else:
        dates = occurrences(parsed)
    for day in dates:
        for cell, first in zip(cells, months, strict=True):
            if (day.year, day.month) == (first.year, first.month):
                cell.dots.append(_css(_share(day, first) + 50 / _month_end(first).day))
                shown = True
    return cells if shown else None


def _tone(activity: Activity, today: date) -> str:
    if activity.status == Activity.Status.DONE:
        return "done"
    if activity_overdue(activity, today):
        return "overdue"
    return "progress" if activity.status == Activity.Status.IN_PROGRESS else "planned"


@require_GET
def roadmap_timeline(request, org: int):
    organisation = get_organisation_for_user(request.user, org, Action.ROADMAP_VIEW)
    _years, year = years_and_selected(organisation, request.GET.get("year"))
    roadmap = roadmap_of_year(organisation, year) if year else None
    context = {"organisation": organisation, "year": year, "roadmap": roadmap}
    if roadmap is None:
        return render(request, "roadmap/roadmap_timeline.html", context)
    today = timezone.localdate()
    months = academic_months(roadmap.academic_year)
    groups, off_chart = [], []
    for stage in roadmap_stages(roadmap, today):
        lines = []
        for activity in stage.shown_activities:
            number = activity.label or f"{stage.number}.{activity.number}"
            cells = None if activity.deadline_kind in OFF_CHART else _cells(activity, months, today)
            if cells is None:
                off_chart.append((number, activity))
                continue
            whole = activity.deadline_kind == Kind.WHOLE_PERIOD
            lines.append(Line(activity, number, _tone(activity, today), whole, cells))
        groups.append((stage, lines))
    context |= {
        "months": [(m, (m.year, m.month) == (today.year, today.month)) for m in months],
        "groups": groups,
        "off_chart": off_chart,
        "today_left": _css(_share(today, today.replace(day=1))),
    }
    return render(request, "roadmap/roadmap_timeline.html", context)
