"""The monitoring page in a browser on the demo school: the curator opens it, changes the date,
opens the records behind a figure; the coordinator reads it. Nothing breaks the
Content-Security-Policy, axe finds nothing serious, at the desktop's width and the phone's."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.e2e.demo import sign_in_as, visit
from tests.e2e.test_accessibility import blocking_violations

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WIDTHS = (1280, 390)


def _open_as_curator(context, page, live_server, path, width, violations) -> None:
    context.add_init_script(path="tests/e2e/vendor/axe-core/axe.min.js")
    page.set_viewport_size({"width": width, "height": 900})
    sign_in_as(page, live_server, "curator")
    visit(page, live_server, path, violations)


@pytest.mark.parametrize("width", WIDTHS)
def test_curator_changes_the_date_and_opens_a_figures_records(
    context, page, live_server, demo_school, policy_violations, screenshot, width
):
    path = reverse("monitoring", args=[demo_school.pk])
    _open_as_curator(context, page, live_server, path, width, policy_violations)
    expect(page.get_by_role("heading", name="Мониторинг программы наставничества")).to_be_visible()
    expect(page.get_by_role("heading", name="Требует внимания сейчас")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert blocking_violations(page, path) == []
    screenshot(f"monitoring_{width}")

    page.get_by_label("Показатели на дату").fill("01.12.2026")
    page.get_by_role("button", name="Показать").click()
    expect(page).to_have_url(f"{live_server.url}{path}?on=01.12.2026")
    expect(page.get_by_text("на 01.12.2026")).to_be_visible()

    page.get_by_role("link", name="Доля мероприятий дорожной карты, выполненных в срок").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Доля мероприятий дорожной карты, выполненных в срок"
    )
    assert "on=01.12.2026" in page.url
    expect(page.get_by_role("columnheader", name="В числителе")).to_be_visible()
    assert blocking_violations(page, page.url.removeprefix(live_server.url)) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    screenshot(f"monitoring_records_{width}")
    assert policy_violations == []


def test_coordinator_reads_the_page_and_gets_counts_of_people(
    context, page, live_server, demo_school, policy_violations, screenshot
):
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in_as(page, live_server, "coordinator")
    path = reverse("monitoring", args=[demo_school.pk])
    visit(page, live_server, path, policy_violations)
    expect(page.get_by_role("heading", name="Показатели и целевые значения")).to_be_visible()
    expect(page.get_by_role("link", name="Целевые значения")).to_have_count(0)
    page.get_by_role(
        "link", name="Доля обучающихся 10–18 лет, вошедших в программы в роли наставляемого"
    ).click()
    expect(page.get_by_text("Здесь — только числа")).to_be_visible()
    screenshot("monitoring_records_coordinator")
    assert policy_violations == []


@pytest.mark.parametrize("width", WIDTHS)
def test_curator_reads_the_people_behind_a_figure(
    context, page, live_server, demo_school, policy_violations, screenshot, width
):
    path = reverse("monitoring_records", args=[demo_school.pk, "young_teachers"])
    _open_as_curator(context, page, live_server, path, width, policy_violations)
    expect(page.get_by_role("columnheader", name="Стаж, лет")).to_be_visible()
    assert page.locator("tbody tr").count() > 0
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert blocking_violations(page, path) == []
    screenshot(f"monitoring_people_{width}")
