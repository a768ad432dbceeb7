"""A monitoring report in the browser: the curator creates the December report, writes the
conclusions, issues it, waits for the PDF and downloads it."""

import pytest
from playwright.sync_api import expect

from reports.models import MonitoringReport

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_curator_creates_writes_issues_and_downloads_a_report(
    page, live_server, sign_in, screenshot, school, curator
):
    sign_in(curator.email)
    page.goto(f"{live_server.url}/schools/{school.pk}/monitoring/reports/")
    expect(page.get_by_text("Отчётов пока нет.")).to_be_visible()
    page.get_by_role("link", name="Новый отчёт").click()
    page.get_by_label("Промежуточный мониторинг (декабрь)").check()
    screenshot("monitoring-reports-01-create")
    page.get_by_role("button", name="Создать черновик").click()
    expect(page.get_by_text("Черновик отчёта создан.")).to_be_visible()
    expect(page.get_by_role("heading", name="Показатели", exact=True)).to_be_visible()

    page.get_by_role("link", name="Выводы и предложения").click()
    page.get_by_label("Выводы").fill("Программа идёт по плану.\nВсе пары встречаются.")
    page.get_by_label("Предложения").fill("Провести анкетирование «после».")
    page.get_by_role("button", name="Сохранить").click()
    expect(page.get_by_text("Программа идёт по плану.")).to_be_visible()
    screenshot("monitoring-reports-02-draft")

    page.get_by_role("link", name="Выпустить").click()
    expect(page.get_by_role("heading", name="Выпустить отчёт?")).to_be_visible()
    page.get_by_role("button", name="Выпустить").click()
    expect(page.get_by_text("Отчёт выпущен: его данные больше не меняются.")).to_be_visible()
    download = page.get_by_role("link", name="Скачать PDF")
    expect(download).to_be_visible(timeout=20000)
    screenshot("monitoring-reports-03-issued")
    response = page.request.get(live_server.url + download.get_attribute("href"))
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")
    report = MonitoringReport.objects.get()
    assert report.is_issued
    assert report.conclusions == "Программа идёт по плану.\nВсе пары встречаются."
