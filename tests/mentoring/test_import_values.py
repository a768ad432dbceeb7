"""Values of a people file as schools type them: each spelling and what it becomes."""

from datetime import date, datetime

import pytest

from mentoring.imports.staff_rows import (
    CellError,
    Spellings,
    _parse_category,
    _parse_experience,
    _parse_phone,
    parse_birth_date,
    parse_class,
    parse_date,
    parse_row,
)
from mentoring.models import Person

TODAY = date(2026, 12, 6)
HIGHEST, FIRST, NONE = Person.Category.HIGHEST, Person.Category.FIRST, Person.Category.NONE


@pytest.mark.parametrize(
    ("typed", "category"),
    [
        ("высшая", HIGHEST),
        ("Высшая", HIGHEST),
        ("ВЫСШАЯ", HIGHEST),
        ("высшая категория", HIGHEST),
        ("Высшая квалификационная категория", HIGHEST),
        ("высшая кв. категория", HIGHEST),
        ("высш. кат.", HIGHEST),
        ("ВКК", HIGHEST),
        ("Высшая, 2021", HIGHEST),
        ("высшая (приказ от 20.01.2022 № 45)", HIGHEST),
        ("первая", FIRST),
        ("Первая", FIRST),
        ("первая категория", FIRST),
        ("Первая квалификационная категория", FIRST),
        ("первая кв.категория", FIRST),
        ("1 кв. кат.", FIRST),
        ("1 категория", FIRST),
        ("1", FIRST),
        ("I категория", FIRST),
        ("1КК", FIRST),
        ("первая, 26.12.2019", FIRST),
        ("без категории", NONE),
        ("Без категории", NONE),
        ("б/к", NONE),
        ("Б/К", NONE),
        ("нет", NONE),
        ("Нет категории", NONE),
        ("-", NONE),
        ("—", NONE),
        ("не имеет", NONE),
        ("отсутствует", NONE),
        ("СЗД", NONE),
        ("сзд", NONE),
        ("С.З.Д.", NONE),
        ("соответствие занимаемой должности", NONE),
        ("Соответствие занимаемой должности (СЗД)", NONE),
        ("соотв. занимаемой должности", NONE),
        ("соответствует занимаемой должности", NONE),
        ("молодой специалист", NONE),
    ],
)
def test_category_spellings(typed, category):
    assert _parse_category(typed) == category


@pytest.mark.parametrize("typed", ["высокая", "кандидат наук", "3"])
def test_unknown_category_is_an_error_listing_the_choices(typed):
    with pytest.raises(CellError, match="Допустимо: высшая, первая, без категории"):
        _parse_category(typed)


def test_second_category_is_an_error_that_says_why():
    with pytest.raises(CellError, match="Вторая квалификационная категория отменена"):
        _parse_category("вторая")


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        (datetime(1980, 12, 5), date(1980, 12, 5)),
        (date(1980, 12, 5), date(1980, 12, 5)),
        ("05.12.1980", date(1980, 12, 5)),
        ("5.12.1980", date(1980, 12, 5)),
        ("05.12.1980 г.", date(1980, 12, 5)),
        ("5.12.80", date(1980, 12, 5)),
        ("05.12.05", date(2005, 12, 5)),
        ("01.02.26", date(2026, 2, 1)),
        ("1980-12-05", date(1980, 12, 5)),
        ("05/12/1980", date(1980, 12, 5)),
        ("05-12-1980", date(1980, 12, 5)),
        ("5 декабря 1980 г.", date(1980, 12, 5)),
        ("5 декабря 1980 года", date(1980, 12, 5)),
        ("5 Декабря 1980", date(1980, 12, 5)),
        ("12 мая 1979", date(1979, 5, 12)),
        ("1 сент. 1990 г.", date(1990, 9, 1)),
        (29560, date(1980, 12, 5)),  # a date cell that lost its format
    ],
)
def test_dates_as_people_type_them(typed, expected):
    assert parse_date(typed, TODAY) == expected


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("31.02.1980", "Такой даты не существует: 31.02.1980."),
        ("00.00.0000", "Такой даты не существует: 00.00.0000."),
        ("32 декабря 1980", "Такой даты не существует"),
        ("1980/02/01", "ДД.ММ.ГГГГ"),
        ("вчера", "ДД.ММ.ГГГГ"),
        ("5 смарта 1980", "ДД.ММ.ГГГГ"),
        (1980, "Указан только год (1980)"),
        ("1980 г.", "Указан только год (1980)"),
    ],
)
def test_impossible_or_partial_dates_are_errors(typed, message):
    with pytest.raises(CellError, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse_date(typed, TODAY)


def test_birth_date_in_the_future_is_an_error():
    with pytest.raises(CellError, match="Дата рождения в будущем"):
        parse_birth_date("07.12.2026", TODAY)


def _row(**cells):
    headers = {"fio": "ФИО", **{key: key for key in cells}}
    return parse_row(
        {"fio": "Иванова Мария", **cells}, headers, spellings=Spellings(), today=TODAY
    )[:2]


def test_staff_member_younger_than_fourteen_is_a_row_error():
    data, errors = _row(birth_date="5.12.20")
    assert data["birth_date"] == date(2020, 12, 5)
    assert "Возраст 6" in errors[0]["message"]


@pytest.mark.parametrize(
    ("typed", "years"),
    [
        (15, 15),
        (15.0, 15),
        ("15", 15),
        ("15 лет", 15),
        ("15лет", 15),
        ("1 год", 1),
        ("2 года", 2),
        ("15,5", 15),
        ("15.5", 15),
        ("15,5 лет", 15),
        ("15 л. 3 мес.", 15),
        ("15 л 3 м", 15),
        ("15 лет 3 месяца", 15),
        ("15 лет, 11 мес.", 15),
        ("15 лет 3 мес. 12 дн.", 15),
        ("3 мес.", 0),
        ("11 мес.", 0),
        ("0", 0),
    ],
)
def test_experience_in_years_is_stored_as_the_year_teaching_began(typed, years):
    assert _parse_experience(typed, TODAY) == TODAY.year - years


@pytest.mark.parametrize(
    ("typed", "year"),
    [(2005, 2005), ("2005", 2005), ("с 2005 г.", 2005), ("01.09.2005", 2005)],
)
def test_experience_as_the_year_teaching_began(typed, year):
    assert _parse_experience(typed, TODAY) == year


@pytest.mark.parametrize("typed", ["сто лет", "150", "-3", "много", "25 дней"])
def test_unreadable_experience_is_an_error(typed):
    with pytest.raises(CellError, match="Стаж — число лет"):
        _parse_experience(typed, TODAY)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("8 (912) 345-67-89", "+7 912 345-67-89"),
        ("+7 912 3456789", "+7 912 345-67-89"),
        ("+7 (912) 345-67-89", "+7 912 345-67-89"),
        ("89123456789", "+7 912 345-67-89"),
        (89123456789, "+7 912 345-67-89"),
        ("8-912-345-67-89", "+7 912 345-67-89"),
        ("9123456789", "+7 912 345-67-89"),
        ("+7 912  345-67-89", "+7 912 345-67-89"),
        # A landline, an extension, two numbers: kept as typed.
        ("8 (3424) 26-07-21", "8 (3424) 26-07-21"),
        ("26-07-21", "26-07-21"),
        ("8 912 345-67-89 доб. 12", "8 912 345-67-89 доб. 12"),
        ("8-912-345-67-89,  26-07-21", "8-912-345-67-89, 26-07-21"),
    ],
)
def test_phones_are_stored_in_one_form(typed, stored):
    assert _parse_phone(typed) == stored


@pytest.mark.parametrize(
    ("typed", "grade", "letter"),
    [
        ("7А", 7, "А"),
        ("7а", 7, "А"),
        ("7 А", 7, "А"),
        ("7-А", 7, "А"),
        ("7 «а»", 7, "А"),
        ('11 "Б"', 11, "Б"),
        ("11 б класс", 11, "Б"),
        ("5 кл.", 5, ""),
        (9, 9, ""),
    ],
)
def test_classes_as_people_type_them(typed, grade, letter):
    assert parse_class(typed) == (grade, letter)


@pytest.mark.parametrize("typed", ["12А", "0", "седьмой"])
def test_class_outside_one_to_eleven_is_an_error(typed):
    with pytest.raises(CellError, match="от 1 до 11"):
        parse_class(typed)


def test_subjects_and_positions_take_the_schools_spelling():
    spellings = Spellings(
        subjects=["ОБЗР", "Изобразительное искусство"], positions=["Учитель ОБЗР"]
    )
    data, errors, _warnings = parse_row(
        {
            "fio": "Иванов Иван",
            "subjects": "обзр ;  изобразительное  искусство",
            "position": "учитель  обзр ",
        },
        {"fio": "ФИО", "subjects": "Предметы", "position": "Должность"},
        spellings=spellings,
        today=TODAY,
    )
    assert errors == []
    assert data["subjects"] == ["ОБЗР", "Изобразительное искусство"]
    assert data["position"] == "Учитель ОБЗР"


def test_new_subjects_and_positions_keep_the_first_spelling_of_the_file():
    spellings = Spellings()
    headers = {"fio": "ФИО", "subjects": "Предметы", "position": "Должность"}
    first, _, _ = parse_row(
        {
            "fio": "Иванов Иван",
            "subjects": "астрономия",
            "position": "педагог  дополнительного образования",
        },
        headers,
        spellings=spellings,
        today=TODAY,
    )
    second, _, _ = parse_row(
        {
            "fio": "Петров Пётр",
            "subjects": "АСТРОНОМИЯ\nЁлочная  игрушка",
            "position": "Педагог дополнительного образования",
        },
        headers,
        spellings=spellings,
        today=TODAY,
    )
    assert first["subjects"] == second["subjects"][:1] == ["Астрономия"]
    assert second["subjects"][1] == "Ёлочная игрушка"
    assert first["position"] == second["position"] == "Педагог дополнительного образования"


def test_subject_written_with_e_matches_one_written_with_yo():
    spellings = Spellings(subjects=["Ёлочная игрушка"])
    data, _, _ = parse_row(
        {"fio": "Иванов Иван", "subjects": "елочная игрушка"},
        {"fio": "ФИО", "subjects": "Предметы"},
        spellings=spellings,
        today=TODAY,
    )
    assert data["subjects"] == ["Ёлочная игрушка"]


def test_class_of_a_student_sets_grade_and_letter():
    data, errors = _row(kind="обучающийся", class_name="7 «б»", birth_date="01.02.2013")
    assert errors == []
    assert (data["grade"], data["class_letter"]) == (7, "Б")


def test_class_of_a_teacher_is_an_error_not_dropped():
    data, errors = _row(class_name="7Б")
    assert "grade" not in data
    assert errors[0]["column"] == "class_name"
    assert "только обучающимся" in errors[0]["message"]


def test_class_of_someone_whose_kind_is_given_names_that_kind():
    data, errors = _row(class_name="7Б", kind="учитель")
    assert "grade" not in data
    assert errors[0]["message"] == (
        "Класс указывают только обучающимся, а здесь вид участника — «Педагог»."
    )


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("обзр", "Основы безопасности и защиты Родины"),
        ("ОБЖ", "Основы безопасности и защиты Родины"),
        ("Англ. яз.", "Английский язык"),
        ("физ-ра", "Физическая культура"),
        ("изо", "Изобразительное искусство"),
        ("технология", "Труд (технология)"),
        ("Астрономия", "Астрономия"),
    ],
)
def test_short_subject_names_take_the_catalogue_name(typed, expected):
    catalogue = Spellings(subjects=["Основы безопасности и защиты Родины", "Английский язык"])

    assert catalogue.spelling("subjects", typed) == expected
