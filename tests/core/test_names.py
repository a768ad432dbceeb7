from types import SimpleNamespace

import pytest
from django.template import Context, Template

from core.names import FEMALE, MALE, decline, decline_person, gender_of


@pytest.mark.parametrize(
    ("name", "case", "expected"),
    [
        # Indeclinable surnames keep their form, the rest of the name is declined.
        ("Кравченко Леонид Николаевич", "dative", "Кравченко Леониду Николаевичу"),
        ("Кравченко Леонид Николаевич", "accusative", "Кравченко Леонида Николаевича"),
        ("Кравченко Леонид Николаевич", "instrumental", "Кравченко Леонидом Николаевичем"),
        ("Гурченко Людмила Марковна", "genitive", "Гурченко Людмилы Марковны"),
        ("Дурново Пётр Павлович", "dative", "Дурново Петру Павловичу"),
        ("Александрова Ксения Игоревна", "genitive", "Александровой Ксении Игоревны"),
        ("Александрова Ксения Игоревна", "accusative", "Александрову Ксению Игоревну"),
        ("Александрова Ксения Игоревна", "instrumental", "Александровой Ксенией Игоревной"),
        # Double surnames: both halves.
        ("Петрова-Водкина Анна Сергеевна", "dative", "Петровой-Водкиной Анне Сергеевне"),
        ("Петров-Водкин Кузьма Сергеевич", "instrumental", "Петровым-Водкиным Кузьмой Сергеевичем"),
        # -ых / -их do not change, for a man or a woman.
        ("Белых Лев Ильич", "genitive", "Белых Льва Ильича"),
        ("Белых Лев Ильич", "dative", "Белых Льву Ильичу"),
        ("Черных Любовь Никитична", "genitive", "Черных Любови Никитичны"),
        ("Черных Любовь Никитична", "accusative", "Черных Любовь Никитичну"),
        ("Черных Любовь Никитична", "instrumental", "Черных Любовью Никитичной"),
        ("Долгих Павел Петрович", "dative", "Долгих Павлу Петровичу"),
        # A surname in a consonant declines for a man only.
        ("Шевчук Олег Иванович", "genitive", "Шевчука Олега Ивановича"),
        ("Шевчук Ольга Ивановна", "genitive", "Шевчук Ольги Ивановны"),
        # «оглы» / «кызы»: the father's name stays.
        ("Мамедов Али Гусейн оглы", "dative", "Мамедову Али Гусейн оглы"),
        ("Алиева Лейла Ахмед кызы", "instrumental", "Алиевой Лейлой Ахмед кызы"),
        ("Иванова Анна Петровна", "prepositional", "Ивановой Анне Петровне"),
        ("Иванова Анна Петровна", "nominative", "Иванова Анна Петровна"),
    ],
)
def test_decline_tricky_names(name, case, expected):
    assert decline(name, case) == expected


@pytest.mark.parametrize(
    ("first_name", "patronymic", "recorded", "expected"),
    [
        ("Лев", "Ильич", "", MALE),
        ("Любовь", "Никитична", "", FEMALE),
        ("Али", "Гусейн оглы", "", MALE),
        ("Лейла", "Ахмед кызы", "", FEMALE),
        ("Павел", "", "", MALE),
        ("Саша", "Александровна", "", FEMALE),
        # The record's gender wins over the patronymic.
        ("Саша", "Александрович", FEMALE, FEMALE),
    ],
)
def test_gender_from_record_else_patronymic(first_name, patronymic, recorded, expected):
    assert gender_of(first_name, patronymic, recorded) == expected


def test_recorded_gender_declines_a_name_without_patronymic():
    person = SimpleNamespace(
        last_name="Смит", first_name="Алекс", patronymic="", gender=FEMALE, name_cases={}
    )
    assert decline_person(person, "genitive") == "Смит Алекс"
    person.gender = MALE
    assert decline_person(person, "genitive") == "Смита Алекса"


def test_stored_form_wins_over_the_library():
    person = SimpleNamespace(
        last_name="Гусь",
        first_name="Ирина",
        patronymic="Олеговна",
        gender="",
        name_cases={"dative": "Гусь  Ирине Олеговне"},
    )
    assert decline_person(person, "dative") == "Гусь Ирине Олеговне"
    assert decline_person(person, "dative", short=True) == "Гусь И.О."
    assert decline_person(person, "genitive") == "Гусь Ирины Олеговны"
    assert decline_person(person, "nominative") == "Гусь Ирина Олеговна"


def test_short_form_declines_the_surname():
    person = SimpleNamespace(last_name="Кравченко", first_name="Леонид", patronymic="Николаевич")
    assert decline_person(person, "instrumental", short=True) == "Кравченко Л.Н."
    person = SimpleNamespace(last_name="Иванова", first_name="Анна", patronymic="Петровна")
    assert decline_person(person, "instrumental", short=True) == "Ивановой А.П."


def test_unknown_case_is_refused():
    with pytest.raises(ValueError):
        decline("Иванова Анна Петровна", "vocative")


def test_template_filter_declines_people_and_strings():
    person = SimpleNamespace(last_name="Кравченко", first_name="Леонид", patronymic="Николаевич")
    template = Template(
        '{% load names %}{{ person|case:"dative" }}; {{ name|case:"genitive" }}; '
        '{{ person|short_case:"instrumental" }}'
    )
    rendered = template.render(Context({"person": person, "name": "Александрова Ксения Игоревна"}))
    assert rendered == (
        "Кравченко Леониду Николаевичу; Александровой Ксении Игоревны; Кравченко Л.Н."
    )
