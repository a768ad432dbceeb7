"""The curator creates a campaign for all teachers in the browser, launches it and watches the
response rate, on a laptop and on a phone; the pages have no serious axe-core findings."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from surveys.models import Campaign
from tests.e2e.demo import sign_in_as
from tests.e2e.slow_scripts import hold_script
from tests.e2e.test_accessibility import blocking_violations
from tests.surveys.factories import make_questionnaire

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WIDTHS = (1280, 390)


def _fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_create_launch_and_watch_a_campaign(context, page, live_server, demo_school, screenshot):
    from tests.e2e.test_accessibility import AXE

    context.add_init_script(path=AXE)
    make_questionnaire(demo_school, title="Удовлетворённость наставников")
    sign_in_as(page, live_server, "curator")
    page.goto(live_server.url + reverse("campaign_list", args=[demo_school.pk]))
    page.get_by_role("link", name="Новое анкетирование").first.click()

    page.get_by_label("Анкета").select_option(label="Удовлетворённость наставников — Другая анкета")
    expect(page.get_by_label("Название анкетирования")).to_have_value(
        "Удовлетворённость наставников"
    )
    page.get_by_label("Кому").select_option("chosen")
    expect(page.get_by_label("Люди")).to_be_visible()
    expect(page.get_by_label("Классы")).to_be_hidden()
    page.get_by_label("Кому").select_option("all_teachers")
    closes = timezone.localdate() + timedelta(days=7)
    page.get_by_label("Закрывается (дата)").fill(closes.strftime("%d.%m.%Y"))
    assert blocking_violations(page, "campaign_create") == []
    page.get_by_role("button", name="Создать").click()

    campaign = Campaign.objects.filter(organisation=demo_school).latest("pk")
    expect(page).to_have_url(live_server.url + reverse("campaign_detail", args=[campaign.pk]))
    page.get_by_role("link", name="Разослать приглашения").click()
    launch = page.get_by_role("button", name="Разослать")
    expect(launch).to_contain_text("Разослать")
    launch.click()

    expect(page.locator("#campaign-rate")).to_contain_text("ответили 0 из")
    campaign.refresh_from_db()
    assert campaign.launched_at is not None and campaign.participations.exists()
    # Someone answers: the rate on the open page follows within the polling interval.
    first = campaign.participations.order_by("pk").first()
    first.submitted_at = timezone.now()
    first.save(update_fields=["submitted_at"])
    expect(page.locator("#campaign-rate")).to_contain_text("ответили 1 из", timeout=15_000)

    for path in (
        reverse("campaign_detail", args=[campaign.pk]),
        reverse("campaign_list", args=[demo_school.pk]),
    ):
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            page.goto(live_server.url + path)
            assert _fits(page), f"{path} at {width}px runs off the side"
            assert blocking_violations(page, path) == []
            screenshot(f"campaign-{path.strip('/').replace('/', '-')}-{width}")


def test_a_questionnaire_chosen_before_the_script_arrives_still_names_the_campaign(
    page, live_server, demo_school
):
    make_questionnaire(demo_school, title="Удовлетворённость наставников")
    sign_in_as(page, live_server, "curator")
    arrive = hold_script(page, "campaign_form.js")
    page.goto(live_server.url + reverse("campaign_create", args=[demo_school.pk]))
    page.get_by_label("Анкета").select_option(label="Удовлетворённость наставников — Другая анкета")
    expect(page.get_by_label("Название анкетирования")).to_have_value("")

    arrive()
    expect(page.get_by_label("Название анкетирования")).to_have_value(
        "Удовлетворённость наставников"
    )
