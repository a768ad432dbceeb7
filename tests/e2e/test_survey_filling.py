"""Filling in a questionnaire on a phone: half filled, reloaded and every answer is there; the
connection drops and returns and nothing is lost; submitted once. And the same without
JavaScript, by plain form posts."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from surveys.models import Participation, Response
from surveys.services.questionnaires import questionnaire_create_from_data
from tests.e2e.conftest import PASSWORD
from tests.e2e.test_accessibility import AXE, blocking_violations
from tests.surveys.factories import make_campaign, questionnaire_data, sample_questions
from tests.surveys.filling_factories import make_participation, new_token

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
SHOTS = "/work/shots/filling"


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": PHONE, "is_mobile": True, "has_touch": True}


def _questionnaire(school):
    questions = {question["key"]: question for question in sample_questions()}
    sections = [
        [questions["name"], questions["subject"], questions["first_year"]],
        [
            {
                "key": "why",
                "text": "Что привело вас в школу?",
                "kind": "long_text",
                "show_if_key": "first_year",
                "show_if_values": [True],
            },
            questions["topics"],
            questions["confidence"],
        ],
        [questions["hours"], questions["start"], questions["skills"]],
    ]
    return questionnaire_create_from_data(
        organisation=school,
        data=questionnaire_data(*sections, title="Анкета молодого педагога"),
        created_by=None,
    )


@pytest.fixture
def participation(school, teacher):
    return make_participation(make_campaign(_questionnaire(school)), teacher.person)


def sign_in(page, live_server, email):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Пароль").fill(PASSWORD)
    page.get_by_role("button", name="Войти").click()
    expect(page.get_by_role("navigation", name="Основная навигация")).to_be_visible()


def saved(page):
    expect(page.locator("[data-survey-status]")).to_contain_text("Сохранено в", timeout=5000)


def test_half_filled_survey_survives_a_reload_and_a_dropped_connection(
    context, page, live_server, participation, teacher
):
    context.add_init_script(path=AXE)
    sign_in(page, live_server, teacher.email)
    url = live_server.url + reverse("answer_fill", args=[participation.pk])
    page.goto(url)
    expect(page.get_by_text("Раздел 1 из 3")).to_be_visible()
    assert blocking_violations(page, "fill, section 1") == []

    page.get_by_label("Как к вам обращаться?").fill("Анна Сергеевна")
    page.get_by_label("Другое").check()
    page.get_by_label("Свой вариант").fill("Физика")
    page.get_by_label("Да", exact=True).check()
    saved(page)
    page.get_by_role("button", name="Далее").click()
    expect(page.get_by_text("Раздел 2 из 3")).to_be_visible()
    # The question shown only in the first year is there, as «Да» was chosen.
    expect(page.get_by_label("Что привело вас в школу?")).to_be_visible()
    page.get_by_label("Что привело вас в школу?").fill("Хочу работать с детьми")
    page.get_by_label("Работа с родителями").check()
    page.locator("label[for='f-confidence-4']").click()
    saved(page)
    page.screenshot(path=f"{SHOTS}/e2e-390-section2.png", full_page=True)

    page.reload()
    expect(page.get_by_label("Что привело вас в школу?")).to_have_value("Хочу работать с детьми")
    expect(page.get_by_label("Работа с родителями")).to_be_checked()
    expect(page.locator("#f-confidence-4")).to_be_checked()
    assert blocking_violations(page, "fill, section 2") == []

    context.set_offline(True)
    page.locator("label[for='f-confidence-2']").click()
    page.get_by_label("Документация").check()
    expect(page.locator("[data-survey-status]")).to_contain_text("Нет связи")
    # «Далее» without a connection keeps the page and the answers instead of an error page.
    page.get_by_role("button", name="Далее").click()
    expect(page.get_by_text("Раздел 2 из 3")).to_be_visible()
    expect(page.locator("#f-confidence-2")).to_be_checked()
    page.screenshot(path=f"{SHOTS}/e2e-390-offline.png", full_page=True)
    participation.refresh_from_db()
    assert participation.draft["confidence"] == 4

    context.set_offline(False)
    saved(page)
    participation.refresh_from_db()
    assert participation.draft["confidence"] == 2
    assert participation.draft["topics"] == ["parents", "documents"]

    page.reload()
    expect(page.locator("#f-confidence-2")).to_be_checked()
    expect(page.get_by_label("Документация")).to_be_checked()
    page.get_by_role("button", name="Назад").click()
    expect(page.get_by_label("Как к вам обращаться?")).to_have_value("Анна Сергеевна")
    expect(page.get_by_label("Свой вариант")).to_have_value("Физика")
    page.get_by_role("button", name="Далее").click()
    page.get_by_role("button", name="Далее").click()

    expect(page.get_by_text("Раздел 3 из 3")).to_be_visible()
    page.get_by_label("Сколько часов в неделю вы готовы уделять?").fill("сто")
    page.get_by_role("button", name="Отправить ответы").click()
    expect(page.get_by_text("Введите число от 0 до 40")).to_be_visible()
    assert blocking_violations(page, "fill, errors") == []
    page.screenshot(path=f"{SHOTS}/e2e-390-error.png", full_page=True)
    page.get_by_label("Сколько часов в неделю вы готовы уделять?").fill("6")
    page.get_by_label("С какой даты удобно начать?").fill("05.12.2026")
    page.locator("label[for='f-skills-planning-2']").click()
    page.get_by_role("button", name="Отправить ответы").dblclick()

    expect(page.get_by_text("Спасибо! Ваши ответы получены")).to_be_visible()
    page.screenshot(path=f"{SHOTS}/e2e-390-thanks.png", full_page=True)
    assert blocking_violations(page, "thanks") == []
    assert Response.objects.count() == 1
    page.goto(live_server.url + reverse("my_surveys"))
    expect(page.get_by_text("Ответ получен")).to_be_visible()
    assert blocking_violations(page, "my surveys") == []
    page.screenshot(path=f"{SHOTS}/e2e-390-my-surveys.png", full_page=True)
    answers = dict(Response.objects.get().answers.values_list("item_key", "value"))
    assert answers == {
        "name": "Анна Сергеевна",
        "subject": "__other__",
        "first_year": True,
        "why": "Хочу работать с детьми",
        "topics": ["parents", "documents"],
        "confidence": 2,
        "hours": 6,
        "start": "2026-12-05",
        "skills.planning": 2,
    }


def test_survey_is_filled_and_submitted_without_javascript(browser, live_server, school, person):
    token = new_token()
    participation = make_participation(make_campaign(_questionnaire(school)), person, token=token)
    context = browser.new_context(java_script_enabled=False, viewport=PHONE, locale="ru-RU")
    page = context.new_page()
    page.goto(live_server.url + reverse("link_fill", args=[token]))

    page.get_by_role("button", name="Далее").click()
    expect(page.get_by_text("Ответьте на этот вопрос")).to_be_visible()
    page.get_by_label("Как к вам обращаться?").fill("Мария Ивановна")
    page.get_by_label("Математика").check()
    page.get_by_label("Нет", exact=True).check()
    page.get_by_role("button", name="Далее").click()

    expect(page.get_by_text("Раздел 2 из 3")).to_be_visible()
    expect(page.get_by_text("Что привело вас в школу?")).to_have_count(0)
    page.locator("label[for='f-confidence-5']").click()
    page.get_by_role("button", name="Сохранить черновик").click()
    expect(page.get_by_text("Черновик сохранён.")).to_be_visible()
    expect(page.locator("#f-confidence-5")).to_be_checked()
    page.get_by_role("button", name="Далее").click()

    page.locator("label[for='f-skills-feedback-1']").click()
    page.get_by_role("button", name="Отправить ответы").click()
    expect(page.get_by_text("Спасибо! Ваши ответы получены")).to_be_visible()
    page.screenshot(path=f"{SHOTS}/e2e-390-nojs-thanks.png", full_page=True)
    context.close()

    response = Response.objects.get()
    assert response.person == person
    assert dict(response.answers.values_list("item_key", "value")) == {
        "name": "Мария Ивановна",
        "subject": "math",
        "first_year": False,
        "confidence": 5,
        "skills.feedback": 1,
    }
    assert Participation.objects.get(pk=participation.pk).submitted_at is not None


def test_a_follow_up_question_appears_as_soon_as_its_answer_is_chosen(
    page, live_server, school, person
):
    questions = {question["key"]: question for question in sample_questions()}
    follow_up = {
        "key": "why",
        "text": "Что привело вас в школу?",
        "kind": "long_text",
        "required": True,
        "show_if_key": "first_year",
        "show_if_values": [True],
    }
    questionnaire = questionnaire_create_from_data(
        organisation=school,
        data=questionnaire_data([questions["first_year"], follow_up]),
        created_by=None,
    )
    token = new_token()
    make_participation(make_campaign(questionnaire), person, token=token)
    page.goto(live_server.url + reverse("link_fill", args=[token]))

    expect(page.get_by_label("Что привело вас в школу?")).to_be_hidden()
    page.get_by_label("Да", exact=True).check()
    expect(page.get_by_label("Что привело вас в школу?")).to_be_visible()
    page.get_by_label("Нет", exact=True).check()
    expect(page.get_by_label("Что привело вас в школу?")).to_be_hidden()
    # Hidden, it is not required: the answers go.
    page.get_by_role("button", name="Отправить ответы").click()
    expect(page.get_by_text("Спасибо! Ваши ответы получены")).to_be_visible()
    assert dict(Response.objects.get().answers.values_list("item_key", "value")) == {
        "first_year": False
    }
