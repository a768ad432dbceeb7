"""The municipal coordinator supervises a school of the demo: from the municipality's overview
to the school's roadmap and its approved orders, read-only, on a laptop and on a phone."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from reports.models import Order
from tests.e2e.demo import sign_in_as

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WIDTHS = {"laptop": 1280, "phone": 390}


@pytest.mark.parametrize("screen", WIDTHS)
def test_coordinator_reads_a_schools_roadmap_and_approved_orders(
    page, live_server, demo_school, screenshot, screen
):
    school = demo_school
    approved = Order.objects.filter(organisation=school, status=Order.Status.APPROVED).first()
    draft = Order.objects.filter(organisation=school, status=Order.Status.DRAFT).first()
    page.set_viewport_size({"width": WIDTHS[screen], "height": 900})
    sign_in_as(page, live_server, "coordinator")
    screenshot(f"coordinator-dashboard-{screen}")

    row = page.get_by_role("row").filter(has_text=school.short_name)
    row.get_by_role("link", name="Дорожная карта").click()
    expect(page).to_have_url(live_server.url + reverse("roadmap_detail", args=[school.pk]))
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.get_by_role("button", name="Отметить")).to_have_count(0)
    expect(page.get_by_role("link", name="Изменить")).to_have_count(0)
    expect(page.get_by_role("button", name="Добавить этап")).to_have_count(0)
    screenshot(f"coordinator-roadmap-{screen}")

    page.go_back()
    row = page.get_by_role("row").filter(has_text=school.short_name)
    row.get_by_role("link", name="Утверждённые приказы").click()
    expect(page).to_have_url(live_server.url + reverse("order_list", args=[school.pk]))
    expect(page.get_by_role("link", name="Новый приказ")).to_have_count(0)
    draft_url = reverse("order_detail", args=[draft.pk])
    expect(page.locator(f'a[href="{draft_url}"]')).to_have_count(0)
    expect(page.locator(f'a[href="{reverse("order_detail", args=[approved.pk])}"]')).to_be_visible()
    screenshot(f"coordinator-orders-{screen}")

    page.goto(live_server.url + reverse("order_detail", args=[approved.pk]))
    expect(page.get_by_test_id("order-status")).to_have_text("Утверждён")
    expect(page.get_by_role("link", name="Подготовить изменения")).to_have_count(0)
    screenshot(f"coordinator-order-{screen}")

    response = page.goto(live_server.url + draft_url)
    assert response.status == 403
