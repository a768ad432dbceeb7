import pytest
from django.core.exceptions import ValidationError

from surveys.selectors.questionnaires import current_version
from surveys.services.questionnaires import questionnaire_create_from_data, version_data
from tests.surveys.factories import make_questionnaire, questionnaire_data, sample_questions


def test_data_round_trip_keeps_every_question(school):
    questionnaire = make_questionnaire(school)
    data = version_data(current_version(questionnaire))
    copy = questionnaire_create_from_data(organisation=school, data=data, created_by=None)

    assert version_data(current_version(copy)) == data
    assert [q["key"] for q in data["sections"][0]["questions"]] == [
        q["key"] for q in sample_questions()
    ]


def test_a_repeated_item_key_is_refused(school):
    questions = [
        {"key": "same", "text": "Первый", "kind": "short_text"},
        {"key": "same", "text": "Второй", "kind": "short_text"},
    ]
    with pytest.raises(ValidationError, match="повторяется"):
        make_questionnaire(school, questions)


def test_a_foreign_file_is_refused_in_russian(school):
    with pytest.raises(ValidationError, match="не файл анкеты"):
        questionnaire_create_from_data(organisation=school, data={"a": 1}, created_by=None)
    data = questionnaire_data([{"key": "x", "text": "Вопрос", "kind": "telepathy"}])
    with pytest.raises(ValidationError, match="Раздел 1, вопрос 1"):
        questionnaire_create_from_data(organisation=school, data=data, created_by=None)
