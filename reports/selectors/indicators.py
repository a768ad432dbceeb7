"""The programme's indicators of a school on a date (seed 004 «Планируемые результаты», seed 003
§6), computed from the records for many schools at once in a constant number of queries.

Every figure is a share in percent with its numerator and denominator, so a page can show both
and open the records behind it (`indicator_records`). Nothing is guessed: a denominator the
school does not keep in the app (its students by age) comes from its latest `Contingent` on or
before the date, and without one the figure says why it is missing. Ages are computed on the
date; people whose birth date (or, for teachers, start of teaching) is not recorded are left out
of the figure and counted in `unknown`.
"""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mentoring.models import (
    AcademicYear,
    Meeting,
    MeetingFeedback,
    MenteeEntry,
    MentorEntry,
    MentoringPair,
    Organisation,
    Person,
)
from roadmap.models import Activity
from surveys.models import Answer, Campaign, Questionnaire, Response
from surveys.selectors.comparison import Comparison, campaign_compare

from ..models import Contingent, Indicator, IndicatorTarget

# Seed 004's targets for five successive years of the programme; a school's n-th year gets the
# n-th (the last one from the fifth year on).
SEED_TARGETS: dict[str, tuple[int, ...]] = {
    Indicator.MENTEES_10_18: (10, 20, 35, 45, 50),
    Indicator.MENTORS_15_18: (2, 4, 6, 8, 10),
    Indicator.YOUNG_TEACHERS: (100, 100, 100, 100, 100),
    Indicator.MENTEE_SATISFACTION: (50, 55, 60, 70, 85),
    Indicator.MENTOR_SATISFACTION: (50, 55, 60, 70, 85),
}
# Each indicator in a few words: a column heading with eight side by side on a laptop, a
# chart's legend.
SHORT_TITLES = {
    Indicator.MENTEES_10_18: gettext_lazy("Наставляемые 10–18 лет"),
    Indicator.MENTORS_15_18: gettext_lazy("Наставники 15–18 лет"),
    Indicator.YOUNG_TEACHERS: gettext_lazy("Молодые педагоги"),
    Indicator.MENTEE_SATISFACTION: gettext_lazy("Довольны наставляемые"),
    Indicator.MENTOR_SATISFACTION: gettext_lazy("Довольны наставники"),
    Indicator.MEETINGS_HELD: gettext_lazy("Встречи проведены"),
    Indicator.ROADMAP_ON_TIME: gettext_lazy("Мероприятия в срок"),
    Indicator.EFFECTIVE_PAIRS: gettext_lazy("Эффективные пары и группы"),
}
MENTEE_AGES = (10, 18)
MENTOR_AGES = (15, 18)
YOUNG_TEACHER_YEARS = 3
# A satisfaction answer counts as satisfied from 70 % of its scale up: 7 of 10, 4 of 5.
SATISFIED_SHARE = 0.7
SATISFACTION_KEY = "overall"
# Pairs that have entered the programme: approved by an order, whatever happened since.
PROGRAMME_STATUSES = (
    MentoringPair.Status.ACTIVE,
    MentoringPair.Status.COMPLETED,
    MentoringPair.Status.DISSOLVED,
)
EFFECTIVE_LEVELS = (Response.Level.OPTIMAL, Response.Level.ACCEPTABLE)


@dataclass
class Figure:
    indicator: str
    numerator: int | None = None
    denominator: int | None = None
    target: Decimal | None = None
    # Why there is no value («Не введён контингент обучающихся»), or "".
    missing: str = ""
    # People of the numerator's kind left out because their age or experience is not recorded.
    unknown: int = 0

    @property
    def title(self) -> str:
        return Indicator(self.indicator).label

    @property
    def value(self) -> float | None:
        if self.missing or not self.denominator or self.numerator is None:
            return None
        return round(100 * self.numerator / self.denominator, 1)

    @property
    def deviation(self) -> float | None:
        if self.value is None or self.target is None:
            return None
        return round(self.value - float(self.target), 1)

    @property
    def met(self) -> bool | None:
        deviation = self.deviation
        return None if deviation is None else deviation >= 0


@dataclass
class FormRow:
    form: str
    mentors: int
    mentees: int


@dataclass
class Indicators:
    organisation_id: int
    on: date
    year: AcademicYear | None
    figures: dict[str, Figure]
    contingent: Contingent | None = None
    pairs_active: int = 0
    pairs_completed: int = 0
    pairs_dissolved: int = 0
    meetings_planned: int = 0
    meetings_held: int = 0
    meetings_with_feedback: int = 0
    activities_due: int = 0
    activities_done_on_time: int = 0
    activities_overdue: int = 0
    # Response.Level → pairs and groups at that level by their latest evaluation.
    levels: dict[str, int] = field(default_factory=dict)
    forms: list[FormRow] = field(default_factory=list)

    def figure(self, indicator: str) -> Figure:
        return self.figures[indicator]

    @property
    def pairs_total(self) -> int:
        return self.pairs_active + self.pairs_completed + self.pairs_dissolved

    @property
    def missing_data(self) -> list[str]:
        """What the school has not entered for these indicators."""
        missing = []
        if self.year is None:
            missing.append(_("Нет учебного года на эту дату"))
        if self.contingent is None:
            missing.append(_("Не введён контингент обучающихся"))
        # Seed 004 sets targets for some indicators only: a year is missing its targets when
        # none is set.
        if all(figure.target is None for figure in self.figures.values()):
            missing.append(_("Не заданы целевые значения"))
        return missing


def years_back(day: date, years: int) -> date:
    """The same day `years` earlier (28 February for 29 February of a common year)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def age_filter(on: date, low: int, high: int, prefix: str = "") -> Q:
    """Born so that the age on `on` is from `low` to `high` inclusive."""
    return Q(
        **{
            f"{prefix}birth_date__gt": years_back(on, high + 1),
            f"{prefix}birth_date__lte": years_back(on, low),
        }
    )


def young_teacher_filter(on: date, prefix: str = "") -> Q:
    return Q(**{f"{prefix}teaching_since__gte": on.year - YOUNG_TEACHER_YEARS})


def seed_target(indicator: str, year_index: int) -> int | None:
    targets = SEED_TARGETS.get(indicator)
    return targets[min(year_index, len(targets) - 1)] if targets else None


def seed_targets(year: AcademicYear) -> dict[str, int]:
    """Seed 004's targets for the school's `year`, counted from its first academic year."""
    index = AcademicYear.objects.filter(
        organisation_id=year.organisation_id, start_date__lt=year.start_date
    ).count()
    return {
        indicator: target
        for indicator in Indicator.values
        if (target := seed_target(indicator, index)) is not None
    }


def years_on(organisation_ids: Iterable[int], on: date) -> dict[int, AcademicYear]:
    """Each school's academic year containing `on`, else its current one."""
    years: dict[int, AcademicYear] = {}
    rows = AcademicYear.objects.filter(organisation_id__in=organisation_ids).filter(
        Q(start_date__lte=on, end_date__gte=on) | Q(is_current=True)
    )
    for year in rows.order_by("organisation_id", "-is_current"):
        # The year of the date wins over the current one.
        if year.start_date <= on <= year.end_date or year.organisation_id not in years:
            years[year.organisation_id] = year
    return years


def programme_pairs(year_ids: Iterable[int], on: date) -> QuerySet[MentoringPair]:
    """Pairs and groups of these years that had entered the programme by `on`."""
    return MentoringPair.objects.filter(
        academic_year_id__in=year_ids, status__in=PROGRAMME_STATUSES, start_date__lte=on
    )


def mentee_people(year_ids: Iterable[int], on: date) -> QuerySet[Person]:
    pairs = programme_pairs(year_ids, on)
    entries = MenteeEntry.objects.filter(person_id=OuterRef("pk"), pairs__in=pairs)
    return Person.objects.filter(Exists(entries))


def mentor_people(year_ids: Iterable[int], on: date) -> QuerySet[Person]:
    pairs = programme_pairs(year_ids, on)
    entries = MentorEntry.objects.filter(person_id=OuterRef("pk")).filter(
        Q(pairs__in=pairs) | Q(co_pairs__in=pairs)
    )
    return Person.objects.filter(Exists(entries))


def on_staff_filter(on: date) -> Q:
    """Not archived before `on`."""
    return Q(archived_at__isnull=True) | Q(archived_at__date__gt=on)


def staff_teachers(organisation_ids: Iterable[int], on: date) -> QuerySet[Person]:
    """Teachers on the school's staff on `on` (not archived before it)."""
    return Person.objects.filter(
        organisation_id__in=organisation_ids, kind=Person.Kind.TEACHER
    ).filter(on_staff_filter(on))


def satisfaction_answers(year_ids: Iterable[int], on: date) -> QuerySet[Answer]:
    """The overall-satisfaction answers of the years' satisfaction questionnaires by `on`."""
    return Answer.objects.filter(
        item_key=SATISFACTION_KEY,
        number__isnull=False,
        response__campaign__academic_year_id__in=year_ids,
        response__campaign__version__questionnaire__kind=Questionnaire.Kind.SATISFACTION,
        response__submitted_on__lte=on,
    )


def satisfied_filter() -> Q:
    return Q(number__gte=F("question__scale_max") * SATISFIED_SHARE)


def due_activities(year_ids: Iterable[int], on: date) -> QuerySet[Activity]:
    return Activity.objects.filter(
        stage__roadmap__academic_year_id__in=year_ids, due_on__isnull=False, due_on__lte=on
    )


def on_time_filter() -> Q:
    return Q(status=Activity.Status.DONE, completed_on__lte=F("due_on"))


def due_meetings(year_ids: Iterable[int], on: date) -> QuerySet[Meeting]:
    return Meeting.objects.filter(pair__in=programme_pairs(year_ids, on), planned_on__lte=on)


def evaluations(year_ids: Iterable[int], on: date) -> QuerySet[Response]:
    """Evaluations of pairs and groups (seed 003 §6) by `on`, the latest of a pair first."""
    return (
        Response.objects.filter(
            campaign__academic_year_id__in=year_ids,
            pair__isnull=False,
            submitted_on__lte=on,
        )
        .exclude(level="")
        .order_by("pair_id", "-submitted_on", "-submitted_at")
    )


def latest_contingents(organisation_ids: Iterable[int], on: date) -> dict[int, Contingent]:
    latest: dict[int, Contingent] = {}
    rows = Contingent.objects.filter(organisation_id__in=organisation_ids, counted_on__lte=on)
    for contingent in rows.order_by("organisation_id", "-counted_on").defer("rejected_rows"):
        latest.setdefault(contingent.organisation_id, contingent)
    return latest


def contingent_students(contingent: Contingent, on: date, low: int, high: int) -> int | None:
    """Students aged `low`–`high` on `on`: from the class list's birth dates, else as typed."""
    if contingent.birth_dates:
        earliest, latest = years_back(on, high + 1), years_back(on, low)
        return sum(
            count
            for born, count in contingent.birth_dates.items()
            if earliest < date.fromisoformat(born) <= latest
        )
    typed = {
        MENTEE_AGES: contingent.students_10_18,
        MENTOR_AGES: contingent.students_15_18,
    }
    return typed.get((low, high))


def _by_organisation(rows, key: str = "organisation_id") -> dict[int, dict]:
    return {row[key]: row for row in rows}


def _student_counts(people: QuerySet[Person], organisation_ids, on, ages) -> dict[int, dict]:
    students = Q(kind=Person.Kind.STUDENT)
    return _by_organisation(
        people.filter(organisation_id__in=organisation_ids)
        .values("organisation_id")
        .annotate(
            counted=Count("pk", filter=students & age_filter(on, *ages)),
            unknown=Count("pk", filter=students & Q(birth_date__isnull=True)),
            # Of the staff on the date, as the denominator (staff_teachers) counts them.
            young_teachers=Count(
                "pk",
                filter=Q(kind=Person.Kind.TEACHER) & young_teacher_filter(on) & on_staff_filter(on),
            ),
            teachers_unknown=Count(
                "pk", filter=Q(kind=Person.Kind.TEACHER, teaching_since__isnull=True)
            ),
        )
        .order_by()
    )


def indicators_for(organisations: Sequence[Organisation], on: date) -> dict[int, Indicators]:
    """The indicators of each school on `on`, in a constant number of queries."""
    ids = [organisation.pk for organisation in organisations]
    years = years_on(ids, on)
    year_ids = [year.pk for year in years.values()]
    contingents = latest_contingents(ids, on)
    targets: dict[int, dict[str, Decimal]] = defaultdict(dict)
    for year_id, indicator, target in IndicatorTarget.objects.filter(
        academic_year_id__in=year_ids
    ).values_list("academic_year_id", "indicator", "target"):
        targets[year_id][indicator] = target
    mentees = _student_counts(mentee_people(year_ids, on), ids, on, MENTEE_AGES)
    mentors = _student_counts(mentor_people(year_ids, on), ids, on, MENTOR_AGES)
    young = _by_organisation(
        staff_teachers(ids, on)
        .values("organisation_id")
        .annotate(
            counted=Count("pk", filter=young_teacher_filter(on)),
            unknown=Count("pk", filter=Q(teaching_since__isnull=True)),
        )
        .order_by()
    )
    satisfaction: dict[tuple[int, str], dict] = {
        (row["response__campaign__organisation_id"], row["response__role"]): row
        for row in satisfaction_answers(year_ids, on)
        .values("response__campaign__organisation_id", "response__role")
        .annotate(total=Count("pk"), satisfied=Count("pk", filter=satisfied_filter()))
        .order_by()
    }
    pair_counts: dict[int, dict[str, int]] = defaultdict(dict)
    for row in (
        programme_pairs(year_ids, on)
        .values("organisation_id", "status")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        pair_counts[row["organisation_id"]][row["status"]] = row["n"]
    meetings = _by_organisation(
        due_meetings(year_ids, on)
        .values("pair__organisation_id")
        .annotate(
            planned=Count("pk"),
            held=Count("pk", filter=Q(held_on__lte=on)),
            with_feedback=Count(
                "pk",
                filter=Q(held_on__lte=on)
                & Exists(MeetingFeedback.objects.filter(meeting_id=OuterRef("pk"))),
            ),
        )
        .order_by(),
        key="pair__organisation_id",
    )
    activities = _by_organisation(
        due_activities(year_ids, on)
        .values("stage__roadmap__organisation_id")
        .annotate(
            due=Count("pk"),
            on_time=Count("pk", filter=on_time_filter()),
            overdue=Count("pk", filter=~Q(status=Activity.Status.DONE)),
        )
        .order_by(),
        key="stage__roadmap__organisation_id",
    )
    levels: dict[int, dict[str, int]] = defaultdict(dict)
    seen_pairs: set[int] = set()
    for pair_id, organisation_id, level in evaluations(year_ids, on).values_list(
        "pair_id", "campaign__organisation_id", "level"
    ):
        if pair_id not in seen_pairs:
            seen_pairs.add(pair_id)
            levels[organisation_id][level] = levels[organisation_id].get(level, 0) + 1
    forms: dict[int, list[FormRow]] = defaultdict(list)
    for row in (
        programme_pairs(year_ids, on)
        .values("organisation_id", "form__name")
        .annotate(
            mentors=Count("mentor__person_id", distinct=True),
            mentees=Count("mentees__person_id", distinct=True),
        )
        .order_by("organisation_id", "form__name")
    ):
        forms[row["organisation_id"]].append(
            FormRow(row["form__name"], row["mentors"], row["mentees"])
        )

    result = {}
    for organisation_id in ids:
        year = years.get(organisation_id)
        contingent = contingents.get(organisation_id)
        year_targets = targets.get(year.pk, {}) if year else {}
        counts = pair_counts.get(organisation_id, {})
        held = meetings.get(organisation_id, {})
        done = activities.get(organisation_id, {})
        school_levels = levels.get(organisation_id, {})
        indicators = Indicators(
            organisation_id=organisation_id,
            on=on,
            year=year,
            figures={},
            contingent=contingent,
            pairs_active=counts.get(MentoringPair.Status.ACTIVE, 0),
            pairs_completed=counts.get(MentoringPair.Status.COMPLETED, 0),
            pairs_dissolved=counts.get(MentoringPair.Status.DISSOLVED, 0),
            meetings_planned=held.get("planned", 0),
            meetings_held=held.get("held", 0),
            meetings_with_feedback=held.get("with_feedback", 0),
            activities_due=done.get("due", 0),
            activities_done_on_time=done.get("on_time", 0),
            activities_overdue=done.get("overdue", 0),
            levels=school_levels,
            forms=forms.get(organisation_id, []),
        )
        figures = {
            Indicator.MENTEES_10_18: _students_figure(
                Indicator.MENTEES_10_18, mentees.get(organisation_id), contingent, on, MENTEE_AGES
            ),
            Indicator.MENTORS_15_18: _students_figure(
                Indicator.MENTORS_15_18, mentors.get(organisation_id), contingent, on, MENTOR_AGES
            ),
            Indicator.YOUNG_TEACHERS: Figure(
                Indicator.YOUNG_TEACHERS,
                numerator=mentees.get(organisation_id, {}).get("young_teachers", 0),
                denominator=young.get(organisation_id, {}).get("counted", 0),
                unknown=young.get(organisation_id, {}).get("unknown", 0),
            ),
            Indicator.MENTEE_SATISFACTION: _satisfaction_figure(
                Indicator.MENTEE_SATISFACTION, satisfaction.get((organisation_id, "mentee"))
            ),
            Indicator.MENTOR_SATISFACTION: _satisfaction_figure(
                Indicator.MENTOR_SATISFACTION, satisfaction.get((organisation_id, "mentor"))
            ),
            Indicator.MEETINGS_HELD: Figure(
                Indicator.MEETINGS_HELD,
                numerator=indicators.meetings_held,
                denominator=indicators.meetings_planned,
            ),
            Indicator.ROADMAP_ON_TIME: Figure(
                Indicator.ROADMAP_ON_TIME,
                numerator=indicators.activities_done_on_time,
                denominator=indicators.activities_due,
            ),
            Indicator.EFFECTIVE_PAIRS: Figure(
                Indicator.EFFECTIVE_PAIRS,
                numerator=sum(school_levels.get(level, 0) for level in EFFECTIVE_LEVELS),
                denominator=sum(school_levels.values()),
            ),
        }
        for figure in figures.values():
            figure.target = year_targets.get(figure.indicator)
            if year is None:
                figure.missing = _("Нет учебного года на эту дату")
            elif not figure.missing and not figure.denominator:
                figure.missing = str(_NO_DENOMINATOR[figure.indicator])
        indicators.figures = figures
        result[organisation_id] = indicators
    return result


_NO_DENOMINATOR = {
    Indicator.MENTEES_10_18: gettext_lazy("Нет обучающихся 10–18 лет в контингенте"),
    Indicator.MENTORS_15_18: gettext_lazy("Нет обучающихся 15–18 лет в контингенте"),
    Indicator.YOUNG_TEACHERS: gettext_lazy("Нет педагогов со стажем до 3 лет"),
    Indicator.MENTEE_SATISFACTION: gettext_lazy(
        "Нет ответов наставляемых на анкету удовлетворённости"
    ),
    Indicator.MENTOR_SATISFACTION: gettext_lazy(
        "Нет ответов наставников на анкету удовлетворённости"
    ),
    Indicator.MEETINGS_HELD: gettext_lazy("Нет запланированных встреч"),
    Indicator.ROADMAP_ON_TIME: gettext_lazy("Нет мероприятий со сроком до этой даты"),
    Indicator.EFFECTIVE_PAIRS: gettext_lazy("Нет оценок эффективности пар и групп"),
}


def _students_figure(indicator, counts, contingent, on, ages) -> Figure:
    counts = counts or {}
    figure = Figure(indicator, numerator=counts.get("counted", 0), unknown=counts.get("unknown", 0))
    if contingent is None:
        figure.missing = _("Не введён контингент обучающихся")
    else:
        figure.denominator = contingent_students(contingent, on, *ages)
        if figure.denominator is None:
            figure.missing = _("В контингенте нет числа обучающихся этого возраста")
    return figure


def _satisfaction_figure(indicator, row) -> Figure:
    row = row or {}
    return Figure(indicator, numerator=row.get("satisfied", 0), denominator=row.get("total", 0))


def school_indicators(organisation: Organisation, on: date) -> Indicators:
    return indicators_for([organisation], on)[organisation.pk]


@dataclass
class Total:
    """One indicator across schools: the summed figure (numerators over denominators of the
    schools that have a value), the mean of the schools' values and of their targets."""

    figure: Figure
    average: float | None
    schools_with_value: int


def _mean(values: list[float]) -> float | None:
    return round(sum(values) / len(values), 1) if values else None


def totals(schools: Iterable[Indicators]) -> dict[str, Total]:
    schools = list(schools)
    result = {}
    for indicator in Indicator.values:
        figures = [school.figures[indicator] for school in schools]
        counted = [figure for figure in figures if figure.value is not None]
        targets = [float(figure.target) for figure in figures if figure.target is not None]
        target = _mean(targets)
        summed = Figure(
            indicator,
            numerator=sum(figure.numerator for figure in counted),
            denominator=sum(figure.denominator for figure in counted),
            target=None if target is None else Decimal(str(target)),
            unknown=sum(figure.unknown for figure in figures),
        )
        if not counted:
            summed.missing = _("Нет данных ни одной школы")
        result[indicator] = Total(summed, _mean([f.value for f in counted]), len(counted))
    return result


SELF_ASSESSMENT_BEFORE = "self_assessment_before"
SELF_ASSESSMENT_AFTER = "self_assessment_after"


def _is_phase(campaign: Campaign, phase: str, library_key: str) -> bool:
    """A campaign «до» or «после» the programme: so marked, or of the library's questionnaire."""
    return campaign.phase == phase or campaign.version.questionnaire.library_key == library_key


def before_after_pairs(
    organisation: Organisation, year_id: int, start: date, end: date
) -> list[tuple[Campaign, Campaign]]:
    """Each «после» campaign of the year opened from `start` to `end`, latest first, with the
    latest «до» campaign opened before it."""
    campaigns = list(
        Campaign.objects.filter(
            organisation=organisation, academic_year_id=year_id, opens_at__date__lte=end
        )
        .filter(
            Q(phase__in=[Campaign.Phase.BEFORE, Campaign.Phase.AFTER])
            | Q(
                version__questionnaire__library_key__in=[
                    SELF_ASSESSMENT_BEFORE,
                    SELF_ASSESSMENT_AFTER,
                ]
            )
        )
        .select_related("version__questionnaire")
        .order_by("-opens_at", "-pk")
    )
    pairs = []
    for after in campaigns:
        if after.opens_at.date() < start or not _is_phase(
            after, Campaign.Phase.AFTER, SELF_ASSESSMENT_AFTER
        ):
            continue
        before = next(
            (
                c
                for c in campaigns
                if c.opens_at <= after.opens_at
                and _is_phase(c, Campaign.Phase.BEFORE, SELF_ASSESSMENT_BEFORE)
            ),
            None,
        )
        if before is not None:
            pairs.append((before, after))
    return pairs


def before_after(
    organisation: Organisation, year: AcademicYear | None, on: date
) -> Comparison | None:
    """The latest «до» and «после» campaigns of the academic year up to `on` (the year `on`
    falls in, as `Indicators.year`) compared item by item; None while either is missing."""
    if year is None:
        return None
    pairs = before_after_pairs(organisation, year.pk, year.start_date, on)
    return campaign_compare(*pairs[0]) if pairs else None


# Seed 004 sets targets for five years of the programme.
TREND_YEARS = 5


@dataclass
class TrendPoint:
    year: AcademicYear
    on: date
    indicators: Indicators


def trend(
    organisation: Organisation, on: date, current: Indicators | None = None
) -> list[TrendPoint]:
    """The indicators at the end of each of the school's academic years begun by `on`, and on
    `on` itself for the year it falls in (`current`, when the caller has them already); oldest
    first, the last `TREND_YEARS` years. `indicators_for` runs once per past year, so a page
    with the trend takes at most `TREND_YEARS - 1` times its queries more."""
    points = []
    years = AcademicYear.objects.filter(organisation=organisation, start_date__lte=on)
    for year in reversed(years.order_by("-start_date")[:TREND_YEARS]):
        day = min(year.end_date, on)
        if current is not None and day == on:
            indicators = current
        else:
            indicators = school_indicators(organisation, day)
        points.append(TrendPoint(year, day, indicators))
    return points
