"""Questionnaires and campaigns for tests, built through the services from plain data."""

from datetime import timedelta

from django.utils import timezone

from surveys.models import Campaign, Questionnaire
from surveys.selectors.questionnaires import current_version
from surveys.services.questionnaires import (
    FILE_FORMAT,
    FILE_FORMAT_VERSION,
    questionnaire_create_from_data,
)

SCALE_0_2 = ["не проявляется", "проявляется частично", "проявляется в полной мере"]


def questionnaire_data(*sections: list[dict], title: str = "Анкета", **extra) -> dict:
    """File data with one section per list of questions."""
    return {
        "format": FILE_FORMAT,
        "format_version": FILE_FORMAT_VERSION,
        "title": title,
        "sections": [
            {"title": f"Раздел {n}", "questions": questions}
            for n, questions in enumerate(sections, start=1)
        ],
        **extra,
    }


def sample_questions() -> list[dict]:
    """One question of each kind but person choice."""
    return [
        {"key": "name", "text": "Как к вам обращаться?", "kind": "short_text", "required": True},
        {"key": "story", "text": "Расскажите о себе", "kind": "long_text"},
        {
            "key": "subject",
            "text": "Ваш предмет",
            "kind": "single",
            "options": [
                {"value": "math", "label": "Математика"},
                {"value": "russian", "label": "Русский язык"},
            ],
            "allow_other": True,
        },
        {
            "key": "topics",
            "text": "Какие темы вам интересны?",
            "kind": "multiple",
            "options": [
                {"value": "discipline", "label": "Дисциплина на уроке"},
                {"value": "parents", "label": "Работа с родителями"},
                {"value": "documents", "label": "Документация"},
            ],
        },
        {
            "key": "confidence",
            "text": "Насколько вы уверены в себе на уроке?",
            "kind": "scale",
            "scale_min": 1,
            "scale_max": 5,
            "scale_labels": ["совсем нет", "", "", "", "полностью"],
            "required": True,
        },
        {"key": "first_year", "text": "Это ваш первый год в школе?", "kind": "yes_no"},
        {
            "key": "hours",
            "text": "Сколько часов в неделю вы готовы уделять?",
            "kind": "number",
            "min_value": 0,
            "max_value": 40,
        },
        {"key": "start", "text": "С какой даты удобно начать?", "kind": "date"},
        {
            "key": "skills",
            "text": "Оцените умения",
            "kind": "matrix",
            "scale_min": 0,
            "scale_max": 2,
            "scale_labels": SCALE_0_2,
            "rows": [
                {"key": "planning", "label": "Планирование урока"},
                {"key": "feedback", "label": "Обратная связь ученикам"},
            ],
        },
    ]


def make_questionnaire(organisation, questions=None, **extra) -> Questionnaire:
    data = questionnaire_data(questions if questions is not None else sample_questions(), **extra)
    return questionnaire_create_from_data(organisation=organisation, data=data, created_by=None)


def make_campaign(questionnaire: Questionnaire, **fields) -> Campaign:
    now = timezone.now()
    values = {
        "organisation": questionnaire.organisation,
        "academic_year": questionnaire.organisation.academic_years.get(is_current=True),
        "version": current_version(questionnaire),
        "title": questionnaire.title,
        "audience": Campaign.Audience.CHOSEN,
        "opens_at": now - timedelta(days=1),
        "closes_at": now + timedelta(days=14),
        **fields,
    }
    return Campaign.objects.create(**values)
