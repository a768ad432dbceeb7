"""The column step of the preview: the user chooses a field for each column of the file, and
the school's choice is used again for its next file of the same layout."""

import pytest
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from mentoring.models import ImportLayout, Person, StaffImport
from tests.mentoring.xlsx_helpers import upload, xlsx_bytes

pytestmark = pytest.mark.django_db

HEADER = ["ФИО", "Общий стаж", "Должность", "Примечание"]
ROWS = [
    ["Иванова Мария Петровна", "20", "Учитель математики", "совместитель"],
    ["Петров Олег Ильич", "7", "Учитель истории", None],
]


def _upload(client, school, content: bytes) -> StaffImport:
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(
            reverse("people_import", args=[school.pk]), {"file": upload(content)}
        )
    assert response.status_code == 302
    return StaffImport.objects.latest("pk")


def _map(client, staff_import: StaffImport, **fields):
    """Post the column form: the fields as shown, changed where `fields` says (by header)."""
    data = {}
    for column in staff_import.columns:
        data[f"column_{column['index']}"] = fields.get(column["header"], column["key"] or "")
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(reverse("people_import_mapping", args=[staff_import.pk]), data)


def _page(client, staff_import: StaffImport) -> str:
    return client.get(reverse("people_import_preview", args=[staff_import.pk])).content.decode()


def test_preview_lists_every_column_with_its_field_and_filled_cells(curator_client, school):
    staff_import = _upload(curator_client, school, xlsx_bytes(HEADER, *ROWS))

    assert staff_import.columns == [
        {"index": 0, "header": "ФИО", "key": "fio", "filled": 2},
        {"index": 1, "header": "Общий стаж", "key": None, "filled": 2},
        {"index": 2, "header": "Должность", "key": "position", "filled": 2},
        {"index": 3, "header": "Примечание", "key": None, "filled": 1},
    ]
    html = _page(curator_client, staff_import)
    assert reverse("people_import_mapping", args=[staff_import.pk]) in html
    assert '<option value="experience">Педагогический стаж (лет или год начала)</option>' in html
    assert '<option value="position" selected>Должность</option>' in html
    assert "— не загружать —" in html
    assert "Заполненных ячеек, которые не будут загружены: 3" in html
    assert "«Общий стаж» (2), «Примечание» (1)" in html


def test_choosing_a_field_for_a_column_plans_the_preview_again(curator_client, school):
    staff_import = _upload(curator_client, school, xlsx_bytes(HEADER, *ROWS))
    assert "teaching_since" not in staff_import.rows[0]["data"]

    response = _map(curator_client, staff_import, **{"Общий стаж": "experience"})

    assert response.status_code == 302
    assert response.url == reverse("people_import_preview", args=[staff_import.pk])
    staff_import.refresh_from_db()
    year = timezone.localdate().year
    assert [row["data"]["teaching_since"] for row in staff_import.rows] == [year - 20, year - 7]
    assert staff_import.columns[1]["key"] == "experience"
    html = _page(curator_client, staff_import)
    assert "Заполненных ячеек, которые не будут загружены: 1" in html
    assert "Столбцы изменены" in html

    with TestCase.captureOnCommitCallbacks(execute=True):
        curator_client.post(reverse("people_import_apply", args=[staff_import.pk]))
    assert Person.objects.get(last_name="Иванова").teaching_since == year - 20
    staff_import.refresh_from_db()
    assert staff_import.content is None  # kept only until the file is applied
    assert reverse("people_import_mapping", args=[staff_import.pk]) not in _page(
        curator_client, staff_import
    )


def test_a_column_set_to_not_import_is_left_out_and_counted(curator_client, school):
    staff_import = _upload(curator_client, school, xlsx_bytes(HEADER, *ROWS))

    _map(curator_client, staff_import, Должность="")

    staff_import.refresh_from_db()
    assert all("position" not in row["data"] for row in staff_import.rows)
    html = _page(curator_client, staff_import)
    assert "Заполненных ячеек, которые не будут загружены: 5" in html
    assert "«Общий стаж» (2), «Должность» (2), «Примечание» (1)" in html
    with TestCase.captureOnCommitCallbacks(execute=True):
        curator_client.post(reverse("people_import_apply", args=[staff_import.pk]))
    assert set(Person.objects.values_list("position", flat=True)) == {""}


def test_the_next_file_of_the_same_layout_uses_the_remembered_choice(
    client, curator_client, school, other_school, outsider
):
    first = _upload(curator_client, school, xlsx_bytes(HEADER, *ROWS))
    _map(curator_client, first, **{"Общий стаж": "experience", "Должность": ""})
    layout = ImportLayout.objects.get()
    assert (layout.organisation, layout.target, layout.layout) == (school, "staff", first.layout)
    assert layout.mapping == {
        "фио": "fio",
        "общий стаж": "experience",
        "должность": None,
        "примечание": None,
    }

    # Other rows, headers in another case: the same layout.
    second = _upload(
        curator_client,
        school,
        xlsx_bytes(
            ["фио", "ОБЩИЙ СТАЖ", "Должность", "Примечание"], ["Сидорова Анна", "3", "Учитель", ""]
        ),
    )
    assert second.layout == first.layout
    assert [c["key"] for c in second.columns] == ["fio", "experience", None, None]
    assert second.rows[0]["data"]["teaching_since"] == timezone.localdate().year - 3
    assert "position" not in second.rows[0]["data"]

    # Another school's choice is its own.
    client.force_login(outsider)
    theirs = _upload(client, other_school, xlsx_bytes(HEADER, *ROWS))
    assert theirs.layout == first.layout
    assert [c["key"] for c in theirs.columns] == ["fio", None, "position", None]


def test_choosing_one_field_for_two_columns_is_refused(curator_client, school):
    staff_import = _upload(curator_client, school, xlsx_bytes(HEADER, *ROWS))
    rows = staff_import.rows

    response = _map(curator_client, staff_import, Примечание="position")

    assert response.status_code == 400
    staff_import.refresh_from_db()
    assert staff_import.rows == rows
    assert not ImportLayout.objects.exists()
    assert "Одно поле выбрано для нескольких столбцов" in response.content.decode()
    note = next(c for c in staff_import.columns if c["header"] == "Примечание")
    assert response.context["mapping_form"][f"column_{note['index']}"].value() == "position"


def test_a_choice_without_names_is_refused(curator_client, school):
    staff_import = _upload(curator_client, school, xlsx_bytes(HEADER, *ROWS))

    response = _map(curator_client, staff_import, ФИО="")

    assert response.status_code == 400
    assert not ImportLayout.objects.exists()
    assert "Выберите столбец «ФИО»" in response.content.decode()


def test_a_field_for_a_repeated_header_is_refused_not_lost(curator_client, school):
    header = ["ФИО", "Телефон", "Телефон"]
    content = xlsx_bytes(header, ["Иванова Мария", "", "+7 912 345-67-89"])
    staff_import = _upload(curator_client, school, content)
    second = staff_import.columns[2]
    data = {f"column_{c['index']}": c["key"] or "" for c in staff_import.columns}
    data[f"column_{staff_import.columns[1]['index']}"] = ""
    data[f"column_{second['index']}"] = "phone"

    with TestCase.captureOnCommitCallbacks(execute=True):
        response = curator_client.post(
            reverse("people_import_mapping", args=[staff_import.pk]), data
        )

    assert response.status_code == 400
    assert "повторяет заголовок левее" in response.content.decode()
    assert not ImportLayout.objects.exists()


def test_an_unknown_field_is_a_form_error(curator_client, school):
    staff_import = _upload(curator_client, school, xlsx_bytes(HEADER, *ROWS))

    response = _map(curator_client, staff_import, Примечание="password")

    assert response.status_code == 400
    assert "Выберите корректный вариант" in response.content.decode()
    assert not ImportLayout.objects.exists()


def test_bank_file_columns_offer_the_bank_fields(curator_client, school):
    content = xlsx_bytes(["ФИО наставника", "Компетенции", "Стаж"], ["Иванова Мария", "ИКТ", "5"])
    with TestCase.captureOnCommitCallbacks(execute=True):
        curator_client.post(reverse("mentor_import", args=[school.pk]), {"file": upload(content)})
    staff_import = StaffImport.objects.get()

    assert [c["key"] for c in staff_import.columns] == ["fio", "competences", None]
    html = _page(curator_client, staff_import)
    assert '<option value="capacity">Наставляемых одновременно</option>' in html
    assert "Педагогический стаж, лет (только для сведения)" in html


# Access.


def test_another_schools_import_is_404(client, outsider, curator, school):
    client.force_login(curator)
    staff_import = _upload(client, school, xlsx_bytes(HEADER, *ROWS))
    client.force_login(outsider)
    assert _map(client, staff_import, ФИО="").status_code == 404
    assert not ImportLayout.objects.exists()


def test_teacher_may_not_choose_columns(client, teacher, curator, school):
    client.force_login(curator)
    staff_import = _upload(client, school, xlsx_bytes(HEADER, *ROWS))
    client.force_login(teacher)
    assert _map(client, staff_import).status_code == 403


def test_column_choice_refuses_get(curator_client, school):
    staff_import = _upload(curator_client, school, xlsx_bytes(HEADER, *ROWS))
    url = reverse("people_import_mapping", args=[staff_import.pk])
    assert curator_client.get(url).status_code == 405
