"""The prefilled text of each kind of order, drawn from the school's data.

Official documents are in Russian whatever the interface language, so the texts here are
plain Russian strings, not translatable messages.
"""

from dataclasses import dataclass, field
from datetime import date

from django.utils import translation

from core.names import FEMALE, gender_of
from mentoring.models import AcademicYear, MentoringPair, Organisation, Person
from roadmap.selectors.approval import appendix_rows, roadmap_for_year

from ..models import Order, OrderAppendix
from .regulation import regulation

# The regulation every order of the programme rests on (seed 002).
_BASIS = (
    "В соответствии с Федеральным законом от 29.12.2012 № 273-ФЗ «Об образовании в Российской "
    "Федерации», распоряжением Министерства просвещения Российской Федерации от 25.12.2019 "
    "№ Р-145 «Об утверждении методологии (целевой модели) наставничества обучающихся для "
    "организаций, осуществляющих образовательную деятельность по общеобразовательным, "
    "дополнительным общеобразовательным и программам среднего профессионального образования, "
    "в том числе с применением лучших практик обмена опытом между обучающимися»"
)
_CONTROL = "Контроль за исполнением настоящего приказа оставляю за собой."


@dataclass
class Appendix:
    kind: str
    title: str
    text: str = ""
    rows: list[dict] = field(default_factory=list)


@dataclass
class Draft:
    title: str
    preamble: str
    items: list[str]
    appendices: list[Appendix] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    pairs: list[MentoringPair] = field(default_factory=list)
    addressee: str = ""


# «обучающийся» is a participle: it takes the case and the gender of the name it follows.
_STUDENT = {
    "nominative": ("обучающийся", "обучающаяся"),
    "genitive": ("обучающегося", "обучающейся"),
    "dative": ("обучающемуся", "обучающейся"),
    "accusative": ("обучающегося", "обучающуюся"),
    "instrumental": ("обучающимся", "обучающейся"),
    "prepositional": ("обучающемся", "обучающейся"),
}
# An adjective after «назначить … кем?»: «ответственным», «ответственной».
_RESPONSIBLE = ("ответственным", "ответственной")


def is_female(person: Person) -> bool:
    return gender_of(person.first_name, person.patronymic, person.gender) == FEMALE


def person_line(person: Person) -> str:
    """«Иванова Анна Петровна, учитель математики, классный руководитель 7Б» or «…,
    обучающаяся 7А класса»: the position, then the duties the person holds."""
    if person.class_name:
        student = _STUDENT["nominative"][is_female(person)]
        return f"{person.full_name}, {student} {person.class_name} класса"
    with translation.override("ru"):  # an order is written in Russian whatever the interface
        duties = person.duty_labels
    parts = [person.position, *duties] if person.position else duties
    return ", ".join([person.full_name, *(p[:1].lower() + p[1:] for p in parts)])


def person_in(person: Person, case: str) -> str:
    """The name declined for a sentence; a position, which a name's case does not reach, in
    brackets: «Кравченко Леонида Николаевича (заместитель директора по УВР)»."""
    name = person.name_in(case)
    if person.class_name:
        return f"{name}, {_STUDENT[case][is_female(person)]} {person.class_name} класса"
    if person.position:
        return f"{name} ({person.position[:1].lower()}{person.position[1:]})"
    return name


def _period(year: AcademicYear | None) -> str:
    return f"{year.title} учебный год" if year else "текущий учебный год"


def _dmy(day: date) -> str:
    return day.strftime("%d.%m.%Y")


def pair_rows(pairs: list[MentoringPair]) -> list[dict]:
    """The appendix table of a pairs order, one row per pair or group."""
    return [
        {
            "mentor": person_line(pair.mentor.person),
            "co_mentor": person_line(pair.co_mentor.person) if pair.co_mentor else "",
            "mentees": [person_line(entry.person) for entry in pair.mentees.all()],
            "form": pair.form.name,
            "role_model": pair.role_model.name if pair.role_model else "",
            "type": pair.mentoring_type.name,
            "period": f"{_dmy(pair.start_date)} – {_dmy(pair.end_date)}",
        }
        for pair in pairs
    ]


def people_rows(people: list[Person]) -> list[dict]:
    return [
        {"name": person.full_name, "position": person.position or person.class_name}
        for person in people
    ]


def draft_system(organisation: Organisation, year, curator: Person | None) -> Draft:
    items = [
        f"Внедрить в {organisation.short_name} целевую модель наставничества на {_period(year)}.",
        "Утвердить Положение о наставничестве (приложение).",
    ]
    if curator is not None:
        items.append(
            f"Назначить {person_in(curator, 'accusative')} куратором внедрения целевой модели "
            "наставничества."
        )
    items += [
        "Куратору сформировать базы наставников и наставляемых, разработать дорожную карту "
        "внедрения целевой модели наставничества.",
        _CONTROL,
    ]
    return Draft(
        title="О внедрении целевой модели наставничества",
        preamble=f"{_BASIS}, в целях развития системы наставничества,",
        items=items,
        appendices=[Appendix(OrderAppendix.Kind.TEXT, *regulation(organisation, year, curator))],
        people=[curator] if curator else [],
    )


def draft_curator(organisation: Organisation, year, curator: Person) -> Draft:
    return Draft(
        title="О назначении куратора целевой модели наставничества",
        preamble=f"{_BASIS}, в целях организации наставничества в {organisation.short_name},",
        items=[
            f"Назначить {person_in(curator, 'accusative')} куратором целевой модели "
            f"наставничества на {_period(year)}.",
            "Куратору организовать работу по формированию баз наставников и наставляемых, "
            "наставнических пар и групп, мониторинг и оценку эффективности программ наставничества.",
            _CONTROL,
        ],
        people=[curator],
    )


def _roadmap_appendix(organisation: Organisation, year) -> Appendix:
    """The school's roadmap of the year as a table; a text to write when there is none yet."""
    roadmap = roadmap_for_year(organisation.pk, year.pk if year else None)
    if roadmap is None:
        return Appendix(OrderAppendix.Kind.TEXT, "Дорожная карта")
    return Appendix(OrderAppendix.Kind.ROADMAP, roadmap.title, rows=appendix_rows(roadmap))


def draft_roadmap(organisation: Organisation, year, curator: Person | None) -> Draft:
    items = [
        f"Утвердить дорожную карту внедрения целевой модели наставничества в "
        f"{organisation.short_name} на {_period(year)} (приложение).",
    ]
    if curator is not None:
        items.append(
            f"Назначить {person_in(curator, 'accusative')} "
            f"{_RESPONSIBLE[is_female(curator)]} за реализацию дорожной карты."
        )
    items.append(_CONTROL)
    return Draft(
        title="Об утверждении дорожной карты внедрения целевой модели наставничества",
        preamble=f"{_BASIS},",
        items=items,
        appendices=[_roadmap_appendix(organisation, year)],
        people=[curator] if curator else [],
    )


def draft_pairs(organisation: Organisation, year, curator, pairs: list[MentoringPair]) -> Draft:
    people = []
    for pair in pairs:
        people += [m.person for m in pair.mentor_entries()]
        # Pupils are named in the appendix; those who sign are the adults.
        people += [e.person for e in pair.mentees.all() if not e.person.class_name]
    items = [
        f"Утвердить наставнические пары и группы на {_period(year)} (приложение).",
        "Наставникам обеспечить реализацию персонализированных программ наставничества "
        "в сроки, указанные в приложении.",
    ]
    if curator is not None:
        items.append(
            "Возложить организационное и методическое сопровождение наставнических пар и групп, "
            "мониторинг реализации программ на куратора "
            f"{curator.short_name_in('accusative')}".rstrip(".")
            + "."
        )
        people.append(curator)
    items.append(_CONTROL)
    return Draft(
        title="Об утверждении наставнических пар и групп",
        preamble=(
            f"{_BASIS}, Положением о наставничестве в {organisation.short_name}, на основании "
            "письменного согласия участников на возложение на них дополнительных обязанностей, "
            "связанных с наставнической деятельностью,"
        ),
        items=items,
        appendices=[
            Appendix(
                OrderAppendix.Kind.PAIRS, "Наставнические пары и группы", rows=pair_rows(pairs)
            )
        ],
        people=list(dict.fromkeys(people)),
        pairs=pairs,
    )


def draft_reward(organisation: Organisation, year, people: list[Person]) -> Draft:
    return Draft(
        title="О поощрении участников программы наставничества",
        preamble=(
            f"По итогам реализации программы наставничества в {organisation.short_name} за "
            f"{_period(year)}, за высокие результаты и активное участие в наставнической "
            "деятельности,"
        ),
        items=[
            "Объявить благодарность участникам программы наставничества согласно приложению.",
            "Рассмотреть возможность материального поощрения наставников в соответствии "
            "с Положением о системе оплаты труда.",
            _CONTROL,
        ],
        appendices=[
            Appendix(OrderAppendix.Kind.PEOPLE, "Список участников", rows=people_rows(people))
        ],
        people=people,
    )


def draft_final_event(organisation: Organisation, year, curator, held_on: date | None) -> Draft:
    when = _dmy(held_on) if held_on else "________"
    items = [
        f"Провести {when} итоговое мероприятие (конференцию) по подведению итогов реализации "
        f"программы наставничества за {_period(year)}.",
    ]
    if curator is not None:
        items.append(
            "Возложить подготовку программы мероприятия на куратора "
            f"{curator.short_name_in('accusative')}; на мероприятие пригласить наставников, "
            "наставляемых и представителей организаций-партнёров."
        )
    items.append(_CONTROL)
    return Draft(
        title="О проведении итогового мероприятия программы наставничества",
        preamble=(
            "В целях подведения итогов работы наставнических пар и групп, "
            "популяризации лучших практик наставничества,"
        ),
        items=items,
        people=[curator] if curator else [],
    )


def draft_change(target: Order, *, cancel: bool) -> Draft:
    """The people the target names are named again, but for those restricted since."""
    reference = f"от {_dmy(target.signed_on)} № {target.registration_number} «{target.title}»"
    if cancel:
        return Draft(
            title=f"Об отмене приказа {reference}",
            preamble="В связи с изменением обстоятельств,",
            items=[f"Отменить приказ {reference}.", _CONTROL],
            people=list(target.people.unrestricted()),
        )
    return Draft(
        title=f"О внесении изменений в приказ {reference}",
        preamble="В связи с изменением обстоятельств,",
        items=[f"Внести в приказ {reference} следующие изменения: ________.", _CONTROL],
        people=list(target.people.unrestricted()),
    )


def draft_free() -> Draft:
    return Draft(title="", preamble="", items=[_CONTROL])


def draft_letter(organisation: Organisation, addressee: str, person: Person | None) -> Draft:
    """A letter to a person of the school greets them by name and patronymic."""
    greeting = ""
    if person is not None:
        addressee = addressee or person.name_in("dative")
        dear = "Уважаемая" if is_female(person) else "Уважаемый"
        greeting = f"{dear} {' '.join(p for p in (person.first_name, person.patronymic) if p)}!"
    return Draft(
        title="Благодарственное письмо",
        preamble=greeting,
        addressee=addressee,
        items=[
            f"Администрация {organisation.short_name} выражает искреннюю благодарность за "
            "активное участие в реализации программы наставничества, профессионализм, "
            "щедрость в передаче опыта и вклад в развитие педагогов и обучающихся.",
            "Желаем дальнейших успехов, новых достижений и вдохновения!",
        ],
        people=[person] if person else [],
    )
