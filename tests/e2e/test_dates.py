"""Dates in an English-speaking browser: typed, saved and shown as ДД.ММ.ГГГГ, the browser's
own MM/DD/YYYY input nowhere, and the calendar button writes the chosen day back as ДД.ММ.ГГГГ."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from mentoring.models import MentoringPair
from roadmap.models import Activity
from tests.e2e.demo import role_pages, sign_in_as, visit

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def browser_context_args(browser_context_args):
    # An American browser: its own date input would show and expect MM/DD/YYYY.
    return {**browser_context_args, "locale": "en-US"}


def _russian(day) -> str:
    return day.strftime("%d.%m.%Y")


def _open_past_meeting(page, live_server, school, violations):
    """Signs in as the curator and opens the log of the active pair's latest past meeting."""
    pair = MentoringPair.objects.get(organisation=school, status=MentoringPair.Status.ACTIVE)
    meeting = pair.meetings.filter(planned_on__lt=timezone.localdate()).order_by("-planned_on")[0]
    sign_in_as(page, live_server, "curator")
    visit(page, live_server, reverse("meeting_log", args=[meeting.pk]), violations)
    return meeting


def test_the_browser_speaks_english(page, live_server, demo_school):
    page.goto(live_server.url + reverse("login"))
    assert page.evaluate("navigator.language") == "en-US"


def test_a_meeting_date_typed_as_russian_is_saved_and_shown_so(
    page, live_server, demo_school, policy_violations, screenshot
):
    meeting = _open_past_meeting(page, live_server, demo_school, policy_violations)
    held_on = meeting.planned_on + timedelta(days=1)

    field = page.get_by_label("Дата проведения")
    expect(field).to_have_attribute("type", "text")
    expect(field).to_have_attribute("placeholder", "ДД.ММ.ГГГГ")
    field.fill(_russian(held_on))
    page.get_by_label("Формат").select_option(index=1)
    page.get_by_label("Тема").fill("Разбор урока")
    screenshot("dates-01-meeting-log-en-us")
    page.get_by_role("button", name="Сохранить").click()

    expect(page).to_have_url(live_server.url + reverse("meeting_list", args=[meeting.pair_id]))
    meeting.refresh_from_db()
    assert meeting.held_on == held_on
    expect(page.get_by_role("main")).to_contain_text(_russian(held_on))
    page.goto(live_server.url + reverse("meeting_log", args=[meeting.pk]))
    expect(page.get_by_label("Дата проведения")).to_have_value(_russian(held_on))

    # The English interface keeps the same digits.
    page.context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": live_server.url}]
    )
    page.goto(live_server.url + reverse("meeting_list", args=[meeting.pair_id]))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("main")).to_contain_text(_russian(held_on))
    page.goto(live_server.url + reverse("meeting_log", args=[meeting.pk]))
    expect(page.locator("#id_held_on")).to_have_value(_russian(held_on))
    screenshot("dates-06-meeting-log-english-interface")


def test_an_activity_done_on_a_day_typed_without_leading_zeros(
    page, live_server, demo_school, policy_violations, screenshot
):
    activity = Activity.objects.filter(
        stage__roadmap__organisation=demo_school, status=Activity.Status.PLANNED
    ).first()
    done_on = timezone.localdate() - timedelta(days=3)
    sign_in_as(page, live_server, "curator")
    visit(page, live_server, reverse("activity_edit", args=[activity.pk]), policy_violations)

    page.get_by_label("Статус").select_option(Activity.Status.DONE)
    page.get_by_label("Дата выполнения").fill(f"{done_on.day}.{done_on.month}.{done_on.year}")
    page.get_by_role("button", name="Сохранить").click()

    activity.refresh_from_db()
    assert (activity.status, activity.completed_on) == (Activity.Status.DONE, done_on)
    expect(page.locator(f"#activity-{activity.pk}")).to_contain_text(_russian(done_on))


def test_a_date_in_another_format_is_refused_in_russian_and_kept(
    page, live_server, demo_school, policy_violations, screenshot
):
    _open_past_meeting(page, live_server, demo_school, policy_violations)
    field = page.get_by_label("Дата проведения")
    # The browser refuses what does not look like a date before it is sent.
    field.fill("12/05/2026")
    assert field.evaluate("input => input.validity.patternMismatch")
    # What looks like one but is no day of the calendar comes back from the server, kept.
    field.fill("31.02.2026")
    page.get_by_label("Тема").fill("Разбор урока")
    page.get_by_role("button", name="Сохранить").click()
    expect(page.get_by_text("Введите дату в формате ДД.ММ.ГГГГ.")).to_be_visible()
    expect(page.get_by_label("Дата проведения")).to_have_value("31.02.2026")
    screenshot("dates-03-refused")

    # A list's filter: the wrong date is kept and the list says it was not applied.
    page.goto(
        live_server.url + reverse("order_list", args=[demo_school.pk]) + "?signed_from=31.02.2026"
    )
    expect(page.get_by_label("Дата с")).to_have_value("31.02.2026")
    expect(page.get_by_role("search")).to_contain_text("заполнена неверно")
    screenshot("dates-04-order-filter")


def test_the_calendar_button_fills_the_field_as_russian(
    page, live_server, demo_school, policy_violations, screenshot
):
    _open_past_meeting(page, live_server, demo_school, policy_violations)

    field = page.get_by_label("Дата проведения")
    # Eight digits from a phone's keypad, which may have no dot, get their dots on leaving.
    field.fill("05122026")
    field.blur()
    expect(field).to_have_value("05.12.2026")
    button = page.get_by_role("button", name="Выбрать дату в календаре")
    expect(button).to_be_visible()
    button.click()
    # The browser's own calendar opens on the hidden date input, at the day already typed; the
    # test chooses a day in it as the calendar would.
    picker = page.locator("input.date-field-picker")
    expect(picker).to_have_value("2026-12-05")
    picker.fill("2026-11-03")
    expect(field).to_have_value("03.11.2026")
    expect(field).to_be_focused()
    # The hidden input has no name: only the text box is sent.
    assert picker.get_attribute("name") is None
    screenshot("dates-02-calendar-button")


@pytest.mark.parametrize("width", [1280, 390])
def test_no_page_has_the_browsers_date_input(
    page, live_server, demo_school, policy_violations, screenshot, width
):
    page.set_viewport_size({"width": width, "height": 900})
    pages = role_pages(demo_school)
    sign_in_as(page, live_server, "curator")
    dates_seen = 0
    for path in pages["curator"]:
        visit(page, live_server, path, policy_violations)
        assert page.locator("input[type=date]").count() == 0, path
        fields = page.locator("input[data-date-input]")
        for placeholder in fields.evaluate_all("fs => fs.map(f => f.placeholder)"):
            assert placeholder == "ДД.ММ.ГГГГ", path
        if fields.count():
            dates_seen += fields.count()
            screenshot(f"dates-page-{width}-{path.strip('/').replace('/', '-').replace('?', '-')}")
    assert dates_seen > 0


@pytest.mark.parametrize("width", [1280, 390])
def test_the_programme_plan_rows_take_russian_dates(
    page, live_server, demo_school, policy_violations, screenshot, width
):
    page.set_viewport_size({"width": width, "height": 900})
    pair = MentoringPair.objects.get(organisation=demo_school, status=MentoringPair.Status.ACTIVE)
    item = pair.programme.items.order_by("position").first()
    day = pair.start_date + timedelta(days=10)
    sign_in_as(page, live_server, "curator")
    visit(
        page, live_server, reverse("programme_edit", args=[pair.pk]) + "?edit=1", policy_violations
    )
    field = page.locator("#plan-rows input[data-date-input]").first
    expect(field).to_have_value(_russian(item.planned_on))
    field.fill(_russian(day))
    screenshot(f"dates-05-programme-plan-{width}")
    page.get_by_role("button", name="Сохранить").click()
    item.refresh_from_db()
    assert item.planned_on == day
