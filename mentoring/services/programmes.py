"""The personalised programme of a pair or group (seed 002 §1.3): prefilled from a template of
its form, then edited by the curator or the pair's mentor."""

from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from core.dates import add_months
from core.quotes import quoted

from ..models import MentoringPair, Programme, ProgrammeItem

# (activity, expected result) of the plan a mentor of teachers follows through the year.
TEACHER_PLAN = [
    (
        "Знакомство и диагностика профессиональных затруднений наставляемого",
        "Выявлены затруднения и сильные стороны, определены направления работы",
    ),
    (
        "Посещение наставляемым уроков наставника",
        "Наставляемый знаком с приёмами организации урока",
    ),
    ("Совместная разработка урока", "Разработан конспект (технологическая карта) урока"),
    (
        "Посещение уроков наставляемого с последующим анализом",
        "Даны рекомендации по проведению урока",
    ),
    (
        "Работа со школьной документацией (рабочая программа, электронный журнал)",
        "Документация ведётся в соответствии с требованиями",
    ),
    ("Открытый урок наставляемого", "Проведён открытый урок, получена обратная связь"),
    ("Итоговая рефлексия", "Подведены итоги программы, определены дальнейшие шаги"),
]
STUDENT_PLAN = [
    ("Знакомство, организационная встреча", "Установлен контакт, согласованы правила работы"),
    ("Выявление трудностей и интересов наставляемого", "Определены цели и направления работы"),
    ("Регулярные занятия с наставником", "Положительная динамика образовательных результатов"),
    ("Участие в проекте, конкурсе или олимпиаде", "Наставляемый представил свой результат"),
    ("Итоговая встреча", "Подведены итоги, наставляемый оценил свои достижения"),
]
TEACHER_GOAL = (
    "Успешное закрепление на месте работы, повышение профессионального потенциала "
    "и уровня наставляемого педагога"
)
STUDENT_GOAL = (
    "Раскрытие потенциала личности наставляемого, необходимое для успешной личной "
    "и профессиональной самореализации"
)
REQUEST_RESULT = "Затруднение преодолено"


def _is_student_form(pair: MentoringPair) -> bool:
    # Built-in student forms are «ученик – ученик», «учитель – ученик», «студент – ученик».
    return pair.form.name.strip().endswith("ученик")


def _months(start: date, end: date) -> list[date]:
    """The first day of each month from start's month to end's month."""
    first = start.replace(day=1)
    months = [first]
    while (next_month := add_months(first, len(months))) <= end:
        months.append(next_month)
    return months


def _spread(months: list[date], count: int) -> list[date]:
    """`count` months evenly spread from the first to the last."""
    if count == 1:
        return [months[0]]
    last = len(months) - 1
    return [months[round(i * last / (count - 1))] for i in range(count)]


def _requests(pair: MentoringPair) -> list[str]:
    """The requests recorded in the mentees' bank entries, each once."""
    return sorted(
        {tag.name for mentee in pair.mentees.all() for tag in mentee.requests.all()},
        key=str.lower,
    )


def programme_prefill(pair: MentoringPair) -> dict[str, str]:
    """Sections a programme starts from: the mentees' requests as their difficulties, the tasks
    and expected results of the pair's role model."""
    role_model = pair.role_model
    own_words = [m.requests_text.strip() for m in pair.mentees.all() if m.requests_text.strip()]
    return {
        "difficulties": "\n".join([*_requests(pair), *own_words]),
        "tasks": role_model.tasks if role_model else "",
        "expected_results": role_model.expected_results if role_model else "",
    }


@transaction.atomic
def programme_create_from_template(*, pair: MentoringPair) -> Programme:
    """The pair's programme; a pair without one gets the plan of its form, aimed at the
    mentees' recorded requests."""
    existing = Programme.objects.filter(pair=pair).first()
    if existing is not None:
        return existing
    student = _is_student_form(pair)
    template = STUDENT_PLAN if student else TEACHER_PLAN
    goal = STUDENT_GOAL if student else TEACHER_GOAL
    model = quoted(pair.form.name) + (
        f", ролевая модель {quoted(pair.role_model.name)}" if pair.role_model else ""
    )
    programme = Programme.objects.create(
        pair=pair,
        goal=_("%(goal)s (форма наставничества %(model)s).") % {"goal": goal, "model": model},
        **programme_prefill(pair),
    )
    months = _months(pair.start_date, pair.end_date)
    planned = [
        (month, 0, activity, result)
        for month, (activity, result) in zip(_spread(months, len(template)), template, strict=True)
    ]
    tags = _requests(pair)
    # Requests are worked on between the first and the last activities of the plan.
    middle = months[1:-1] or months
    for index, tag in enumerate(tags):
        month = middle[index * len(middle) // len(tags)]
        planned.append((month, 1, _("Работа над запросом: %(tag)s") % {"tag": tag}, REQUEST_RESULT))
    planned.sort(key=lambda row: (row[0], row[1]))
    ProgrammeItem.objects.bulk_create(
        ProgrammeItem(
            programme=programme,
            position=position,
            planned_on=max(month, pair.start_date),
            month_only=True,
            activity=activity,
            expected_result=result,
        )
        for position, (month, _order, activity, result) in enumerate(planned, start=1)
    )
    return programme


# In the order of the printed programme.
PROGRAMME_FIELDS = (
    "difficulties",
    "strengths",
    "goal",
    "tasks",
    "directions",
    "expected_results",
)
ITEM_FIELDS = ("planned_on", "month_only", "activity", "expected_result", "done", "evidence")


@transaction.atomic
def programme_update(*, programme: Programme, data: dict, items: list[dict]) -> Programme:
    """Save the programme's fields and its plan.

    `items` lists the rows in their new order: each a dict of ITEM_FIELDS with `id` (an item of
    this programme, or None for a new one) and `delete`. Positions are renumbered from 1.
    """
    for name in PROGRAMME_FIELDS:
        setattr(programme, name, data[name])
    programme.save(update_fields=[*PROGRAMME_FIELDS, "updated_at"])
    existing = {item.pk: item for item in programme.items.all()}
    kept = [row for row in items if not row.get("delete")]
    deleted = [row["id"] for row in items if row.get("delete") and row.get("id")]
    ProgrammeItem.objects.filter(programme=programme, pk__in=deleted).delete()
    for position, row in enumerate(kept, start=1):
        values = {name: row[name] for name in ITEM_FIELDS}
        item = existing.get(row.get("id"))
        if item is None:
            ProgrammeItem.objects.create(programme=programme, position=position, **values)
            continue
        for name, value in values.items():
            setattr(item, name, value)
        item.position = position
        item.save(update_fields=["position", *ITEM_FIELDS])
    return programme


@transaction.atomic
def programme_item_set_done(*, item: ProgrammeItem, done: bool, evidence: str) -> ProgrammeItem:
    item.done = done
    item.evidence = evidence
    item.save(update_fields=["done", "evidence"])
    return item
