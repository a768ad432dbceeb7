"""Reads of roadmaps: a roadmap with its stages and activities in a fixed number of queries,
progress per stage, overdue activities, the page's filters and a person's own tasks.

«Overdue» is derived, never stored: not done and due before today."""

import calendar
from collections.abc import Mapping
from datetime import date

from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)

from mentoring.models import AcademicYear, Membership, Organisation, Person, User

from ..models import Activity, Roadmap, Stage

DONE = Activity.Status.DONE
OVERDUE = "overdue"  # a status derived from the due date, not stored


def overdue_q(today: date) -> Q:
    return Q(due_on__lt=today) & ~Q(status=DONE)


def activity_overdue(activity: Activity, today: date) -> bool:
    return activity.status != DONE and activity.due_on is not None and activity.due_on < today


def with_overdue(activities: QuerySet[Activity], today: date) -> QuerySet[Activity]:
    """Each activity with `is_overdue`."""
    return activities.annotate(
        is_overdue=Case(
            When(overdue_q(today), then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        )
    )


def _progress(prefix: str, today: date) -> dict:
    """Counts of activities under `prefix` (the path to them): all, done, overdue."""
    overdue = Q(**{f"{prefix}due_on__lt": today}) & ~Q(**{f"{prefix}status": DONE})
    return {
        "activities_total": Count(f"{prefix}pk"),
        "activities_done": Count(f"{prefix}pk", filter=Q(**{f"{prefix}status": DONE})),
        "activities_overdue": Count(f"{prefix}pk", filter=overdue),
    }


def roadmaps_of(organisation: Organisation, today: date) -> QuerySet[Roadmap]:
    """The school's roadmaps, newest year first, each with its activity counts."""
    return (
        Roadmap.objects.filter(organisation=organisation)
        .select_related("academic_year")
        .annotate(**_progress("stages__activities__", today))
    )


def roadmap_of_year(organisation: Organisation, academic_year: AcademicYear) -> Roadmap | None:
    return (
        Roadmap.objects.filter(organisation=organisation, academic_year=academic_year)
        .select_related("organisation", "academic_year")
        .first()
    )


def _month_bounds(value: str) -> tuple[date, date] | None:
    """«2026-10» → (1 October, 31 October)."""
    try:
        year, month = (int(part) for part in value.split("-"))
        first = date(year, month, 1)
    except ValueError:
        return None
    return first, date(year, month, calendar.monthrange(year, month)[1])


def _month_q(bounds: tuple[date, date], academic_year: AcademicYear) -> Q:
    """Activities under way or due in the month: a period that overlaps it, a date in it, or
    a recurring deadline that falls in that month of the roadmap's year."""
    first, last = bounds
    q = Q(start_on__isnull=False, start_on__lte=last, due_on__gte=first) | Q(
        start_on__isnull=True, due_on__range=(first, last)
    )
    if academic_year.start_date <= last and first <= academic_year.end_date:
        # `recurrence` is stored as JSON «[[12, 31], [6, 30]]».
        q |= Q(recurrence__icontains=f"[{first.month}, ")
    return q


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def activities_filtered(
    roadmap: Roadmap, params: Mapping, today: date, *, academic_year: AcademicYear | None = None
) -> QuerySet[Activity]:
    """The roadmap's activities matching the page's filters: `stage` (id), `status` (a
    status or «overdue»), `person` (id of a responsible person), `month` («2026-10»).
    Values that make no sense are ignored."""
    activities = with_overdue(Activity.objects.filter(stage__roadmap=roadmap), today)
    if (stage := _int(params.get("stage"))) is not None:
        activities = activities.filter(stage_id=stage)
    status = params.get("status")
    if status == OVERDUE:
        activities = activities.filter(overdue_q(today))
    elif status in Activity.Status.values:
        activities = activities.filter(status=status)
    if (person := _int(params.get("person"))) is not None:
        named = Exists(
            Activity.responsible_people.through.objects.filter(
                activity=OuterRef("pk"), person_id=person
            )
        )
        # Also what the person's duties make theirs («Классные руководители» for a class teacher).
        duties = _duties_of(Person.objects.filter(pk=person, organisation=roadmap.organisation))
        activities = activities.filter(named | _roles_q(duties))
    if bounds := _month_bounds(params.get("month") or ""):
        activities = activities.filter(_month_q(bounds, academic_year or roadmap.academic_year))
    return activities.select_related("stage").prefetch_related(
        Prefetch("responsible_people", queryset=Person.objects.order_by("last_name", "pk"))
    )


def _filters_active(params: Mapping) -> bool:
    return any(params.get(name) for name in ("status", "person", "month"))


def roadmap_stages(roadmap: Roadmap, today: date, params: Mapping | None = None) -> list[Stage]:
    """Every stage of the roadmap in order, each with its progress (`activities_total`,
    `activities_done`, `activities_overdue`, over all its activities) and `shown_activities`:
    those matching the filters, each with `is_overdue` and its responsible people prefetched.
    Three queries; `stages_shown` picks the stages a filtered page lists."""
    activities = activities_filtered(roadmap, params or {}, today).order_by("number", "pk")
    return list(
        roadmap.stages.annotate(**_progress("activities__", today))
        .order_by("number")
        .prefetch_related(Prefetch("activities", queryset=activities, to_attr="shown_activities"))
    )


def stages_shown(stages: list[Stage], params: Mapping) -> list[Stage]:
    """The chosen stage if any; with an activity filter on, only stages with something to show."""
    if (stage := _int(params.get("stage"))) is not None:
        stages = [s for s in stages if s.pk == stage]
    if _filters_active(params):
        stages = [s for s in stages if s.shown_activities]
    return stages


def roadmap_progress(stages: list[Stage]) -> dict[str, int]:
    """Totals over the stages `roadmap_stages` returned: the whole roadmap, whatever the filters."""
    return {
        key: sum(getattr(stage, key) for stage in stages)
        for key in ("activities_total", "activities_done", "activities_overdue")
    }


def academic_months(academic_year: AcademicYear) -> list[date]:
    """The first day of each month of the year, for the month filter."""
    months, day = [], academic_year.start_date.replace(day=1)
    while day <= academic_year.end_date:
        months.append(day)
        day = date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return months


def _roles_q(roles: list[str]) -> Q:
    q = Q(pk__in=[])
    for role in roles:
        # `responsible_roles` is stored as JSON «["director", "curator"]».
        q |= Q(responsible_roles__icontains=f'"{role}"')
    return q


def _tasks(
    organisation: Organisation,
    people: QuerySet[Person],
    roles: list[str],
    today: date,
    academic_year: AcademicYear | None,
    include_done: bool,
) -> QuerySet[Activity]:
    assigned = Activity.responsible_people.through.objects.filter(
        activity=OuterRef("pk"), person__in=people
    )
    activities = Activity.objects.filter(stage__roadmap__organisation=organisation).filter(
        Q(Exists(assigned)) | _roles_q(roles)
    )
    if academic_year is not None:
        activities = activities.filter(stage__roadmap__academic_year=academic_year)
    else:
        activities = activities.filter(stage__roadmap__academic_year__is_current=True)
    if not include_done:
        activities = activities.exclude(status=DONE)
    return (
        with_overdue(activities, today)
        .select_related("stage__roadmap")
        .prefetch_related(
            Prefetch("responsible_people", queryset=Person.objects.order_by("last_name", "pk"))
        )
        .order_by("-is_overdue", F("due_on").asc(nulls_last=True), "stage__number", "number")
    )


def _duties_of(people: QuerySet[Person]) -> list[str]:
    """The duties (mentoring.models.Duty) the people hold while they work at the school."""
    rows = people.filter(archived_at__isnull=True).values_list("duties", flat=True)
    return sorted({duty for duties in rows for duty in duties})


def _roles_of(user_id: int | None, organisation: Organisation) -> list[str]:
    if user_id is None:
        return []
    return list(
        Membership.objects.filter(user_id=user_id, organisation=organisation).values_list(
            "role", flat=True
        )
    )


def my_tasks(
    user: User,
    organisation: Organisation,
    today: date,
    *,
    academic_year: AcademicYear | None = None,
    include_done: bool = False,
) -> QuerySet[Activity]:
    """Activities of the organisation's roadmap for the current (or given) year that the
    user is responsible for: as a person named on them, or by a role or duty they hold there. Overdue
    first, then by due date; done ones only with `include_done`."""
    people = Person.objects.filter(user=user, organisation=organisation)
    roles = _roles_of(user.pk, organisation) + _duties_of(people)
    return _tasks(organisation, people, roles, today, academic_year, include_done)


def person_tasks(
    person: Person,
    today: date,
    *,
    academic_year: AcademicYear | None = None,
    include_done: bool = False,
) -> QuerySet[Activity]:
    """The same for a person, with or without an account."""
    people = Person.objects.filter(pk=person.pk)
    roles = _roles_of(person.user_id, person.organisation) + _duties_of(people)
    return _tasks(person.organisation, people, roles, today, academic_year, include_done)
