"""A school's own staff list, as schools keep it, for the tests, the benchmark and the demo:
a merged title above the header, numbered rows, one «ФИО» column, dates typed in several ways,
categories, experience and phones spelled as people spell them, notes and blank rows."""

import random
from datetime import date, datetime

from openpyxl import Workbook
from openpyxl.styles import Font

from core.spreadsheets import workbook_bytes

from .models import Person

HEADERS = (
    "№ п/п",
    "Ф.И.О. педагога",
    "Дата рождения",
    "Занимаемая должность",
    "Преподаваемые предметы",
    "Педагогический стаж (лет)",
    "Квалификационная категория",
    "Контактный телефон",
    "Адрес электронной почты",
    "Примечание",
)
TITLE_ROWS = 3  # the header is on row 4
CATEGORY_SPELLINGS = {
    Person.Category.HIGHEST: (
        "высшая",
        "Высшая квалификационная категория",
        "ВКК",
        "высшая категория",
        "Высшая, 2021",
    ),
    Person.Category.FIRST: (
        "первая",
        "1 кв. кат.",
        "I категория",
        "первая кв.категория",
        "1 категория",
    ),
    Person.Category.NONE: (
        "б/к",
        "без категории",
        "СЗД",
        "С.З.Д.",
        "соотв. занимаемой должности",
        "соответствие занимаемой должности",
        "-",
        "нет",
        "не имеет",
    ),
}
NOTES = ("совместитель", "декретный отпуск", "молодой специалист", "курсы КПК в 2025 г.")


def _date(rng: random.Random, value: date):
    roll = rng.random()
    if roll < 0.6:
        return datetime(value.year, value.month, value.day)  # a date cell
    if roll < 0.85:
        return value.strftime("%d.%m.%Y")
    return f"{value.day}.{value.month}.{value.year % 100:02d}"


def _experience(rng: random.Random, years: int):
    roll = rng.random()
    if roll < 0.4:
        return years
    if roll < 0.7:
        return f"{years} лет"
    if roll < 0.85:
        return f"{years},5"
    return f"{years} л. {rng.randint(1, 11)} мес."


def _phone(rng: random.Random, phone: str) -> str:
    digits = "".join(c for c in phone if c.isdigit())[1:]  # 9123456789
    return rng.choice(
        (
            f"8 ({digits[:3]}) {digits[3:6]}-{digits[6:8]}-{digits[8:]}",
            f"+7 {digits[:3]} {digits[3:]}",
            f"8{digits}",
            f"8-{digits[:3]}-{digits[3:6]}-{digits[6:8]}-{digits[8:]}",
        )
    )


def _as_typed(rng: random.Random, text: str) -> str:
    """A lower-case first letter now and then, and a doubled space."""
    if rng.random() < 0.2 and len(text) > 1 and text[1].islower():
        text = text[0].lower() + text[1:]
    if rng.random() < 0.2:
        text = text.replace(" ", "  ", 1)
    return text


def staff_email(index: int) -> str:
    return f"teacher{index}@sosh7.test"


def staff_list_workbook(
    people: list[dict], *, rng: random.Random, today: date, school: str = "МАОУ СОШ № 7"
) -> bytes:
    """The `people` (demo.staff rows) as a school's list; the i-th person (from 1) has the
    e-mail staff_email(i) when i is even."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Педагоги"
    sheet.append([f"Список педагогических работников {school}"])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADERS))
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([f"по состоянию на {today:%d.%m.%Y}"])
    sheet.append([])
    sheet.append(HEADERS)
    for index, person in enumerate(people, start=1):
        if index % 40 == 0:
            sheet.append([])
        name = " ".join(person[f] for f in ("last_name", "first_name", "patronymic") if f)
        since = person.get("teaching_since")
        sheet.append(
            [
                index,
                name.replace(" ", "  ", 1) if rng.random() < 0.1 else name,
                _date(rng, person["birth_date"]),
                _as_typed(rng, person["position"]),
                rng.choice(("; ", ", ")).join(_as_typed(rng, s) for s in person["subjects"]),
                _experience(rng, today.year - since) if since else None,
                rng.choice(CATEGORY_SPELLINGS[person["category"]]),
                _phone(rng, person["phone"]),
                staff_email(index) if index % 2 == 0 else None,
                rng.choice(NOTES) if rng.random() < 0.15 else None,
            ]
        )
    return workbook_bytes(workbook)
