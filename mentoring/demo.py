"""Believable people for a Russian school: the demo data and the benchmark both draw on it.

Generators take a `random.Random` so a given seed always yields the same people, and return
plain dicts of Person fields (plus "subjects", a list of subject names); `people_insert`
writes them in bulk.
"""

import random
from collections.abc import Iterable
from datetime import date, timedelta

from django.utils import timezone

from .models import (
    AcademicYear,
    Duty,
    Meeting,
    MenteeEntry,
    MentorEntry,
    Organisation,
    Person,
    Subject,
)
from .services.people import subjects_by_names


def demo_year(today: date | None = None) -> int:
    """Start year of the academic year the demo lives in: the one that contains today."""
    return AcademicYear.start_year_of(today or timezone.localdate())


MALE_SURNAMES = (
    "Иванов", "Смирнов", "Кузнецов", "Попов", "Васильев", "Петров", "Соколов", "Михайлов",
    "Новиков", "Фёдоров", "Морозов", "Волков", "Алексеев", "Лебедев", "Семёнов", "Егоров",
    "Павлов", "Козлов", "Степанов", "Николаев", "Орлов", "Андреев", "Макаров", "Никитин",
    "Захаров", "Зайцев", "Соловьёв", "Борисов", "Яковлев", "Григорьев", "Романов", "Воробьёв",
    "Сергеев", "Кузьмин", "Фролов", "Александров", "Дмитриев", "Королёв", "Гусев", "Киселёв",
    "Ильин", "Максимов", "Поляков", "Сорокин", "Виноградов", "Ковалёв", "Белов", "Медведев",
    "Антонов", "Тарасов", "Жуков", "Баранов", "Филиппов", "Комаров", "Давыдов", "Беляев",
    "Герасимов", "Богданов", "Осипов", "Сидоров", "Матвеев", "Титов", "Марков", "Миронов",
    "Крылов", "Куликов", "Карпов", "Власов", "Мельников", "Денисов", "Гаврилов", "Тихонов",
    "Казаков", "Афанасьев", "Пономарёв", "Калинин", "Шестаков", "Пермяков", "Чернышёв",
    "Вотинов", "Мальцев", "Рычков", "Голубев", "Кудрявцев", "Белоусов", "Горбунов", "Лаптев",
    "Ширинкин", "Мехоношин", "Устинов", "Зуев", "Русинов", "Пепеляев", "Трушников", "Кочергин",
    "Островский", "Покровский", "Вознесенский", "Успенский", "Добровольский", "Высоцкий",
    "Толстой", "Луговой", "Шевченко", "Бондаренко", "Кравченко", "Черных", "Седых",
)  # fmt: skip

MALE_FIRST_NAMES = (
    "Александр", "Алексей", "Андрей", "Антон", "Артём", "Борис", "Вадим", "Валентин",
    "Валерий", "Василий", "Виктор", "Виталий", "Владимир", "Владислав", "Вячеслав",
    "Геннадий", "Георгий", "Григорий", "Денис", "Дмитрий", "Евгений", "Егор", "Иван", "Игорь",
    "Илья", "Кирилл", "Константин", "Леонид", "Максим", "Михаил", "Никита", "Николай", "Олег",
    "Павел", "Пётр", "Роман", "Руслан", "Сергей", "Станислав", "Степан", "Фёдор", "Юрий",
)  # fmt: skip

FEMALE_FIRST_NAMES = (
    "Анна", "Алла", "Анастасия", "Валентина", "Вера", "Галина", "Дарья", "Евгения",
    "Екатерина", "Елена", "Жанна", "Зоя", "Ирина", "Кристина", "Лариса", "Любовь", "Людмила",
    "Маргарита", "Марина", "Мария", "Надежда", "Наталья", "Нина", "Оксана", "Ольга",
    "Светлана", "Тамара", "Татьяна", "Юлия", "Алёна", "Ксения", "Олеся", "Вероника",
)  # fmt: skip

# Names given to children born in 2009–2015.
BOY_NAMES = (
    "Артём", "Максим", "Александр", "Михаил", "Даниил", "Иван", "Дмитрий", "Кирилл", "Матвей",
    "Егор", "Никита", "Андрей", "Илья", "Алексей", "Роман", "Тимофей", "Владислав",
    "Ярослав", "Марк", "Глеб", "Степан", "Лев", "Фёдор", "Арсений", "Богдан", "Савелий",
)  # fmt: skip

GIRL_NAMES = (
    "Анастасия", "Мария", "Анна", "Дарья", "Полина", "Виктория", "Елизавета", "Софья",
    "Алиса", "Ксения", "Варвара", "Александра", "Екатерина", "Арина", "Вероника", "Василиса",
    "Милана", "Ульяна", "Кира", "Валерия", "Диана", "Алёна", "Ева", "Злата", "Таисия",
)  # fmt: skip

# Fathers of today's pupils, born in the 1970s–1980s.
FATHER_NAMES = (
    "Александр", "Сергей", "Андрей", "Дмитрий", "Алексей", "Евгений", "Денис", "Максим",
    "Михаил", "Игорь", "Роман", "Владимир", "Иван", "Павел", "Николай", "Юрий", "Антон",
    "Вячеслав", "Константин", "Виталий", "Олег", "Илья", "Артём", "Василий",
)  # fmt: skip

# Fathers of today's teachers, born in the 1930s–1970s.
OLDER_FATHER_NAMES = (
    "Александр", "Сергей", "Владимир", "Николай", "Виктор", "Юрий", "Анатолий", "Геннадий",
    "Валерий", "Василий", "Михаил", "Иван", "Пётр", "Борис", "Леонид", "Григорий", "Аркадий",
    "Георгий", "Фёдор", "Степан", "Лев", "Валентин", "Евгений", "Алексей", "Андрей", "Дмитрий",
    "Игорь", "Олег", "Павел", "Вячеслав", "Константин", "Виталий", "Илья", "Никита", "Роман",
)  # fmt: skip

_PATRONYMIC_EXCEPTIONS = {
    "Илья": ("Ильич", "Ильинична"),
    "Никита": ("Никитич", "Никитична"),
    "Лев": ("Львович", "Львовна"),
    "Павел": ("Павлович", "Павловна"),
    "Пётр": ("Петрович", "Петровна"),
    "Михаил": ("Михайлович", "Михайловна"),
}
_VOWELS = set("аеёиоуыэюя")


def patronymic(father: str, *, female: bool) -> str:
    """«Сергей» → «Сергеевич»/«Сергеевна», «Юрий» → «Юрьевич», «Дмитрий» → «Дмитриевич»."""
    if father in _PATRONYMIC_EXCEPTIONS:
        return _PATRONYMIC_EXCEPTIONS[father][female]
    if father.endswith("ий"):
        stem = father[:-2]
        # After two consonants the «и» stays: Дмитрий → Дмитриевич, Георгий → Георгиевич.
        two_consonants = not _VOWELS & set(stem[-2:].lower())
        base = stem + ("иев" if two_consonants else "ьев")
    elif father.endswith(("й", "ь")):
        base = father[:-1] + "ев"
    elif father[-1] in "жшчщц":
        base = father + "ев"
    else:
        base = father + "ов"
    return base + ("на" if female else "ич")


def surname(male_form: str, *, female: bool) -> str:
    """«Петров» → «Петрова», «Островский» → «Островская»; «Шевченко» does not change."""
    if not female:
        return male_form
    if male_form.endswith(("ский", "цкий")) or male_form.endswith("ой"):
        return male_form[:-2] + "ая"
    if male_form.endswith(("ов", "ев", "ёв", "ин", "ын")):
        return male_form + "а"
    return male_form


def full_name(rng: random.Random, *, female: bool, child: bool = False) -> dict[str, str]:
    """Last name, first name and patronymic of one person, as Person fields."""
    if child:
        first = rng.choice(GIRL_NAMES if female else BOY_NAMES)
        father = rng.choice(FATHER_NAMES)
    else:
        first = rng.choice(FEMALE_FIRST_NAMES if female else MALE_FIRST_NAMES)
        father = rng.choice(OLDER_FATHER_NAMES)
    return {
        "last_name": surname(rng.choice(MALE_SURNAMES), female=female),
        "first_name": first,
        "patronymic": patronymic(father, female=female),
    }


def _day_in(rng: random.Random, year: int) -> date:
    return date(year, 1, 1) + timedelta(days=rng.randrange(365))


def _phone(rng: random.Random) -> str:
    code = rng.choice(("902", "912", "919", "922", "950", "951", "992"))
    digits = f"{rng.randrange(10_000_000):07d}"
    return f"+7 {code} {digits[:3]}-{digits[3:5]}-{digits[5:]}"


# Staff of a school in the order a school fills them: a small school has the first rows,
# a large one repeats the teachers. Each row: position, subjects, kind.
_TEACHER = Person.Kind.TEACHER
_PRIMARY = ("Русский язык", "Литературное чтение", "Математика", "Окружающий мир")
_MATHS = ("Математика", "Алгебра", "Геометрия")
_STAFF_ROWS: tuple[tuple[str, tuple[str, ...], str], ...] = (
    ("Директор", ("История",), Person.Kind.STAFF),
    ("Заместитель директора по УВР", _MATHS, _TEACHER),
    ("Учитель русского языка и литературы", ("Русский язык", "Литература"), _TEACHER),
    ("Учитель математики", _MATHS, _TEACHER),
    ("Учитель начальных классов", _PRIMARY, _TEACHER),
    ("Педагог-психолог", (), _TEACHER),
    ("Заместитель директора по ВР", ("Обществознание",), _TEACHER),
    ("Учитель английского языка", ("Английский язык",), _TEACHER),
    ("Учитель истории и обществознания", ("История", "Обществознание"), _TEACHER),
    ("Учитель биологии", ("Биология",), _TEACHER),
    ("Учитель физики", ("Физика",), _TEACHER),
    ("Учитель химии", ("Химия",), _TEACHER),
    ("Учитель географии", ("География",), _TEACHER),
    ("Учитель информатики", ("Информатика",), _TEACHER),
    ("Учитель физической культуры", ("Физическая культура",), _TEACHER),
    ("Социальный педагог", (), _TEACHER),
    ("Учитель русского языка и литературы", ("Русский язык", "Литература"), _TEACHER),
    ("Учитель математики", (*_MATHS, "Вероятность и статистика"), _TEACHER),
    ("Учитель начальных классов", _PRIMARY, _TEACHER),
    ("Учитель английского языка", ("Английский язык",), _TEACHER),
    ("Заместитель директора по УВР", ("Русский язык", "Литература"), _TEACHER),
    ("Учитель-логопед", (), _TEACHER),
    ("Педагог-организатор", (), _TEACHER),
    ("Учитель ОБЗР", ("Основы безопасности и защиты Родины",), _TEACHER),
    ("Учитель труда (технологии)", ("Труд (технология)",), _TEACHER),
    ("Учитель музыки", ("Музыка",), _TEACHER),
    ("Учитель изобразительного искусства", ("Изобразительное искусство",), _TEACHER),
    ("Библиотекарь", (), Person.Kind.STAFF),
    ("Советник директора по воспитанию", (), _TEACHER),
    ("Учитель русского языка и литературы", ("Русский язык", "Литература"), _TEACHER),
    ("Учитель математики", ("Алгебра", "Геометрия", "Вероятность и статистика"), _TEACHER),
    ("Учитель начальных классов", _PRIMARY, _TEACHER),
    ("Учитель немецкого языка", ("Немецкий язык", "Английский язык"), _TEACHER),
    ("Учитель физической культуры", ("Физическая культура",), _TEACHER),
    ("Учитель химии и биологии", ("Химия", "Биология"), _TEACHER),
    ("Учитель истории и обществознания", ("История", "Обществознание"), _TEACHER),
    ("Педагог-психолог", (), _TEACHER),
    ("Учитель английского языка", ("Английский язык",), _TEACHER),
    ("Учитель русского языка и литературы", ("Русский язык", "Литература"), _TEACHER),
    ("Учитель начальных классов", _PRIMARY, _TEACHER),
    ("Учитель математики", _MATHS, _TEACHER),
    ("Учитель физики и информатики", ("Физика", "Информатика"), _TEACHER),
    ("Педагог дополнительного образования", (), _TEACHER),
    ("Учитель географии", ("География",), _TEACHER),
    ("Учитель биологии", ("Биология",), _TEACHER),
    ("Учитель начальных классов", _PRIMARY, _TEACHER),
    ("Учитель русского языка и литературы", ("Русский язык", "Литература"), _TEACHER),
    ("Учитель английского языка", ("Английский язык",), _TEACHER),
    ("Учитель физической культуры", ("Физическая культура",), _TEACHER),
    ("Учитель труда (технологии)", ("Труд (технология)",), _TEACHER),
    ("Учитель начальных классов", _PRIMARY, _TEACHER),
    ("Учитель математики", ("Математика", "Вероятность и статистика"), _TEACHER),
    ("Учитель истории и обществознания", ("История", "Обществознание"), _TEACHER),
    ("Педагог дополнительного образования", (), _TEACHER),
    ("Учитель русского языка и литературы", ("Русский язык", "Литература"), _TEACHER),
    ("Учитель начальных классов", _PRIMARY, _TEACHER),
    ("Учитель английского языка", ("Английский язык",), _TEACHER),
    ("Учитель информатики", ("Информатика",), _TEACHER),
    ("Учитель начальных классов", _PRIMARY, _TEACHER),
    ("Учитель русского языка и литературы", ("Русский язык", "Литература"), _TEACHER),
)
# Rows repeated once a school outgrows the list above: the subject teachers.
_REPEATED_ROWS = tuple(row for row in _STAFF_ROWS if row[0].startswith("Учитель "))

_MOSTLY_MEN = {"Учитель физической культуры", "Учитель ОБЗР", "Учитель труда (технологии)"}
SUBJECTS = sorted({name for row in _STAFF_ROWS for name in row[1]})


def _category(rng: random.Random, years: int) -> str:
    """Spread close to the regional statistics: most experienced teachers hold a category."""
    if years < 3:
        return Person.Category.NONE
    none, first = (0.5, 0.95) if years < 8 else (0.15, 0.65) if years < 16 else (0.1, 0.4)
    roll = rng.random()
    if roll < none:
        return Person.Category.NONE
    return Person.Category.FIRST if roll < first else Person.Category.HIGHEST


def staff(rng: random.Random, count: int, *, year: int | None = None) -> list[dict]:
    """`count` members of staff; about one in twelve teachers is a young specialist. Ages and
    years of experience are those of the academic year starting in `year` (the demo's)."""
    year = year or demo_year()
    rows = [
        _STAFF_ROWS[i] if i < len(_STAFF_ROWS) else _REPEATED_ROWS[i % len(_REPEATED_ROWS)]
        for i in range(count)
    ]
    teachers = [i for i, row in enumerate(rows) if row[0].startswith("Учитель ")]
    young = set(rng.sample(teachers, min(len(teachers), max(1, round(count / 12)))))
    people = []
    for i, (position, subjects, kind) in enumerate(rows):
        female = rng.random() > (0.6 if position in _MOSTLY_MEN else 0.12)
        if i in young:
            age = rng.randint(22, 26)
            teaching_since = year - rng.randint(0, min(3, age - 22))
        else:
            age = rng.randint(32 if position.startswith(("Директор", "Зам")) else 27, 66)
            teaching_since = min(year - 4, year - age + rng.randint(21, 30))
        is_teacher = kind == Person.Kind.TEACHER or position == "Директор"
        people.append(
            {
                "kind": kind,
                **full_name(rng, female=female),
                "birth_date": _day_in(rng, year - age),
                "position": position,
                "teaching_since": teaching_since if is_teacher else None,
                "category": _category(rng, year - teaching_since)
                if is_teacher
                else Person.Category.NONE,
                "phone": _phone(rng),
                "subjects": list(subjects),
            }
        )
    return people


# Who holds the duties roadmaps name (Duty): the first teacher of each subject association
# heads it, the first computer science teacher keeps the website, subject teachers are class
# teachers of grades 5–11 and primary teachers of grades 1–4, in turn.
_SMO = ("Учитель русского языка и литературы", "Учитель математики", "Учитель начальных классов")
_HOMEROOMS = [f"{grade}{letter}" for grade in range(5, 12) for letter in "АБВ"]
_PRIMARY_HOMEROOMS = [f"{grade}{letter}" for grade in range(1, 5) for letter in "АБВ"]


def with_duties(staff_rows: list[dict]) -> list[dict]:
    """The staff rows with the duties and homerooms of a school's staff; no randomness, so
    the same people always hold the same duties."""
    rows, heads, website = [], set(), False
    homerooms, primary = iter(_HOMEROOMS), iter(_PRIMARY_HOMEROOMS)
    for row in staff_rows:
        position, duties, homeroom = row["position"], [], ""
        if position == "Социальный педагог":
            duties.append(Duty.SOCIAL_PEDAGOGUE)
        elif position in _SMO and position not in heads:
            heads.add(position)
            duties.append(Duty.SMO_HEAD)
        elif position == "Учитель информатики" and not website:
            website = True
            duties.append(Duty.WEBSITE)
        elif position.startswith("Учитель "):
            classes = primary if position == "Учитель начальных классов" else homerooms
            if homeroom := next(classes, ""):
                duties.append(Duty.CLASS_TEACHER)
        rows.append({**row, "duties": [d.value for d in duties], "homeroom": homeroom})
    return rows


def students(rng: random.Random, count: int, *, year: int | None = None) -> list[dict]:
    """`count` pupils of grades 5–11, born in the year that fits their grade."""
    year = year or demo_year()
    people = []
    for _ in range(count):
        grade = rng.randint(5, 11)
        people.append(
            {
                "kind": Person.Kind.STUDENT,
                **full_name(rng, female=rng.random() < 0.5, child=True),
                # Children start school in the year they turn seven.
                "birth_date": _day_in(rng, year - 6 - grade),
                "grade": grade,
                "class_letter": rng.choice("АБВ" if grade < 10 else "АБ"),
                "subjects": [],
            }
        )
    return people


def person_key(data: dict) -> tuple:
    """What tells two generated people apart within one organisation."""
    return (data["last_name"], data["first_name"], data["patronymic"], data["birth_date"])


def school_fields(number: int, *, city: str = "Березники") -> dict:
    """Names of a municipal secondary school with this number."""
    return {
        "kind": Organisation.Kind.SCHOOL,
        "full_name": "Муниципальное автономное общеобразовательное учреждение "
        f"«Средняя общеобразовательная школа № {number}»",
        "short_name": f"МАОУ СОШ № {number}",
        "city": city,
    }


def subjects_catalogue(names: Iterable[str] = SUBJECTS) -> dict[str, Subject]:
    return {subject.name.lower(): subject for subject in subjects_by_names(names)}


def people_insert(
    organisation: Organisation,
    rows: list[dict],
    catalogue: dict[str, Subject],
    *,
    batch_size: int = 2000,
) -> list[Person]:
    """Write generated people and their subjects in bulk."""
    people = Person.objects.bulk_create(
        [
            Person(organisation=organisation, **{k: v for k, v in row.items() if k != "subjects"})
            for row in rows
        ],
        batch_size=batch_size,
    )
    through = Person.subjects.through
    through.objects.bulk_create(
        [
            through(person_id=person.pk, subject_id=catalogue[name.lower()].pk)
            for person, row in zip(people, rows, strict=True)
            for name in row["subjects"]
        ],
        batch_size=batch_size,
    )
    return people


# The banks of mentees and mentors.

_Mentee = MenteeEntry.Category
_Source = MenteeEntry.Source
_Ground = MentorEntry.Ground

# One catalogue for mentees' requests and mentors' competences, so the two can be matched.
TEACHER_REQUESTS = {
    _Mentee.YOUNG_SPECIALIST: (
        "Дисциплина на уроке",
        "Работа с родителями",
        "Оформление документации",
        "Классное руководство",
        "Формирующее оценивание",
    ),
    _Mentee.NEW_PLACE: ("Оформление документации", "Работа с детьми с ОВЗ", "Классное руководство"),
    _Mentee.DIGITAL: ("Цифровые инструменты", "Формирующее оценивание"),
    _Mentee.GROWTH: ("Функциональная грамотность", "Проектная деятельность", "Подготовка к ОГЭ"),
}
STUDENT_REQUESTS = {
    _Mentee.GIFTED: (
        "Подготовка к олимпиадам",
        "Проектная деятельность",
        "Исследовательская деятельность",
    ),
    _Mentee.LOW_RESULTS: ("Учебная мотивация", "Помощь с домашними заданиями"),
    _Mentee.DISABILITIES: ("Адаптация в коллективе", "Помощь с домашними заданиями"),
    _Mentee.HARD_SITUATION: ("Адаптация в коллективе", "Учебная мотивация"),
    _Mentee.BEHAVIOUR: ("Учебная мотивация", "Адаптация в коллективе"),
    _Mentee.DISENGAGED: ("Адаптация в коллективе", "Профориентация", "Публичные выступления"),
}
REQUEST_TEXTS = {
    _Mentee.YOUNG_SPECIALIST: (
        "Не получается удержать дисциплину в 6-х классах, особенно на последних уроках.",
        "Волнуюсь перед первым родительским собранием, не знаю, как отвечать на претензии.",
        "Много времени уходит на рабочие программы и электронный журнал.",
    ),
    _Mentee.NEW_PLACE: (
        "После перехода из другой школы не знаю здешних требований к документации.",
    ),
    _Mentee.DIGITAL: ("Хочу научиться делать интерактивные задания и проверять их онлайн.",),
    _Mentee.GROWTH: ("Готовлюсь к аттестации на первую категорию, нужен открытый урок.",),
}
PSYCHOLOGIST_NOTES = {
    _Mentee.YOUNG_SPECIALIST: (
        "Беседа 08.10: высокая тревожность перед открытыми уроками, сомневается в выборе "
        "профессии. Рекомендовано: наставник со спокойным стилем, разбор уроков без оценок, "
        "встречи раз в неделю."
    ),
    _Mentee.HARD_SITUATION: (
        "Семья в трудной жизненной ситуации (болезнь матери). Ребёнок замкнут, пропуски по "
        "понедельникам. Рекомендовано: наставник из 10–11 класса, без публичных поручений; "
        "сообщать о пропусках социальному педагогу."
    ),
}
# Competences a mentor brings from their subjects, on top of the general ones.
SUBJECT_COMPETENCES = {
    "Математика": ("Подготовка к ОГЭ", "Функциональная грамотность"),
    "Алгебра": ("Подготовка к ОГЭ",),
    "Русский язык": ("Подготовка к ОГЭ", "Функциональная грамотность"),
    "Английский язык": ("Цифровые инструменты", "Подготовка к ОГЭ"),
    "Информатика": ("Цифровые инструменты",),
    "Физика": ("Исследовательская деятельность", "Подготовка к олимпиадам"),
    "Химия": ("Исследовательская деятельность", "Подготовка к олимпиадам"),
    "Биология": ("Исследовательская деятельность", "Проектная деятельность"),
    "Труд (технология)": ("Проектная деятельность",),
    "Окружающий мир": ("Формирующее оценивание", "Работа с родителями"),
    "Физическая культура": ("Классное руководство",),
}
GENERAL_COMPETENCES = (
    "Дисциплина на уроке",
    "Работа с родителями",
    "Оформление документации",
    "Классное руководство",
    "Работа с детьми с ОВЗ",
    "Формирующее оценивание",
)
STUDENT_COMPETENCES = (
    "Подготовка к олимпиадам",
    "Проектная деятельность",
    "Адаптация в коллективе",
    "Помощь с домашними заданиями",
)
TAGS = tuple(
    dict.fromkeys(
        [
            *(t for tags in TEACHER_REQUESTS.values() for t in tags),
            *(t for tags in STUDENT_REQUESTS.values() for t in tags),
            *(t for tags in SUBJECT_COMPETENCES.values() for t in tags),
            *GENERAL_COMPETENCES,
            *STUDENT_COMPETENCES,
        ]
    )
)
MENTOR_STATUSES = (
    *[MentorEntry.Status.IN_BANK] * 4,
    *[MentorEntry.Status.TRAINED] * 2,
    *[MentorEntry.Status.INTERVIEWED] * 2,
    *[MentorEntry.Status.CANDIDATE] * 2,
)
TRAINING_COURSE = "Наставничество в образовательной организации"
TRAINING_HOURS = 36
# The demo's teachers' other grounds (seed 002 §5.1).
_OTHER_GROUNDS = [
    _Ground.CONTEST_WINNER,
    _Ground.AUTHOR,
    _Ground.COMMUNITY_LEADER,
    _Ground.PROJECT_PARTICIPANT,
    _Ground.SHARES_EXPERIENCE,
]
_STUDENT_CATEGORIES = (
    *[_Mentee.GIFTED] * 3,
    *[_Mentee.LOW_RESULTS] * 3,
    _Mentee.DISABILITIES,
    _Mentee.HARD_SITUATION,
    *[_Mentee.BEHAVIOUR] * 2,
    *[_Mentee.DISENGAGED] * 2,
)
# Besides the teacher's own questionnaire.
_TEACHER_SOURCES = {
    _Mentee.YOUNG_SPECIALIST: (_Source.METHODICAL_WORK,),
    _Mentee.GROWTH: (_Source.ATTESTATION,),
}
_STUDENT_SOURCES = (_Source.CLASS_TEACHER, _Source.PSYCHOLOGIST, _Source.PARENTS)


def september_day(rng: random.Random, on: date) -> date:
    """A day of September of the academic year of `on`, when consents are collected; never
    after `on`."""
    return min(date(AcademicYear.start_year_of(on), 9, rng.randint(1, 30)), on)


def _is_teacher(row: dict) -> bool:
    return row["position"].startswith("Учитель ")


def experience(row: dict, year: int | None = None) -> int:
    return (year or demo_year()) - row["teaching_since"]


def _mentee_teacher(rng: random.Random, row: dict, category: str, status: str) -> dict:
    texts = REQUEST_TEXTS.get(category, ())
    return {
        "key": person_key(row),
        "categories": [category],
        "requests": rng.sample(TEACHER_REQUESTS[category], 2),
        "requests_text": rng.choice(texts) if texts and rng.random() < 0.7 else "",
        "sources": [_Source.QUESTIONNAIRE, *_TEACHER_SOURCES.get(category, ())],
        "status": status,
        "forms": ["педагог – педагог"],
    }


def _mentee_student(rng: random.Random, row: dict, category: str, status: str) -> dict:
    requests = rng.sample(STUDENT_REQUESTS[category], 2)
    if row["grade"] == 9 and category != _Mentee.GIFTED:
        requests.append("Подготовка к ОГЭ")
    return {
        "key": person_key(row),
        "categories": [category],
        "requests": requests,
        "requests_text": "",
        "sources": [rng.choice(_STUDENT_SOURCES)],
        "status": status,
        "forms": [rng.choice(("ученик – ученик", "учитель – ученик"))],
    }


def _mentor_teacher(rng: random.Random, row: dict, status: str, year: int) -> dict:
    grounds = rng.sample(_OTHER_GROUNDS, rng.randint(1, 2))
    if row["category"] == Person.Category.HIGHEST:
        grounds.insert(0, _Ground.HIGHEST_CATEGORY)
    own = [t for subject in row["subjects"] for t in SUBJECT_COMPETENCES.get(subject, ())]
    mentor = {
        "key": person_key(row),
        "grounds": grounds,
        "competences": list(dict.fromkeys(own + rng.sample(GENERAL_COMPETENCES, 2))),
        "capacity": rng.randint(1, 3),
        "status": status,
        "forms": ["педагог – педагог"],
        "details": {},
    }
    if status != MentorEntry.Status.CANDIDATE:
        mentor["details"] |= {
            "interview_date": date(year, 9, rng.randint(14, 30)),
            "interview_result": "Рекомендован(а) в банк наставников",
            "interview_psychologist_present": rng.random() < 0.5,
        }
    if status in (MentorEntry.Status.TRAINED, MentorEntry.Status.IN_BANK):
        mentor["details"] |= {
            "training_course": TRAINING_COURSE,
            "training_hours": TRAINING_HOURS,
            "training_date": date(year, 10, rng.randint(12, 30)),
            "training_certificate": f"592419{rng.randrange(10**6):06d}",
        }
    return mentor


def _mentor_student(rng: random.Random, row: dict, status: str) -> dict:
    return {
        "key": person_key(row),
        "grounds": [],
        "competences": rng.sample(STUDENT_COMPETENCES, 2),
        "capacity": rng.randint(1, 2),
        "status": status,
        "forms": ["ученик – ученик"],
        "details": {},
    }


def _distinct_positions(rows: list[dict], count: int) -> list[dict]:
    chosen, positions = [], set()
    for row in rows:
        if row["position"] not in positions:
            chosen.append(row)
            positions.add(row["position"])
    return chosen[:count]


def _age(row: dict, on: date) -> int:
    return Person(birth_date=row["birth_date"]).age(on)


def bank_plan(rng: random.Random, staff_rows: list[dict], student_rows: list[dict], *, on: date):
    """Who enters the banks of the demo year and how, as plain dicts keyed by `person_key`:
    young specialists and three other teachers as mentees, experienced teachers of different
    subjects as mentors, pupils of grades 5–9 as mentees and two seniors as mentors; four
    teachers are left without a consent and one mentee withdraws theirs."""
    year = AcademicYear.start_year_of(on)
    teachers = [row for row in staff_rows if _is_teacher(row)]
    young = [row for row in teachers if experience(row, year) <= 3]
    # The first young specialist is the demo teacher, who is paired later.
    mentees = [
        _mentee_teacher(rng, row, _Mentee.YOUNG_SPECIALIST, MenteeEntry.Status.IN_BANK)
        for row in young
    ]
    others = rng.sample([row for row in teachers if 4 <= experience(row, year) <= 9], 7)
    for row, category in zip(
        others[:3], (_Mentee.NEW_PLACE, _Mentee.DIGITAL, _Mentee.GROWTH), strict=True
    ):
        mentees.append(_mentee_teacher(rng, row, category, MenteeEntry.Status.IN_BANK))
    experienced = sorted(
        (
            row
            for row in teachers
            if row["category"] != Person.Category.NONE and experience(row, year) >= 10
        ),
        key=lambda row: (row["category"] != Person.Category.HIGHEST, -experience(row, year)),
    )
    mentors = [
        _mentor_teacher(rng, row, status, year)
        for row, status in zip(
            _distinct_positions(experienced, len(MENTOR_STATUSES)), MENTOR_STATUSES, strict=True
        )
    ]
    pupils = rng.sample([row for row in student_rows if row["grade"] <= 9], 12)
    for row, category in zip(pupils, _STUDENT_CATEGORIES, strict=True):
        status = MenteeEntry.Status.CANDIDATE if rng.random() < 0.25 else MenteeEntry.Status.IN_BANK
        mentees.append(_mentee_student(rng, row, category, status))
    seniors = [row for row in student_rows if row["grade"] >= 10 and 15 <= _age(row, on) <= 17]
    for row, status in zip(
        rng.sample(seniors, 2),
        (MentorEntry.Status.IN_BANK, MentorEntry.Status.CANDIDATE),
        strict=True,
    ):
        mentors.append(_mentor_student(rng, row, status))
    for category, note in PSYCHOLOGIST_NOTES.items():
        # The last mentee of the category: never the demo teacher, who comes first.
        [m for m in mentees if category in m["categories"]][-1]["note"] = note
    return {
        "mentees": mentees,
        "mentors": mentors,
        "without_consent": [person_key(row) for row in others[3:]],
        "withdrawn": person_key(others[2]),
    }


# The demo pairs: the demo teacher's, two months into its programme, a draft group of pupils
# and a pair of teachers waiting for the order.

TEACHER_ROLE_MODEL = "опытный педагог – молодой специалист"
GROUP_ROLE_MODEL = "адаптированный – неадаптированный"
# Format, topic and notes of the meetings the demo teacher's pair has held, by kind.
HELD_MEETINGS = {
    Meeting.Kind.ORGANISATIONAL: (
        Meeting.Format.IN_PERSON,
        "Знакомство, правила работы в паре, график встреч",
        "Договорились встречаться раз в месяц, а между встречами — переписываться.",
    ),
    Meeting.Kind.TRIAL: (
        Meeting.Format.IN_PERSON,
        "Посещение урока наставника: начало урока и смена видов деятельности",
        "",
    ),
    Meeting.Kind.PLANNING: (
        Meeting.Format.ONLINE,
        "Затруднения по итогам анкеты и план работы на полугодие",
        "План внесён в персонализированную программу.",
    ),
    Meeting.Kind.REGULAR: (
        Meeting.Format.IN_PERSON,
        "Разбор посещённого урока наставляемого: как удержать внимание класса",
        "Наставляемый пробует приёмы на уроках в 6-х классах.",
    ),
    Meeting.Kind.FINAL: (
        Meeting.Format.IN_PERSON,
        "Итоги программы и самоанализ наставляемого",
        "Программа выполнена; наставляемый готовит выступление на итоговом мероприятии.",
    ),
}
# Topics of the regular meetings after the first, in turn.
LATER_REGULAR_TOPICS = (
    "План классного часа и работа с родителями",
    "Оценивание на уроке: критерии и обратная связь",
    "Подготовка открытого урока",
    "Итоги полугодия: что получилось, что ещё трудно",
)
MENTOR_FEEDBACK = (
    5,
    "Разобрали урок подробно: приёмы удержания внимания уже работают. К следующей встрече — "
    "план классного часа.",
)
# The mentor's word on the earlier regular meetings, which both have answered.
MENTOR_EARLIER_FEEDBACK = (5, "Хороший разбор; следующий шаг наметили вместе.")
MENTEE_FEEDBACK = (5, "Полезно: сразу попробовала на уроке, стало спокойнее.")
# What confirms a done item of the plan, by activity of the template.
EVIDENCE = {
    "Знакомство и диагностика профессиональных затруднений наставляемого": (
        "Анкета затруднений заполнена и обсуждена на встрече-планировании"
    ),
    "Посещение наставляемым уроков наставника": (
        "Посещены три урока наставника, заполнены листы наблюдения"
    ),
    "Совместная разработка урока": "Технологическая карта урока в папке наставляемого",
}
# A done item worked on a request of the mentee.
REQUEST_EVIDENCE = "Составлена памятка, приёмы опробованы на уроках и разобраны с наставником"


_STREETS = (
    "ул. Юбилейная", "ул. Пятилетки", "ул. Ленина", "Советский пр-т", "ул. Мира",
    "ул. Свердлова", "ул. Карла Маркса", "ул. Челюскинцев", "ул. Черняховского",
    "ул. Потёмина", "ул. Парижской Коммуны", "ул. Л. Толстого", "ул. Березниковская",
)  # fmt: skip


def address(rng: random.Random) -> str:
    street = rng.choice(_STREETS)
    return (
        f"618400, Пермский край, г. Березники, {street}, "
        f"д. {rng.randint(1, 120)}, кв. {rng.randint(1, 180)}"
    )


def passport(rng: random.Random) -> str:
    # Perm Krai passports carry the region code 57 in the series.
    return f"паспорт 57 {rng.randint(3, 24):02d} № {rng.randrange(10**6):06d}"


def birth_certificate(rng: random.Random) -> str:
    return (
        f"свидетельство о рождении {rng.choice(('I', 'II', 'III'))}-ВГ № {rng.randrange(10**6):06d}"
    )


_PASSPORT_OFFICE = "ГУ МВД России по Пермскому краю"
_REGISTRY_OFFICE = "Отдел ЗАГС администрации города Березники"


def _years_after(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _passport_issue(rng: random.Random, birth_date: date | None, on: date) -> dict:
    """When and where a passport was issued: at 14, 20 or 45 (its replacement ages), the last
    before `on`; without a birth date, in the last ten years."""
    if birth_date is None:
        issued = on - timedelta(days=rng.randint(365, 3650))
    else:
        ages = [a for a in (14, 20, 45) if _years_after(birth_date, a) < on]
        issued = _years_after(birth_date, ages[-1]) + timedelta(days=rng.randint(5, 25))
    return {
        "document_issued_on": min(issued, on),
        "document_issued_by": _PASSPORT_OFFICE,
        "document_division_code": f"590-{rng.randint(1, 40):03d}",
    }


def consent_details(rng: random.Random, row: dict, *, on: date) -> dict:
    """The identity details of a consent form; a minor's parent signs for them."""
    home, age, certificate = address(rng), _age(row, on), birth_certificate(rng)
    details = {
        "subject_address": home,
        # A passport from the age of 14, before that the birth certificate.
        "subject_document": passport(rng) if age >= 14 else certificate,
    }
    # Issue details from a generator of their own, so the rest of the demo stays as it was.
    issue_rng = random.Random(f"{row['last_name']} {row['first_name']} {row['birth_date']}")
    if age >= 14:
        issue = _passport_issue(issue_rng, row["birth_date"], on)
    else:
        issue = {
            "document_issued_on": row["birth_date"] + timedelta(days=issue_rng.randint(5, 25)),
            "document_issued_by": _REGISTRY_OFFICE,
        }
    details |= {f"subject_{k}": v for k, v in issue.items()}
    if age < 18:
        representative = _passport_issue(issue_rng, None, on)
        details |= parent(rng, row) | {
            "representative_address": home,
            "representative_document": passport(rng),
            "representative_authority": certificate,
            **{f"representative_{k}": v for k, v in representative.items()},
        }
    return details


def parent(rng: random.Random, child: dict) -> dict:
    """The mother or the father of a generated child, with a name that fits the child's."""
    daughter = child["patronymic"].endswith("на")
    family = next(
        (s for s in MALE_SURNAMES if child["last_name"] in (s, surname(s, female=True))),
        child["last_name"],
    )
    if rng.random() < 0.7:
        name = (
            surname(family, female=True),
            rng.choice(FEMALE_FIRST_NAMES),
            patronymic(rng.choice(OLDER_FATHER_NAMES), female=True),
        )
        relation = "мать"
    else:
        father = next(
            n for n in FATHER_NAMES if patronymic(n, female=daughter) == child["patronymic"]
        )
        name = (family, father, patronymic(rng.choice(OLDER_FATHER_NAMES), female=False))
        relation = "отец"
    return {"representative_name": " ".join(name), "representative_relation": relation}
