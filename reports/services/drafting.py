"""The prefilled text of each kind of order, drawn from the school's data.

Official documents are in Russian whatever the interface language, so the texts here are
plain Russian strings, not translatable messages.
"""

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.utils import timezone, translation

from core.dates import working_day_on_or_before
from core.names import FEMALE, decline, gender_of, in_sentence, split_full_name
from core.quotes import quoted, typeset
from mentoring.models import AcademicYear, MentoringPair, Organisation, Person
from roadmap.selectors.approval import appendix_rows, roadmap_for_year

from ..models import Audience, Order, OrderAppendix
from ..selectors.legal_acts import act_texts
from .regulation import regulation, regulation_title

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
    audience: str = Audience.BOTH


def basis(organisation: Organisation, audience: str) -> str:
    """«В соответствии с …»: the acts of the school's list for the audience (seed 002 for
    teachers, Р-145 for students), or nothing when the list is empty."""
    texts = act_texts(organisation, audience)
    return typeset(f"В соответствии с {', '.join(texts)}") if texts else ""


def _preamble(organisation: Organisation, audience: str, purpose: str) -> str:
    """The basis, then the purpose ending with a comma, as the preamble of an order reads."""
    return ", ".join(part for part in (basis(organisation, audience), purpose) if part) + ","


def class_label(class_name: str) -> str:
    """«11А», «11 а», «11-А» → «11 «А»», as a class is named in an order."""
    match = re.fullmatch(r"\s*(\d{1,2})\s*[-\s]?\s*[«\"]?([А-Яа-яЁё])[»\"]?\s*", class_name)
    return f"{match[1]} «{match[2].upper()}»" if match else class_name.strip()


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
        return f"{person.full_name}, {student} {class_label(person.class_name)} класса"
    with translation.override("ru"):  # an order is written in Russian whatever the interface
        duties = person.duty_labels
    parts = [person.position, *duties] if person.position else duties
    return ", ".join([person.full_name, *(in_sentence(p) for p in parts)])


def person_in(person: Person, case: str) -> str:
    """The name declined for a sentence; a position, which a name's case does not reach, in
    brackets: «Кравченко Леонида Николаевича (заместитель директора по УВР)»."""
    name = person.name_in(case)
    if person.class_name:
        return (
            f"{name}, {_STUDENT[case][is_female(person)]} {class_label(person.class_name)} класса"
        )
    if person.position:
        return f"{name} ({in_sentence(person.position)})"
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
    """A pupil's «position» is her class: «обучающаяся 11 «Б» класса»."""
    return [{"name": person.full_name, "position": _position(person)} for person in people]


def _position(person: Person) -> str:
    if person.class_name:
        student = _STUDENT["nominative"][is_female(person)]
        return f"{student} {class_label(person.class_name)} класса"
    return person.position


def due_date(days: int) -> date:
    """A deadline `days` from today, moved back to a working day."""
    return working_day_on_or_before(timezone.localdate() + timedelta(days=days))


def draft_system(organisation: Organisation, year, curator: Person | None, audience: str) -> Draft:
    items = [
        f"Внедрить в {organisation.short_name} целевую модель наставничества на {_period(year)}.",
        f"Утвердить {regulation_title(organisation)} (приложение).",
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
        preamble=_preamble(organisation, audience, "в целях развития системы наставничества"),
        items=items,
        appendices=[Appendix(OrderAppendix.Kind.TEXT, *regulation(organisation, year, curator))],
        people=[curator] if curator else [],
        audience=audience,
    )


def draft_curator(organisation: Organisation, year, curator: Person, audience: str) -> Draft:
    return Draft(
        title="О назначении куратора целевой модели наставничества",
        preamble=_preamble(
            organisation,
            audience,
            f"в целях организации наставничества в {organisation.short_name}",
        ),
        items=[
            f"Назначить {person_in(curator, 'accusative')} куратором целевой модели "
            f"наставничества на {_period(year)}.",
            "Куратору организовать работу по формированию баз наставников и наставляемых, "
            "наставнических пар и групп, мониторинг и оценку эффективности программ наставничества.",
            _CONTROL,
        ],
        people=[curator],
        audience=audience,
    )


def _roadmap_appendix(organisation: Organisation, year) -> Appendix:
    """The school's roadmap of the year as a table; a text to write when there is none yet."""
    roadmap = roadmap_for_year(organisation.pk, year.pk if year else None)
    if roadmap is None:
        return Appendix(OrderAppendix.Kind.TEXT, "Дорожная карта")
    return Appendix(OrderAppendix.Kind.ROADMAP, roadmap.title, rows=appendix_rows(roadmap))


def draft_roadmap(organisation: Organisation, year, curator: Person | None, audience: str) -> Draft:
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
        preamble=_preamble(organisation, audience, ""),
        items=items,
        appendices=[_roadmap_appendix(organisation, year)],
        people=[curator] if curator else [],
        audience=audience,
    )


def pairs_audience(pairs: list[MentoringPair]) -> str:
    """Pupils among the mentees make it students' mentoring, adults teachers'; both, both."""
    mentees = [entry.person for pair in pairs for entry in pair.mentees.all()]
    students = any(person.class_name for person in mentees)
    adults = any(not person.class_name for person in mentees)
    if students and not adults:
        return Audience.STUDENTS
    if adults and not students:
        return Audience.TEACHERS
    return Audience.BOTH


def draft_pairs(
    organisation: Organisation, year, curator, pairs: list[MentoringPair], audience: str = ""
) -> Draft:
    audience = audience or pairs_audience(pairs)
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
        preamble=_preamble(
            organisation,
            audience,
            f"Положением о наставничестве в {organisation.short_name}, на основании "
            "письменного согласия участников на возложение на них дополнительных обязанностей, "
            "связанных с наставнической деятельностью",
        ),
        items=items,
        appendices=[
            Appendix(
                OrderAppendix.Kind.PAIRS, "Наставнические пары и группы", rows=pair_rows(pairs)
            )
        ],
        people=list(dict.fromkeys(people)),
        pairs=pairs,
        audience=audience,
    )


def draft_working_group(
    organisation: Organisation,
    year,
    audience: str,
    head: Person,
    members: list[Person],
    due_on: date | None = None,
) -> Draft:
    """Seeds 004 (1.2) and 000: the group that prepares the Положение, the roadmap and the
    banks before the programme starts."""
    members = [person for person in members if person != head]
    due_on = due_on or due_date(30)
    banks_due = working_day_on_or_before(due_on + timedelta(days=30))
    head_dative = head.short_name_in("dative")
    items = [
        f"Создать рабочую группу по внедрению целевой модели наставничества в "
        f"{organisation.short_name} на {_period(year)}.",
        "Утвердить состав рабочей группы (приложение).",
        f"Назначить {person_in(head, 'accusative')} руководителем рабочей группы.",
        f"Рабочей группе в срок до {_dmy(due_on)} разработать проекты Положения о наставничестве "
        "и дорожной карты внедрения целевой модели наставничества и представить их "
        "на утверждение.",
        f"Рабочей группе в срок до {_dmy(banks_due)} сформировать базы "
        "наставников и наставляемых, провести анкетирование педагогов и обучающихся.",
        f"Руководителю рабочей группы {head_dative} ежеквартально информировать директора "
        "о ходе внедрения целевой модели наставничества.",
        _CONTROL,
    ]
    # The head first, the role after the position: «Заместитель директора по УВР, руководитель
    # рабочей группы».
    head_row = people_rows([head])[0]
    head_row["position"] = ", ".join(
        p for p in (head_row["position"], "руководитель рабочей группы") if p
    )
    rows = [head_row, *people_rows(members)]
    return Draft(
        title="О создании рабочей группы по внедрению целевой модели наставничества",
        preamble=_preamble(
            organisation,
            audience,
            "в целях организационного и методического обеспечения внедрения целевой модели "
            f"наставничества в {organisation.short_name}",
        ),
        items=items,
        appendices=[
            Appendix(
                OrderAppendix.Kind.PEOPLE,
                "Состав рабочей группы по внедрению целевой модели наставничества",
                rows=rows,
            )
        ],
        people=[head, *members],
        audience=audience,
    )


def motivation_regulation(organisation: Organisation, audience: str) -> str:
    """The Положение о мотивации и поощрении наставников, from seed 002 §6 and Р-145 §5."""
    acts = basis(organisation, audience).removeprefix("В соответствии с ")
    school = organisation.short_name
    return "\n\n".join(
        [
            "1. Общие положения",
            f"1.1. Настоящее Положение определяет способы мотивирования, стимулирования и "
            f"поощрения наставнической деятельности в {school}.",
            f"1.2. Положение разработано в соответствии с {acts}." if acts else "",
            "1.3. Способы мотивирования, стимулирования и поощрения наставнической деятельности "
            "зависят от условий образовательной организации и применяются по итогам реализации "
            "персонализированных программ наставничества.",
            "2. Нематериальные способы стимулирования",
            "2.1. Наставническая деятельность учитывается при выдвижении на профессиональные "
            "конкурсы педагогических работников, в том числе в качестве членов жюри (экспертов).",
            "2.2. Педагогическим работникам, осуществляющим наставническую деятельность, "
            "предоставляется возможность для профессионального развития и участия в "
            "региональных фестивалях, форумах, конференциях.",
            "2.3. Педагогическим работникам, осуществляющим наставническую деятельность, "
            "объявляется благодарность; они награждаются почётной грамотой и представляются "
            "к ведомственным наградам.",
            "2.4. Лучшие практики наставничества и сведения о наставниках размещаются на "
            "официальном сайте образовательной организации в разделе «Наставничество».",
            "2.5. Обучающиеся-наставники поощряются благодарственными письмами и грамотами.",
            "3. Материальное стимулирование",
            "3.1. Размеры выплат стимулирующего характера за осуществление наставнической "
            "деятельности определяются коллективным договором, соглашениями, локальными "
            "нормативными актами образовательной организации в соответствии с действующим "
            "законодательством.",
            "4. Порядок поощрения",
            "4.1. Предложения о поощрении наставников вносит куратор целевой модели "
            "наставничества по итогам мониторинга реализации программ наставничества.",
            "4.2. Поощрение объявляется приказом директора.",
        ]
    ).replace("\n\n\n\n", "\n\n")


def draft_motivation(
    organisation: Organisation, year, curator: Person | None, audience: str, due_on=None
) -> Draft:
    due_on = due_on or due_date(30)
    curator_part = "Куратору целевой модели наставничества"
    if curator is not None:
        curator_part += f" {curator.short_name_in('dative')}"
    items = [
        f"Утвердить Положение о мотивации и поощрении наставников {organisation.short_name} "
        "(приложение).",
        f"{curator_part} ежегодно в срок до 15 мая представлять директору предложения о "
        "поощрении наставников по итогам реализации персонализированных программ "
        "наставничества.",
        f"{curator_part} в срок до {_dmy(due_on)} разместить на официальном сайте "
        f"{organisation.short_name} в разделе «Наставничество» настоящее Положение и сведения "
        "о лучших практиках наставничества.",
        f"Главному бухгалтеру в срок до {_dmy(due_on)} подготовить предложения о выплатах "
        "стимулирующего характера за осуществление наставнической деятельности для внесения "
        f"в Положение о системе оплаты труда работников {organisation.short_name}.",
        _CONTROL,
    ]
    return Draft(
        title="Об утверждении Положения о мотивации и поощрении наставников",
        preamble=_preamble(
            organisation,
            audience,
            "в целях мотивации работников к наставнической деятельности, повышения её "
            "престижа и признания заслуг наставников",
        ),
        items=items,
        appendices=[
            Appendix(
                OrderAppendix.Kind.TEXT,
                "Положение о мотивации и поощрении наставников",
                text=motivation_regulation(organisation, audience),
            )
        ],
        people=[curator] if curator else [],
        audience=audience,
    )


def draft_reward(
    organisation: Organisation, year, people: list[Person], curator=None, due_on=None
) -> Draft:
    """Pupils are named with their class, adults with their position; each item has whoever
    does it and by when."""
    due_on = due_on or due_date(14)
    names = ";\n".join(f"– {person_in(person, 'dative')}" for person in people)
    items = [
        "Объявить благодарность за активное участие в программе наставничества и высокие "
        f"результаты наставнической деятельности:\n{names}.",
    ]
    if curator is not None:
        items.append(
            f"Куратору целевой модели наставничества {curator.short_name_in('dative')} в срок до "
            f"{_dmy(due_on)} подготовить благодарственные письма участникам, указанным в пункте 1, "
            "и организовать их вручение на итоговом мероприятии программы наставничества."
        )
    if any(not person.class_name for person in people):
        items.append(
            f"Главному бухгалтеру в срок до {_dmy(due_on)} произвести выплату стимулирующего "
            "характера педагогическим работникам, указанным в пункте 1, в соответствии с "
            f"Положением о системе оплаты труда работников {organisation.short_name}."
        )
    items.append(_CONTROL)
    return Draft(
        title="О поощрении участников программы наставничества",
        preamble=(
            f"По итогам реализации программы наставничества в {organisation.short_name} за "
            f"{_period(year)}, за высокие результаты и активное участие в наставнической "
            "деятельности,"
        ),
        items=items,
        people=[*people, *([curator] if curator else [])],
    )


# An event kind: (code, label, accusative «провести что?», genitive «проведение чего?»).
EVENT_KINDS = [
    ("conference", "конференция", "итоговую конференцию", "итоговой конференции"),
    (
        "research_conference",
        "научно-практическая конференция",
        "итоговую научно-практическую конференцию",
        "итоговой научно-практической конференции",
    ),
    (
        "festival",
        "фестиваль наставничества",
        "итоговый фестиваль наставничества",
        "итогового фестиваля наставничества",
    ),
    ("forum", "форум", "итоговый форум", "итогового форума"),
    ("round_table", "круглый стол", "итоговый круглый стол", "итогового круглого стола"),
    (
        "readings",
        "педагогические чтения",
        "итоговые педагогические чтения",
        "итоговых педагогических чтений",
    ),
    (
        "fair",
        "ярмарка лучших практик наставничества",
        "итоговую ярмарку лучших практик наставничества",
        "итоговой ярмарки лучших практик наставничества",
    ),
]
_EVENTS = {code: (accusative, genitive) for code, _label, accusative, genitive in EVENT_KINDS}


def draft_final_event(
    organisation: Organisation,
    year,
    *,
    event: str = "conference",
    held_on: date | None = None,
    place: str = "",
    responsible: Person | None = None,
    prepare_by: date | None = None,
) -> Draft:
    accusative, genitive = _EVENTS[event]
    when = _dmy(held_on) if held_on else "________"
    where = f" {place.strip()}" if place.strip() else ""
    items = [
        f"Провести {when}{where} {accusative} по подведению итогов реализации программы "
        f"наставничества в {organisation.short_name} за {_period(year)}.",
    ]
    if responsible is not None:
        deadline = _dmy(prepare_by) if prepare_by else "________"
        items += [
            f"Назначить {person_in(responsible, 'accusative')} "
            f"{_RESPONSIBLE[is_female(responsible)]} за подготовку и проведение {genitive}.",
            f"{capitalised(responsible.short_name_in('dative'))} в срок до {deadline} подготовить "
            f"программу {genitive} и пригласить к участию наставников, наставляемых "
            "и представителей организаций-партнёров.",
        ]
    items.append(_CONTROL)
    return Draft(
        # «фестиваля наставничества» already says whose event it is.
        title=f"О проведении {genitive}"
        + ("" if genitive.endswith("наставничества") else " программы наставничества"),
        preamble=(
            "В целях подведения итогов работы наставнических пар и групп, "
            "популяризации лучших практик наставничества,"
        ),
        items=items,
        people=[responsible] if responsible else [],
    )


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def draft_change(target: Order, *, cancel: bool) -> Draft:
    """The people the target names are named again, but for those restricted since."""
    reference = f"от {_dmy(target.signed_on)} № {target.registration_number} {quoted(target.title)}"
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


# The first words of a position in the dative: «учитель математики» → «учителю математики».
# Words after the first noun («математики», «по УВР») keep their case.
_DATIVE_ADJECTIVES = {
    "социальный": "социальному",
    "старший": "старшему",
    "главный": "главному",
    "ведущий": "ведущему",
}
_DATIVE_NOUNS = {
    "учитель": "учителю",
    "учитель-логопед": "учителю-логопеду",
    "учитель-дефектолог": "учителю-дефектологу",
    "заместитель": "заместителю",
    "педагог": "педагогу",
    "педагог-психолог": "педагогу-психологу",
    "педагог-организатор": "педагогу-организатору",
    "директор": "директору",
    "советник": "советнику",
    "воспитатель": "воспитателю",
    "методист": "методисту",
    "преподаватель": "преподавателю",
    "руководитель": "руководителю",
    "тьютор": "тьютору",
    "библиотекарь": "библиотекарю",
    "педагог-библиотекарь": "педагогу-библиотекарю",
}


def position_dative(position: str) -> str:
    """The position in the dative, or "" when its first words are not known."""
    words = position.split()
    for n, word in enumerate(words):
        lower = word.lower()
        if lower in _DATIVE_ADJECTIVES:
            words[n] = _DATIVE_ADJECTIVES[lower]
        elif lower in _DATIVE_NOUNS:
            words[n] = _DATIVE_NOUNS[lower]
            return capitalised(" ".join(words))
        else:
            return ""
    return ""


def _greeting(first_name: str, patronymic: str, female: bool) -> str:
    dear = "Уважаемая" if female else "Уважаемый"
    return f"{dear} {' '.join(p for p in (first_name, patronymic) if p)}!"


def draft_letter_person(
    organisation: Organisation, person: Person | None, full_name: str = "", position: str = ""
) -> Draft:
    """A letter to a person: to a member of staff, or to someone named in the nominative."""
    if person is not None:
        name = person.name_in("dative")
        position = position or position_dative(person.position)
        greeting = _greeting(person.first_name, person.patronymic, is_female(person))
    else:
        _surname, first_name, patronymic = split_full_name(full_name)
        name = decline(full_name, "dative")
        greeting = _greeting(first_name, patronymic, gender_of(first_name, patronymic) == FEMALE)
    return Draft(
        title="Благодарственное письмо",
        preamble=greeting,
        addressee="\n".join(part for part in (capitalised(position.strip()), name) if part),
        items=[
            f"Администрация {organisation.short_name} выражает Вам искреннюю благодарность за "
            "активное участие в реализации программы наставничества, профессионализм, "
            "щедрость в передаче опыта и вклад в развитие педагогов и обучающихся.",
            "Желаем Вам дальнейших успехов, новых достижений и вдохновения!",
        ],
        people=[person] if person else [],
    )


def draft_letter_organisation(organisation: Organisation, partner: str, head: str = "") -> Draft:
    """A letter to a partner organisation (its name in the dative), or to its head."""
    return Draft(
        title="Благодарственное письмо",
        preamble="Уважаемые коллеги!",
        addressee="\n".join(part for part in (partner.strip(), head.strip()) if part),
        items=[
            f"Администрация {organisation.short_name} выражает искреннюю благодарность "
            "за плодотворное сотрудничество и партнёрство в реализации программы "
            "наставничества: участие ваших специалистов в работе с наставниками "
            "и наставляемыми, открытость и готовность делиться опытом.",
            "Надеемся на дальнейшее сотрудничество и желаем вашему коллективу успехов!",
        ],
    )
