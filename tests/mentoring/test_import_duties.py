"""The staff import reads the duties a school's list gives its teachers."""

from io import BytesIO

import pytest
from django.test import TestCase
from django.urls import reverse
from openpyxl import Workbook

from mentoring.imports.staff_rows import parse_duties
from mentoring.models import Duty, Person, StaffImport
from tests.mentoring.xlsx_helpers import upload

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("value", "header", "duties", "homeroom"),
    [
        ("Классный руководитель 5А", "Обязанности", [Duty.CLASS_TEACHER], "5А"),
        ("кл. рук. 7 «б»", "Функционал", [Duty.CLASS_TEACHER], "7Б"),
        ("кл.рук. 11-Б класса", "Функционал", [Duty.CLASS_TEACHER], "11Б"),
        ("руководитель МО учителей математики", "Обязанности", [Duty.SMO_HEAD], ""),
        ("Руководитель ШМО", "Обязанности", [Duty.SMO_HEAD], ""),
        ("соц. педагог", "Обязанности", [Duty.SOCIAL_PEDAGOGUE], ""),
        ("ответственный за сайт", "Обязанности", [Duty.WEBSITE], ""),
        (
            "Классный руководитель 9В; руководитель ШМО, отв. за сайт",
            "Дополнительные обязанности",
            [Duty.CLASS_TEACHER, Duty.SMO_HEAD, Duty.WEBSITE],
            "9В",
        ),
        ("6а", "Классное руководство", [Duty.CLASS_TEACHER], "6А"),
        ("да", "Классное руководство", [Duty.CLASS_TEACHER], ""),
        ("нет", "Классное руководство", [], ""),
    ],
)
def test_duties_as_schools_write_them(value, header, duties, homeroom):
    assert parse_duties(value, homeroom_column=header == "Классное руководство") == (
        duties,
        homeroom,
        [],
    )


def test_an_unknown_duty_is_not_taken_and_says_why():
    duties, _homeroom, not_taken = parse_duties("соц. педагог, профорг")
    assert duties == [Duty.SOCIAL_PEDAGOGUE]
    assert not_taken == [
        "«профорг» не взято: такой обязанности нет. Допустимо: Классный руководитель, "
        "Руководитель ШМО, Социальный педагог, Ответственный за сайт."
    ]


def _school_list() -> bytes:
    """A list as a school keeps it: a merged title over two rows, an odd header, gaps."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Список педагогических работников МАОУ СОШ № 7 на 01.09.2026"])
    sheet.append(["(по состоянию на начало учебного года)"])
    sheet.merge_cells("A1:E1")
    sheet.merge_cells("A2:E2")
    sheet.append([])
    sheet.append(["№ п/п", "Ф.И.О. педагога", "Должность", "Доп. обязанности", "Кл. руководство"])
    sheet.append([1, "Иванова Мария Петровна", "Учитель математики", "рук. ШМО", "5 «А»"])
    sheet.append([2, "Петров Олег Игоревич", "Учитель истории", "соц. педагог; профорг", None])
    sheet.append([3, "Сидорова Анна Львовна", "Учитель информатики", "Отв. за сайт", ""])
    sheet.append([4, "Кузнецов Ильдар Ренатович", "Учитель физики", None, None])
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_a_school_list_imports_duties_and_shows_what_it_leaves_out(curator_client, school):
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = curator_client.post(
            reverse("people_import", args=[school.pk]),
            {"file": upload(_school_list(), "педагоги.xlsx")},
        )
    assert response.status_code == 302
    staff_import = StaffImport.objects.latest("pk")
    assert staff_import.status == StaffImport.Status.PREVIEW
    assert [row["action"] for row in staff_import.rows] == ["create"] * 4
    petrov = staff_import.rows[1]
    assert petrov["warnings"] == [
        {
            "column": "Доп. обязанности",
            "message": "«профорг» не взято: такой обязанности нет. Допустимо: Классный "
            "руководитель, Руководитель ШМО, Социальный педагог, Ответственный за сайт.",
        }
    ]
    page = curator_client.get(reverse("people_import_preview", args=[staff_import.pk]))
    assert "«профорг» не взято" in page.content.decode()

    with TestCase.captureOnCommitCallbacks(execute=True):
        curator_client.post(reverse("people_import_apply", args=[staff_import.pk]))
    people = {p.last_name: p for p in Person.objects.filter(organisation=school)}
    assert people["Иванова"].duties == [Duty.SMO_HEAD, Duty.CLASS_TEACHER]
    assert people["Иванова"].homeroom == "5А"
    assert people["Петров"].duties == [Duty.SOCIAL_PEDAGOGUE]
    assert people["Сидорова"].duties == [Duty.WEBSITE]
    assert people["Кузнецов"].duties == []
