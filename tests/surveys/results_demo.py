"""Campaigns with answers to look at: a named one of every question kind, an anonymous one, a
before/after pair and an evaluation of the school's pairs. Used by the browser tests and to
look at the pages by hand (`results_demo(school)` in a shell on the demo database)."""

import random
from datetime import timedelta

from django.utils import timezone

from mentoring.models import MentoringPair, Person
from surveys.models import Campaign, Questionnaire, Response
from tests.surveys.factories import make_campaign, make_questionnaire
from tests.surveys.results_data import add_response, invite

TEXTS = (
    "Хочу больше практики на открытых уроках.",
    "Наставник помог составить рабочую программу.",
    "Не хватает времени на встречи.",
    "Всё понравилось, спасибо!",
    "Нужны примеры работы с родителями.",
)
CRITERIA = [f"eval_{n}" for n in range(1, 10)]


def _values(rnd: random.Random, n: int, shift: int = 0) -> dict:
    subject = rnd.choice(["math", "russian", "__other__"])
    return {
        "name": f"Участник {n}",
        "story": rnd.choice(TEXTS),
        "subject": subject,
        **({"subject__other": rnd.choice(["Химия", "История"])} if subject == "__other__" else {}),
        "topics": rnd.sample(["discipline", "parents", "documents"], rnd.randint(1, 3)),
        "confidence": min(5, max(1, round(rnd.gauss(3 + shift, 1)))),
        "first_year": rnd.random() < 0.3,
        "hours": rnd.randint(1, 6),
        "start": f"2026-09-{rnd.randint(1, 20):02d}",
        "skills.planning": min(2, max(0, round(rnd.gauss(1 + shift / 2, 0.7)))),
        "skills.feedback": rnd.randint(0, 2),
    }


def _evaluation_questions() -> list[dict]:
    return [
        {
            "key": key,
            "text": f"Критерий {n}",
            "kind": "scale",
            "scale_min": 0,
            "scale_max": 2,
            "required": True,
        }
        for n, key in enumerate(CRITERIA, start=1)
    ]


def results_demo(school, *, people: int = 24) -> dict[str, Campaign]:
    rnd = random.Random(15)
    now = timezone.now()
    staff = list(Person.objects.filter(organisation=school)[:people])
    while len(staff) < people:
        staff.append(
            Person.objects.create(
                organisation=school,
                kind="teacher",
                last_name=f"Учитель{len(staff)}",
                first_name="Анна",
                patronymic="Петровна",
            )
        )
    questionnaire = make_questionnaire(school, title="Самооценка педагога")
    before = make_campaign(
        questionnaire,
        title="Самооценка до программы",
        phase=Campaign.Phase.BEFORE,
        opens_at=now - timedelta(days=120),
        closes_at=now - timedelta(days=100),
    )
    after = make_campaign(
        questionnaire, title="Самооценка после программы", phase=Campaign.Phase.AFTER
    )
    anonymous = make_campaign(questionnaire, title="Удовлетворённость (анонимно)", anonymous=True)
    forms = ["traditional", "group", "virtual"]
    for n, person in enumerate(staff):
        extra = {
            "role": rnd.choice(["mentor", "mentee"]),
            "form_code": rnd.choice(forms),
            "category": rnd.choice(["first", "highest", "none"]),
        }
        add_response(before, _values(rnd, n), person=person, **extra)
        if n % 6:
            add_response(after, _values(rnd, n, shift=1), person=person, **extra)
        else:
            invite(after, person)
        add_response(anonymous, _values(rnd, n, shift=1), **extra)
    evaluation = make_questionnaire(
        school, _evaluation_questions(), title="Оценка эффективности программы"
    )
    Questionnaire.objects.filter(pk=evaluation.pk).update(kind=Questionnaire.Kind.EVALUATION)
    evaluation.refresh_from_db()
    evaluating = make_campaign(evaluation, title="Оценка эффективности программ")
    curator = staff[0]
    for pair in MentoringPair.objects.filter(organisation=school).select_related("mentor__person"):
        scores = {key: rnd.choice([0, 1, 2, 2]) for key in CRITERIA}
        total = sum(scores.values())
        level = (
            Response.Level.OPTIMAL
            if total >= 15
            else Response.Level.ACCEPTABLE
            if total >= 9
            else Response.Level.UNACCEPTABLE
        )
        add_response(
            evaluating, scores, person=curator, pair=pair, score=total, level=level, role="curator"
        )
    return {"before": before, "after": after, "anonymous": anonymous, "evaluation": evaluating}
