"""A pair's year in the browser: the curator drafts the programme, the mentor logs meetings and
leaves feedback, the mentee sees it only after answering."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from mentoring.models import (
    Meeting,
    MenteeEntry,
    MentoringForm,
    MentoringPair,
    MentoringType,
    Programme,
    Role,
)
from mentoring.services.meetings import meetings_plan
from tests.mentoring.bank_factories import MenteeEntryFactory, MentorEntryFactory
from tests.mentoring.factories import MembershipFactory, PersonFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

FORM = "педагог – педагог"
GOAL = "Закрепление молодого педагога в школе: уверенное ведение уроков и школьной документации"
MENTOR_COMMENT = "Урок выстроен логично, стоит чаще давать слово классу"
MENTEE_COMMENT = "Разбор урока помог спланировать следующую тему"


def _teacher(school, email: str, last_name: str, first_name: str, patronymic: str):
    user = UserFactory(email=email, full_name=f"{last_name} {first_name} {patronymic}")
    MembershipFactory(user=user, organisation=school, role=Role.TEACHER)
    person = PersonFactory(
        organisation=school,
        user=user,
        email=email,
        last_name=last_name,
        first_name=first_name,
        patronymic=patronymic,
    )
    return user, person


@pytest.fixture
def pair(school):
    """An active pair of two teachers with accounts, started six weeks ago, its meetings planned:
    the organisational, trial, planning and first regular meetings are already due."""
    # Built-in rows from the data migrations; the live server's flushes between tests drop them.
    form, _ = MentoringForm.objects.get_or_create(organisation=None, name=FORM)
    kind, _ = MentoringType.objects.get_or_create(
        organisation=None, code="traditional", defaults={"name": "Традиционное"}
    )
    mentor_user, mentor = _teacher(school, "mentor@school.test", "Ковалёва", "Елена", "Викторовна")
    mentee_user, mentee = _teacher(school, "mentee@school.test", "Лебедева", "Дарья", "Андреевна")
    start = timezone.localdate() - timedelta(weeks=6)
    pair = MentoringPair.objects.create(
        organisation=school,
        academic_year=school.academic_years.get(),
        mentor=MentorEntryFactory(person=mentor),
        form=form,
        mentoring_type=kind,
        start_date=start,
        end_date=start + timedelta(days=240),
        status=MentoringPair.Status.ACTIVE,
    )
    pair.mentees.set([MenteeEntryFactory(person=mentee, status=MenteeEntry.Status.PAIRED)])
    meetings_plan(pair=pair)
    pair.mentor_user, pair.mentee_user = mentor_user, mentee_user
    return pair


def _sign_in_as(page, live_server, sign_in, email: str) -> None:
    page.context.clear_cookies()
    sign_in(email)
    expect(page).to_have_url(f"{live_server.url}/")


def _past_row(page, kind: str):
    return page.get_by_test_id("past-meeting").filter(has_text=kind)


def test_curator_drafts_the_programme_then_mentor_and_mentee_exchange_feedback(
    page, live_server, sign_in, screenshot, curator, pair
):
    today = timezone.localdate()
    organisational = pair.meetings.get(kind=Meeting.Kind.ORGANISATIONAL)
    regular = pair.meetings.filter(kind=Meeting.Kind.REGULAR).first()
    assert regular.planned_on < today

    # a) The curator drafts the programme from the form's template and states its goal.
    _sign_in_as(page, live_server, sign_in, curator.email)
    page.goto(f"{live_server.url}/pairs/{pair.pk}/")
    screenshot("mentoring-01-pair-page")
    page.get_by_role("link", name="Программа", exact=True).click()
    empty = page.get_by_test_id("no-programme")
    expect(empty).to_contain_text("план мероприятий")
    screenshot("mentoring-02-programme-empty")
    assert not Programme.objects.exists()

    empty.get_by_role("button", name=f"Составить программу по шаблону формы «{FORM}»").click()
    expect(page).to_have_url(f"{live_server.url}/pairs/{pair.pk}/programme/?edit=1")
    expect(page.get_by_role("alert").filter(has_text="Программа составлена")).to_be_visible()
    expect(page.locator("#plan-rows tr")).to_have_count(
        Programme.objects.get(pair=pair).items.count() + 1
    )
    page.get_by_label("Цель").fill(GOAL)
    screenshot("mentoring-03-programme-edit")
    page.get_by_role("button", name="Сохранить").click()

    expect(page).to_have_url(f"{live_server.url}/pairs/{pair.pk}/programme/")
    expect(page.get_by_role("alert").filter(has_text="Программа сохранена")).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text(GOAL)
    expect(page.get_by_role("main")).to_contain_text("Выполнено: 0 из 7")
    screenshot("mentoring-04-programme-saved")
    pdf_link = page.get_by_role("link", name="PDF для подписи")
    pdf = page.request.get(live_server.url + pdf_link.get_attribute("href"))
    assert pdf.ok and pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF")

    # b) The mentor logs the organisational and a regular meeting and leaves feedback.
    _sign_in_as(page, live_server, sign_in, pair.mentor_user.email)
    page.goto(f"{live_server.url}/me/mentoring/")
    card = page.get_by_test_id("my-pair")
    expect(card).to_have_count(1)
    expect(card).to_contain_text("Я наставник")
    expect(card).to_contain_text("Лебедева Дарья Андреевна")
    expect(card).to_contain_text("выполнено 0 из 7")
    screenshot("mentoring-05-my-mentoring-mentor")

    card.get_by_role("link", name="Все встречи").click()
    expect(page).to_have_url(f"{live_server.url}/pairs/{pair.pk}/meetings/")
    screenshot("mentoring-06-meetings-before-log")
    _past_row(page, "Организационная встреча").get_by_role(
        "link", name="Отметить проведённой"
    ).click()
    page.get_by_label("Дата проведения").fill(organisational.planned_on.strftime("%d.%m.%Y"))
    page.get_by_label("Формат").select_option(label="Очно")
    page.get_by_label("Тема").fill("Знакомство, правила совместной работы")
    screenshot("mentoring-07-log-organisational")
    page.get_by_role("button", name="Сохранить").click()
    expect(page.get_by_role("alert").filter(has_text="Встреча отмечена")).to_be_visible()
    expect(_past_row(page, "Организационная встреча")).to_contain_text("Проведена")

    _past_row(page, "Регулярная встреча").get_by_role("link", name="Отметить проведённой").click()
    page.get_by_label("Дата проведения").fill(regular.planned_on.strftime("%d.%m.%Y"))
    page.get_by_label("Формат").select_option(label="Онлайн")
    page.get_by_label("Тема").fill("Разбор открытого урока")
    page.get_by_role("button", name="Сохранить").click()
    row = _past_row(page, "Регулярная встреча")
    expect(row).to_contain_text("Разбор открытого урока")
    expect(row).to_contain_text("Онлайн")

    row.get_by_role("link", name="Оставить отзыв").click()
    page.get_by_role("radio", name="5", exact=True).check()
    page.get_by_label("Комментарий").fill(MENTOR_COMMENT)
    screenshot("mentoring-08-mentor-feedback-form")
    page.get_by_role("button", name="Отправить отзыв").click()
    expect(page.get_by_role("alert").filter(has_text="Спасибо за отзыв")).to_be_visible()
    row = _past_row(page, "Регулярная встреча")
    expect(row.get_by_test_id("own-feedback")).to_contain_text(f"5/5 — {MENTOR_COMMENT}")
    expect(row).to_contain_text("Ждём отзывы всех участников")
    screenshot("mentoring-09-meetings-after-mentor")

    # c) The mentee sees the mentor's feedback only after leaving their own.
    _sign_in_as(page, live_server, sign_in, pair.mentee_user.email)
    page.goto(f"{live_server.url}/me/mentoring/")
    card = page.get_by_test_id("my-pair")
    expect(card).to_contain_text("Я наставляемый")
    expect(card).to_contain_text("Оставьте отзыв о встрече")
    screenshot("mentoring-10-my-mentoring-mentee")
    card.get_by_role("link", name="Все встречи").click()
    row = _past_row(page, "Регулярная встреча")
    expect(row).to_contain_text("Ждём отзывы всех участников")
    expect(page.get_by_role("main")).not_to_contain_text(MENTOR_COMMENT)
    screenshot("mentoring-11-mentee-feedback-hidden")

    row.get_by_role("link", name="Оставить отзыв").click()
    page.get_by_role("radio", name="4", exact=True).check()
    page.get_by_label("Комментарий").fill(MENTEE_COMMENT)
    page.get_by_role("button", name="Отправить отзыв").click()
    feedback = _past_row(page, "Регулярная встреча").get_by_test_id("feedback")
    expect(feedback).to_have_count(2)
    expect(feedback.filter(has_text="Ковалёва Елена Викторовна")).to_contain_text(
        f"5/5 — {MENTOR_COMMENT}"
    )
    expect(feedback.filter(has_text="Лебедева Дарья Андреевна")).to_contain_text(
        f"4/5 — {MENTEE_COMMENT}"
    )
    expect(page.get_by_role("main")).not_to_contain_text("Ждём отзывы всех участников")
    screenshot("mentoring-12-mentee-sees-both")
