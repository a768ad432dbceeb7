"""The school's public page in a browser: open without signing in on the demo school, clean
under axe-core on a laptop and a phone, and a curator's work on it — copying its address,
writing news, showing an order."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from mentoring.models import Consent
from mentoring.services.consents import consent_withdraw
from reports.models import Order, PublicPage
from tests.e2e.demo import sign_in_as
from tests.e2e.test_accessibility import AXE, blocking_violations

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def public_path(demo_school):
    page = PublicPage.objects.get(organisation=demo_school)
    return reverse("public_school", args=[page.slug])


@pytest.mark.parametrize("width", [1280, 390])
def test_anyone_reads_the_demo_schools_page_without_serious_findings(
    context, page, live_server, public_path, screenshot, width
):
    context.add_init_script(path=AXE)
    page.set_viewport_size({"width": width, "height": 900})

    response = page.goto(live_server.url + public_path)

    assert response.status == 200
    expect(page).to_have_title("Наставничество · МАОУ СОШ № 7 · Наставник")
    expect(page.get_by_role("heading", name="Наставничество в МАОУ СОШ № 7")).to_be_visible()
    expect(page.get_by_role("heading", name="Стартовала программа наставничества")).to_be_visible()
    expect(page.get_by_role("link", name="скачать PDF")).to_be_visible()
    expect(page.locator("footer")).to_contain_text("school7@demo.nastavnik.ru")
    # Nothing wider than the screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    found = blocking_violations(page, public_path)
    # The current stage's table, and the others once opened.
    for summary in page.locator(".public-stage > summary").all():
        summary.click()
    found += blocking_violations(page, f"{public_path} (stages open)")
    screenshot(f"public-page-{width}")
    assert not found, "\n".join(found)

    with page.expect_download() as download:
        page.get_by_role("link", name="скачать PDF").click()
    assert download.value.suggested_filename.endswith(".pdf")


def test_withdrawing_the_curators_consent_takes_the_order_off_at_once(
    page, live_server, demo_school, public_path
):
    page.goto(live_server.url + public_path)
    expect(page.get_by_role("link", name="скачать PDF")).to_be_visible()
    order = Order.objects.get(organisation=demo_school, is_public=True)
    consent = Consent.objects.get(person__in=order.people.all(), kind=Consent.Kind.DISSEMINATION)

    consent_withdraw(consent=consent, withdrawn_on=consent.given_on)
    page.reload()

    expect(page.get_by_role("link", name="скачать PDF")).to_have_count(0)
    assert (
        page.goto(
            live_server.url
            + reverse("public_order_pdf", args=[public_path.split("/")[2], order.pk])
        ).status
        == 404
    )


def test_a_curator_copies_the_address_writes_news_and_closes_the_page(
    context, page, live_server, demo_school, public_path
):
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    sign_in_as(page, live_server, "curator")
    page.goto(live_server.url + reverse("public_page_settings", args=[demo_school.pk]))

    page.get_by_role("button", name="Копировать").click()
    expect(page.get_by_role("button", name="Скопировано")).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()") == live_server.url + public_path

    page.get_by_role("link", name="Новости").first.click()
    page.get_by_role("link", name="Добавить новость").click()
    page.get_by_label("Заголовок").fill("Итоговая конференция наставников")
    page.get_by_label("Текст").fill("Пары рассказали о своих результатах.")
    page.get_by_role("button", name="Сохранить").click()
    expect(page.get_by_text("Новость сохранена.")).to_be_visible()

    page.goto(live_server.url + public_path)
    expect(page.get_by_role("heading", name="Итоговая конференция наставников")).to_be_visible()

    page.goto(live_server.url + reverse("public_page_settings", args=[demo_school.pk]))
    page.get_by_label("Страница открыта").uncheck()
    page.get_by_role("button", name="Сохранить").click()
    expect(page.get_by_text("Страница закрыта")).to_be_visible()
    page.context.clear_cookies()
    assert page.goto(live_server.url + public_path).status == 404
