"""The curator makes the year's roadmap from each built-in template on the roadmap page and
reads it on a laptop and on a phone: the document's own numbers and sub-headings show, and
nothing runs off the side of the page."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from roadmap.models import Roadmap
from roadmap.templates_data import TEMPLATES
from tests.e2e.demo import sign_in_as

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WIDTHS = (1280, 390)


@pytest.mark.parametrize("key", list(TEMPLATES))
def test_a_roadmap_from_each_template(page, live_server, demo_school, screenshot, key):
    Roadmap.objects.filter(organisation=demo_school).delete()
    template = TEMPLATES[key]
    sign_in_as(page, live_server, "curator")
    page.goto(live_server.url + reverse("roadmap_detail", args=[demo_school.pk]))

    page.locator(f"#source-{key}").check()
    page.get_by_role("button", name="Создать дорожную карту").click()

    table = page.locator("table.roadmap-table")
    expect(table).to_be_visible()
    expect(table.locator("tr.rm-stage")).to_have_count(len(template.stages))
    expect(table.locator("tr[id^='activity-']")).to_have_count(template.activity_count)
    subheadings = {a.subheading for s in template.stages for a in s.activities if a.subheading}
    expect(table.locator("tr.rm-subheading")).to_have_count(len(subheadings))
    labels = [a.label for s in template.stages for a in s.activities if a.label]
    if labels:
        expect(table.locator("td.rm-num").first).to_have_text(labels[0])

    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.wait_for_timeout(100)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{key} at {width} px scrolls sideways by {overflow} px"
        screenshot(f"roadmap-template-{key}-{width}")
