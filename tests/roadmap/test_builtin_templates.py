"""Each built-in template row by row against its seed (shared/seeds): the stages' names, and
for every row the document's number, deadline and responsible, quoted from the seed with its
broken lines joined. A row dropped, split or merged, or one that loses its responsible, fails
here; how each deadline reads is checked in the template's own year."""

from datetime import date
from io import BytesIO

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from openpyxl import load_workbook

from mentoring.models import AcademicYear
from roadmap.deadlines import ParsedDeadline, parse_deadline
from roadmap.models import Activity
from roadmap.services.roadmap import activity_move, roadmap_create_from_template
from roadmap.templates_data import TEMPLATES

K = Activity.DeadlineKind

# Seed 004: «Ответственный исполнитель» is the same person on every row.
S = "Сулейманов С.С."
_BY_30_08 = "до 30.08.2022"
_EVERY_YEAR = "ежегодно (в период с 2022 по 2024 г.г.)"
_REALISATION = "в течение всего периода реализации ЦМН"
_INTRODUCTION = "в течение всего периода внедрения ЦМН"
_DEC_JUNE = "Декабрь, июнь в период с 2022 по 2024 г.г."
_PROGRAMMES = "в соответствии со сроками реализации программ наставничества"

STUDENTS_2022 = [
    (
        "Нормативное правовое регулирование внедрения методологии (целевой модели) "
        "наставничества обучающихся МКОУ «Хновская СОШ», в том числе с применением лучших "
        "практик обмена опытом между обучающимися",
        [
            ("1.2", _BY_30_08, S),
            ("1.3", _BY_30_08, S),
            ("1.6", "до 03.08.2022", S),
            ("1.7", "до 30.08..2022", S),
            ("1.8", "до 30.08..2022", S),
            ("1.9", "до 15.09.2022г.", S),
            ("1.10", _BY_30_08, S),
            ("1.11", _BY_30_08, S),
            ("1.12", _BY_30_08, S),
            ("1.15", _BY_30_08, S),
        ],
    ),
    (
        "Организационная, методическая, экспертно-консультационная, информационная и "
        "просветительская поддержка участников внедрения целевой модели наставничества",
        [
            ("2.1", f"до 15.10. {_EVERY_YEAR}", S),
            ("2.3", f"до 30.08. {_EVERY_YEAR}", S),
            ("2.4", _REALISATION, S),
            ("2.5", _REALISATION, S),
            ("2.6", f"до 30.08. {_EVERY_YEAR}", S),
            ("2.8", _REALISATION, S),
            ("", _REALISATION, S),  # «Популяризация ЦМН…»: the seed gives it no number
        ],
    ),
    (
        "Внедрение целевой модели наставничества в МКОУ «Хновская СОШ» в 2022 – 2023уч. г.",
        [
            ("3.1", "август 2022 г", S),
            ("3.2", f"с 1 по 15 сентября {_EVERY_YEAR}", S),
            ("3.3", f"с 16 по 30 сентября {_EVERY_YEAR}", S),
            ("3.4", "по отдельному графику", S),
            ("3.5", f"до 30 октября {_EVERY_YEAR}", S),
            ("3.6", _PROGRAMMES, S),
            ("3.7", f"{_PROGRAMMES} или май 2021 г.", S),
        ],
    ),
    (
        "Содействие распространению и внедрению лучших наставнических практик, различных форм "
        "и ролевых моделей для обучающихся, педагогов и молодых специалистов",
        [("4.1", _INTRODUCTION, S), ("4.2", _INTRODUCTION, S)]
        + [("4.3", _INTRODUCTION, S), ("4.4", _INTRODUCTION, S)],
    ),
    (
        "Мониторинг и оценка результатов внедрения целевой модели наставничества",
        [
            ("5.1", _INTRODUCTION, S),
            ("5.2", "в соответствии со сроками, устанавливаемыми Минпросвещения России", S),
            ("5.3", _DEC_JUNE, S),
            ("5.4", _DEC_JUNE, S),
            ("5.6", _DEC_JUNE, S),
            ("5.7", _DEC_JUNE, S),
        ],
    ),
    (
        "Координация и управление реализацией внедрения целевой модели наставничества",
        [
            ("6.1.1", "В течение всего периода внедрения ЦМН", S),
            ("6.2.1", "В течение всего периода внедрения ЦМН", S),
        ],
    ),
]

# Seed 003 §7, in the stages of its §3; «Ответственный» as written.
_ADMIN = "Директор. Заместитель директора по УВР. Заместитель директора по ВР"
_CUR = "Куратор программы"
_CUR_T = "Куратор программы. Руководители ШМО. Классные руководители"
_CUR_M = "Куратор программы. Наставники"
_THIRD = "Куратор программы. Классные руководители. Педагог-психолог. Социальный педагог"
PROGRAMME_34 = [
    (
        "Подготовка условий для запуска Программы",
        [
            ("1", "Сентябрь", _ADMIN),
            ("2", "Сентябрь", _ADMIN),
            (
                "3",
                "Сентябрь",
                "Заместитель директора по УВР. Заместитель директора по ВР. Классные руководители",
            ),
        ],
    ),
    (
        "Формирование базы подопечных",
        [
            ("5", "Октябрь", _CUR_T),
            ("6", "Сентябрь - октябрь", _THIRD),
            ("7", "Октябрь", _CUR),
            ("8", "Октябрь", _CUR_T),
            ("9", "Октябрь", _CUR_T),
        ],
    ),
    (
        "Формирование базы наставников",
        [("10", "Октябрь", _CUR_T)] + [(str(n), "Октябрь", _CUR) for n in (11, 12, 13)],
    ),
    ("Отбор и подготовка наставников", [(str(n), "Октябрь", _CUR) for n in (14, 15, 16)]),
    (
        "Формирование наставнических пар/групп",
        [(str(n), "Октябрь", _CUR) for n in (17, 18, 19)]
        + [("20", "Октябрь", "Заместитель директора по УВР.")],
    ),
    (
        "Организация хода наставнической Программы",
        [(str(n), "Ноябрь", _CUR_M) for n in (21, 22, 23)]
        + [("24", "В течение года", "Наставники"), ("25", "В течение года", _CUR)],
    ),
    (
        "Завершение Программы",
        [
            ("26", "Май", "Наставники"),
            ("27", "Май", "Наставники"),
            ("28", "Май", _CUR),
            ("29", "Май", _ADMIN),
            ("30", "Май", _ADMIN),
            ("31", "Май", _CUR),
            ("32", "Май", _CUR),
            ("33", "Май", _CUR),
            ("34", "Июнь", _CUR),
        ],
    ),
]

# Seed 001; numbered 1, 2… within each stage, as the roadmap numbers them.
_DEP = "Зам. директора по УВР"
_NEED = "По мере необходимости"
_END = "По завершению сроков реализации программ"
SCHOOL_2024 = [
    (
        "Подготовка условий для реализации системы наставничества",
        [("", "По мере формирования наставнических пар/групп", _DEP), ("", _NEED, _DEP)],
    ),
    (
        "Формирование банка наставляемых",
        [("", "", "Председатели МО"), ("", "", f"{_DEP} Мелякова Н.В")],
    ),
    (
        "Формирование банка наставников",
        [("", "Сентябрь 2024", "Директор, зам. директора по УВР"), ("", "Сентябрь 2024", _DEP)],
    ),
    (
        "Отбор и обучение",
        [("", _NEED, _DEP), ("", "2024", "Директор"), ("", "Постоянно", _DEP), ("", _NEED, _DEP)],
    ),
    (
        "Организация и осуществление работы наставнических пар/групп",
        [("", _NEED, _DEP)] * 3,
    ),
    ("Завершение персонализированных программ наставничества", [("", _END, _DEP)] * 2),
    (
        "Информационная поддержка системы наставничества",
        [("", "Постоянно", "Ответственный за сайт")],
    ),
]

# Seed 000: one row a line of «Содержание деятельности»; a blank deadline or responsible
# cell continues the one above (merged in the original table).
_D = "директор"
_DZ = "Директор, заместитель директора"
_KUR = "куратор внедрения целевой модели наставничества"
SCHOOL_2023 = [
    (
        "Подготовка условий для запуска программы наставничества",
        [("", "сентябрь 2023", _D), ("", "сентябрь 2023", _DZ), ("", "сентябрь 2023", _DZ)],
    ),
    ("Формирование банка наставляемых", [("", "октябрь 2023", _KUR)] * 6),
    ("Формирование банка наставников", [("", "октябрь 2023", _DZ)] * 4),
    (
        "Формирование наставнических пар/групп",
        [
            ("", "октябрь 2023", _KUR),
            ("", "ноябрь 2023", _KUR),
            ("", "ноябрь 2023", _KUR),
            ("", "ноябрь 2023", _KUR),
            ("", "октябрь 2023", _D),
            ("", "октябрь-ноябрь 2023", _KUR),
            ("", "весь период", _KUR),
        ],
    ),
    (
        "Организация и осуществление работы наставнических пар/групп",
        [
            ("", "Март 2024", _KUR),
            ("", "Апрель 2024", _KUR),
            ("", "Май 2024", _KUR),
            ("", "Весь период", _KUR),
            ("", "Июнь 2024", _KUR),
            ("", "Август 2024", _KUR),
        ],
    ),
    (
        "Завершение персонализированных программ наставничества",
        [("", "Июнь 2024", _KUR)] * 5
        + [("", "Август 2024", _D), ("", "Август 2024", _DZ), ("", "Август 2024", _D)],
    ),
    (
        "Информационная поддержка системы наставничества",
        [
            ("", "Август 2024", "Заместитель директора, ответственный за сайт"),
            ("", "Весь период", "Заместитель директора, ответственный за сайт"),
        ],
    ),
]

# Seed 002, appendix: the model leaves deadlines and responsible to the school.
MODEL_2022 = [
    ("Подготовка условий для реализации системы наставничества", [("", "", "")] * 3),
    ("Формирование банка наставляемых", [("", "", "")] * 2),
    ("Формирование банка наставников", [("", "", "")] * 2),
    ("Отбор и обучение", [("", "", "")] * 2),
    ("Организация и осуществление работы наставнических пар/групп", [("", "", "")] * 3),
    ("Завершение персонализированных программ наставничества", [("", "", "")] * 3),
    ("Информационная поддержка системы наставничества", [("", "", "")]),
]

SEEDS = {
    "model_2022": MODEL_2022,
    "school_2023": SCHOOL_2023,
    "school_2024": SCHOOL_2024,
    "programme_34": PROGRAMME_34,
    "students_2022": STUDENTS_2022,
}


def _rows(key: str) -> list[tuple[str, list[tuple[str, str, str]]]]:
    return [
        (stage.title, [(a.label, a.deadline, a.responsible) for a in stage.activities])
        for stage in TEMPLATES[key].stages
    ]


def test_every_built_in_template_is_checked_here():
    assert set(SEEDS) == set(TEMPLATES)


@pytest.mark.parametrize("key", list(SEEDS))
def test_stages_and_rows_are_the_seeds(key):
    rows = _rows(key)
    assert [title for title, _rows in rows] == [title for title, _rows in SEEDS[key]]
    assert [len(r) for _title, r in rows] == [len(r) for _title, r in SEEDS[key]]
    assert rows == SEEDS[key]


def test_the_student_plan_keeps_its_sub_headings_as_sub_headings():
    stages = TEMPLATES["students_2022"].stages
    monitoring = stages[4].activities
    assert [a.subheading[:4] for a in monitoring] == ["", "", "", "", "5.5 ", "5.5 "]
    assert [a.subheading.split(" ", 1)[0] for a in stages[5].activities] == ["6.1", "6.2"]
    titles = [a.title for stage in stages for a in stage.activities]
    assert not any(t.startswith(("Мониторинг процесса", "Контроль реализации")) for t in titles)
    assert "Координирование внедрения целевой модели наставничества" not in titles


def test_the_programme_keeps_its_merged_row_whole():
    (row,) = [
        a
        for stage in TEMPLATES["programme_34"].stages
        for a in stage.activities
        if a.title.startswith("Сбор дополнительной информации")
    ]
    assert row.label == "6"
    assert row.title.endswith(
        "Сбор согласий на сбор и обработку персональных данных от законных представителей "
        "несовершеннолетних участников"
    )


def _year(start: int) -> tuple[date, date]:
    return AcademicYear.bounds_for(start)


@pytest.mark.parametrize(
    ("key", "text", "expected"),
    [
        (
            "school_2024",
            "2024",
            ParsedDeadline(K.MONTH_RANGE, date(2024, 1, 1), date(2024, 12, 31)),
        ),
        (
            "students_2022",
            f"{_PROGRAMMES} или май 2021 г.",
            ParsedDeadline(K.MONTH, date(2023, 5, 1), date(2023, 5, 31)),
        ),
        (
            "students_2022",
            _REALISATION,
            ParsedDeadline(K.WHOLE_PERIOD, date(2022, 9, 1), date(2023, 8, 31)),
        ),
        (
            "students_2022",
            _INTRODUCTION,
            ParsedDeadline(K.WHOLE_PERIOD, date(2022, 9, 1), date(2023, 8, 31)),
        ),
    ],
)
def test_the_seeds_deadlines_read_in_the_templates_year(key, text, expected):
    assert parse_deadline(text, *_year(TEMPLATES[key].start_year)) == expected


@pytest.mark.parametrize("key", list(SEEDS))
def test_every_dated_deadline_of_a_template_reads(key):
    """Every deadline a seed writes reads, but the cells it leaves empty."""
    template = TEMPLATES[key]
    unread = {
        a.deadline
        for stage in template.stages
        for a in stage.activities
        if parse_deadline(a.deadline, *_year(template.start_year)).kind == K.UNPARSED
    }
    assert unread <= {""}


# A roadmap made from the student plan, on its pages.


@pytest.fixture
def student_plan(school, curator):
    return roadmap_create_from_template(
        organisation=school,
        academic_year=school.academic_years.get(is_current=True),
        template_key="students_2022",
        actor=curator,
    ).roadmap


@pytest.mark.django_db
def test_the_page_shows_the_documents_numbers_and_each_sub_heading_once(
    client, school, curator, student_plan
):
    client.force_login(curator)
    page = client.get(reverse("roadmap_detail", args=[school.pk])).content.decode()

    assert '<td class="rm-num text-nowrap stack-aside">6.1.1</td>' in page
    assert '<td class="rm-num text-nowrap stack-aside">1.15</td>' in page
    assert page.count('class="rm-subheading"') == 3
    assert page.count("5.5 Мониторинг процесса реализации программ наставничества") == 1


@pytest.mark.django_db
def test_the_print_and_the_spreadsheet_show_them_too(
    client, school, curator, student_plan, monkeypatch
):
    printed = {}

    def render(template, context):
        printed["html"] = render_to_string(template, context)
        return b"%PDF-1.7"

    monkeypatch.setattr("roadmap.views.roadmap.render_pdf", render)
    client.force_login(curator)
    client.get(reverse("roadmap_pdf", args=[school.pk]))
    assert '<td class="num">6.2.1</td>' in printed["html"]
    assert printed["html"].count('<tr class="subheading">') == 3

    response = client.get(reverse("roadmap_export", args=[school.pk]))
    sheet = load_workbook(BytesIO(response.content)).active
    first_column = [row[0] for row in sheet.iter_rows(values_only=True)]
    assert "1.2." in first_column and "6.1.1." in first_column
    assert any(str(value).startswith("6.1 Контроль реализации") for value in first_column)


@pytest.mark.django_db
def test_a_row_moved_to_another_stage_leaves_its_number_and_sub_heading(student_plan):
    stages = {stage.number: stage for stage in student_plan.stages.all()}
    control = stages[6].activities.get(label="6.1.1")
    moved = activity_move(activity=control, number=1, stage=stages[2])
    assert (moved.stage_id, moved.number, moved.label, moved.subheading) == (
        stages[2].pk,
        1,
        "",
        "",
    )

    quality = stages[5].activities.get(label="5.6")
    kept = activity_move(activity=quality, number=6)
    assert (kept.number, kept.label) == (6, "5.6")
    assert kept.subheading.startswith("5.5 ")
