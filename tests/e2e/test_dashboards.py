"""The home page of each role of the demo school, on a computer and on a phone: what it shows,
every tile leading to its list, and nothing wider than the screen."""

import pytest
from playwright.sync_api import expect

from tests.e2e.demo import sign_in_as, visit

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ROLES = ["curator", "director", "psychologist", "teacher", "coordinator", "curator2"]
WIDTHS = {"desktop": 1280, "phone": 390}


def _page_width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


@pytest.mark.parametrize("role", ROLES)
def test_home_page_of_each_role(
    page, live_server, demo_school, policy_violations, screenshot, role
):
    sign_in_as(page, live_server, role)
    dashboard = page.get_by_test_id("dashboard")
    expect(dashboard).to_be_visible()
    if role == "teacher":
        card = page.get_by_test_id("my-pair-card")
        expect(card).to_be_visible()
        expect(card).to_contain_text("Следующая встреча")
        expect(page.get_by_test_id("no-pairs")).to_have_count(0)
    if role == "psychologist":
        expect(page.get_by_test_id("mentee-request").first).to_be_visible()
    for name, width in WIDTHS.items():
        page.set_viewport_size({"width": width, "height": 900})
        page.reload()
        assert _page_width(page) <= width, f"{role} at {width} px scrolls sideways"
        screenshot(f"home-{role}-{name}")
    page.set_viewport_size({"width": WIDTHS["desktop"], "height": 900})
    links = page.locator("[data-tile]").evaluate_all(
        "tiles => tiles.map(t => t.getAttribute('href'))"
    )
    assert bool(links) == (role in ("curator", "director", "psychologist", "curator2"))
    for href in links:
        visit(page, live_server, href, policy_violations)
