from datetime import date
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from mentoring.models import Person, StaffImport
from tests.mentoring.factories import PersonFactory, SubjectFactory
from tests.mentoring.xlsx_helpers import read_rows

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory(school):
    maths, physics = SubjectFactory(name="Математика"), SubjectFactory(name="Физика")
    semyonova = PersonFactory(
        organisation=school,
        last_name="Семёнова",
        first_name="Алёна",
        patronymic="Фёдоровна",
        birth_date=date(1984, 9, 5),
        position="Учитель математики и физики",
        teaching_since=2008,
        category=Person.Category.HIGHEST,
        email="semyonova@school.test",
        phone="+7 900 000-00-00",
    )
    semyonova.subjects.set([maths, physics])
    PersonFactory(
        organisation=school,
        last_name="Ли",
        first_name="Виктор",
        patronymic="",
        position="",
        teaching_since=None,
        category=Person.Category.NONE,
    )
    PersonFactory(
        organisation=school,
        kind=Person.Kind.STUDENT,
        last_name="Мамедов",
        first_name="Эльчин",
        patronymic="Рашид оглы",
        birth_date=date(2012, 3, 1),
        grade=8,
        class_letter="А",
        position="",
        teaching_since=None,
        category=Person.Category.NONE,
    )
    PersonFactory(organisation=school, last_name="Архивная", archived_at=timezone.now())
    return school


def _export(client, school, query: str = ""):
    return client.get(reverse("people_export", args=[school.pk]) + query)


def test_export_is_an_xlsx_attachment_named_by_date(client, curator, directory):
    client.force_login(curator)
    response = _export(client, directory)

    assert response.status_code == 200
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    today = timezone.localdate().strftime("%Y-%m-%d")
    assert response["Content-Disposition"] == f'attachment; filename="staff-{today}.xlsx"'
    header, *rows = read_rows(response.content)
    assert header[:4] == ("Фамилия", "Имя", "Отчество", "Дата рождения")
    assert [row[0] for row in rows] == ["Ли", "Мамедов", "Семёнова"]
    semyonova = rows[2]
    assert semyonova[3].date() == date(1984, 9, 5)
    assert semyonova[5] == "Математика, Физика"
    assert semyonova[7] == "Высшая"


def test_export_follows_directory_filters(client, curator, directory):
    client.force_login(curator)
    students = read_rows(_export(client, directory, "?kind=student").content)
    archived = read_rows(_export(client, directory, "?archived=on").content)
    found = read_rows(_export(client, directory, "?q=Семёнова").content)
    assert [row[0] for row in students[1:]] == ["Мамедов"]
    assert [row[0] for row in archived[1:]] == ["Архивная"]
    assert [row[0] for row in found[1:]] == ["Семёнова"]


def test_exported_file_imports_back_without_changes(
    client, curator, directory, django_capture_on_commit_callbacks
):
    client.force_login(curator)
    content = _export(client, directory).content

    response = client.post(
        reverse("people_import", args=[directory.pk]),
        {"file": SimpleUploadedFile("export.xlsx", content)},
    )

    assert response.status_code == 302
    staff_import = StaffImport.objects.get()
    assert [row["action"] for row in staff_import.rows] == ["unchanged"] * 3
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("people_import_apply", args=[staff_import.pk]))
    staff_import.refresh_from_db()
    assert staff_import.status == StaffImport.Status.APPLIED
    assert (staff_import.created_count, staff_import.updated_count) == (0, 0)
    assert Person.objects.count() == 4


def test_formula_like_text_is_exported_as_text(client, curator, school):
    PersonFactory(organisation=school, position='=HYPERLINK("http://evil")')
    client.force_login(curator)
    sheet = load_workbook(BytesIO(_export(client, school).content)).active
    assert sheet["E2"].value == '=HYPERLINK("http://evil")'
    assert sheet["E2"].data_type == "s"


def test_psychologist_may_export(client, psychologist, directory):
    client.force_login(psychologist)
    assert _export(client, directory).status_code == 200


def test_teacher_may_not_export(client, teacher, directory):
    client.force_login(teacher)
    assert _export(client, directory).status_code == 403


def test_outsider_gets_404_on_export(client, outsider, directory):
    client.force_login(outsider)
    assert _export(client, directory).status_code == 404


def test_anonymous_export_is_sent_to_sign_in(client, directory):
    response = _export(client, directory)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
