"""The pages of filling in: section by section with plain posts (no JavaScript), the draft
endpoint, the personal link, refusals (another's participation, an unknown link, a closed
campaign, a missing consent) and «Мои анкеты»."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from mentoring.models import Consent, Person
from mentoring.services.consents import consent_record
from surveys.models import Answer, Response
from surveys.services.questionnaires import questionnaire_create_from_data
from tests.mentoring.factories import PersonFactory
from tests.surveys.factories import make_campaign, make_questionnaire, questionnaire_data
from tests.surveys.filling_factories import make_participation, new_token

SECTIONS = [
    [
        {"key": "name", "text": "Как к вам обращаться?", "kind": "short_text", "required": True},
        {"key": "first_year", "text": "Это ваш первый год в школе?", "kind": "yes_no"},
    ],
    [
        {
            "key": "why",
            "text": "Что привело вас в школу?",
            "kind": "long_text",
            "required": True,
            "show_if_key": "first_year",
            "show_if_values": [True],
        },
        {
            "key": "hours",
            "text": "Сколько часов в неделю?",
            "kind": "number",
            "min_value": 0,
            "max_value": 40,
        },
    ],
    [
        {
            "key": "confidence",
            "text": "Насколько вы уверены в себе?",
            "kind": "scale",
            "scale_min": 1,
            "scale_max": 5,
            "required": True,
        },
        {
            "key": "pick",
            "text": "Кого вы хотели бы видеть наставником?",
            "kind": "person_choice",
            "person_set": "teachers",
            "max_ranked": 2,
        },
    ],
]


@pytest.fixture
def campaign(school):
    questionnaire = questionnaire_create_from_data(
        organisation=school, data=questionnaire_data(*SECTIONS), created_by=None
    )
    return make_campaign(questionnaire, title="Анкета молодого педагога")


@pytest.fixture
def participation(campaign, teacher):
    return make_participation(campaign, teacher.person)


@pytest.fixture
def url(participation):
    return reverse("answer_fill", args=[participation.pk])


@pytest.fixture
def signed_in(client, teacher):
    client.force_login(teacher)
    return client


def test_page_opens_at_the_first_unanswered_section(signed_in, url, participation):
    response = signed_in.get(url)
    assert "Раздел 1 из 3" in response.text
    assert '<progress id="survey-progress" class="meter" value="1" max="3">' in response.text

    participation.draft = {"name": "Анна", "first_year": False}
    participation.save(update_fields=["draft"])
    response = signed_in.get(url)
    assert "Раздел 2 из 3" in response.text
    # The show-if question is not shown: the first year answer is «no».
    assert "Что привело вас в школу?" not in response.text


def test_sections_are_filled_and_submitted_with_plain_posts(signed_in, url, participation, school):
    colleague = PersonFactory(organisation=school, last_name="Соколова")

    response = signed_in.post(
        url, {"section": "1", "action": "next", "name": "Анна", "first_year": "yes"}
    )
    assert response.status_code == 302
    assert response["Location"] == f"{url}?section=2"

    page = signed_in.get(response["Location"])
    assert "Что привело вас в школу?" in page.text

    # A wrong value is kept as typed and explained next to the question.
    response = signed_in.post(
        url, {"section": "2", "action": "next", "why": "Люблю детей", "hours": "сорок пять"}
    )
    assert response.status_code == 422
    assert "Введите число от 0 до 40" in response.text
    assert 'value="сорок пять"' in response.text

    response = signed_in.post(
        url, {"section": "2", "action": "back", "why": "Люблю детей", "hours": "4"}
    )
    assert response["Location"] == f"{url}?section=1"
    assert 'value="Анна"' in signed_in.get(response["Location"]).text

    response = signed_in.post(url, {"section": "3", "action": "save", "confidence": "4"})
    assert response["Location"] == f"{url}?section=3"
    assert "Черновик сохранён." in signed_in.get(response["Location"]).text

    response = signed_in.post(
        url,
        {"section": "3", "action": "submit", "confidence": "5", "pick": [colleague.pk, ""]},
    )
    assert response.status_code == 302
    assert response["Location"] == f"{url}?sent=1"
    thanks = signed_in.get(response["Location"])
    assert "Спасибо! Ваши ответы получены" in thanks.text
    assert "Изменить ответы" in thanks.text

    answers = dict(Answer.objects.values_list("item_key", "value"))
    assert answers == {
        "name": "Анна",
        "first_year": True,
        "why": "Люблю детей",
        "hours": 4,
        "confidence": 5,
        "pick": [colleague.pk],
    }
    participation.refresh_from_db()
    assert participation.submitted_at is not None


def test_a_second_click_on_submit_records_no_second_response(signed_in, url, participation):
    participation.draft = {"name": "Анна", "confidence": 3}
    participation.save(update_fields=["draft"])
    data = {"section": "3", "action": "submit", "confidence": "3"}

    first = signed_in.post(url, data)
    second = signed_in.post(url, data)

    assert first.status_code == second.status_code == 302
    assert Response.objects.count() == 1


def test_submit_with_errors_shows_the_section_with_the_first_error(signed_in, url):
    response = signed_in.post(url, {"section": "3", "action": "submit", "confidence": "2"})

    assert response.status_code == 422
    assert "Раздел 1 из 3" in response.text
    assert "Ответьте на этот вопрос" in response.text
    assert "Ответы не отправлены: исправьте 1 ответ" in response.text
    assert not Response.objects.exists()


def test_draft_endpoint_saves_the_section_and_answers_json(signed_in, participation):
    response = signed_in.post(
        reverse("answer_draft", args=[participation.pk]),
        {"section": "2", "hours": "12"},
    )

    assert response.status_code == 200
    participation.refresh_from_db()
    assert participation.draft == {"hours": 12}
    assert response.json() == {"saved_at": participation.draft_saved_at.isoformat()}


def test_draft_endpoint_refuses_get(signed_in, participation):
    assert signed_in.get(reverse("answer_draft", args=[participation.pk])).status_code == 405


def test_another_persons_participation_is_refused(client, campaign, school, teacher, outsider):
    someone = PersonFactory(organisation=school)
    theirs = make_participation(campaign, someone)
    client.force_login(teacher)
    assert client.get(reverse("answer_fill", args=[theirs.pk])).status_code == 403
    assert (
        client.post(reverse("answer_draft", args=[theirs.pk]), {"section": "1"}).status_code == 403
    )
    client.force_login(outsider)
    assert client.get(reverse("answer_fill", args=[theirs.pk])).status_code == 404


def test_personal_link_fills_in_without_an_account(client, campaign, school):
    token = new_token()
    parent = PersonFactory(organisation=school, kind=Person.Kind.PARENT)
    participation = make_participation(campaign, parent, token=token)
    url = reverse("link_fill", args=[token])

    assert "Раздел 1 из 3" in client.get(url).text
    response = client.post(
        reverse("link_draft", args=[token]), {"section": "1", "name": "Мария Ивановна"}
    )
    assert response.status_code == 200
    participation.refresh_from_db()
    assert participation.draft == {"name": "Мария Ивановна"}
    client.post(url, {"section": "3", "action": "submit", "confidence": "4"})
    response = Response.objects.get()
    assert response.person == parent
    assert response.category == Person.Kind.PARENT
    assert "Спасибо! Ваши ответы получены" in client.get(f"{url}?sent=1").text


def test_unknown_link_is_404_and_many_wrong_links_are_refused(client, db):
    for _ in range(30):
        assert client.get(reverse("link_fill", args=["no-such-token"])).status_code == 404
    response = client.get(reverse("link_fill", args=["another-guess"]))
    assert response.status_code == 429
    assert "Слишком много попыток" in response.text


def test_closed_campaign_shows_the_draft_and_refuses_answers(
    signed_in, url, campaign, participation
):
    participation.draft = {"name": "Анна"}
    participation.save(update_fields=["draft"])
    campaign.closed_at = timezone.now()
    campaign.save(update_fields=["closed_at"])

    page = signed_in.get(f"{url}?section=1")
    assert "ответы больше не принимаются. Ваш черновик сохранён." in page.text
    assert 'value="Анна"' in page.text
    assert "Отправить ответы" not in page.text

    response = signed_in.post(url, {"section": "1", "action": "save", "name": "Иван"})
    assert response.status_code == 409
    assert 'value="Иван"' in response.text
    participation.refresh_from_db()
    assert participation.draft == {"name": "Анна"}
    draft = signed_in.post(reverse("answer_draft", args=[participation.pk]), {"section": "1"})
    assert draft.status_code == 409
    assert "Анкетирование закрыто" in draft.json()["error"]


def test_anonymous_campaign_says_so_and_shows_thanks_after_submission(client, school, teacher):
    campaign = make_campaign(make_questionnaire(school), anonymous=True)
    participation = make_participation(campaign, teacher.person)
    client.force_login(teacher)
    url = reverse("answer_fill", args=[participation.pk])

    assert "Анкетирование анонимное" in client.get(url).text
    participation.submitted_at = timezone.now()
    participation.save(update_fields=["submitted_at"])
    page = client.get(url)
    assert "изменить их нельзя" in page.text
    assert "Изменить ответы" not in page.text


def test_a_minor_without_a_parents_consent_cannot_open_the_link(client, campaign, school, curator):
    token = new_token()
    student = PersonFactory(
        organisation=school,
        kind=Person.Kind.STUDENT,
        birth_date=date.today() - timedelta(days=365 * 14),
    )
    make_participation(campaign, student, token=token)

    response = client.get(reverse("link_fill", args=[token]))
    assert response.status_code == 403
    assert "Школе сначала нужно согласие" in response.text

    consent_record(
        person=student,
        kind=Consent.Kind.PROCESSING,
        given_on=date.today() - timedelta(days=1),
        verified_by=curator,
        representative_name="Иванова Мария Петровна",
        representative_relation="мать",
    )
    assert client.get(reverse("link_fill", args=[token])).status_code == 200


def test_fill_page_query_count_does_not_grow_with_questions(
    signed_in, url, participation, django_assert_num_queries
):
    signed_in.get(url)  # session and caches warmed
    with django_assert_num_queries(11):
        response = signed_in.get(f"{url}?section=3")
    assert response.status_code == 200


def test_my_surveys_lists_what_to_answer_and_what_is_answered(signed_in, campaign, teacher, school):
    open_one = make_participation(campaign, teacher.person)
    answered = make_participation(
        make_campaign(make_questionnaire(school), title="Опрос удовлетворённости"),
        teacher.person,
        submitted_at=timezone.now(),
    )

    page = signed_in.get(reverse("my_surveys"))

    assert page.status_code == 200
    assert reverse("answer_fill", args=[open_one.pk]) in page.text
    assert "Ответ получен" in page.text
    assert answered.campaign.title in page.text
    assert "Мои анкеты" in signed_in.get(reverse("home")).text


def test_my_surveys_is_empty_for_someone_never_asked(client, curator):
    client.force_login(curator)
    assert "Анкет для вас пока нет." in client.get(reverse("my_surveys")).text


def test_dashboard_shows_the_surveys_waiting_for_an_answer(signed_in, participation, school):
    page = signed_in.get(reverse("home"))
    assert "Ждут вашего ответа" in page.text
    assert reverse("answer_fill", args=[participation.pk]) in page.text

    participation.submitted_at = timezone.now()
    participation.save(update_fields=["submitted_at"])
    assert "Ждут вашего ответа" not in signed_in.get(reverse("home")).text
