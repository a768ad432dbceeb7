"""A submission carries the answers of every section it posts (the shared contract: on submit the
posted fields are merged into the draft), as the benchmark's respondents post them in one request;
the sections it does not carry keep their draft."""

import pytest
from django.urls import reverse

from surveys.models import Answer, Response
from surveys.services.questionnaires import questionnaire_create_from_data
from tests.surveys.factories import make_campaign, questionnaire_data
from tests.surveys.filling_factories import make_participation, new_token

# The link, the consents, the version with its sections and questions (3), the row lock, the
# response so far, the respondent's role (2) and pair, the response and its answers, the draft,
# and the savepoints of the submission and of its effects.
QUERIES_PER_SUBMIT = 17
FIRST = [
    {"key": "name", "text": "Как к вам обращаться?", "kind": "short_text", "required": True},
    {"key": "first_year", "text": "Это ваш первый год в школе?", "kind": "yes_no"},
]
SECOND = [
    {
        "key": "confidence",
        "text": "Насколько вы уверены в себе на уроке?",
        "kind": "scale",
        "scale_min": 1,
        "scale_max": 5,
        "required": True,
    },
    {
        "key": "skills",
        "text": "Оцените умения",
        "kind": "matrix",
        "scale_min": 0,
        "scale_max": 2,
        "rows": [{"key": "planning", "label": "Планирование"}],
    },
]


@pytest.fixture
def link(school, teacher):
    questionnaire = questionnaire_create_from_data(
        organisation=school, data=questionnaire_data(FIRST, SECOND), created_by=None
    )
    campaign = make_campaign(questionnaire)
    token = new_token()
    participation = make_participation(campaign, teacher.person, token=token)
    return participation, reverse("link_fill", args=[token])


def test_every_answer_in_one_submit_makes_the_response(client, link):
    participation, url = link
    client.get(url)
    page = client.post(
        url,
        {
            "name": "Анна",
            "first_year": "yes",
            "confidence": "4",
            "skills.planning": "2",
            "action": "submit",
        },
    )
    assert page.status_code == 302 and page["Location"].endswith("?sent=1")
    response = Response.objects.get(participation=participation)
    assert dict(Answer.objects.filter(response=response).values_list("item_key", "value")) == {
        "name": "Анна",
        "first_year": True,
        "confidence": 4,
        "skills.planning": 2,
    }


def test_a_submit_of_the_last_section_keeps_the_earlier_sections_draft(client, link):
    participation, url = link
    participation.draft = {"name": "Анна", "first_year": False}
    participation.save(update_fields=["draft"])
    page = client.post(url, {"confidence": "3", "section": "2", "action": "submit"})
    assert page.status_code == 302 and page["Location"].endswith("?sent=1")
    values = dict(
        Answer.objects.filter(response__participation=participation).values_list(
            "item_key", "value"
        )
    )
    assert values == {"name": "Анна", "first_year": False, "confidence": 3}


def test_a_submit_reads_the_questionnaire_once(client, link, django_assert_num_queries):
    """The page's version with its questions serves the submission too; the count stays the
    same however many questions the questionnaire has."""
    participation, url = link
    posted = {"name": "Анна", "confidence": "4", "action": "submit"}
    with django_assert_num_queries(QUERIES_PER_SUBMIT):
        page = client.post(url, posted)
    assert page.status_code == 302
