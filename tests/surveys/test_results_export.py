"""The .xlsx of a campaign's answers, read back with openpyxl."""

from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.mentoring.factories import PersonFactory
from tests.surveys.factories import make_campaign, make_questionnaire, sample_questions
from tests.surveys.results_data import add_response

pytestmark = pytest.mark.django_db

PREFERENCES = {
    "key": "preferences",
    "text": "С кем хотели бы работать?",
    "kind": "person_choice",
    "person_set": "mentors",
    "max_ranked": 3,
}


def _download(client, user, campaign):
    client.force_login(user)
    response = client.get(reverse("campaign_export", args=[campaign.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="results-')
    return load_workbook(BytesIO(response.content), read_only=True)


def _rows(sheet) -> list[list]:
    """The rows, each as wide as the widest (a row's empty cells at its end are not written)."""
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    width = max(map(len, rows))
    return [row + [None] * (width - len(row)) for row in rows]


def test_named_export_has_a_row_per_response_and_a_column_per_item(client, curator, school):
    campaign = make_campaign(make_questionnaire(school, [*sample_questions(), PREFERENCES]))
    ivanova = PersonFactory(
        organisation=school, last_name="Иванова", first_name="Анна", patronymic="Сергеевна"
    )
    petrov = PersonFactory(
        organisation=school, last_name="Петров", first_name="Олег", patronymic=""
    )
    add_response(
        campaign,
        {
            "name": "Аня",
            "subject": "__other__",
            "subject__other": "Химия",
            "topics": ["discipline", "documents"],
            "confidence": 4,
            "first_year": True,
            "hours": 3,
            "start": "2026-09-01",
            "skills.planning": 2,
            "preferences": [petrov.pk, ivanova.pk],
        },
        person=ivanova,
        role="mentee",
        form_code="traditional",
    )
    add_response(campaign, {"name": "Олег", "subject": "math"}, person=petrov)
    workbook = _download(client, curator, campaign)
    assert workbook.sheetnames == ["Ответы", "Сводка"]
    header, *rows = _rows(workbook["Ответы"])
    assert header[:6] == [
        "Участник",
        "Пара или группа",
        "Дата ответа",
        "Роль",
        "Форма наставничества",
        "Категория",
    ]
    assert "skills.planning — Оцените умения: Планирование урока" in header
    assert "subject — Ваш предмет" in header
    assert len(rows) == 2
    by_name = {row[0]: dict(zip(header, row, strict=True)) for row in rows}
    anna = by_name["Иванова Анна Сергеевна"]
    assert anna["Роль"] == "Наставляемый" and anna["Форма наставничества"] == "Традиционное"
    assert anna["subject — Ваш предмет"] == "Другое: Химия"
    assert anna["topics — Какие темы вам интересны?"] == "Дисциплина на уроке; Документация"
    assert anna["confidence — Насколько вы уверены в себе на уроке?"] == 4
    assert anna["first_year — Это ваш первый год в школе?"] == "Да"
    assert anna["start — С какой даты удобно начать?"] == "01.09.2026"
    assert anna["skills.planning — Оцените умения: Планирование урока"] == 2
    assert anna["skills.feedback — Оцените умения: Обратная связь ученикам"] is None
    assert anna["preferences — С кем хотели бы работать?"] == (
        "1. Петров Олег; 2. Иванова Анна Сергеевна"
    )
    assert by_name["Петров Олег"]["subject — Ваш предмет"] == "Математика"
    summary = _rows(workbook["Сводка"])
    assert summary[0] == ["Код пункта", "Вопрос", "Вариант", "Ответов", "Доля, %", "Среднее"]
    assert ["subject", "Ваш предмет", None, 2, None, None] in summary
    assert [None, None, "Математика", 1, 50, None] in summary
    assert [None, None, "Другое", 1, 50, None] in summary
    assert ["confidence", "Насколько вы уверены в себе на уроке?", None, 1, None, 4] in summary
    assert [None, None, "Петров Олег", 1, None, None] in summary


def test_anonymous_export_has_no_names(client, curator, school):
    campaign = make_campaign(make_questionnaire(school), anonymous=True)
    for value in (1, 2, 3, 4, 5):
        add_response(
            campaign,
            {"confidence": value},
            person=PersonFactory(organisation=school, last_name="Тайнова"),
        )
    workbook = _download(client, curator, campaign)
    header, *rows = _rows(workbook["Ответы"])
    assert header[0] == "Дата ответа" and "Участник" not in header
    assert len(rows) == 5
    assert not any("Тайнова" in str(cell) for row in rows for cell in row)


def test_anonymous_export_under_five_holds_only_the_notice(client, curator, school):
    campaign = make_campaign(make_questionnaire(school), anonymous=True)
    add_response(campaign, {"confidence": 3})
    workbook = _download(client, curator, campaign)
    assert workbook.sheetnames == ["Ответы"]
    assert _rows(workbook["Ответы"]) == [
        ["Меньше 5 ответов — данные скрыты, чтобы нельзя было узнать отвечавших"]
    ]
