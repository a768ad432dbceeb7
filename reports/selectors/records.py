"""The records behind each indicator of a school on a date: who or what its numerator and
denominator count, and why someone is left out. The querysets are the indicators' own
(`reports.selectors.indicators`), so a row is counted here exactly when the figure counts it.

`Records.rows` is a queryset to paginate; `Records.describe(page)` turns one page's objects into
`Row`s in one more query at most. A satisfaction figure of an anonymous campaign has no rows,
only its counts per campaign."""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Subquery
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mentoring.models import MentoringPair, Organisation, Person

from ..models import Indicator
from .indicators import (
    EFFECTIVE_LEVELS,
    MENTEE_AGES,
    MENTOR_AGES,
    YOUNG_TEACHER_YEARS,
    Figure,
    age_filter,
    due_activities,
    due_meetings,
    evaluations,
    mentee_people,
    mentor_people,
    on_time_filter,
    programme_pairs,
    satisfaction_answers,
    satisfied_filter,
    school_indicators,
    staff_teachers,
    years_on,
    young_teacher_filter,
)


class Kind:
    STUDENTS = "students"
    TEACHERS = "teachers"
    ANSWERS = "answers"
    MEETINGS = "meetings"
    ACTIVITIES = "activities"
    EVALUATIONS = "evaluations"


# Kinds whose rows name people (students, teachers, pairs): shown only to those who may see
# the school's people.
PERSONAL = {Kind.STUDENTS, Kind.TEACHERS, Kind.ANSWERS, Kind.MEETINGS, Kind.EVALUATIONS}

_EXPLAINED = {
    Indicator.MENTEES_10_18: gettext_lazy(
        "Числитель — обучающиеся 10–18 лет на дату в парах и группах программы в роли "
        "наставляемого; знаменатель — обучающиеся 10–18 лет по контингенту."
    ),
    Indicator.MENTORS_15_18: gettext_lazy(
        "Числитель — обучающиеся 15–18 лет на дату в парах и группах программы в роли "
        "наставника; знаменатель — обучающиеся 15–18 лет по контингенту."
    ),
    Indicator.YOUNG_TEACHERS: gettext_lazy(
        "Знаменатель — педагоги школы со стажем до 3 лет на дату; числитель — те из них, кто "
        "в программе в роли наставляемого."
    ),
    Indicator.MENTEE_SATISFACTION: gettext_lazy(
        "Ответы наставляемых на вопрос об общей удовлетворённости; удовлетворён — ответ от 70 % "
        "шкалы."
    ),
    Indicator.MENTOR_SATISFACTION: gettext_lazy(
        "Ответы наставников на вопрос об общей удовлетворённости; удовлетворён — ответ от 70 % "
        "шкалы."
    ),
    Indicator.MEETINGS_HELD: gettext_lazy(
        "Встречи пар и групп программы, запланированные до даты; числитель — проведённые."
    ),
    Indicator.ROADMAP_ON_TIME: gettext_lazy(
        "Мероприятия дорожной карты со сроком до даты; числитель — выполненные не позже срока."
    ),
    Indicator.EFFECTIVE_PAIRS: gettext_lazy(
        "Пары и группы по последней оценке эффективности; числитель — с оптимальным или "
        "допустимым уровнем."
    ),
}


@dataclass
class Row:
    obj: Any
    # In the numerator; in the denominator (None when the denominator is not a list of rows).
    counted: bool
    in_denominator: bool | None = None
    # Why the row is not counted, or "".
    reason: str = ""
    age: int | None = None
    pairs: list[MentoringPair] = field(default_factory=list)


@dataclass
class CampaignCount:
    title: str
    anonymous: bool
    total: int
    satisfied: int


@dataclass
class Records:
    indicator: str
    on: date
    kind: str
    figure: Figure
    rows: QuerySet
    campaigns: list[CampaignCount] = field(default_factory=list)
    year_ids: list[int] = field(default_factory=list)

    @property
    def title(self) -> str:
        return Indicator(self.indicator).label

    @property
    def explained(self) -> str:
        return str(_EXPLAINED[self.indicator])

    @property
    def personal(self) -> bool:
        return self.kind in PERSONAL

    def describe(self, objects) -> list[Row]:
        return getattr(self, f"_{self.kind}")(list(objects))

    def _pairs_of(self, people: list[Person]) -> dict[int, list[MentoringPair]]:
        """Each person's pairs and groups of the programme on the date, in one query."""
        ids = [person.pk for person in people]
        pairs = programme_pairs(self.year_ids, self.on).filter(
            Q(mentees__person_id__in=ids)
            | Q(mentor__person_id__in=ids)
            | Q(co_mentor__person_id__in=ids)
        )
        # A row per pair and mentee (the join), each with its mentor's person: one query.
        rows = pairs.select_related("mentor__person", "co_mentor").annotate(
            mentee_person_id=F("mentees__person_id")
        )
        by_pk: dict[int, MentoringPair] = {}
        found: dict[int, list[MentoringPair]] = {}
        for row in rows:
            pair = by_pk.setdefault(row.pk, row)
            members = {row.mentee_person_id, row.mentor.person_id}
            if row.co_mentor is not None:
                members.add(row.co_mentor.person_id)
            for person_id in members & set(ids):
                if pair not in found.setdefault(person_id, []):
                    found[person_id].append(pair)
        return found

    def _students(self, people: list[Person]) -> list[Row]:
        low, high = _ages(self.indicator)
        pairs = self._pairs_of(people)
        rows = []
        for person in people:
            age = person.age(self.on)
            if age is None:
                reason = _("Не указана дата рождения")
            elif not person.in_ages:
                reason = _("Возраст вне %(low)s–%(high)s лет") % {"low": low, "high": high}
            else:
                reason = ""
            rows.append(Row(person, not reason, None, reason, age, pairs.get(person.pk, [])))
        return rows

    def _teachers(self, people: list[Person]) -> list[Row]:
        pairs = self._pairs_of(people)
        rows = []
        for person in people:
            years = person.experience_years(self.on)
            young = bool(person.is_young)
            if years is None:
                reason = _("Не указан год начала педагогической деятельности")
            elif not young:
                reason = _("Стаж больше %(years)s лет") % {"years": YOUNG_TEACHER_YEARS}
            elif not person.is_mentee:
                reason = _("Не в программе в роли наставляемого")
            else:
                reason = ""
            row = Row(person, not reason, young, reason, years, pairs.get(person.pk, []))
            rows.append(row)
        return rows

    def _answers(self, answers: list) -> list[Row]:
        return [
            Row(answer, answer.satisfied, True, "" if answer.satisfied else _("Ниже 70 % шкалы"))
            for answer in answers
        ]

    def _meetings(self, meetings: list) -> list[Row]:
        return [
            Row(
                meeting,
                meeting.held_on is not None and meeting.held_on <= self.on,
                True,
                "" if meeting.held_on and meeting.held_on <= self.on else _("Не проведена"),
            )
            for meeting in meetings
        ]

    def _activities(self, activities: list) -> list[Row]:
        rows = []
        for activity in activities:
            if activity.on_time:
                reason = ""
            elif activity.completed_on:
                reason = _("Выполнено после срока")
            else:
                reason = _("Не выполнено")
            rows.append(Row(activity, activity.on_time, True, reason))
        return rows

    def _evaluations(self, responses: list) -> list[Row]:
        return [
            Row(
                response,
                response.level in EFFECTIVE_LEVELS,
                True,
                "" if response.level in EFFECTIVE_LEVELS else _("Недопустимый уровень"),
            )
            for response in responses
        ]


def _ages(indicator: str) -> tuple[int, int]:
    return MENTEE_AGES if indicator == Indicator.MENTEES_10_18 else MENTOR_AGES


def _by_name(people: QuerySet[Person]) -> QuerySet[Person]:
    return people.order_by("last_name", "first_name", "patronymic", "pk")


def indicator_records(organisation: Organisation, indicator: str, on: date) -> Records:
    """The rows behind one indicator of the school on `on` (see the module's docstring)."""
    figure = school_indicators(organisation, on).figure(indicator)
    year = years_on([organisation.pk], on).get(organisation.pk)
    year_ids = [year.pk] if year else []
    campaigns: list[CampaignCount] = []
    if indicator in (Indicator.MENTEES_10_18, Indicator.MENTORS_15_18):
        people = mentee_people if indicator == Indicator.MENTEES_10_18 else mentor_people
        kind = Kind.STUDENTS
        rows = _by_name(
            people(year_ids, on)
            .filter(organisation=organisation, kind=Person.Kind.STUDENT)
            # The figure's own age rule, so a row is counted exactly when the figure counts it.
            .annotate(in_ages=Q(age_filter(on, *_ages(indicator))))
        )
    elif indicator == Indicator.YOUNG_TEACHERS:
        kind = Kind.TEACHERS
        rows = _by_name(
            staff_teachers([organisation.pk], on).annotate(
                is_mentee=Exists(mentee_people(year_ids, on).filter(pk=OuterRef("pk"))),
                is_young=Q(young_teacher_filter(on)),
            )
        )
    elif indicator in (Indicator.MENTEE_SATISFACTION, Indicator.MENTOR_SATISFACTION):
        kind = Kind.ANSWERS
        role = "mentee" if indicator == Indicator.MENTEE_SATISFACTION else "mentor"
        answers = satisfaction_answers(year_ids, on).filter(
            response__campaign__organisation=organisation, response__role=role
        )
        campaigns = [
            CampaignCount(*row)
            for row in answers.values_list(
                "response__campaign__title", "response__campaign__anonymous"
            )
            .annotate(total=Count("pk"), satisfied=Count("pk", filter=satisfied_filter()))
            .order_by("response__campaign__title")
        ]
        rows = (
            answers.filter(response__campaign__anonymous=False)
            .annotate(satisfied=Q(satisfied_filter()))
            .select_related("response__person", "response__campaign", "question")
            .order_by("response__person__last_name", "response__person__first_name", "pk")
        )
    elif indicator == Indicator.MEETINGS_HELD:
        kind = Kind.MEETINGS
        rows = (
            due_meetings(year_ids, on)
            .filter(pair__organisation=organisation)
            .select_related("pair__mentor__person")
            .order_by("planned_on", "pk")
        )
    elif indicator == Indicator.ROADMAP_ON_TIME:
        kind = Kind.ACTIVITIES
        rows = (
            due_activities(year_ids, on)
            .filter(stage__roadmap__organisation=organisation)
            .annotate(on_time=Q(on_time_filter()))
            .select_related("stage__roadmap")
            .order_by("due_on", "stage__number", "number")
        )
    else:
        kind = Kind.EVALUATIONS
        school = evaluations(year_ids, on).filter(campaign__organisation=organisation)
        latest = school.filter(pair_id=OuterRef("pair_id")).values("pk")[:1]
        rows = (
            school.filter(pk=Subquery(latest))
            .select_related("pair__mentor__person", "campaign")
            .order_by("pair__mentor__person__last_name", "pair_id")
        )
    return Records(indicator, on, kind, figure, rows, campaigns, year_ids)
