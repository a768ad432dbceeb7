"""The coordinator reads the municipality's summary of the schools' monitoring: sorts it by an
indicator, opens a school's monitoring page and downloads the summary, on a laptop and a phone."""

import re
from io import BytesIO
from pathlib import Path

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from playwright.sync_api import expect

from tests.e2e.demo import sign_in_as

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WIDTHS = {"laptop": 1280, "phone": 390}


@pytest.mark.parametrize("screen", WIDTHS)
def test_coordinator_sorts_drills_down_and_exports(
    page, live_server, demo_school, screenshot, screen
):
    school = demo_school
    page.set_viewport_size({"width": WIDTHS[screen], "height": 900})
    sign_in_as(page, live_server, "coordinator")
    page.goto(live_server.url + reverse("municipal_summary", args=[school.municipality_id]))
    expect(page.get_by_role("heading", level=1)).to_have_text("Сводка мониторинга школ")

    page.get_by_label("Сортировать").select_option(
        label="по показателю «Удовлетворённость наставляемых участием»"
    )
    page.get_by_role("button", name="Показать").click()
    expect(page).to_have_url(re.compile("sort=mentee_satisfaction"))
    expect(page.get_by_test_id("summary")).to_contain_text(school.short_name)
    screenshot(f"municipal-summary-{screen}")

    with page.expect_download() as download:
        page.get_by_role("link", name="Скачать сводку (Excel)").click()
    sheet = load_workbook(BytesIO(Path(download.value.path()).read_bytes())).active
    assert school.short_name in [row[0] for row in sheet.iter_rows(values_only=True)]

    page.get_by_test_id("summary").get_by_role("link", name=school.short_name).click()
    expect(page).to_have_url(re.compile(re.escape(reverse("monitoring", args=[school.pk]))))
    expect(page.get_by_role("heading", level=1)).to_have_text("Мониторинг программы наставничества")
    screenshot(f"municipal-drilldown-{screen}")

    page.goto(live_server.url + reverse("municipal_statistics", args=[school.municipality_id]))
    expect(page.get_by_test_id("school-counts")).to_contain_text(school.short_name)
    screenshot(f"municipal-statistics-{screen}")
