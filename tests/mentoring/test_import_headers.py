"""Headers of people files as schools write them, and which field each is read into."""

import pytest

from core.spreadsheets import normalise_header
from mentoring.imports.banks import bank_columns
from mentoring.imports.staff_file import STAFF_COLUMNS, people_file_read
from tests.mentoring.xlsx_helpers import upload, xlsx_bytes

STAFF_ALIASES = [
    ("ФИО", "fio"),
    ("Ф.И.О.", "fio"),
    ("Ф. И. О.", "fio"),
    ("Ф.И.О. педагога", "fio"),
    ("Фамилия, имя, отчество (полностью)", "fio"),
    ("Фамилия, имя, отчество", "fio"),
    ("ФИО работника", "fio"),
    ("ФИО сотрудника", "fio"),
    ("ФИО педагогического работника", "fio"),
    ("Дата рождения", "birth_date"),
    ("Д.р.", "birth_date"),
    ("Дата рожд.", "birth_date"),
    ("Число, месяц, год рождения", "birth_date"),
    ("Должность", "position"),
    ("Занимаемая должность", "position"),
    ("Должность по штатному расписанию", "position"),
    ("Занимаемая должность (должности)", "position"),
    ("Предметы", "subjects"),
    ("Преподаваемые предметы", "subjects"),
    ("Преподаваемые учебные предметы, курсы, дисциплины (модули)", "subjects"),
    ("Преподаваемые дисциплины", "subjects"),
    ("Педагогический стаж", "experience"),
    ("Педагогический стаж (лет)", "experience"),
    ("Стаж пед. работы, лет", "experience"),
    ("Пед. стаж", "experience"),
    ("Стаж работы по специальности", "experience"),
    ("Стаж работы в должности", "experience"),
    ("Квалификационная категория", "category"),
    ("Категория", "category"),
    ("Кв. категория", "category"),
    ("Квалиф. категория", "category"),
    ("E-mail", "email"),
    ("e-mail", "email"),
    ("Адрес электронной почты", "email"),
    ("Эл. почта", "email"),
    ("Телефон", "phone"),
    ("Контактный телефон", "phone"),
    ("Мобильный телефон", "phone"),
    ("Сот. телефон", "phone"),
    ("Класс обучающегося", "class_name"),
]


def _columns(*headers, columns=STAFF_COLUMNS):
    content = xlsx_bytes(list(headers), ["Иванова Мария Петровна", *["x"] * (len(headers) - 1)])
    table = people_file_read(upload(content), columns)
    return {column.header: column.key for column in table.columns}


@pytest.mark.parametrize(("header", "key"), STAFF_ALIASES)
def test_staff_header_aliases(header, key):
    name = "ФИО" if key != "fio" else header
    others = [] if key == "fio" else [header]
    assert _columns(name, *others)[header] == key


@pytest.mark.parametrize(
    "header",
    [
        "Общий стаж",  # the whole working life, not teaching
        "Общий трудовой стаж",
        "Год рождения",  # a year is not a date
        "Квалификация",  # the diploma's qualification in the official form
        "Класс",  # the class a teacher leads, in a staff list
        "№ п/п",
        "Примечание",
    ],
)
def test_headers_that_are_not_read_into_a_field_of_a_staff_file(header):
    assert _columns("ФИО", header)[header] is None


def test_the_closer_name_wins_when_two_columns_name_one_field():
    headers = _columns("ФИО", "Стаж работы в должности", "Педагогический стаж")
    assert headers == {
        "ФИО": "fio",
        "Стаж работы в должности": None,
        "Педагогический стаж": "experience",
    }


def test_the_values_of_the_winning_column_are_read():
    content = xlsx_bytes(["ФИО", "Стаж в должности", "Пед. стаж"], ["Иванова Мария", "2", "20"])
    table = people_file_read(upload(content))
    assert table.rows == [(2, {"fio": "Иванова Мария", "experience": "20"})]


@pytest.mark.parametrize("target", ["mentees", "mentors"])
def test_bank_files_know_their_own_names_and_the_class(target):
    fio = "ФИО наставляемого" if target == "mentees" else "ФИО наставника"
    headers = _columns(fio, "Класс", "Примечание", columns=bank_columns(target))
    assert headers == {fio: "fio", "Класс": "class_name", "Примечание": "comment"}


@pytest.mark.parametrize(
    "columns", [STAFF_COLUMNS, bank_columns("mentees"), bank_columns("mentors")]
)
def test_no_header_names_two_fields(columns):
    seen: dict[str, str] = {}
    for column in columns:
        for name in (column.header, *column.synonyms):
            key = seen.setdefault(normalise_header(name), column.key)
            assert key == column.key, name
