"""Believable people for a Russian school: the demo data and the benchmark both draw on it.

Generators take a `random.Random` so a given seed always yields the same people, and return
plain dicts of Person fields (plus "subjects", a list of subject names); `people_insert`
writes them in bulk.
"""

import random
from collections.abc import Iterable
from datetime import date, timedelta

from .models import Organisation, Person, Subject
from .services.people import subjects_by_names

# Start year of the academic year the demo lives in (2026/2027).
DEMO_YEAR = 2026

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


def staff(rng: random.Random, count: int, *, year: int = DEMO_YEAR) -> list[dict]:
    """`count` members of staff; about one in twelve teachers is a young specialist."""
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


def students(rng: random.Random, count: int, *, year: int = DEMO_YEAR) -> list[dict]:
    """`count` pupils of grades 5–11, born in the year that fits their grade."""
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
