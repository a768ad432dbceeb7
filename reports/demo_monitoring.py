"""The inputs of the demo school's indicators, made through the services as its curator would:
the year's targets (seed 004's suggestion), the contingent from a class list, a pupils' group
in the programme since autumn, and some satisfaction answers of this year.

Safe to run again: each part is skipped once the school has it.
"""

import random
from datetime import date, datetime, time, timedelta
from io import BytesIO

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils import timezone
from openpyxl import Workbook

from core.dates import working_day_on_or_after
from mentoring.demo import GROUP_ROLE_MODEL, HELD_MEETINGS
from mentoring.models import (
    AcademicYear,
    Meeting,
    MenteeEntry,
    MentorEntry,
    MentoringForm,
    MentoringPair,
    MentoringType,
    Organisation,
    Person,
    Role,
    RoleModel,
)
from mentoring.services import pairs as pair_services
from mentoring.services.banks import bank_entry_update
from mentoring.services.meetings import meeting_log
from surveys.models import Campaign, Question, Questionnaire
from surveys.selectors.questionnaires import current_version
from surveys.services.campaigns import campaign_create, campaign_launch
from surveys.services.responses import response_submit

from .demo import _approved, _before_pairs_start, _user
from .models import Contingent, IndicatorTarget, Order
from .selectors.indicators import seed_targets
from .services.contingent import contingent_import
from .services.targets import targets_save

# Classes of the demo school: two of each grade up to the 9th, one 10th and one 11th.
CLASSES = [(grade, letter) for grade in range(1, 10) for letter in "АБ"] + [(10, "А"), (11, "А")]
CLASS_SIZE = 25
PEER_FORM = "ученик – ученик"
TEACHER_FORM = "учитель – ученик"
# The satisfaction questionnaires of the library by form of mentoring.
SATISFACTION_FORMS = {PEER_FORM: "student_student", TEACHER_FORM: "adult_student"}
PUPIL_TOPICS = {
    Meeting.Kind.ORGANISATIONAL: "Знакомство, правила работы группы",
    Meeting.Kind.PLANNING: "Цели на полугодие и план встреч",
}
SATISFACTION_TITLE = "Удовлетворённость участием: первое полугодие"


def monitoring_inputs_add(school: Organisation) -> None:
    year = school.academic_years.filter(is_current=True).first()
    if year is None:
        return
    curator = _user(school, Role.CURATOR)
    if not IndicatorTarget.objects.filter(academic_year=year).exists():
        targets_save(year=year, values=seed_targets(year), user=curator)
    if not Contingent.objects.filter(organisation=school).exists():
        counted_on = min(year.start_date, timezone.localdate())
        contingent_import(
            organisation=school,
            counted_on=counted_on,
            upload=ContentFile(class_list(school, counted_on), name="Списки классов.xlsx"),
            user=curator,
        )
    _pupils_group(school, year)
    if not Campaign.objects.filter(academic_year=year, title__startswith=SATISFACTION_TITLE):
        _satisfaction(school, year, curator)


def class_list(school: Organisation, counted_on: date) -> bytes:
    """The school's pupils by class with birth dates, as a school's office exports them: a
    title over the table, no names (the count needs none)."""
    rng = random.Random(f"classes-{school.short_name}")
    start = counted_on.year if counted_on.month >= 9 else counted_on.year - 1
    workbook = Workbook()
    sheet = workbook.active
    sheet.append([f"Списки обучающихся {school.short_name} на {counted_on:%d.%m.%Y}"])
    sheet.append(["№ п/п", "Класс", "Дата рождения"])
    number = 0
    for grade, letter in CLASSES:
        # A pupil of grade g on 1 September is 6 + g years old, born within that year.
        first = date(start - 7 - grade, 9, 2)
        for _ in range(CLASS_SIZE):
            number += 1
            born = first + timedelta(days=rng.randint(0, 364))
            sheet.append([number, f"{grade}{letter}", born])
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _free(entries):
    return [e for e in entries if not e.pairs.exists() and not pair_services.missing_consents([e])]


def _in_bank(model, year: AcademicYear, kind: str) -> list:
    entries = model.objects.filter(
        academic_year=year, status=model.Status.IN_BANK, person__kind=kind
    ).order_by("-person__last_name", "pk")
    return _free(entries.select_related("person"))


def _pupils_group(school: Organisation, year: AcademicYear) -> MentoringPair | None:
    """Two pupils with a senior pupil (or, when no senior pupil is free, with a teacher), in
    the programme since October by the pairs order; the demo's own draft group and the pair
    awaiting its order stay as they are."""
    pupils_in = MentoringPair.objects.filter(
        academic_year=year,
        status=MentoringPair.Status.ACTIVE,
        mentees__person__kind=Person.Kind.STUDENT,
    )
    pupils = _in_bank(MenteeEntry, year, Person.Kind.STUDENT)
    if pupils_in.exists() or len(pupils) < 2:
        return None
    mentors = _in_bank(MentorEntry, year, Person.Kind.STUDENT)
    form_name, role_model = PEER_FORM, GROUP_ROLE_MODEL
    if not mentors:
        mentors = _in_bank(MentorEntry, year, Person.Kind.TEACHER)
        form_name, role_model = TEACHER_FORM, None
    if not mentors:
        return None
    form = MentoringForm.objects.get(organisation=None, name=form_name)
    today = timezone.localdate()
    start = min(working_day_on_or_after(date(year.start_date.year, 10, 12)), today)
    start = max(start, year.start_date)
    mentor = mentors[0]
    if mentor.capacity < 2:
        bank_entry_update(entry=mentor, data={"capacity": 2})
    try:
        group = pair_services.pair_create(
            academic_year=year,
            mentor=mentor,
            mentees=pupils[:2],
            form=form,
            role_model=RoleModel.objects.filter(form=form, name=role_model).first(),
            mentoring_type=MentoringType.objects.get(
                organisation=None, code=MentoringType.Code.GROUP
            ),
            start_date=start,
            end_date=min(start + timedelta(days=180), year.end_date),
        )
    except ValidationError:
        return None
    # The pairs order fixes this group alone: the pair already waiting waits on.
    waiting = list(
        MentoringPair.objects.filter(academic_year=year, status=MentoringPair.Status.AWAITING_ORDER)
    )
    for pair in waiting:
        pair_services.pair_return_to_draft(pair=pair)
    pair_services.pair_submit_for_order(pair=group)
    _approved(school, Order.Kind.PAIRS, signed_on=_before_pairs_start)
    for pair in waiting:
        pair_services.pair_submit_for_order(pair=pair)
    _meetings_held(group, today)
    return group


def _meetings_held(group: MentoringPair, today: date) -> None:
    """The group's meetings up to today were held on their day, but the latest, missed."""
    past = list(group.meetings.filter(planned_on__lte=today).order_by("planned_on", "pk"))
    for meeting in past[:-1]:
        format_, _topic, _notes = HELD_MEETINGS[meeting.kind]
        meeting_log(
            meeting=meeting,
            held_on=meeting.planned_on,
            format=format_,
            topic=PUPIL_TOPICS.get(meeting.kind, "Разбор заданий по математике"),
        )


def _posted(questions, overall: int) -> dict:
    """A whole questionnaire's answers as the form posts them."""
    posted: dict = {}
    for question in questions:
        options = [o["value"] for o in question.options or []]
        kind = question.kind
        if kind == Question.Kind.SCALE:
            posted[question.key] = str(overall if question.key == "overall" else question.scale_max)
        elif kind == Question.Kind.MATRIX:
            for row in question.rows or []:
                posted[f"{question.key}.{row['key']}"] = str(question.scale_max - 1)
        elif kind == Question.Kind.SINGLE and options:
            posted[question.key] = options[min(1, len(options) - 1)]
        elif kind == Question.Kind.MULTIPLE and options:
            posted[question.key] = [options[0]]
        elif kind == Question.Kind.YES_NO:
            posted[question.key] = "yes"
    return posted


def _satisfaction(school: Organisation, year: AcademicYear, curator) -> None:
    """The active pairs' mentors and the pupils of the group answer this year's satisfaction
    questionnaire of their form and role; the demo teacher's own one stays open for her."""
    pairs = MentoringPair.objects.filter(
        academic_year=year, status=MentoringPair.Status.ACTIVE
    ).select_related("form", "mentor__person")
    asked: dict[str, list[Person]] = {}
    for pair in pairs.prefetch_related("mentees__person").order_by("start_date", "pk"):
        code = SATISFACTION_FORMS.get(pair.form.name, "teacher_teacher")
        asked.setdefault(f"satisfaction_mentor_{code}", []).append(pair.mentor.person)
        if pair.form.name in SATISFACTION_FORMS:
            mentees = [entry.person for entry in pair.mentees.all()]
            asked.setdefault(f"satisfaction_mentee_{code}", []).extend(mentees)
    scores = iter((9, 6, 8, 10, 7, 8, 5, 9) * 10)
    now = timezone.now()
    closes_at = timezone.make_aware(
        datetime.combine(timezone.localdate() + timedelta(days=7), time(23, 59))
    )
    for key, people in asked.items():
        questionnaire = Questionnaire.objects.filter(organisation=school, library_key=key).first()
        if questionnaire is None:
            continue
        version = current_version(questionnaire)
        campaign = campaign_create(
            organisation=school,
            academic_year=year,
            version=version,
            created_by=curator,
            title=f"{SATISFACTION_TITLE}: {questionnaire.title}",
            audience=Campaign.Audience.CHOSEN,
            opens_at=now - timedelta(days=10),
            closes_at=closes_at,
            people=people,
        )
        campaign_launch(campaign=campaign, actor=curator)
        questions = list(Question.objects.filter(section__version=version))
        for participation in campaign.participations.select_related("person__user"):
            response_submit(
                participation=participation,
                posted=_posted(questions, next(scores)),
                actor=getattr(participation.person, "user", None),
                section_questions=questions,
            )
