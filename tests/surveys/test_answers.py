"""The rules of an answer's value: every kind from what a form posts to what is stored, the
Russian messages, show-if, and a draft that keeps what was typed even when it is wrong."""

import pytest
from django.core.exceptions import ValidationError
from django.http import QueryDict

from surveys.models import Question
from surveys.selectors.questionnaires import current_version, version_with_questions
from surveys.services.answers import (
    OTHER,
    answers_validate,
    draft_apply,
    draft_merge,
    value_clean,
    version_questions,
)
from tests.surveys.factories import make_campaign, make_questionnaire, sample_questions
from tests.surveys.filling_factories import make_participation


@pytest.fixture
def questions(school) -> dict[str, Question]:
    version = version_with_questions(current_version(make_questionnaire(school)).pk)
    return {question.key: question for question in version_questions(version)}


def error_of(question, raw, **kwargs) -> str:
    with pytest.raises(ValidationError) as caught:
        value_clean(question, raw, **kwargs)
    return caught.value.messages[0]


def post(**fields) -> QueryDict:
    data = QueryDict(mutable=True)
    for name, value in fields.items():
        for item in value if isinstance(value, list) else [value]:
            data.appendlist(name.replace("__dot__", "."), item)
    return data


def test_text_is_stripped_and_required_text_asks_for_an_answer(questions):
    assert value_clean(questions["name"], "  Анна ") == "Анна"
    assert error_of(questions["name"], "   ") == "Ответьте на этот вопрос"
    assert value_clean(questions["story"], "") is None
    assert error_of(questions["name"], "я" * 301) == "Слишком длинный ответ: не больше 300 знаков"


def test_single_takes_an_option_or_other_with_a_text(questions):
    subject = questions["subject"]
    assert value_clean(subject, "math") == "math"
    assert value_clean(subject, ["math"]) == "math"
    assert error_of(subject, "physics") == "Выберите один из вариантов"
    assert value_clean(subject, OTHER, other="Физика") == OTHER
    assert error_of(subject, OTHER) == "Напишите свой вариант"


def test_multiple_takes_a_list_of_options(questions):
    topics = questions["topics"]
    assert value_clean(topics, ["parents", "discipline"]) == ["parents", "discipline"]
    assert value_clean(topics, []) is None
    assert error_of(topics, ["parents", "sport"]) == "Выберите из предложенных вариантов"


def test_scale_takes_a_point_within_its_bounds(questions):
    confidence = questions["confidence"]
    assert value_clean(confidence, "4") == 4
    assert value_clean(confidence, 5) == 5
    assert error_of(confidence, "6") == "Выберите значение от 1 до 5"
    assert error_of(confidence, "много") == "Выберите значение от 1 до 5"
    assert error_of(confidence, "") == "Ответьте на этот вопрос"


def test_yes_no_is_a_bool(questions):
    first_year = questions["first_year"]
    assert value_clean(first_year, "yes") is True
    assert value_clean(first_year, "no") is False
    assert value_clean(first_year, False) is False
    assert error_of(first_year, "может быть") == "Выберите «Да» или «Нет»"


def test_number_within_bounds_accepts_a_comma(questions):
    hours = questions["hours"]
    assert value_clean(hours, "12") == 12
    assert value_clean(hours, "2,5") == 2.5
    assert value_clean(hours, 40) == 40
    assert error_of(hours, "41") == "Введите число от 0 до 40"
    assert error_of(hours, "-1") == "Введите число от 0 до 40"
    assert error_of(hours, "пять") == "Введите число от 0 до 40"


def test_date_typed_as_russian_is_stored_as_iso(questions):
    start = questions["start"]
    assert value_clean(start, "05.12.2026") == "2026-12-05"
    assert value_clean(start, "2026-12-05") == "2026-12-05"
    assert value_clean(start, "05122026") == "2026-12-05"
    assert error_of(start, "31.02.2026") == "Дата в формате ДД.ММ.ГГГГ, например 05.12.2026"


def test_matrix_takes_a_point_per_row(questions):
    skills = questions["skills"]
    assert value_clean(skills, {"planning": "2", "feedback": "0"}) == {
        "planning": 2,
        "feedback": 0,
    }
    assert value_clean(skills, {"planning": None, "feedback": None}) is None
    assert error_of(skills, {"planning": "3"}) == "Выберите значение от 0 до 2"
    skills.required = True
    assert error_of(skills, {"planning": "1"}) == "Оцените каждый пункт"


def test_person_choice_ranks_people_of_the_list():
    question = Question(key="choice", kind=Question.Kind.PERSON_CHOICE, max_ranked=3)
    assert value_clean(question, ["7", "", "3"], candidates=[3, 7, 9]) == [7, 3]
    assert error_of(question, ["7", "8"], candidates=[3, 7]) == "Выберите человека из списка"
    assert error_of(question, ["7", "7"], candidates=[7]) == (
        "Один и тот же человек выбран дважды: на каждом месте — свой"
    )
    assert error_of(question, ["1", "2", "3", "4"]) == "Отметьте не больше 3 человек"
    question.max_ranked = 1
    assert error_of(question, ["1", "2"]) == "Отметьте не больше 1 человека"


def test_hidden_question_is_neither_required_nor_stored(school):
    questionnaire = make_questionnaire(
        school,
        [
            {"key": "has_mentor", "text": "Есть наставник?", "kind": "yes_no", "required": True},
            {
                "key": "mentor_name",
                "text": "Как его зовут?",
                "kind": "short_text",
                "required": True,
                "show_if_key": "has_mentor",
                "show_if_values": [True],
            },
        ],
    )
    version = version_with_questions(current_version(questionnaire).pk)

    values, errors = answers_validate(version, {"has_mentor": False, "mentor_name": "Иван"})
    assert values == {"has_mentor": False}
    assert errors == {}

    values, errors = answers_validate(version, {"has_mentor": True})
    assert errors == {"mentor_name": "Ответьте на этот вопрос"}


def test_whole_draft_is_validated_in_the_contract_format(questions, school):
    version = version_with_questions(questions["name"].section.version_id)
    draft = {
        "name": "Анна",
        "subject": OTHER,
        "subject__other": "Физика",
        "topics": ["parents"],
        "confidence": 4,
        "first_year": True,
        "hours": "5",
        "start": "2026-12-05",
        "skills.planning": 2,
        "skills.feedback": "1",
    }
    values, errors = answers_validate(version, draft)
    assert errors == {}
    assert values == {
        "name": "Анна",
        "subject": OTHER,
        "subject__other": "Физика",
        "topics": ["parents"],
        "confidence": 4,
        "first_year": True,
        "hours": 5,
        "start": "2026-12-05",
        "skills.planning": 2,
        "skills.feedback": 1,
    }


def test_draft_keeps_what_was_typed_even_when_it_is_wrong(questions):
    section = [q for q in questions.values()]
    draft = draft_apply(
        {"story": "раньше", "topics": ["documents"]},
        section,
        post(
            name="Анна",
            hours="сорок два",
            start="31.02.2026",
            confidence="3",
            skills__dot__planning="2",
            subject=OTHER,
            subject__other="Физика",
        ),
    )
    # An emptied field goes (story, topics were on this page); a wrong one stays as typed.
    assert draft == {
        "name": "Анна",
        "hours": "сорок два",
        "start": "31.02.2026",
        "confidence": 3,
        "skills.planning": 2,
        "subject": OTHER,
        "subject__other": "Физика",
    }
    version = version_with_questions(questions["name"].section.version_id)
    __, errors = answers_validate(version, draft)
    assert errors == {
        "hours": "Введите число от 0 до 40",
        "start": "Дата в формате ДД.ММ.ГГГГ, например 05.12.2026",
    }


def test_draft_merge_touches_only_the_posted_section(school, teacher):
    questionnaire = make_questionnaire(school, sample_questions())
    campaign = make_campaign(questionnaire)
    participation = make_participation(
        campaign, teacher.person, draft={"story": "о себе", "confidence": 2}
    )
    version = version_with_questions(campaign.version_id)
    name = [q for q in version_questions(version) if q.key == "name"]

    participation = draft_merge(
        participation=participation, posted=post(name="Анна", confidence="5"), questions=name
    )

    participation.refresh_from_db()
    assert participation.draft == {"story": "о себе", "confidence": 2, "name": "Анна"}
    assert participation.draft_saved_at is not None
