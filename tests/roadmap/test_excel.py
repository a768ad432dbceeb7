"""The roadmap in Excel: the five-column export with stage rows, and the upload that is checked,
previewed and applied, so that an export imports back unchanged."""

from datetime import date
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from mentoring.models import AcademicYear, Role
from roadmap.imports import StaffIndex, roadmap_file_read, roadmap_import_apply
from roadmap.models import Activity, Roadmap
from roadmap.services.roadmap import (
    activity_add,
    activity_status_set,
    roadmap_create_empty,
    roadmap_create_from_template,
    roadmap_lock,
    stage_add,
)
from roadmap.templates_data import TEMPLATES
from tests.mentoring.factories import MembershipFactory, PersonFactory
from tests.mentoring.xlsx_helpers import upload, xlsx_bytes

pytestmark = pytest.mark.django_db

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def year(school):
    return school.academic_years.get(is_current=True)


def _export(client, user, school, **params) -> bytes:
    client.force_login(user)
    response = client.get(reverse("roadmap_export", args=[school.pk]), params)
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    return response.content


def _upload(client, user, school, content: bytes, year, name="roadmap.xlsx"):
    client.force_login(user)
    return client.post(
        reverse("roadmap_import", args=[school.pk]),
        {"file": SimpleUploadedFile(name, content, content_type=XLSX), "academic_year": year.pk},
    )


def _apply(client, user, school, preview):
    return client.post(
        reverse("roadmap_import", args=[school.pk]), {"payload": preview.context["payload"]}
    )


def _rows(roadmap: Roadmap) -> list[tuple]:
    """Each activity's fields, its number as the page shows it (the document's own or the
    stage's and its place)."""
    rows = (
        Activity.objects.filter(stage__roadmap=roadmap)
        .order_by("stage__number", "number")
        .values_list(
            "stage__number",
            "stage__title",
            "number",
            "label",
            "subheading",
            "title",
            "content",
            "deadline_text",
            "deadline_kind",
            "start_on",
            "due_on",
            "recurrence",
            "responsible_text",
            "responsible_roles",
            "result",
        )
    )
    return [(s, title, label or f"{s}.{n}", *rest) for s, title, n, label, *rest in rows]


HEADER = ("№", "Мероприятие", "Срок", "Ответственные", "Результат")


def _sheet(rows, header=HEADER) -> bytes:
    return xlsx_bytes(header, *rows, title="Дорожная карта")


# Export.


def test_export_has_five_columns_and_bold_merged_stage_rows(client, school, year, curator):
    roadmap = roadmap_create_empty(organisation=school, academic_year=year, actor=curator)
    stage = stage_add(roadmap=roadmap, title="Подготовка условий")
    person = PersonFactory(
        organisation=school, last_name="Иванова", first_name="Анна", patronymic="Петровна"
    )
    activity_add(
        stage=stage,
        title="Приказ о внедрении",
        content="Проект приказа и лист ознакомления",
        deadline_text="сентябрь 2026",
        responsible_text="директор",
        result="Приказ",
        people=[person],
    )

    sheet = load_workbook(BytesIO(_export(client, curator, school))).active

    assert sheet["A1"].value == roadmap.title
    assert [c.value for c in sheet[4]] == ["№", "Мероприятие", "Срок", "Ответственные", "Результат"]
    assert [sheet["A5"].value, sheet["B5"].value] == ["1.", "Подготовка условий"]
    assert sheet["B5"].font.bold
    assert "B5:E5" in {str(r) for r in sheet.merged_cells.ranges}
    assert [c.value for c in sheet[6]] == [
        "1.1.",
        "Приказ о внедрении\n\nПроект приказа и лист ознакомления",
        "сентябрь 2026",
        "директор, Иванова А.П.",
        "Приказ",
    ]


def test_export_without_a_roadmap_goes_back_to_the_page(client, school, curator):
    client.force_login(curator)
    response = client.get(reverse("roadmap_export", args=[school.pk]))

    assert response.status_code == 302
    assert response.url == reverse("roadmap_detail", args=[school.pk])


# Round trip.


@pytest.mark.parametrize("template", list(TEMPLATES))
def test_export_then_import_gives_the_same_roadmap(client, school, year, curator, template):
    roadmap = roadmap_create_from_template(
        organisation=school, academic_year=year, template_key=template, actor=curator
    ).roadmap
    before = _rows(roadmap)
    stages_before = list(roadmap.stages.values_list("number", "title"))
    content = _export(client, curator, school)

    preview = _upload(client, curator, school, content, year)
    assert preview.status_code == 200
    assert preview.context["content"].error_count == 0
    response = _apply(client, curator, school, preview)

    assert response.status_code == 302
    roadmap = Roadmap.objects.get(organisation=school, academic_year=year)
    assert list(roadmap.stages.values_list("number", "title")) == stages_before
    assert _rows(roadmap) == before


def test_the_preview_shows_the_sub_headings_read_from_the_file(client, school, year, curator):
    roadmap_create_from_template(
        organisation=school, academic_year=year, template_key="students_2022", actor=curator
    )
    preview = _upload(client, curator, school, _export(client, curator, school), year)

    page = preview.content.decode()
    assert page.count('class="import-subheading"') == 3
    assert "6.1 Контроль реализации мероприятий" in page


def test_import_into_an_empty_year_makes_the_roadmap(client, school, year, curator):
    roadmap_create_from_template(
        organisation=school, academic_year=year, template_key="school_2024", actor=curator
    )
    content = _export(client, curator, school)
    next_year = AcademicYear.objects.create(
        organisation=school, start_date=date(2027, 9, 1), end_date=date(2028, 8, 31)
    )

    preview = _upload(client, curator, school, content, next_year)
    _apply(client, curator, school, preview)

    made = Roadmap.objects.get(organisation=school, academic_year=next_year)
    assert made.stages.count() == 7
    dated = Activity.objects.filter(stage__roadmap=made, due_on__isnull=False)
    assert dated.exists()
    assert all(a.due_on <= next_year.end_date for a in dated if a.deadline_kind != "date")


def test_import_names_the_staff_it_finds_and_their_roles(school, year, curator):
    anna = PersonFactory(
        organisation=school, last_name="Иванова", first_name="Анна", patronymic="Петровна"
    )
    PersonFactory(
        organisation=school, last_name="Иванова", first_name="Ольга", patronymic="Ивановна"
    )
    content = roadmap_file_read(
        upload(
            _sheet(
                [
                    ["1.", "Подготовка"],
                    ["1.1", "Приказ", "до 15.09", "Заместитель директора Иванова А. П."],
                ]
            )
        )
    )

    result = roadmap_import_apply(
        organisation=school,
        academic_year=year,
        content=content,
        staff=StaffIndex([anna, *school.people.exclude(pk=anna.pk)]),
        actor=curator,
    )

    activity = Activity.objects.get(stage__roadmap=result.roadmap)
    assert list(activity.responsible_people.all()) == [anna]
    assert activity.responsible_roles == [Role.CURATOR]
    assert activity.due_on == date(2026, 9, 15)
    assert result.created and result.activities == 1 and result.unparsed == 0


# Reading a file.


def test_reads_seed_layout_with_sections_and_synonyms():
    content = roadmap_file_read(
        upload(
            _sheet(
                [
                    ["Этап 1. Нормативное регулирование"],
                    [
                        "1.2.",
                        "Утверждение состава рабочей группы",
                        "до 30.08.2022",
                        "Сулейманов С.С.",
                        "Приказ ОО",
                    ],
                    [2, "Формирование баз"],
                    [2.1, "Формирование базы наставников", "октябрь 2022", "куратор", "База"],
                ],
                header=(
                    "№ п/п",
                    "Наименование мероприятий",
                    "Срок реализации",
                    "Ответственный исполнитель",
                    "Результат. Вид документа",
                ),
            ),
        )
    )

    assert [(s.title, [a.title for a in s.activities]) for s in content.stages] == [
        ("Нормативное регулирование", ["Утверждение состава рабочей группы"]),
        ("Формирование баз", ["Формирование базы наставников"]),
    ]
    first = content.stages[0].activities[0]
    assert (first.deadline_text, first.responsible_text, first.result) == (
        "до 30.08.2022",
        "Сулейманов С.С.",
        "Приказ ОО",
    )
    assert content.error_count == 0


def test_row_errors_are_shown_and_block_applying(client, school, year, curator):
    content = _sheet(
        [
            ["1.1", "Мероприятие до этапа", "май"],
            ["1.", "Этап"],
            ["1.2", None, "май", "директор"],
            ["1.3", "Х" * 1001, "май"],
        ]
    )

    preview = _upload(client, curator, school, content, year)

    page = preview.content.decode()
    assert preview.context["content"].error_count == 3
    assert "Строка 2:" in page and "до первого этапа" in page
    assert "Нет названия мероприятия" in page
    assert "длиннее 1000 символов" in page
    assert 'name="apply"' not in page
    with pytest.raises(Exception, match="Исправьте ошибки"):
        roadmap_import_apply(
            organisation=school,
            academic_year=year,
            content=preview.context["content"],
            staff=StaffIndex([]),
            actor=curator,
        )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"not a workbook", "Это не файл Excel"),
        (_sheet([["что-то", "ещё"]], header=("Фамилия", "Имя")), "со столбцом «Мероприятие»"),
        (_sheet([]), "только строка заголовков"),
    ],
    ids=["not-xlsx", "no-header", "header-only"],
)
def test_file_errors_are_explained(client, school, year, curator, content, message):
    response = _upload(client, curator, school, content, year)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Roadmap.objects.exists()


def test_file_of_activities_without_stages_is_refused(client, school, year, curator):
    response = _upload(client, curator, school, _sheet([["1.1", "Приказ", "май"]]), year)

    assert "нет ни одного этапа" in response.content.decode()


# Applying.


def test_preview_warns_that_marks_are_lost_and_apply_replaces(client, school, year, curator):
    roadmap = roadmap_create_empty(organisation=school, academic_year=year, actor=curator)
    stage = stage_add(roadmap=roadmap, title="Старый этап")
    old = activity_add(stage=stage, title="Старое", deadline_text="май 2027")
    activity_status_set(activity=old, status=Activity.Status.DONE)

    preview = _upload(
        client, curator, school, _sheet([["1.", "Новый этап"], ["1.1", "Новое", "июнь"]]), year
    )
    page = preview.content.decode()
    response = _apply(client, curator, school, preview)

    assert "будет потеряна" in page and "Заменить дорожную карту" in page
    assert response.status_code == 302
    assert list(roadmap.stages.values_list("title", flat=True)) == ["Новый этап"]
    assert list(Activity.objects.filter(stage__roadmap=roadmap).values_list("title", "due_on")) == [
        ("Новое", date(2027, 6, 30))
    ]


def test_approved_roadmap_is_not_replaced(client, school, year, curator):
    roadmap = roadmap_create_empty(organisation=school, academic_year=year, actor=curator)
    stage_add(roadmap=roadmap, title="Утверждённый этап")
    content = _sheet([["1.", "Новый этап"]])
    preview = _upload(client, curator, school, content, year)
    roadmap_lock(roadmap=roadmap, by_text="№ 3 от 01.09.2026")

    response = _apply(client, curator, school, preview)

    assert response.status_code == 302
    assert "утверждена приказом" in " ".join(str(m) for m in response.wsgi_request._messages)
    assert list(roadmap.stages.values_list("title", flat=True)) == ["Утверждённый этап"]


def test_tampered_payload_is_refused(client, school, year, curator):
    client.force_login(curator)
    response = client.post(reverse("roadmap_import", args=[school.pk]), {"payload": "forged"})

    assert response.status_code == 302
    assert response.url == reverse("roadmap_import", args=[school.pk])
    assert not Roadmap.objects.exists()


def test_payload_of_another_school_is_refused(client, school, year, curator, other_school):
    preview = _upload(client, curator, school, _sheet([["1.", "Этап"]]), year)
    MembershipFactory(user=curator, organisation=other_school, role=Role.CURATOR)
    client.force_login(curator)
    response = client.post(
        reverse("roadmap_import", args=[other_school.pk]), {"payload": preview.context["payload"]}
    )

    assert response.status_code == 302
    assert not Roadmap.objects.exists()


def test_import_is_for_managers_only(client, school, teacher, outsider):
    for user, status in ((teacher, 403), (outsider, 404)):
        client.force_login(user)
        assert client.get(reverse("roadmap_import", args=[school.pk])).status_code == status
