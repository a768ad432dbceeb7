"""Schools' own roadmap files: columns in any order under the names schools give them, stages
as a column or as section rows, empty cells, dates of another year, columns not imported; the
column mapping of the preview; and importing the same file twice."""

from datetime import date
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook
from openpyxl.styles import Font

from roadmap.imports import (
    CONTENT,
    DEADLINE,
    NUMBER,
    RESPONSIBLE,
    RESULT,
    STAGE,
    TITLE,
    deadline_shift,
    file_year_shift,
    roadmap_file_parse,
    roadmap_file_read,
    roadmap_source_read,
)
from roadmap.models import Activity, Roadmap
from tests.mentoring.factories import PersonFactory

pytestmark = pytest.mark.django_db

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def year(school):
    return school.academic_years.get(is_current=True)


def workbook(header, rows, *, title="", merges=(), first_row=1) -> bytes:
    """A sheet as schools make them: the document's title merged across the table above a
    blank row, then the header and the rows. `merges` are ranges like "A5:A7"."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Лист1"
    row = first_row
    if title:
        sheet.cell(row=row, column=1, value=title).font = Font(bold=True)
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(header))
        row += 2
    for values in (header, *rows):
        for column, value in enumerate(values, start=1):
            if value is not None:
                sheet.cell(row=row, column=column, value=value)
        row += 1
    for cells in merges:
        sheet.merge_cells(cells)
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def upload_file(content: bytes, name: str = "Дорожная карта.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=XLSX)


def _post(client, school, data):
    return client.post(reverse("roadmap_import", args=[school.pk]), data)


def _upload(client, curator, school, content: bytes, year):
    client.force_login(curator)
    response = _post(client, school, {"file": upload_file(content), "academic_year": year.pk})
    assert response.status_code == 200
    return response


def _columns(preview, **changes) -> dict:
    """The preview's form as shown, with some columns (by header) read into other fields."""
    form = preview.context["columns"]
    data = {"payload": preview.context["payload"]}
    for column in form.source.columns:
        name = form.field_name(column.index)
        data[name] = changes.get(column.header, form[name].value() or "")
    return data


def _apply(client, school, preview, **extra):
    response = _post(client, school, {"payload": preview.context["payload"], **extra})
    assert response.status_code == 302, response.content.decode()[:2000]
    return response


def _outline(content) -> list[tuple[str, list[str]]]:
    return [(s.title, [a.title for a in s.activities]) for s in content.stages]


def _roadmap(school, year) -> list[tuple]:
    """Every stage and activity of the school's roadmap, field by field."""
    roadmap = Roadmap.objects.get(organisation=school, academic_year=year)
    return [
        (
            stage.number,
            stage.title,
            [
                (
                    a.number,
                    a.title,
                    a.content,
                    a.deadline_text,
                    a.deadline_kind,
                    a.start_on,
                    a.due_on,
                    a.responsible_text,
                    a.responsible_roles,
                    sorted(p.last_name for p in a.responsible_people.all()),
                    a.result,
                )
                for a in stage.activities.order_by("number")
            ],
        )
        for stage in roadmap.stages.order_by("number")
    ]


# The layout of a school's roadmap (Волосовская СОШ №2, 2023–2024): a stage column filled on
# the first activity of a stage, a direction written once over its activities, the activities
# in «Содержания деятельности», a note column the app does not keep.
VOLOSOVO_HEADER = (
    "№",
    "Наименование этапа",
    "Мероприятия",
    "Содержания деятельности",
    "Сроки",
    "Ответственные",
    "Примечание",
)
VOLOSOVO_ROWS = (
    (
        "1.",
        "Подготовка условий для запуска программы наставничества",
        "Корректировка нормативной базы",
        "1. Внесение изменений в приказ «Внедрение целевой модели наставничества»",
        "сентябрь 2023",
        "директор",
        "выполнено",
    ),
    (
        None,
        None,
        None,
        "2. Корректировка «дорожной карты»",
        "сентябрь 2023",
        "Директор, Ершова Н.В.",
    ),
    (
        None,
        None,
        "Информирование",
        "1. Педагогический совет",
        "октябрь 2023",
        "заместитель директора",
        "протокол № 2",
    ),
    (
        "2.",
        "Формирование банка наставляемых",
        "Сбор данных о наставляемых",
        "1. Анкетирование педагогов",
        "октябрь-ноябрь 2023",
        "куратор",
    ),
    (None, None, None, "2. Сбор согласий на обработку персональных данных", None, None),
)


def test_stage_column_on_first_rows_and_directions_over_their_activities(
    client, school, year, curator
):
    PersonFactory(
        organisation=school, last_name="Ершова", first_name="Нина", patronymic="Валерьевна"
    )
    content = workbook(
        VOLOSOVO_HEADER,
        VOLOSOVO_ROWS,
        title="Дорожная карта (план мероприятий) по реализации Положения о системе наставничества",
    )

    preview = _upload(client, curator, school, content, year)
    assert preview.context["content"].error_count == 0
    _apply(client, school, preview)

    roadmap = _roadmap(school, year)
    assert [(number, title) for number, title, _activities in roadmap] == [
        (1, "Подготовка условий для запуска программы наставничества"),
        (2, "Формирование банка наставляемых"),
    ]
    activities = [a for _number, _title, items in roadmap for a in items]
    assert [(a[0], a[1], a[2]) for a in activities] == [
        (
            1,
            "Корректировка нормативной базы",
            "1. Внесение изменений в приказ «Внедрение целевой модели наставничества»",
        ),
        (2, "Корректировка нормативной базы", "2. Корректировка «дорожной карты»"),
        (3, "Информирование", "1. Педагогический совет"),
        (1, "Сбор данных о наставляемых", "1. Анкетирование педагогов"),
        (2, "Сбор данных о наставляемых", "2. Сбор согласий на обработку персональных данных"),
    ]
    assert [a[3:7] for a in activities] == [
        ("сентябрь 2023", "month", date(2023, 9, 1), date(2023, 9, 30)),
        ("сентябрь 2023", "month", date(2023, 9, 1), date(2023, 9, 30)),
        ("октябрь 2023", "month", date(2023, 10, 1), date(2023, 10, 31)),
        ("октябрь-ноябрь 2023", "month_range", date(2023, 10, 1), date(2023, 11, 30)),
        ("", "unparsed", None, None),
    ]
    assert [a[7:] for a in activities] == [
        ("директор", ["director"], [], ""),
        ("Директор, Ершова Н.В.", ["director"], ["Ершова"], ""),
        ("заместитель директора", ["curator"], [], ""),
        ("куратор", ["curator"], [], ""),
        ("", [], [], ""),
    ]


def test_preview_counts_the_cells_it_will_not_import_and_warns_of_empty_ones(
    client, school, year, curator
):
    preview = _upload(client, curator, school, workbook(VOLOSOVO_HEADER, VOLOSOVO_ROWS), year)

    content = preview.context["content"]
    page = " ".join(preview.content.decode().split())
    assert content.dropped == [("Примечание", 2)]
    assert "Не будут загружены заполненные ячейки: «Примечание» — 2." in page
    assert content.missing == ["Результат"]
    last = content.stages[1].activities[1]
    assert last.warnings == ["Срок не указан.", "Ответственные не указаны."]
    assert "Срок не указан." in page and "Ответственные не указаны." in page
    assert 'name="apply"' in page


def test_a_column_not_imported_can_be_read_into_a_field(client, school, year, curator):
    preview = _upload(client, curator, school, workbook(VOLOSOVO_HEADER, VOLOSOVO_ROWS), year)

    remapped = _post(client, school, {**_columns(preview, Примечание=RESULT), "remap": "1"})

    content = remapped.context["content"]
    assert content.dropped == []
    assert [a.result for a in content.stages[0].activities] == ["выполнено", "", "протокол № 2"]
    _apply(client, school, remapped)
    results = Activity.objects.filter(stage__number=1).order_by("number")
    assert [a.result for a in results] == ["выполнено", "", "протокол № 2"]


def test_the_schools_choice_of_columns_is_used_for_its_next_file_of_the_layout(
    client, school, year, curator
):
    content = workbook(VOLOSOVO_HEADER, VOLOSOVO_ROWS)
    preview = _upload(client, curator, school, content, year)
    _post(client, school, {**_columns(preview, Примечание=RESULT, Ответственные=""), "remap": "1"})

    again = _upload(client, curator, school, content, year)

    shown = _columns(again)
    form = again.context["columns"]
    fields = {c.header: shown[form.field_name(c.index)] for c in form.source.columns}
    assert fields["Примечание"] == RESULT and fields["Ответственные"] == ""
    assert ("Ответственные", 4) in again.context["content"].dropped
    assert [a.result for a in again.context["content"].stages[0].activities] == [
        "выполнено",
        "",
        "протокол № 2",
    ]


def test_a_column_can_be_left_out(client, school, year, curator):
    preview = _upload(client, curator, school, workbook(VOLOSOVO_HEADER, VOLOSOVO_ROWS), year)

    remapped = _post(client, school, {**_columns(preview, Ответственные=""), "remap": "1"})

    content = remapped.context["content"]
    assert ("Ответственные", 4) in content.dropped
    assert all(not a.responsible_text for s in content.stages for a in s.activities)


def test_a_mapping_changed_without_looking_is_shown_not_applied(client, school, year, curator):
    preview = _upload(client, curator, school, workbook(VOLOSOVO_HEADER, VOLOSOVO_ROWS), year)

    response = _post(client, school, {**_columns(preview, Примечание=RESULT), "apply": "1"})

    assert response.status_code == 200
    assert "не посмотрели, что получится" in response.content.decode()
    assert response.context["content"].stages[0].activities[0].result == "выполнено"
    assert not Roadmap.objects.exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"Сроки": RESULT, "Примечание": RESULT}, "выбрано для двух столбцов"),
        ({"Мероприятия": "", "Содержания деятельности": ""}, "Выберите столбец мероприятий"),
    ],
    ids=["twice", "no-activities"],
)
def test_a_wrong_mapping_is_explained(client, school, year, curator, changes, message):
    preview = _upload(client, curator, school, workbook(VOLOSOVO_HEADER, VOLOSOVO_ROWS), year)

    response = _post(client, school, {**_columns(preview, **changes), "remap": "1"})

    assert response.status_code == 200
    assert message in response.content.decode()
    # The preview stays the one of the last valid mapping.
    assert response.context["content"].activity_count == 5


def test_mapping_of_the_seed_documents_headers():
    """The headers of real roadmaps, each read into its field."""
    layouts = [
        # Волосовская СОШ №2, 2023–2024.
        (
            (
                "№",
                "Наименование этапа",
                "Мероприятия",
                "Содержания деятельности",
                "Сроки",
                "Ответственные",
            ),
            [NUMBER, STAGE, TITLE, CONTENT, DEADLINE, RESPONSIBLE],
        ),
        # Опоченский центр образования, 2024–2025.
        (
            (
                "№ п/п",
                "Наименование этапа",
                "Содержание деятельности и план мероприятий",
                "Сроки",
                "Ответственный",
            ),
            [NUMBER, STAGE, CONTENT, DEADLINE, RESPONSIBLE],
        ),
        # The municipal model roadmap: «Сроки» after «Ответственные».
        (
            (
                "№ п/п",
                "Наименование этапа",
                "Содержание деятельности и примерный план мероприятий",
                "Ответственные",
                "Сроки",
            ),
            [NUMBER, STAGE, CONTENT, RESPONSIBLE, DEADLINE],
        ),
        # МАОУ СОШ № 6 г. Невьянска.
        (
            (
                "Этапы",
                "Мероприятия",
                "Сроки исполнения",
                "Ответственный исполнитель",
                "Планируемый результат",
            ),
            [STAGE, TITLE, DEADLINE, RESPONSIBLE, RESULT],
        ),
        # Хновская СОШ, 2022–2024.
        (
            (
                "№ п/п",
                "Наименование мероприятий",
                "Срок реализации",
                "Ответственный исполнитель",
                "Результат. Вид документа",
            ),
            [NUMBER, TITLE, DEADLINE, RESPONSIBLE, RESULT],
        ),
        (
            (
                "Направление",
                "Содержание мероприятия",
                "Период",
                "Ответственный",
                "Продукт",
                "Примечание",
            ),
            [TITLE, CONTENT, DEADLINE, RESPONSIBLE, RESULT, None],
        ),
        (
            ("Вид деятельности", "Описание", "Дата", "Ответственные лица", "Отчётный документ"),
            [TITLE, CONTENT, DEADLINE, RESPONSIBLE, RESULT],
        ),
    ]
    for header, keys in layouts:
        source = roadmap_source_read(upload_file(workbook(header, [["1.", "Этап"]])))
        assert [c.key for c in source.columns] == keys, header


def test_only_a_content_column_gives_the_titles():
    content = roadmap_file_read(
        upload_file(
            workbook(
                ("№ п/п", "Наименование этапа", "Содержание мероприятия", "Ответственные", "Сроки"),
                [
                    (
                        1,
                        "Подготовка условий",
                        "Приказ «Об утверждении положения»",
                        "директор",
                        "сентябрь",
                    ),
                    (None, None, "Приказ о закреплении пар", "директор", "октябрь"),
                ],
            )
        )
    )

    (stage,) = content.stages
    assert stage.title == "Подготовка условий"
    assert [(a.title, a.content, a.deadline_text) for a in stage.activities] == [
        ("Приказ «Об утверждении положения»", "", "сентябрь"),
        ("Приказ о закреплении пар", "", "октябрь"),
    ]


def test_stage_repeated_on_every_row_and_columns_in_another_order(client, school, year, curator):
    header = (
        "Сроки проведения",
        "Ответственный исполнитель",
        "Этап",
        "Наименование мероприятия",
        "Ожидаемый результат",
    )
    rows = [
        ("до 15.09", "директор", "I. Подготовительный", "Приказ о наставничестве", "Приказ"),
        ("сентябрь", "куратор", "I. Подготовительный", "Положение о наставничестве", "Положение"),
        ("октябрь", "куратор", "II. Основной", "Формирование пар", "Приказ о парах"),
        ("в течение года", "наставники", "II. Основной", "Встречи пар", "Журнал встреч"),
    ]
    preview = _upload(client, curator, school, workbook(header, rows, title="План"), year)
    _apply(client, school, preview)

    got = _roadmap(school, year)
    assert [(number, title, len(items)) for number, title, items in got] == [
        (1, "Подготовительный", 2),
        (2, "Основной", 2),
    ]
    assert got[0][2][0] == (
        1,
        "Приказ о наставничестве",
        "",
        "до 15.09",
        "date",
        None,
        date(2026, 9, 15),
        "директор",
        ["director"],
        [],
        "Приказ",
    )
    assert got[1][2][1][1:5] == ("Встречи пар", "", "в течение года", "whole_period")
    assert got[1][2][1][-1] == "Журнал встреч"


def test_stage_merged_down_over_its_activities():
    header = ("Этап", "№", "Мероприятие", "Срок", "Ответственные")
    rows = [
        ("Этап 1. Подготовка условий", "1", "Приказ", "сентябрь", "директор"),
        (None, "2", "Положение", "сентябрь", "куратор"),
        (None, "3", "Рабочая группа", "октябрь", "директор"),
        ("Этап 2. Формирование пар", "4", "Анкетирование", "октябрь", "куратор"),
        (None, "5", "Приказ о парах", "ноябрь", "директор"),
    ]
    content = roadmap_file_read(upload_file(workbook(header, rows, merges=("A2:A4", "A5:A6"))))

    assert _outline(content) == [
        ("Подготовка условий", ["Приказ", "Положение", "Рабочая группа"]),
        ("Формирование пар", ["Анкетирование", "Приказ о парах"]),
    ]
    assert content.error_count == 0


def test_deadline_and_responsible_merged_down_reach_every_activity_of_the_range():
    """Needs the reader to give a vertically merged range's value to each of its rows."""
    header = ("№", "Мероприятие", "Срок", "Ответственные")
    rows = [
        ("1.", "Подготовка условий"),
        ("1.1.", "Приказ", "сентябрь 2026", "директор"),
        ("1.2.", "Положение", None, None),
        ("1.3.", "Рабочая группа", "октябрь 2026", "куратор"),
    ]
    content = roadmap_file_read(upload_file(workbook(header, rows, merges=("C3:C4", "D3:D4"))))

    (stage,) = content.stages
    assert [(a.title, a.deadline_text, a.responsible_text) for a in stage.activities] == [
        ("Приказ", "сентябрь 2026", "директор"),
        ("Положение", "сентябрь 2026", "директор"),
        ("Рабочая группа", "октябрь 2026", "куратор"),
    ]
    assert all(not a.warnings for a in stage.activities)


@pytest.mark.parametrize(
    "marks",
    [
        ("I. Подготовительный этап", "II. Основной этап"),
        ("І. Подготовительный этап", "ІІ. Основной этап"),  # Cyrillic «І»
        ("Этап 1. Подготовительный этап", "Этап 2. Основной этап"),
        ("1 этап: Подготовительный этап", "2 этап: Основной этап"),
        ("Подготовительный этап", "Основной этап"),
    ],
    ids=["roman", "cyrillic-roman", "etap", "n-etap", "no-number"],
)
def test_section_rows_merged_across_the_table(marks):
    header = (
        "№ п/п",
        "Наименование мероприятий",
        "Срок реализации",
        "Ответственный исполнитель",
        "Результат",
    )
    rows = [
        (marks[0],),
        (1, "Приказ о внедрении", "до 30.09", "директор", "Приказ"),
        (2, "Положение о наставничестве", "сентябрь", "куратор", None),
        (marks[1],),
        (1, "Формирование пар", "октябрь", "куратор", "Приказ"),
    ]
    content = roadmap_file_read(
        upload_file(workbook(header, rows, title="План мероприятий", merges=("A4:E4", "A7:E7")))
    )

    assert _outline(content) == [
        ("Подготовительный этап", ["Приказ о внедрении", "Положение о наставничестве"]),
        ("Основной этап", ["Формирование пар"]),
    ]
    assert content.error_count == 0


def test_stage_rows_and_activities_both_numbered_from_one():
    """«1.» «Подготовка» without details, then activities «1», «2» again under each stage."""
    header = ("№", "Мероприятие", "Срок", "Ответственные")
    rows = [
        ("1.", "Подготовка"),
        ("1", "Приказ", "сентябрь", "директор"),
        ("2", "Положение", None, None),
        ("2.", "Реализация"),
        ("1", "Встречи", "весь период", "наставники"),
    ]
    content = roadmap_file_read(upload_file(workbook(header, rows)))

    assert _outline(content) == [
        ("Подготовка", ["Приказ", "Положение"]),
        ("Реализация", ["Встречи"]),
    ]


def test_activities_numbered_in_one_run_are_not_stages():
    """A list of activities «1», «2», «3» with one of them bare is not split into stages."""
    header = ("№", "Мероприятие", "Срок", "Ответственные")
    rows = [
        ("1.", "Подготовка"),
        ("1.1.", "Приказ", "сентябрь", "директор"),
        ("1.2.", "Положение без сроков"),
        ("1.3.", "Рабочая группа", "октябрь", None),
    ]
    content = roadmap_file_read(upload_file(workbook(header, rows)))

    (stage,) = content.stages
    assert [a.title for a in stage.activities] == [
        "Приказ",
        "Положение без сроков",
        "Рабочая группа",
    ]
    assert stage.activities[1].warnings == ["Срок не указан.", "Ответственные не указаны."]


def test_column_numbers_under_the_header_and_a_repeated_header_are_skipped():
    header = (
        "№ п/п",
        "Наименование мероприятий",
        "Срок реализации",
        "Ответственный исполнитель",
        "Результат. Вид документа",
    )
    rows = [
        (1, 2, 3, 4, 5),
        ("1.", "Нормативное регулирование"),
        ("1.1.", "Рабочая группа", "до 30.08.2026", "Сулейманов С.С.", "Приказ ОО"),
        header,
        ("1.2.", "Куратор", "до 15.09.2026", "директор", "Приказ ОО"),
    ]
    content = roadmap_file_read(upload_file(workbook(header, rows)))

    assert [r for r, _why in content.skipped] == [2, 5]
    assert [a.title for a in content.stages[0].activities] == ["Рабочая группа", "Куратор"]
    assert content.error_count == 0


# Dates of another academic year.


OLD_YEAR = (
    ("№", "Мероприятие", "Срок", "Ответственные"),
    [
        ("1.", "Подготовка"),
        ("1.1.", "Приказ", "до 15.09.2024", "директор"),
        ("1.2.", "Анкетирование", "октябрь-ноябрь 2024", "куратор"),
        ("1.3.", "Итоговая конференция", "май 2025", "куратор"),
        ("1.4.", "Встречи пар", "весь период", "наставники"),
        ("1.5.", "Отчёт", date(2025, 6, 20), "куратор"),
    ],
)


def test_dates_of_another_year_are_offered_to_be_moved(client, school, year, curator):
    preview = _upload(client, curator, school, workbook(*OLD_YEAR), year)

    page = preview.content.decode()
    assert preview.context["offer"] == 2
    assert "2024/2025" in page and "Перенести даты в 2026/2027 учебный год" in page
    first = preview.context["stages"][0][2][0]
    assert "Срок вне 2026/2027 учебного года." in first.warnings

    moved = _post(client, school, {"payload": preview.context["payload"], "shift": "1"})
    texts = [a.deadline_text for a in moved.context["content"].stages[0].activities]
    assert texts == [
        "до 15.09.2026",
        "октябрь-ноябрь 2026",
        "май 2027",
        "весь период",
        "20.06.2027",
    ]
    assert "Оставить сроки как в файле" in moved.content.decode()
    assert not any(a.warnings for _n, _s, items in moved.context["stages"] for a in items)
    _apply(client, school, moved)

    activities = Activity.objects.order_by("number")
    assert [(a.deadline_text, a.start_on, a.due_on) for a in activities] == [
        ("до 15.09.2026", None, date(2026, 9, 15)),
        ("октябрь-ноябрь 2026", date(2026, 10, 1), date(2026, 11, 30)),
        ("май 2027", date(2027, 5, 1), date(2027, 5, 31)),
        ("весь период", date(2026, 9, 1), date(2027, 8, 31)),
        ("20.06.2027", None, date(2027, 6, 20)),
    ]


def test_dates_kept_as_in_the_file_unless_moved(client, school, year, curator):
    preview = _upload(client, curator, school, workbook(*OLD_YEAR), year)
    moved = _post(client, school, {"payload": preview.context["payload"], "shift": "1"})
    back = _post(client, school, {"payload": moved.context["payload"], "shift": "0"})

    _apply(client, school, back)

    first = Activity.objects.get(number=1)
    assert (first.deadline_text, first.due_on) == ("до 15.09.2024", date(2024, 9, 15))


def test_dates_of_the_roadmaps_year_are_not_offered_to_move(client, school, year, curator):
    header, rows = OLD_YEAR
    rows = [
        rows[0],
        ("1.1.", "Приказ", "до 30.08.2026", "директор"),
        ("1.2.", "Анкеты", "октябрь 2026", "куратор"),
    ]

    preview = _upload(client, curator, school, workbook(header, rows), year)

    assert preview.context["offer"] == 0
    assert "Перенести даты" not in preview.content.decode()


def test_year_shift_reads_two_digit_years_and_keeps_other_numbers():
    assert deadline_shift("до 15.09.24", 2) == "до 15.09.26"
    assert deadline_shift("с 01.09.24 по 30.09.24", 2) == "с 01.09.26 по 30.09.26"
    assert deadline_shift("до 15.10. ежегодно (в период с 2022 по 2024 г.г.)", 4) == (
        "до 15.10. ежегодно (в период с 2026 по 2028 г.г.)"
    )
    assert deadline_shift("в течение 2 недель", 2) == "в течение 2 недель"


def test_file_year_is_where_most_of_its_dates_fall(school, year):
    header = ("№", "Мероприятие", "Срок")
    rows = [
        ("1.", "Подготовка"),
        ("1.1.", "Рабочая группа", "до 30.08.2022"),
        ("1.2.", "Куратор", "до 15.09.2022"),
        ("1.3.", "Анкеты", "октябрь 2022"),
        ("1.4.", "Мониторинг", "декабрь, июнь"),
    ]
    content = roadmap_file_read(upload_file(workbook(header, rows)))

    assert file_year_shift(content, year) == 4


# Importing again.


def test_importing_the_same_file_again_gives_the_same_roadmap(client, school, year, curator):
    PersonFactory(
        organisation=school, last_name="Ершова", first_name="Нина", patronymic="Валерьевна"
    )
    content = workbook(VOLOSOVO_HEADER, VOLOSOVO_ROWS, title="Дорожная карта", merges=("B4:B6",))
    _apply(client, school, _upload(client, curator, school, content, year))
    first = _roadmap(school, year)

    again = _upload(client, curator, school, content, year)
    assert "будут заменены" in again.content.decode()
    _apply(client, school, again)

    assert _roadmap(school, year) == first
    assert Roadmap.objects.count() == 1


def test_source_keeps_every_column_for_the_mapping():
    source = roadmap_source_read(
        upload_file(workbook(VOLOSOVO_HEADER, VOLOSOVO_ROWS, title="План"))
    )

    assert [(c.header, c.key, c.filled) for c in source.columns] == [
        ("№", NUMBER, 2),
        ("Наименование этапа", STAGE, 2),
        ("Мероприятия", TITLE, 3),
        ("Содержания деятельности", CONTENT, 5),
        ("Сроки", DEADLINE, 4),
        ("Ответственные", RESPONSIBLE, 4),
        ("Примечание", None, 2),
    ]
    assert source.rows[0][0] == 4  # the title, a blank row, the header
    assert source.rows[2][1][-1] == "протокол № 2"
    again = roadmap_file_parse(source, {c.index: c.key for c in source.columns})
    assert again.activity_count == 5


def test_a_mapping_without_stages_explains_itself_and_can_be_undone(client, school, year, curator):
    preview = _upload(client, curator, school, workbook(VOLOSOVO_HEADER, VOLOSOVO_ROWS), year)

    no_stages = _post(
        client, school, {**_columns(preview, **{"Наименование этапа": ""}), "remap": "1"}
    )
    page = no_stages.content.decode()
    assert "нет ни одного этапа" in page
    assert 'name="apply"' not in page
    back = _post(
        client, school, {**_columns(no_stages, **{"Наименование этапа": STAGE}), "remap": "1"}
    )

    assert back.context["content"].activity_count == 5
    assert 'name="apply"' in back.content.decode()
