"""The curator reads on a draft order how it declines the names and corrects one on the
person's record."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from mentoring.models import Membership, Role
from reports.models import Order
from reports.services.orders import order_draft
from tests.e2e.demo import sign_in_as, visit

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_the_draft_shows_the_declined_names_and_links_to_correct_them(
    page, live_server, demo_school, policy_violations, screenshot
):
    curator = Membership.objects.get(organisation=demo_school, role=Role.CURATOR).user
    person = curator.person
    order = order_draft(
        organisation=demo_school, kind=Order.Kind.CURATOR, actor=curator, people=[person]
    )
    accusative = person.name_in("accusative")

    sign_in_as(page, live_server, "curator")
    visit(page, live_server, reverse("order_detail", args=[order.pk]), policy_violations)
    names = page.locator(".order-names")
    expect(names).to_contain_text(accusative)
    expect(names).to_contain_text("винительный")
    screenshot("decline-order-names")

    names.get_by_role("link", name=person.full_name).click()
    edit = reverse("person_edit", args=[person.pk])
    expect(page).to_have_url(f"{live_server.url}{edit}#name-cases")
    block = page.locator("details#name-cases")
    # The link opens the collapsed block.
    expect(block).to_have_attribute("open", "")
    page.get_by_label("Винительный (кого?)").fill(f"{accusative} (испр.)")
    screenshot("decline-person-form")
    page.get_by_role("button", name="Сохранить").click()
    person.refresh_from_db()
    assert person.name_cases == {"accusative": f"{accusative} (испр.)"}
    assert policy_violations == []
