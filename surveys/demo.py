"""The demo school's surveys: the library installed, and the campaigns a school would have run
by today, their answers in the Answer value format.

- the preferences named after the group meeting (closed; their answers are the preferences the
  bank pages and the matching show);
- the curator's evaluation of each active pair or group (closed; scored 0–18);
- the satisfaction of the active pairs' mentees (open; the demo teacher has not answered yet);
- intermediate feedback from the active pairs (open; the mentor answered, the demo teacher has
  a half-filled draft);
- last year: the self-assessment «до» and «после» of fifteen teachers (closed, named) and an
  anonymous satisfaction survey of pupils (closed).

Safe to run again: nothing is added once the school has a campaign in the current year.
"""

import random
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import F
from django.utils import timezone

from mentoring.models import (
    AcademicYear,
    Membership,
    MenteeEntry,
    MentoringPair,
    Organisation,
    Person,
    Preference,
    Role,
)
from mentoring.models.consents import restricted

from .library import ENTRIES, MEASURED_KEYS, form_code_of
from .models import Answer, Campaign, Participation, Question, Questionnaire, Response
from .selectors.questionnaires import current_version
from .services.effects import response_effects
from .services.library import library_install
from .services.scoring import INDICATOR_KEYS

# The curator's scores of the active pairs in turn: an optimal, an acceptable and an
# unacceptable programme (17, 12 and 6 points).
EVALUATIONS = (
    (2, 2, 2, 2, 1, 2, 2, 2, 2),
    (2, 1, 1, 2, 1, 1, 2, 1, 1),
    (1, 0, 1, 1, 0, 1, 0, 1, 1),
)
SELF_ASSESSED = 15
PUPILS_ASKED = 12
PUPILS_ANSWERED = 10

GOALS = (
    "Научиться удерживать внимание класса на всём уроке.",
    "Спокойно провести первое родительское собрание.",
    "Разобраться с рабочей программой и электронным журналом.",
    "Подготовить открытый урок к аттестации.",
    "Освоить формирующее оценивание.",
    "Научиться давать задания разного уровня в одном классе.",
)
CHANGES = (
    "Стала заранее продумывать, чем занять класс в конце урока.",
    "Перестала бояться разговоров с родителями, есть план беседы.",
    "Документы теперь сдаю вовремя, завела себе календарь.",
    "Появились готовые приёмы для обратной связи ученикам.",
    "",
)
CHOICE_REASONS = (
    "Ведёт тот же предмет, на встрече было легко разговаривать.",
    "Понравилось, как рассказывал(а) о своём опыте.",
    "Работаем в одной параллели, удобно встречаться.",
    "",
)
PUPIL_BEST = (
    "Помогли разобраться с математикой.",
    "Было с кем поговорить на переменах.",
    "Вместе готовились к олимпиаде.",
    "",
    "",
)


def _when(day: date, rng: random.Random) -> datetime:
    """A moment of the school day."""
    moment = time(rng.randint(8, 19), rng.randint(0, 59))
    return timezone.make_aware(datetime.combine(day, moment))


def _window(opens_on: date, days: int, today: date) -> tuple[date, date]:
    """A closed campaign's days: from `opens_on` for `days`, over by yesterday."""
    closes_on = min(opens_on + timedelta(days=days), today - timedelta(days=1))
    return closes_on - timedelta(days=days), closes_on


def _days(rng: random.Random, first: date, last: date, count: int) -> list[date]:
    span = max((last - first).days, 0)
    return sorted(first + timedelta(days=rng.randint(0, span)) for _ in range(count))


class _Survey:
    """A campaign of an installed entry with its questions, answered through `respond`."""

    def __init__(self, school, year, key, creator, **fields):
        questionnaire = Questionnaire.objects.get(organisation=school, library_key=key)
        self.version = current_version(questionnaire)
        self.questions = {q.key: q for q in Question.objects.filter(section__version=self.version)}
        pairs = fields.pop("pairs", ())
        self.campaign = Campaign.objects.create(
            organisation=school,
            academic_year=year,
            version=self.version,
            created_by=creator,
            launched_at=fields["opens_at"],
            **fields,
        )
        if pairs:
            self.campaign.pairs.set(pairs)

    def option(self, key: str, number: int) -> str:
        return self.questions[key].options[number - 1]["value"]

    def options(self, key: str, rng: random.Random, low: int = 1, high: int = 3) -> list[str]:
        values = [o["value"] for o in self.questions[key].options]
        return rng.sample(values, min(rng.randint(low, high), len(values)))

    def invite(self, people: list[Person], pair: MentoringPair | None = None) -> list:
        return Participation.objects.bulk_create(
            Participation(
                campaign=self.campaign,
                person=person,
                pair=pair,
                invited_at=self.campaign.opens_at,
            )
            for person in people
        )

    def answers(self, response: Response, values: dict[str, Any]) -> list[Answer]:
        """One Answer per answered item, as the filling part stores them."""
        rows = []
        for key, question in self.questions.items():
            if question.kind == Question.Kind.MATRIX:
                for row in question.rows:
                    item = f"{key}.{row['key']}"
                    if item in values:
                        rows.append(
                            Answer(
                                response=response,
                                question=question,
                                item_key=item,
                                value=values[item],
                                number=values[item],
                            )
                        )
                continue
            if values.get(key) in (None, "", []):
                continue
            value = values[key]
            number = None
            if question.kind in (Question.Kind.SCALE, Question.Kind.NUMBER):
                number = value
            elif question.kind == Question.Kind.YES_NO:
                number = 1 if value else 0
            chose_other = value == "__other__" or (isinstance(value, list) and "__other__" in value)
            rows.append(
                Answer(
                    response=response,
                    question=question,
                    item_key=key,
                    value=value,
                    number=number,
                    other_text=values.get(f"{key}__other", "") if chose_other else "",
                )
            )
        return rows


def _snapshot(person: Person, role: str, form_code: str = "") -> dict[str, str]:
    category = person.category if person.kind == Person.Kind.TEACHER else person.kind
    return {"role": role, "form_code": form_code, "category": category or ""}


def _named(survey: _Survey, answered: list[tuple], rng) -> list[Response]:
    """Responses of the invited people: (participation, values, role, form code, day)."""
    responses, answers = [], []
    for participation, values, role, form_code, day in answered:
        moment = _when(day, rng)
        participation.submitted_at = moment
        response = Response(
            campaign=survey.campaign,
            version=survey.version,
            participation=participation,
            person=participation.person,
            pair=participation.pair,
            submitted_on=day,
            submitted_at=moment,
            **_snapshot(participation.person, role, form_code),
        )
        responses.append(response)
        answers += survey.answers(response, values)
    Participation.objects.bulk_update([a[0] for a in answered], ["submitted_at"])
    Response.objects.bulk_create(responses)
    Answer.objects.bulk_create(answers)
    return responses


def surveys_add(school: Organisation) -> None:
    year = school.academic_years.filter(is_current=True).first()
    if year is None:
        return
    membership = (
        Membership.objects.filter(organisation=school, role=Role.CURATOR)
        .select_related("user")
        .first()
    )
    curator = membership.user if membership else None
    for key in ENTRIES:
        library_install(organisation=school, key=key, created_by=curator)
    if Campaign.objects.filter(organisation=school, academic_year=year).exists():
        return
    rng = random.Random(f"surveys-{school.short_name}")
    today = timezone.localdate()
    curator_person = Person.objects.filter(organisation=school, user=curator).first()
    active = list(
        MentoringPair.objects.filter(academic_year=year, status=MentoringPair.Status.ACTIVE)
        .select_related("form", "mentor__person", "co_mentor__person")
        .prefetch_related("mentees__person")
        .order_by("start_date", "pk")
    )
    _preferences(school, year, curator, rng, today)
    if curator_person is not None and active:
        _evaluation(school, year, curator, curator_person, active, rng, today)
    if active:
        _satisfaction_open(school, year, curator, active, today)
        _feedback_open(school, year, curator, active, rng, today)
    past = (
        school.academic_years.filter(start_date__lt=year.start_date).order_by("-start_date").first()
    )
    if past is not None:
        _self_assessment(school, past, curator, rng)
        _pupils_satisfaction(school, past, curator, rng)


def _preferences(school, year: AcademicYear, curator, rng, today: date) -> None:
    """The questionnaires after the group meeting whose answers are the year's preferences."""
    ranked: dict[int, list[int]] = {}
    rows = Preference.objects.filter(academic_year=year).order_by("chooser_id", "rank")
    for chooser_id, chosen_id in rows.values_list("chooser_id", "chosen_id"):
        ranked.setdefault(chooser_id, []).append(chosen_id)
    if not ranked:
        return
    mentees = set(
        MenteeEntry.objects.filter(academic_year=year, person__in=ranked).values_list(
            "person_id", flat=True
        )
    )
    people = Person.objects.in_bulk(ranked)
    opens_on, closes_on = _window(year.start_date + timedelta(days=24), 7, today)
    for key, title, side, role in (
        (
            "preference_mentee",
            "Предпочтения наставляемых после общей встречи",
            [p for p in ranked if p in mentees],
            "mentee",
        ),
        (
            "preference_mentor",
            "Предпочтения наставников после общей встречи",
            [p for p in ranked if p not in mentees],
            "mentor",
        ),
    ):
        if not side:
            continue
        survey = _Survey(
            school,
            year,
            key,
            curator,
            title=title,
            audience=Campaign.Audience.MENTEE_CANDIDATES
            if role == "mentee"
            else Campaign.Audience.MENTOR_CANDIDATES,
            opens_at=_when(opens_on, rng),
            closes_at=timezone.make_aware(datetime.combine(closes_on, time(23, 59))),
        )
        participations = survey.invite([people[pk] for pk in side])
        days = _days(rng, opens_on, closes_on, len(participations))
        answered = []
        for participation, day in zip(participations, days, strict=True):
            values = {
                "meeting_useful": rng.randint(3, 5),
                "enough_info": rng.random() < 0.8,
                "preferences": ranked[participation.person_id],
                "choice_reason": rng.choice(CHOICE_REASONS),
                "partner_qualities": survey.options("partner_qualities", rng, 1, 2),
                "frequency": survey.option("frequency", rng.randint(1, 2)),
                "format": survey.option("format", rng.randint(1, 3)),
            }
            answered.append((participation, values, role, "", day))
        responses = _named(survey, answered, rng)
        # The mentoring demo has the curator enter these choices from the forms; the answers
        # feed them through the effect, still in her name.
        for response, (_participation, values, *_rest) in zip(responses, answered, strict=True):
            response_effects(response=response, values=values, actor=curator)


def _evaluation(school, year, curator, curator_person, pairs, rng, today: date) -> None:
    opens_on, closes_on = _window(today - timedelta(days=16), 12, today)
    survey = _Survey(
        school,
        year,
        "evaluation",
        curator,
        title="Оценка эффективности программ наставничества: первое полугодие",
        audience=Campaign.Audience.PAIRS,
        pairs=pairs,
        opens_at=_when(opens_on, rng),
        closes_at=timezone.make_aware(datetime.combine(closes_on, time(23, 59))),
    )
    answered = []
    for number, pair in enumerate(pairs):
        [participation] = survey.invite([curator_person], pair)
        values: dict[str, Any] = dict(
            zip(INDICATOR_KEYS, EVALUATIONS[number % len(EVALUATIONS)], strict=True)
        )
        values["strengths"] = "Встречи проходят регулярно, план программы выполняется."
        values["recommendations"] = "Больше самостоятельных уроков наставляемого с разбором."
        day = closes_on - timedelta(days=rng.randint(0, 5))
        answered.append((participation, values, "", form_code_of(pair.form.name), day))
    for response, (_p, values, *_rest) in zip(_named(survey, answered, rng), answered, strict=True):
        response_effects(response=response, values=values, actor=curator)


def _mentees_of(pairs) -> list[Person]:
    return [entry.person for pair in pairs for entry in pair.mentees.all()]


def _open_window(today: date, rng) -> dict:
    return {
        "opens_at": _when(today - timedelta(days=3), rng),
        "closes_at": timezone.make_aware(
            datetime.combine(today + timedelta(days=14), time(23, 59))
        ),
    }


def _satisfaction_open(school, year, curator, pairs, today: date) -> None:
    rng = random.Random(f"satisfaction-{school.short_name}")
    survey = _Survey(
        school,
        year,
        "satisfaction_mentee_teacher_teacher",
        curator,
        title="Удовлетворённость наставляемых: первое полугодие",
        audience=Campaign.Audience.ACTIVE_MENTEES,
        **_open_window(today, rng),
    )
    survey.invite(_mentees_of(pairs))


def _feedback_open(school, year, curator, pairs, rng, today: date) -> None:
    """The mentors have answered; the mentees' answers are awaited, the demo teacher's is
    half-filled."""
    survey = _Survey(
        school,
        year,
        "feedback",
        curator,
        title="Промежуточная обратная связь: как идёт работа в парах",
        audience=Campaign.Audience.PAIRS,
        pairs=pairs,
        **_open_window(today, rng),
    )
    mentors = [m.person for pair in pairs for m in pair.mentor_entries()]
    mentor_participations = survey.invite(mentors)
    mentee_participations = survey.invite(_mentees_of(pairs))
    answered = []
    for participation in mentor_participations:
        values = {
            "role": survey.option("role", 1),
            "meetings_count": survey.option("meetings_count", 3),
            "progress": 4,
            "cooperation.understanding": 5,
            "cooperation.goals_clear": 4,
            "cooperation.time_enough": 3,
            "cooperation.useful": 5,
            "obstacles": [survey.option("obstacles", 1)],
            "curator_help": False,
            "achievements": "Разобрали три урока, составили план работы с трудным классом.",
            "next_steps": "Подготовка к родительскому собранию.",
        }
        answered.append((participation, values, "mentor", "", today - timedelta(days=1)))
    _named(survey, answered, rng)
    now = timezone.now()
    for participation in mentee_participations:
        participation.draft = {
            "role": survey.option("role", 2),
            "meetings_count": survey.option("meetings_count", 3),
            "progress": 4,
            "cooperation.understanding": 5,
            "cooperation.goals_clear": 4,
        }
        participation.draft_saved_at = now - timedelta(hours=20)
    Participation.objects.bulk_update(mentee_participations, ["draft", "draft_saved_at"])


def _teachers(school, year: AcademicYear) -> list[Person]:
    """Those who taught that year, the youngest in the profession first."""
    return list(
        Person.objects.filter(
            organisation=school,
            kind=Person.Kind.TEACHER,
            archived_at=None,
            teaching_since__lte=year.start_date.year,
        )
        .exclude(restricted())
        .order_by(F("teaching_since").desc(nulls_last=True), "pk")[:SELF_ASSESSED]
    )


def _measured_before(survey: _Survey, rng) -> dict[str, Any]:
    values: dict[str, Any] = {
        f"skills.{row['key']}": rng.choice((2, 2, 3, 3, 3, 4))
        for row in survey.questions["skills"].rows
    }
    values |= {
        "confidence": rng.randint(3, 7),
        "job_satisfaction": rng.randint(4, 8),
        "stress": rng.randint(3, 5),
        "belonging": rng.randint(2, 4),
        "ask_for_help": rng.random() < 0.5,
        "stay_plans": rng.randint(2, 4),
    }
    return values


def _measured_after(before: dict[str, Any], rng) -> dict[str, Any]:
    """Mostly better, sometimes the same, now and then worse."""
    after = {}
    for key, value in before.items():
        if key == "ask_for_help":
            after[key] = value or rng.random() < 0.7
            continue
        change = rng.choice((0, 1, 1, 1, 2, -1))
        if key == "stress":
            after[key] = min(5, max(1, value - change))
        elif key in ("confidence", "job_satisfaction"):
            after[key] = min(10, max(1, value + change))
        else:
            after[key] = min(5, max(1, value + change))
    return after


def _self_assessment(school, year: AcademicYear, curator, rng) -> None:
    people = _teachers(school, year)
    if not people:
        return
    start = year.start_date
    spring = date(year.end_date.year, 5, 12)
    befores: dict[int, dict] = {}
    for key, phase, title, opens_on in (
        (
            "self_assessment_before",
            Campaign.Phase.BEFORE,
            "Самооценка наставляемых до программы",
            start + timedelta(days=14),
        ),
        (
            "self_assessment_after",
            Campaign.Phase.AFTER,
            "Самооценка наставляемых после программы",
            spring,
        ),
    ):
        closes_on = opens_on + timedelta(days=14)
        survey = _Survey(
            school,
            year,
            key,
            curator,
            title=title,
            audience=Campaign.Audience.CHOSEN,
            phase=phase,
            opens_at=_when(opens_on, rng),
            closes_at=timezone.make_aware(datetime.combine(closes_on, time(23, 59))),
        )
        participations = survey.invite(people)
        days = _days(rng, opens_on, closes_on - timedelta(days=1), len(participations))
        answered = []
        for participation, day in zip(participations, days, strict=True):
            person_id = participation.person_id
            if phase == Campaign.Phase.BEFORE:
                values = _measured_before(survey, rng)
                befores[person_id] = values
                values = values | {
                    "expectations": survey.options("expectations", rng, 1, 3),
                    "main_goal": rng.choice(GOALS),
                }
            else:
                measured = {
                    k: v
                    for k, v in befores[person_id].items()
                    if k.partition(".")[0] in MEASURED_KEYS
                }
                values = _measured_after(measured, rng) | {
                    "goal_reached": survey.option("goal_reached", rng.choice((1, 1, 2, 2, 3))),
                    "helped_most": survey.options("helped_most", rng, 1, 2),
                    "changes": rng.choice(CHANGES),
                }
            answered.append((participation, values, "mentee", "teacher_teacher", day))
        _named(survey, answered, rng)


def _pupils_satisfaction(school, year: AcademicYear, curator, rng) -> None:
    """Anonymous: the responses keep the day only and no link to who answered."""
    pupils = list(
        Person.objects.filter(
            organisation=school, kind=Person.Kind.STUDENT, archived_at=None, grade__gte=6
        )
        .exclude(restricted())
        .order_by("grade", "pk")[:PUPILS_ASKED]
    )
    if len(pupils) < PUPILS_ANSWERED:
        return
    opens_on = date(year.end_date.year, 5, 15)
    closes_on = opens_on + timedelta(days=10)
    survey = _Survey(
        school,
        year,
        "satisfaction_mentee_student_student",
        curator,
        title="Удовлетворённость наставляемых-учеников: итоги года",
        audience=Campaign.Audience.CHOSEN,
        anonymous=True,
        phase=Campaign.Phase.AFTER,
        opens_at=_when(opens_on, rng),
        closes_at=timezone.make_aware(datetime.combine(closes_on, time(23, 59))),
    )
    participations = survey.invite(pupils)
    answering = rng.sample(participations, PUPILS_ANSWERED)
    days = _days(rng, opens_on, closes_on - timedelta(days=1), PUPILS_ANSWERED)
    for participation, day in zip(answering, days, strict=True):
        # Anonymous: the day only, as responses.response_submit keeps it.
        participation.submitted_at = timezone.make_aware(datetime.combine(day, time()))
    Participation.objects.bulk_update(answering, ["submitted_at"])
    responses, answers = [], []
    rng.shuffle(days)
    for day in days:
        response = Response(
            campaign=survey.campaign,
            version=survey.version,
            submitted_on=day,
            role="mentee",
            form_code="student_student",
            category=Person.Kind.STUDENT,
        )
        values: dict[str, Any] = {
            "overall": rng.choice((6, 7, 8, 8, 9, 9, 10, 10)),
            "meetings_frequency": survey.option("meetings_frequency", rng.randint(1, 3)),
            "meetings_enough": survey.option("meetings_enough", rng.choice((1, 2, 2, 2))),
            "recommend": rng.random() < 0.85,
            "continue": rng.random() < 0.7,
            "peer_help": survey.options("peer_help", rng, 1, 3),
            "peer_easy": rng.random() < 0.8,
            "best": rng.choice(PUPIL_BEST),
        }
        for row in survey.questions["agreement"].rows:
            values[f"agreement.{row['key']}"] = rng.choice((3, 4, 4, 5, 5))
        responses.append(response)
        answers += survey.answers(response, values)
    Response.objects.bulk_create(responses)
    Answer.objects.bulk_create(answers)
